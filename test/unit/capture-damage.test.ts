// Damaged and non-capture input: every case ends with a CaptureError at the right byte offset,
// keeps the packets read before the damage, and finishes; chunk size never changes the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CaptureError, CaptureReader, readCapture, type CaptureEnd, type CapturedSegment } from '../../src/core/capture';
import { block, concat, enhancedPacket, ethernet, ETHERTYPE_IPV4, interfaceDescription, ipv4, ipv6, pcapFile, sectionHeader, simplePacket, tcpHeader, tsresol } from './capture-writer';

const packet = (port: number, payload = 10): Uint8Array => ethernet(ipv4(tcpHeader({ srcPort: port }), { payload }), ETHERTYPE_IPV4);

/** Three records: the file header is 24 bytes, each record 16 + 64 bytes. */
const PCAP = pcapFile({ littleEndian: true, linkType: 1 }, [1, 2, 3].map((port) => ({ seconds: port, fraction: 0, data: packet(port) })));
const RECORD_BYTES = 16 + packet(1).length;

const PCAPNG_BLOCKS = [
  sectionHeader(true),
  interfaceDescription(true, 1, 0, [tsresol(9)]),
  enhancedPacket(true, 0, 1n, packet(1)),
  block(true, 0x0000_0bad, Uint8Array.of(9, 9, 9)),
  enhancedPacket(true, 0, 2n, packet(2)),
  simplePacket(true, packet(3)),
];
const PCAPNG = concat(...PCAPNG_BLOCKS);
const blockStart = (i: number): number => PCAPNG_BLOCKS.slice(0, i).reduce((sum, b) => sum + b.length, 0);

function readInChunks(bytes: Uint8Array, size: number): { segments: CapturedSegment[]; end: CaptureEnd } {
  const reader = new CaptureReader();
  const segments: CapturedSegment[] = [];
  for (let at = 0; at < bytes.length; at += size) segments.push(...reader.push(bytes.subarray(at, at + size)));
  return { segments, end: reader.end() };
}

function expectDamage(bytes: Uint8Array, offset: number, message: RegExp, kept: number): void {
  for (const size of [1, 7, bytes.length || 1]) {
    const { segments, end } = readInChunks(bytes, size);
    assert.ok(end.error instanceof CaptureError, `chunks of ${size}: expected a CaptureError`);
    assert.match(end.error.message, message);
    assert.equal(end.error.byteOffset, offset, `chunks of ${size}: ${end.error.message}`);
    assert.equal(segments.length, kept, `chunks of ${size}: packets kept`);
  }
}

function setU32(bytes: Uint8Array, at: number, value: number, littleEndian = true): Uint8Array {
  const copy = Uint8Array.from(bytes);
  new DataView(copy.buffer).setUint32(at, value, littleEndian);
  return copy;
}

test('not a capture: empty, too short, text, random bytes', () => {
  expectDamage(new Uint8Array(0), 0, /the file is empty/, 0);
  expectDamage(Uint8Array.of(0xd4, 0xc3), 0, /only 2 bytes/, 0);
  expectDamage(new TextEncoder().encode('Active Internet connections\ntcp 0 0 ESTABLISHED\n'), 0, /^not a capture file: unknown magic 0x41637469 at byte 0$/, 0);
  const random = fc.sample(fc.uint8Array({ minLength: 200, maxLength: 200 }), { numRuns: 1, seed: 42 })[0]!;
  expectDamage(random, 0, /unknown magic 0x[0-9a-f]{8} at byte 0/, 0);
});

test('classic pcap cut in the file header, a record header and a record body', () => {
  expectDamage(PCAP.subarray(0, 10), 0, /file ends inside a record at byte 0/, 0);
  const third = 24 + 2 * RECORD_BYTES;
  expectDamage(PCAP.subarray(0, third + 9), third, /file ends inside a record at byte \d+: it needs 16 bytes, 9 are left/, 2);
  expectDamage(PCAP.subarray(0, third + 30), third, /it needs 80 bytes, 30 are left/, 2);
});

test('classic pcap claiming a huge record stops at once with the offset', () => {
  const second = 24 + RECORD_BYTES;
  const damaged = setU32(PCAP, second + 8, 0xffffffff);
  expectDamage(damaged, second, new RegExp(`^record at byte ${second} claims 4294967295 bytes, more than the snap length/limit`), 1);
  const wrongVersion = setU32(PCAP, 4, 0x00070007);
  expectDamage(wrongVersion, 4, /pcap version 7/, 0);
});

test('pcapng: zero, short, unaligned and huge block lengths, a bad trailer, a missing interface', () => {
  const third = blockStart(3);
  for (const length of [0, 3, 8]) {
    expectDamage(setU32(PCAPNG, third + 4, length), third, new RegExp(`^block length ${length} at byte ${third} is smaller than 12$`), 1);
  }
  expectDamage(setU32(PCAPNG, third + 4, 13), third, /is not a multiple of 4/, 1);
  expectDamage(setU32(PCAPNG, third + 4, 0xfffffff0), third, /claims 4294967280 bytes, more than the limit/, 1);
  expectDamage(setU32(PCAPNG, blockStart(4) - 4, 99), third, /says 16 bytes at its start and 99 at its end/, 1);
  const noInterface = concat(sectionHeader(false), enhancedPacket(false, 0, 0n, packet(1)));
  expectDamage(noInterface, 28, /names interface 0, but its section describes 0/, 0);
  const badByteOrder = setU32(PCAPNG, 8, 0x11223344);
  expectDamage(badByteOrder, 8, /byte-order magic/, 0);
});

test('pcapng cut in the middle of a block keeps the blocks before it', () => {
  const fifth = blockStart(4);
  expectDamage(PCAPNG.subarray(0, fifth + 5), fifth, new RegExp(`file ends inside a record at byte ${fifth}: it needs 12 bytes, 5 are left`), 1);
  expectDamage(PCAPNG.subarray(0, fifth + 40), fifth, /it needs \d+ bytes, 40 are left/, 1);
});

test('a packet whose own headers are broken is counted, not fatal', () => {
  const cutIp = ethernet(ipv4(tcpHeader()).subarray(0, 12), ETHERTYPE_IPV4);
  const cutTcp = ipv6(tcpHeader()).subarray(0, 50);
  const file = concat(sectionHeader(true), interfaceDescription(true, 1), interfaceDescription(true, 229), enhancedPacket(true, 0, 0n, cutIp), enhancedPacket(true, 1, 0n, cutTcp), enhancedPacket(true, 0, 0n, packet(4)));
  const { segments, end } = readCapture(file);
  assert.equal(end.error, undefined);
  assert.deepEqual([end.frames, end.undecodable, segments.length, segments[0]?.index], [3, 2, 1, 3]);
});

test('chunks of 1, 7 and the whole file give identical packets', () => {
  for (const file of [PCAP, PCAPNG]) {
    const whole = readCapture(file);
    assert.equal(whole.end.error, undefined);
    assert.equal(whole.segments.length, 3);
    for (const size of [1, 7, 64]) assert.deepEqual(readInChunks(file, size), whole, `chunks of ${size}`);
  }
});

test('a long stream keeps only the unread tail, and a big record fed byte by byte stays linear', { timeout: 30_000 }, () => {
  const record = pcapFile({ littleEndian: true, linkType: 1 }, [{ seconds: 1, fraction: 0, data: packet(5, 1400) }]).subarray(24);
  const reader = new CaptureReader();
  reader.push(PCAP.subarray(0, 24));
  const chunk = concat(...Array.from({ length: 50 }, () => record));
  let segments = 0;
  let mostBuffered = 0;
  // About 50 MB in 3001-byte pieces, never more than a piece and a record held.
  for (let sent = 0; sent < 700; sent++) {
    for (let at = 0; at < chunk.length; at += 3001) {
      segments += reader.push(chunk.subarray(at, at + 3001)).length;
      mostBuffered = Math.max(mostBuffered, reader.bufferedBytes);
    }
  }
  assert.equal(segments, 700 * 50);
  assert.ok(mostBuffered < 3001 + record.length, `held ${mostBuffered} bytes`);
  assert.equal(reader.end().error, undefined);

  // A 200 kB frame: an IP packet of 60 kB and trailing bytes the IP length does not count.
  const big = pcapFile({ littleEndian: false, linkType: 1 }, [{ seconds: 1, fraction: 0, data: concat(packet(6, 60_000), new Uint8Array(140_000)) }]);
  const bytewise = new CaptureReader();
  const found: CapturedSegment[] = [];
  for (let at = 0; at < big.length; at++) found.push(...bytewise.push(big.subarray(at, at + 1)));
  assert.deepEqual([found.length, found[0]?.payloadLength, bytewise.end().error], [1, 60_000, undefined]);
});

test('random damage to a valid capture only ever ends in a CaptureError, and always ends', { timeout: 60_000 }, () => {
  const mutation = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('byte', 'word', 'cut', 'insert'),
    value: fc.integer({ min: 0, max: 0xffffffff }),
  });
  fc.assert(
    fc.property(fc.constantFrom(PCAP, PCAPNG), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 97 }), (original, mutations, chunk) => {
      let bytes: Uint8Array = Uint8Array.from(original);
      for (const m of mutations) {
        const at = bytes.length === 0 ? 0 : m.at % bytes.length;
        if (m.kind === 'byte' && bytes.length > 0) bytes[at] = m.value & 0xff;
        else if (m.kind === 'word' && at + 4 <= bytes.length) new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, m.value, m.value % 2 === 0);
        else if (m.kind === 'cut') bytes = bytes.subarray(0, at);
        else if (m.kind === 'insert') bytes = concat(bytes.subarray(0, at), Uint8Array.of(m.value & 0xff, 0, 0, 0), bytes.subarray(at));
      }
      const { end } = readInChunks(bytes, chunk);
      if (end.error !== undefined) {
        assert.ok(end.error instanceof CaptureError);
        assert.ok(end.error.byteOffset >= 0 && end.error.byteOffset <= bytes.length, `offset ${end.error.byteOffset} of ${bytes.length}`);
      }
      assert.deepEqual(readInChunks(bytes, bytes.length || 1), readInChunks(bytes, chunk));
    }),
    { numRuns: 500, seed: 20261202 },
  );
});
