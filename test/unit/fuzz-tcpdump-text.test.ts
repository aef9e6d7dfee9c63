// Fuzz: the tcpdump text reader and the timeline built from it (timelineOfText). What it
// protects: text pasted into the editor or piped to the CLI is anything at all (random lines,
// real tcpdump lines with characters lost, added or changed, lines dropped, repeated or swapped):
// the reader and the timeline engine behind it never throw, finish in time linear in the text,
// give the same answer however the text is chunked, and hand out only numbers the line held
// within their range (ports, 32-bit seq/ack) and counts that add up.
// Replay a failure: TSL_FUZZ_SEED=<seed printed> [TSL_FUZZ_PATH=<path>] node --test out/test/unit/fuzz-tcpdump-text.test.js
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { fuzz, type Fuzz } from './fuzz-harness';
import { readTcpdumpText, TcpdumpTextReader, type TextSegment } from '../../src/core/capture';
import { timelineOfText } from '../../src/core/timeline';
import { RFC_STATES } from '../../src/core/model/states';

// ----

/** Real tcpdump output (test/unit/capture-tcpdump-text.test.ts prints these from real captures): one connection's life and its neighbours. */
const REAL = [
  'reading from file x.pcap, link-type EN10MB (Ethernet), snapshot length 262144',
  '13:13:54.695508 IP (tos 0x0, ttl 64, id 41440, offset 0, flags [DF], proto TCP (6), length 60)',
  '    127.0.0.1.45142 > 127.0.0.1.45678: Flags [S], cksum 0xfe30 (incorrect -> 0x22a1), seq 23743817, win 65495, options [mss 65495,sackOK,TS val 3629032342 ecr 0,nop,wscale 10], length 0',
  '13:13:54.695532 IP 127.0.0.1.45678 > 127.0.0.1.45142: Flags [S.], seq 1697059298, ack 23743818, win 65483, options [mss 65495,sackOK,TS val 3629032342 ecr 3629032342,nop,wscale 10], length 0',
  '13:13:54.695556 IP 127.0.0.1.45142 > 127.0.0.1.45678: Flags [.], ack 1, win 64, length 0',
  '13:13:54.697079 IP 127.0.0.1.45142 > 127.0.0.1.45678: Flags [P.], seq 1:15, ack 1, win 64, length 14',
  '13:13:54.697090 IP 127.0.0.1.45678 > 127.0.0.1.45142: Flags [.], ack 15, win 64, options [nop,nop,sack 1 {1:15}], length 0',
  '13:13:54.697100 IP 127.0.0.1.45678 > 127.0.0.1.45142: Flags [P.], seq 1:101, ack 15, win 64, length 100: HTTP',
  '13:13:54.697110 IP 127.0.0.1.45142 > 127.0.0.1.45678: Flags [F.], seq 15, ack 101, win 64, length 0',
  '13:13:54.697120 IP 127.0.0.1.45678 > 127.0.0.1.45142: Flags [F.], seq 101, ack 16, win 64, length 0',
  '13:13:54.697130 IP 127.0.0.1.45142 > 127.0.0.1.45678: Flags [.], ack 102, win 64, length 0',
  '13:13:54.697140 IP 127.0.0.1.45678 > 127.0.0.1.45142: Flags [R.], seq 102, ack 16, win 0, length 0',
  '1700000000.000001 lo    In  IP6 ::1.45678 > ::1.45142: Flags [S.], seq 1697059298, ack 23743818, win 65483, length 0',
  '2026-12-02 13:13:54.695508 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [SEW], seq 1, win 1, length 0',
  ' 00:00:01.500000 IP 10.0.0.1.53 > 10.0.0.2.53: UDP, length 40',
  '13:13:56.771944 52:54:00:12:34:56 > 52:54:00:65:43:21, ethertype 802.1Q (0x8100), length 78: vlan 10, p 0, ethertype IPv4 (0x0800), 10.0.0.1.5000 > 10.0.0.2.22: Flags [S], seq 1, win 1, length 0',
  '12:00:00.000001 IP 10.0.0.1.22 > 10.0.0.2.5000: tcp 1448',
  '12:00:00.000001 IP 10.0.0.1.22 > 10.0.0.2.5000: Flags [S], seq 1, win 0, [bad hdr length 4 - too short, < 20]',
  '\t0x0000:  4500 0034 1234 4000 4006 0000 0a00 0001',
  '13:13:54.695556 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28',
  '3 packets captured',
];

const ALPHABET = ' .:,>[]()-{}0123456789abcdefIPSFR.\t\r'.split('');
const junk = fc.string({ maxLength: 12, size: 'max', unit: fc.oneof(fc.constantFrom(...ALPHABET), fc.constantFrom('IP ', 'Flags [', 'seq ', 'ack ', ' > ', 'options [', 'sack 1 {', 'length ', '4294967296', '99999999999', '65536'), fc.string({ maxLength: 1, unit: 'binary' })) });
/** A real line damaged: characters deleted, inserted or replaced, a number swapped for a huge one. */
const mutated = fc.tuple(fc.constantFrom(...REAL), fc.array(fc.tuple(fc.constantFrom('delete', 'insert', 'number'), fc.nat(), fc.nat({ max: 8 }), junk), { maxLength: 4 })).map(([line, edits]) => {
  let out = line;
  for (const [kind, where, span, text] of edits) {
    const at = where % (out.length + 1);
    if (kind === 'delete') out = out.slice(0, at) + out.slice(at + span);
    else if (kind === 'insert') out = out.slice(0, at) + text + out.slice(at);
    else out = out.slice(0, at) + out.slice(at).replace(/\d+/, ['4294967296', '99999999999', '0', '65536', '18446744073709551616'][span % 5]!);
  }
  return out;
});
const aLine = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...REAL) }, { weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: fc.string({ maxLength: 100, size: 'max', unit: 'binary' }) });
/** Lines in order with some dropped, repeated or swapped (what the timeline engine must survive), joined by \n or \r\n. */
const text = fc.tuple(fc.array(aLine, { maxLength: 30, size: 'max' }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([lines, eol, last]) => lines.join(eol) + (last ? eol : ''));
const cuts = fc.array(fc.nat(), { maxLength: 12, size: 'max' });

function readChunks(chunks: readonly string[]): { segments: TextSegment[]; summary: unknown } {
  const reader = new TcpdumpTextReader();
  const segments: TextSegment[] = [];
  for (const chunk of chunks) segments.push(...reader.push(chunk));
  const { last, ...summary } = reader.end();
  return { segments: [...segments, ...last], summary };
}

function cutAt(whole: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((p) => p % (whole.length + 1)))].sort((a, b) => a - b);
  return [...points, whole.length].map((p, i, all) => whole.slice(i === 0 ? 0 : all[i - 1], p));
}

/** Every number a segment carries is a finite integer in its field's range; counts add up. */
function wellFormed(whole: string): void {
  const { segments, summary } = readTcpdumpText(whole);
  const lines = whole.split('\n').length;
  assert.ok(summary.lines <= lines && summary.segments === segments.length && summary.skipped <= summary.lines, JSON.stringify(summary));
  const int = (n: number | undefined, max: number, what: string): void => assert.ok(n === undefined || (Number.isInteger(n) && n >= 0 && n <= max), `${what} = ${n}`);
  for (const s of segments) {
    assert.ok(s.line >= 1 && s.line <= summary.lines && s.packet >= 1 && s.packet <= summary.lines, `line ${s.line}, packet ${s.packet}`);
    int(s.srcPort, 65535, 'src port');
    int(s.dstPort, 65535, 'dst port');
    for (const [n, what] of [[s.seq, 'seq'], [s.ack, 'ack'], [s.printedSeq, 'printed seq'], [s.printedAck, 'printed ack'], [s.window, 'win'], [s.urgent, 'urg']] as const) int(n, 2 ** 32 - 1, what);
    int(s.flagBits, 511, 'flags');
    int(s.payloadLength, Number.MAX_SAFE_INTEGER, 'length');
    assert.ok(s.timeNs === undefined || typeof s.timeNs === 'bigint');
  }
}

export const FUZZ: readonly Fuzz[] = [
  fuzz(
    'fuzz tcpdump text: random and damaged lines never throw, numbers stay in range, any chunking reads the same',
    400,
    fc.property(text, cuts, (whole, at) => {
      const started = performance.now();
      wellFormed(whole);
      assert.deepEqual(readChunks(cutAt(whole, at)), readChunks([whole]));
      assert.ok(performance.now() - started < 1000 + whole.length / 100, `${performance.now() - started} ms`);
    }),
  ),
  fuzz(
    'fuzz tcpdump text: the timeline of random and damaged connection text never throws, under both profiles',
    300,
    fc.property(text, fc.constantFrom<'linux' | 'rfc9293'>('linux', 'rfc9293'), (whole, profile) => {
      const timeline = timelineOfText(whole, { profile, keepSegments: true });
      const read = readTcpdumpText(whole).segments.length;
      assert.equal(timeline.tcpSegments, read, 'every segment read reaches the timeline');
      let shown = 0;
      for (const c of timeline.connections) {
        shown += c.segments[0] + c.segments[1];
        assert.equal(c.segmentList.length, c.segments[0] + c.segments[1], `connection ${c.id}: its segments, all kept`);
        for (const s of c.segmentList) assert.ok(s.states.every((st) => st === 'UNKNOWN' || RFC_STATES.includes(st)) && s.rows.every((r) => /^[URT]\d+$/.test(r)), JSON.stringify(s));
      }
      assert.ok(shown <= read, `${shown} segments shown of ${read}`);
    }),
  ),
  fuzz(
    'fuzz tcpdump text: an over-long line among real ones is skipped alone, in time linear in its length',
    20,
    fc.property(fc.constantFrom(...REAL), junk, fc.integer({ min: 16_400, max: 200_000 }), (real, unit, length) => {
      const started = performance.now();
      const long = (unit || 'x').repeat(Math.ceil(length / Math.max(unit.length, 1))).replace(/\n/g, ' ');
      const { segments, summary } = readTcpdumpText(`${real}\n${long}\n${real}\n`);
      assert.equal(segments.length, 2 * readTcpdumpText(real).segments.length);
      assert.ok(summary.lines === 3 && performance.now() - started < 2000);
    }),
  ),
];
