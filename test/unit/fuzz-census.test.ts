// Fuzz: the census (CensusScanner on text, CensusByteScanner on a file's bytes). What it
// protects: `tcp-state-lens census` counts what the recogniser finds, line by line, whatever the
// dump holds (socket-table rows of every tool, broken rows, noise, invalid UTF-8) and however it
// is read: the fast paths (fast-row.ts, byte-row.ts) that skip the recogniser must never change a
// count, a chunk boundary must never change one, and nothing must throw on random input.
// Replay a failure: TSL_FUZZ_SEED=<seed printed> [TSL_FUZZ_PATH=<path>] node --test out/test/unit/fuzz-census.test.js
import assert from 'node:assert/strict';
import { TextDecoder } from 'node:util';
import fc from 'fast-check';
import { fuzz, type Fuzz } from './fuzz-harness';
import { annotateLines, CensusByteScanner, CensusScanner, SAMPLE_LINES, type CensusResult } from '../../src/core/census';
import { analyseDocument } from '../../src/core/recognition/context';
import { findInLine } from '../../src/core/recognition/recognizer';
import { SPELLINGS } from '../../src/core/recognition/spellings';

// ----

const state = fc.oneof(fc.constantFrom(...SPELLINGS.keys()), fc.constantFrom('ESTAB', 'TIME_WAIT', 'LISTEN', 'LISTENING', 'UNCONN', 'x', ''));
const space = fc.constantFrom(' ', '  ', '      ', '\t', '\u00a0');
const port = fc.oneof(fc.integer({ min: 0, max: 70000 }).map(String), fc.constantFrom('*', 'http', ''));
const host = fc.constantFrom('10.0.0.1', '0.0.0.0', '127.0.0.1', '[::1]', '[2001:db8::5]', '::ffff:10.1.2.3', '*', 'ä.example');
const queue = fc.oneof(fc.nat({ max: 300 }).map(String), fc.constantFrom('123456789012345678901', '-1'));
const process_ = fc.constantFrom('-', '12/nginx', 'users:(("nginx",pid=9,fd=6))', 'users:(("a b",pid=1,fd=2),("c",pid=2,fd=3))', '4242', '12/中文', '');
/** Rows as ss, Linux and macOS netstat, Windows netstat and /proc/net/tcp print them, fields drawn at random. */
const row = fc.oneof(
  fc.tuple(fc.constantFrom('tcp', 'tcp6', 'udp', 'tcp4'), queue, queue, host, port, host, port, state, process_).map(([p, r, s, a, ap, b, bp, st, pr]) => [p, r, s, `${a}:${ap}`, `${b}:${bp}`, st, pr]),
  fc.tuple(state, queue, queue, host, port, host, port, process_).map(([st, r, s, a, ap, b, bp, pr]) => [st, r, s, `${a}:${ap}`, `${b}:${bp}`, pr]),
  fc.tuple(fc.constantFrom('  TCP', 'TCP', 'UDP'), host, port, host, port, state, queue).map(([p, a, ap, b, bp, st, pid]) => [p, `${a}:${ap}`, `${b}:${bp}`, st, pid]),
  fc.tuple(fc.nat({ max: 20 }), fc.constantFrom('0A', '01', '06', 'ZZ')).map(([i, st]) => [`   ${i}:`, '0100007F:0277', '00000000:0000', st, '00000000:00000000']),
);
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(row, space).map(([fields, sep]) => fields.join(sep)) },
  { weight: 1, arbitrary: fc.constantFrom('Proto Recv-Q Send-Q Local Address           Foreign Address         State', 'Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port', 'net.ipv4.tcp_tw_recycle = 1', '') },
  { weight: 2, arbitrary: fc.string({ maxLength: 60, size: 'max', unit: 'binary' }) },
);
const eol = fc.constantFrom('\n', '\n', '\r\n', '\r');
const text = fc.array(fc.tuple(line, eol), { maxLength: 40, size: 'max' }).map((lines) => lines.flat().join(''));
const cuts = fc.array(fc.nat(), { maxLength: 20, size: 'max' });

function cutAt<T extends string | Uint8Array>(whole: T, at: readonly number[]): T[] {
  const points = [...new Set(at.map((p) => p % (whole.length + 1)))].sort((a, b) => a - b);
  return [...points, whole.length].map((p, i, all) => whole.slice(i === 0 ? 0 : all[i - 1], p) as T);
}

function byText(chunks: readonly string[]): CensusResult {
  const scanner = new CensusScanner();
  for (const chunk of chunks) scanner.push(chunk);
  return scanner.end();
}

function byBytes(chunks: readonly Uint8Array[], ahead: boolean): CensusResult {
  const decoder = new TextDecoder('utf-8');
  const scanner = new CensusByteScanner((part) => (part ? decoder.decode(part, { stream: true }) : decoder.decode()));
  for (const chunk of chunks) scanner.push(chunk, ahead ? annotateLines(chunk, new Int32Array(64)) : undefined);
  return scanner.end();
}

/** What the census must say: the recogniser's mentions on each line, summed; and its own bookkeeping. */
function agrees(whole: string, result: CensusResult): void {
  const doc = analyseDocument(whole);
  const lines = whole.split(/\r\n?|\n/);
  const counts: Record<string, number> = {};
  let mentions = 0;
  for (const l of lines) {
    for (const m of findInLine(l, doc)) {
      counts[m.state] = (counts[m.state] ?? 0) + 1;
      mentions++;
    }
  }
  assert.equal(result.lines, lines.length, 'lines');
  assert.equal(result.mentions, mentions, 'mentions');
  assert.deepEqual({ ...result.counts }, counts, 'counts per state are the recogniser’s, summed over lines');
  assert.ok(result.rows <= result.mentions, 'rows ≤ mentions');
  for (const [id, s] of Object.entries(result.states)) {
    assert.ok(s && s.rows <= s.count && s.count === result.counts[id as keyof typeof result.counts], id);
    assert.ok(s.sampleLines.length <= SAMPLE_LINES && s.sampleLines.every((n, i) => n >= 1 && n <= lines.length && (i === 0 || n > (s.sampleLines[i - 1] as number))), `${id} sample lines ${s.sampleLines.join(',')}`);
  }
}

const encoder = new TextEncoder();
/** A dump past the document sample (128 Ki characters), so the byte path takes lines, with random bytes spliced in. */
const dump = fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 6, size: 'max' })), { maxLength: 6, size: 'max' }), text).map(([body, splices, tail]) => {
  let head = `Proto Recv-Q Send-Q Local Address Foreign Address State\n${body}\n`;
  while (head.length < 140_000) head += head.length < 1000 ? 'tcp 0 0 10.0.0.1:80 10.0.0.2:5000 ESTABLISHED 1/a\n'.repeat(20) : head.slice(0, 40_000);
  const bytes = [...encoder.encode(head + tail)];
  for (const [at, junk] of splices) bytes.splice(head.length - 200 + (at % 4000), 0, ...junk);
  return Uint8Array.from(bytes);
});

export const FUZZ: readonly Fuzz[] = [
  fuzz(
    'fuzz census: counts are the recogniser’s summed over lines, and any chunking gives the same census',
    400,
    fc.property(text, cuts, (whole, at) => {
      const result = byText([whole]);
      agrees(whole, result);
      assert.deepEqual(byText(cutAt(whole, at)), result);
    }),
  ),
  fuzz(
    'fuzz census: random bytes never throw; the byte path equals the text path on the decoded text, however cut',
    40,
    fc.property(dump, cuts, fc.boolean(), (bytes, at, ahead) => {
      const decoded = new TextDecoder('utf-8').decode(bytes);
      const want = byText([decoded]);
      agrees(decoded, want);
      assert.deepEqual(byBytes([bytes], ahead), want, 'pushed whole');
      // Cuts near where the byte path starts and in the tail, where the random bytes are.
      const near = at.map((p) => 139_000 + (p % (bytes.length - 139_000 + 1)));
      assert.deepEqual(byBytes(cutAt(bytes, [...at, ...near]), ahead), want, 'pushed in chunks');
    }),
  ),
  fuzz(
    'fuzz census: short random bytes, text path and byte path, never throw and agree',
    300,
    fc.property(fc.uint8Array({ maxLength: 300, size: 'max' }), cuts, (bytes, at) => {
      const decoded = new TextDecoder('utf-8').decode(bytes);
      const want = byText([decoded]);
      agrees(decoded, want);
      assert.deepEqual(byBytes(cutAt(bytes, at), false), want);
    }),
  ),
];
