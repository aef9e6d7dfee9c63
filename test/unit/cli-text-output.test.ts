// The timeline CLI's segment lines written as bytes (src/cli-text-output.ts) are the lines the
// string form gave: each column as String(n).padStart / msText(ns).padStart, the arrow, flags,
// states, rows and marks, for numbers across the whole safe range (digit by digit above and
// below 2^31) and times in whole µs and not. The output is caught from process.stdout.write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { msText, TextOutput } from '../../src/cli-text-output';
import type { TimelineSegment } from '../../src/core/timeline';

/** The line as the string form built it (before the byte writer). */
function stringLine(s: TimelineSegment): string {
  const num = (n: number | undefined): string => (n === undefined ? '-' : String(n)).padStart(10);
  const differences = s.linuxDifferences ?? [];
  const extra = s.marks.length === 0 && differences.length === 0 ? '' : `  [${[...s.marks, ...differences.map((d) => `linux: ${d}`)].join(', ')}]`;
  return `    ${msText(s.offsetNs).padStart(10)}  ${String(s.index).padStart(6)}  ${s.from === 0 ? 'A→B' : 'B→A'} ${s.flags.padEnd(12)}${num(s.relSeq ?? s.seq)}${num(s.relAck ?? s.ack)}${String(s.len).padStart(6)}  ${s.states.join(' / ')}  ${s.rows.join(' ')}${extra}\n`;
}

async function written(segments: readonly TimelineSegment[]): Promise<string> {
  const out = new TextOutput();
  for (const s of segments) out.segment(s, 'en');
  const chunks: Buffer[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: Uint8Array) => (chunks.push(Buffer.from(chunk)), true)) as typeof process.stdout.write;
  try {
    await out.flush(true);
  } finally {
    process.stdout.write = write;
  }
  return Buffer.concat(chunks).toString('utf8');
}

const number = fc.oneof(fc.nat({ max: 2 ** 31 + 100 }), fc.constantFrom(0, 9, 10, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 1e15, Number.MAX_SAFE_INTEGER), fc.maxSafeNat());
const segment = fc.record({
  index: fc.nat({ max: 10_000_000 }),
  offsetNs: fc.option(fc.oneof(number.map((n) => Math.floor(n / 1000) * 1000), number, fc.double({ min: -1e6, max: 1e12, noNaN: true })), { nil: undefined }),
  from: fc.constantFrom<0 | 1>(0, 1),
  flags: fc.constantFrom('SYN', 'SYN,ACK', 'ACK', 'PSH,ACK', 'FIN,ACK', 'RST', ''),
  seq: fc.option(number, { nil: undefined }),
  ack: fc.option(number, { nil: undefined }),
  relSeq: fc.option(number, { nil: undefined }),
  relAck: fc.option(number, { nil: undefined }),
  len: fc.nat({ max: 100_000 }),
  window: fc.constant(65535),
  marks: fc.subarray(['retransmission', 'duplicate-ack', 'zero-window'] as const),
  states: fc.constantFrom(['ESTABLISHED', 'ESTABLISHED'] as const, ['SYN-SENT', 'UNKNOWN'] as const),
  rows: fc.array(fc.constantFrom('R27', 'R29', 'U17', 'R16'), { maxLength: 4 }),
  linuxDifferences: fc.option(fc.constantFrom(['data-after-close'] as const), { nil: undefined }),
}) as fc.Arbitrary<TimelineSegment>;

test('the segment lines written as bytes are the string form\'s, column for column', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 30 }), async (segments) => {
      assert.equal(await written(segments), segments.map(stringLine).join(''));
    }),
    { numRuns: 300 },
  );
});

test('a table larger than one buffer comes out whole and in order', async () => {
  const many = Array.from({ length: 20_000 }, (_, i): TimelineSegment => ({ index: i, offsetNs: i * 1000, from: (i % 2) as 0 | 1, flags: 'PSH,ACK', seq: 2 ** 32 - 1 - i, ack: i, relSeq: undefined, relAck: i * 7, len: i % 1500, window: 65535, marks: [], states: ['ESTABLISHED', 'ESTABLISHED'], rows: ['U17', 'R29'] }));
  assert.equal(await written(many), many.map(stringLine).join(''));
});
