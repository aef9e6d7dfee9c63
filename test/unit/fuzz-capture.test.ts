// Fuzz: the capture reader (pcap and pcapng). What it protects: a user's capture file, damaged or
// not a capture at all, never crashes the timeline or the CLI: the reader only ever ends with its
// own CaptureError, in time bounded by the input; it never invents what the bytes do not hold (a
// read past the captured bytes gives `undefined`, which bit operations turn into 0 and arithmetic
// into NaN): random valid captures of every decoded link type, cut at random snap lengths, read
// back field for field; damaged ones give only finite, in-range fields; chunking changes nothing.
// Replay a failure: TSL_FUZZ_SEED=<seed printed> [TSL_FUZZ_PATH=<path>] node --test out/test/unit/fuzz-capture.test.js
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { fuzz, type Fuzz } from './fuzz-harness';
import { CaptureReader, ipv4Text, ipv6Text, readCapture, type CaptureEnd, type CapturedSegment } from '../../src/core/capture';
import { timelineOfCapture } from '../../src/core/timeline';
import { concat, enhancedPacket, ethernet, interfaceDescription, ipv4, ipv6, pcapFile, sectionHeader, simplePacket, tcpHeader } from './capture-writer';

// ----

const u16be = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
/** The link layers the reader decodes, by link type: the header before the IP packet. */
const LINKS: Record<number, (v: 4 | 6, tags: number) => Uint8Array> = {
  1: (v, tags) => ethernet(new Uint8Array(0), v === 4 ? 0x0800 : 0x86dd, Array.from({ length: tags }, (_, i) => [0x8100, 0x88a8, 0x9100][i % 3]!)),
  113: (v) => Uint8Array.from([...new Array(14).fill(0), ...u16be(v === 4 ? 0x0800 : 0x86dd)]),
  276: (v) => Uint8Array.from([...u16be(v === 4 ? 0x0800 : 0x86dd), ...new Array(18).fill(0)]),
  0: (v) => Uint8Array.from(v === 4 ? [2, 0, 0, 0] : [0, 0, 0, 30]),
  108: (v) => Uint8Array.from(v === 4 ? [0, 0, 0, 2] : [24, 0, 0, 0]),
  ...Object.fromEntries([101, 228, 229].map((raw) => [raw, () => new Uint8Array(0)])),
};

const packetSpec = fc.record({
  ...{ v: fc.constantFrom<4 | 6>(4, 6), tags: fc.nat({ max: 3 }), src: fc.uint8Array({ minLength: 16, maxLength: 16 }), dst: fc.uint8Array({ minLength: 16, maxLength: 16 }) },
  ipOptions: fc.nat({ max: 10 }).map((words) => new Uint8Array(words * 4).fill(1)),
  ext: fc.array(fc.constantFrom(0, 60, 44), { maxLength: 3 }),
  tcp: fc.record({ srcPort: fc.nat({ max: 65535 }), dstPort: fc.nat({ max: 65535 }), seq: fc.nat({ max: 2 ** 32 - 1 }), ack: fc.nat({ max: 2 ** 32 - 1 }), flags: fc.nat({ max: 511 }), window: fc.nat({ max: 65535 }), options: fc.uint8Array({ maxLength: 40, size: 'max' }), payload: fc.nat({ max: 300 }) }),
  ...{ cut: fc.option(fc.nat(), { freq: 2 }), trailer: fc.nat({ max: 8 }) },
});
type PacketSpec = typeof packetSpec extends fc.Arbitrary<infer T> ? T : never;

/** The frame's bytes and where its IP and TCP headers start (raw-IP link types carry only their own version). */
function frameOf(linkType: number, p: PacketSpec) {
  const v = linkType === 228 ? 4 : linkType === 229 ? 6 : p.v;
  const tcp = tcpHeader(p.tcp);
  const extensions = p.ext.map((type): [number, Uint8Array] => [type, type === 44 ? Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 7) : new Uint8Array(8)]);
  const ip = v === 4 ? ipv4(tcp, { payload: p.tcp.payload, options: p.ipOptions, src: [...p.src.subarray(0, 4)], dst: [...p.dst.subarray(0, 4)], flagsAndOffset: 0 }) : ipv6(tcp, { payload: p.tcp.payload, src: p.src, dst: p.dst, extensions });
  const link = LINKS[linkType]!(v, p.tags);
  const tcpAt = link.length + (v === 4 ? 20 + p.ipOptions.length : 40 + 8 * p.ext.length);
  return { data: concat(link, ip, new Uint8Array(p.trailer)), ipAt: link.length, tcpAt, tcpLength: tcp.length, v: v as 4 | 6, spec: p };
}
type Frame = ReturnType<typeof frameOf>;

/** Every field the reader hands out is a finite integer in its range, every address well formed. */
function inRange(s: CapturedSegment, end: CaptureEnd): void {
  const int = (n: number, max: number, what: string): void => assert.ok(Number.isInteger(n) && n >= 0 && n <= max, `${what} = ${n}`);
  int(s.index, end.frames, 'index');
  [s.srcPort, s.dstPort, s.window].forEach((n) => int(n, 65535, 'port/window'));
  [s.seq, s.ack].forEach((n) => int(n, 2 ** 32 - 1, 'seq/ack'));
  int(s.flagBits, 511, 'flags');
  int(s.payloadLength, 2 ** 32 - 1, 'payload');
  assert.ok(s.headerLength % 4 === 0 && s.headerLength <= 60, `header ${s.headerLength}`);
  const { mss, windowScale, sack, timestamp, other } = s.options;
  [mss ?? 0, ...(sack ?? []).flatMap((b) => [b.left, b.right]), ...(timestamp ? [timestamp.value, timestamp.echoReply] : [])].forEach((n, i) => int(n, i === 0 ? 65535 : 2 ** 32 - 1, 'mss/sack/ts'));
  [windowScale ?? 0, ...(other ?? [])].forEach((n) => int(n, 255, 'wscale/option kind'));
  const address = s.ipVersion === 4 ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/ : /^[0-9a-f:]+(\.\d{1,3}){0,3}$/;
  for (const a of [s.src, s.dst]) assert.ok(address.test(a) && !/NaN|undefined/.test(a), `address ${a}`);
}

function readInChunks(bytes: Uint8Array, chunk: number): { segments: CapturedSegment[]; end: CaptureEnd } {
  const reader = new CaptureReader();
  const segments: CapturedSegment[] = [];
  for (let at = 0; at < bytes.length; at += chunk) segments.push(...reader.push(bytes.subarray(at, at + chunk)));
  return { segments, end: reader.end() };
}

/** Reads a file whole and in chunks: the only error is a CaptureError, all fields are in range, the chunks agree, and it is quick. */
function survives(bytes: Uint8Array, chunk: number): void {
  const started = performance.now();
  const whole = readCapture(bytes);
  const { segments, end } = whole;
  assert.ok(end.error === undefined || (end.error.name === 'CaptureError' && end.error.byteOffset >= 0 && end.error.byteOffset <= bytes.length), String(end.error));
  assert.equal(end.frames, end.tcpSegments + end.nonTcp + end.undecodable, 'every frame counted once');
  assert.equal(segments.length, end.tcpSegments);
  segments.forEach((s, i) => (inRange(s, end), assert.ok(i === 0 || s.index > segments[i - 1]!.index)));
  assert.deepEqual(readInChunks(bytes, chunk), whole, `chunks of ${chunk}`);
  timelineOfCapture(bytes);
  assert.ok(performance.now() - started < 2000 + bytes.length / 1000, `${performance.now() - started} ms for ${bytes.length} bytes`);
}

const linkType = fc.constantFrom(...Object.keys(LINKS).map(Number));
/** A field a mutation may set to a huge value: where, how wide, in which byte order. */
type Field = readonly [at: number, width: 1 | 2 | 4, le: boolean];

/** Where the length fields of a frame whose bytes start at `d` are. */
const frameFields = (f: Frame, d: number): Field[] => [[d + f.ipAt, 1, false], [d + f.ipAt + (f.v === 4 ? 2 : 4), 2, false], [d + f.tcpAt + 12, 1, false], ...f.spec.ext.map((_, k): Field => [d + f.ipAt + 41 + 8 * k, 1, false])];

/** A valid capture: pcap (either byte order, µs or ns) of one link type, or pcapng with an interface per link type (enhanced and simple packet blocks); each frame maybe cut. */
const capture = fc.record({ ng: fc.boolean(), le: fc.boolean(), nano: fc.boolean(), links: fc.array(linkType, { minLength: 1, maxLength: 3 }), packets: fc.array(fc.tuple(fc.nat(), packetSpec), { maxLength: 8, size: 'max' }), simple: fc.boolean() }).map(({ ng, le, nano, links, packets, simple }) => {
  const fields: Field[] = [];
  const frames = packets.map(([pick, p], i) => {
    const iface = ng ? pick % links.length : 0;
    const f = frameOf(links[iface]!, p);
    const asSimple = ng && simple && iface === 0 && i % 2 === 1;
    return { ...f, iface, asSimple, captured: p.cut === null || asSimple ? f.data.length : p.cut % (f.data.length + 1) };
  });
  if (!ng) {
    fields.push([16, 4, le]);
    frames.reduce((at, f) => (fields.push([at + 8, 4, le], [at + 12, 4, le], ...frameFields(f, at + 16)), at + 16 + f.captured), 24);
    return { frames, fields, bytes: pcapFile({ littleEndian: le, nano, linkType: links[0]! }, frames.map((f, i) => ({ seconds: i, fraction: 0, data: f.data.subarray(0, f.captured), originalLength: f.data.length }))) };
  }
  const blocks = [sectionHeader(le), ...links.map((l) => interfaceDescription(le, l))];
  let at = blocks.reduce((n, b) => n + b.length, 0);
  for (const [i, f] of frames.entries()) {
    const block = f.asSimple ? simplePacket(le, f.data) : enhancedPacket(le, f.iface, BigInt(i), f.data.subarray(0, f.captured), f.data.length);
    fields.push([at + 4, 4, le], [at + block.length - 4, 4, le], ...(f.asSimple ? [[at + 8, 4, le] as const] : [[at + 20, 4, le] as const, [at + 24, 4, le] as const]), ...frameFields(f, at + (f.asSimple ? 12 : 28)));
    blocks.push(block);
    at += block.length;
  }
  return { frames, fields, bytes: concat(...blocks) };
});

const HUGE: Record<1 | 2 | 4, readonly number[]> = { 1: [0xff, 0, 0xf0, 0x4f], 2: [0xffff, 0, 1, 0x8000], 4: [0xffffffff, 0x7fffffff, 0x01000000, 262145, 16 * 1024 * 1024 + 4, 0] };

export const FUZZ: readonly Fuzz[] = [
  fuzz(
    'fuzz capture: a valid capture of random packets, cut at random snap lengths, reads back field for field, nothing past the cut',
    300,
    fc.property(capture, ({ bytes, frames }) => {
      const { segments, end } = readCapture(bytes);
      assert.equal(end.error, undefined);
      const expected = frames.flatMap((f, i) => (f.captured >= f.tcpAt + 20 ? [{ f, index: i + 1 }] : []));
      assert.deepEqual(segments.map((s) => s.index), expected.map((e) => e.index), 'a segment exactly where its 20 fixed TCP bytes were captured');
      segments.forEach((s, i) => {
        const { f } = expected[i]!;
        const { tcp, ext } = f.spec;
        const [src, dst] = f.v === 4 ? [ipv4Text(f.data, f.ipAt + 12), ipv4Text(f.data, f.ipAt + 16)] : [ipv6Text(f.data, f.ipAt + 8), ipv6Text(f.data, f.ipAt + 24)];
        assert.deepEqual([s.ipVersion, s.src, s.dst, s.srcPort, s.dstPort, s.seq, s.ack, s.flagBits, s.window, s.headerLength], [f.v, src, dst, tcp.srcPort, tcp.dstPort, tcp.seq, tcp.ack, tcp.flags, tcp.window, f.tcpLength]);
        assert.deepEqual([s.payloadLength, s.truncated, s.fragment], [tcp.payload, f.captured < f.data.length, f.v === 6 && ext.includes(44)]);
        assert.equal(s.options.cut === true, f.tcpLength > 20 && f.captured < f.tcpAt + f.tcpLength, 'options cut exactly when the snap length cut them');
        inRange(s, end);
      });
    }),
  ),
  fuzz(
    'fuzz capture: random bytes, bare or behind a real magic number, end in a CaptureError or a summary, quickly',
    400,
    fc.property(fc.constantFrom([], [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0], [0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0, 4], [0x0a, 0x0d, 0x0d, 0x0a]), fc.uint8Array({ maxLength: 600, size: 'max' }), fc.integer({ min: 1, max: 97 }), (magic, rest, chunk) => {
      survives(concat(Uint8Array.from(magic), rest), chunk);
    }),
  ),
  fuzz(
    'fuzz capture: valid captures mutated (bit flips, cuts, inserted bytes, length fields set huge) end in a CaptureError or a summary, quickly',
    400,
    fc.property(capture, fc.array(fc.tuple(fc.constantFrom('flip', 'cut', 'insert', 'huge', 'huge'), fc.nat(), fc.nat({ max: 2 ** 32 - 1 })), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 97 }), ({ bytes: original, fields }, mutations, chunk) => {
      let bytes: Uint8Array = Uint8Array.from(original);
      for (const [kind, where, value] of mutations) {
        const at = where % (bytes.length + 1);
        const field = fields[where % Math.max(fields.length, 1)];
        if (kind === 'flip' && at < bytes.length) bytes[at]! ^= 1 << (value % 8);
        else if (kind === 'cut') bytes = bytes.subarray(0, at);
        else if (kind === 'insert') bytes = concat(bytes.subarray(0, at), Uint8Array.from({ length: 1 + (value % 7) }, (_, i) => (value >> i) & 0xff), bytes.subarray(at));
        else if (kind === 'huge' && field && field[0] + field[1] <= bytes.length) {
          const [fieldAt, width, le] = field;
          const huge = HUGE[width][value % HUGE[width].length]!;
          for (let b = 0; b < width; b++) bytes[fieldAt + b] = (huge >>> (8 * (le ? b : width - 1 - b))) & 0xff;
        }
      }
      survives(bytes, chunk);
    }),
  ),
];
