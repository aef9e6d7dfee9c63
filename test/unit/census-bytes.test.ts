// The census fed with bytes (byte-scanner.ts, byte-row.ts) gives what the string path gives on
// the decoded text, to the line number, however the bytes are cut: generated dumps with
// adversarial lines (non-ASCII, invalid UTF-8, `\r\n`, lone `\r`, long lines, two states, noted
// words, non-TCP rows, a header only at the start), cut at every offset of a window and at random.
// And TopKeys' byte keys are its string keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDecoder } from 'node:util';
import fc from 'fast-check';
import { annotateLines, CensusByteScanner, CensusScanner, TopKeys, type CensusResult } from '../../src/core/census';

const encoder = new TextEncoder();

/** The string path: the bytes decoded as the CLI decodes a UTF-8 file, pushed whole. */
function byText(bytes: Uint8Array, maxLineChars?: number): CensusResult {
  const scanner = new CensusScanner(maxLineChars);
  scanner.push(new TextDecoder('utf-8').decode(bytes));
  return scanner.end();
}

/**
 * The byte path, the bytes pushed cut at `cuts` (sorted offsets); with `ahead`, each piece with
 * its lines read ahead (`annotateLines`, as the CLI's second thread does).
 */
function byBytes(bytes: Uint8Array, cuts: readonly number[], maxLineChars?: number, ahead = false): CensusResult {
  const decoder = new TextDecoder('utf-8');
  const scanner = new CensusByteScanner((part) => (part ? decoder.decode(part, { stream: true }) : decoder.decode()), maxLineChars);
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut < at) continue;
    const piece = bytes.subarray(at, cut);
    scanner.push(piece, ahead ? annotateLines(piece, new Int32Array(16)) : undefined);
    at = cut;
  }
  return scanner.end();
}

const HEADER = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n';

/** Rows of the four kinds the bench dump has, deterministic. */
function rows(count: number, seed: number): string {
  const states = ['ESTAB', 'TIME-WAIT', 'CLOSE-WAIT', 'LISTEN', 'SYN-SENT', 'FIN-WAIT-2'];
  const netstat = ['ESTABLISHED', 'TIME_WAIT', 'SYN_RECV', 'LISTEN', 'FIN_WAIT2', 'LAST_ACK', 'CLOSING'];
  let x = seed;
  const next = (n: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const port = next(65536);
    const peer = `203.0.113.${next(256)}`;
    switch (next(5)) {
      case 0:
        out.push(`${states[next(states.length)]}  ${next(3)}      128    10.2.15.250:${port}      ${peer}:26576    users:(("java",pid=${next(40000)},fd=656))`);
        break;
      case 1:
        out.push(`tcp        ${next(2)}      0 10.66.39.195:${port}      ${peer}:24114      ${netstat[next(netstat.length)]}    ${next(30000)}/nginx`);
        break;
      case 2:
        out.push(`  TCP    10.180.176.84:${port}    ${peer}:8735      ${['TIME_WAIT', 'LISTENING', 'CLOSE_WAIT'][next(3)]}       ${next(9000)}`);
        break;
      case 3:
        out.push(`tcp4       0      0  127.0.0.1.${port}         ${peer}.52288        LAST_ACK`);
        break;
      default:
        out.push(`LISTEN     ${next(200)}      128    [::1]:${port}    [2001:db8::${next(99)}]:443    users:(("pid-only",pid=${next(99)},fd=3))`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Lines each path must agree on, whatever surrounds them. */
const ADVERSARIAL = [
  'ESTAB 0 0 10.0.2.15:22 203.0.113.45:51544 users:(("naïve",pid=1,fd=2))',
  'tcp 0 0 10.0.0.1:80 10.0.0.2:5000 ESTABLISHED 12/ngïnx',
  'ESTAB\u00a00 0 10.0.2.15:22 203.0.113.45:51544',
  'tcp 0 0 10.0.0.1:80 10.0.0.2:5000 TIME_WAIT 12/中文',
  'tcp 0 0 10.0.0.1:80 10.0.0.2:5000 TIME_WAIT -\r',
  'tcp 0 0 10.0.0.1:80 10.0.0.2:5000 TIME_WAIT 1/a\rtcp 0 0 10.0.0.1:81 10.0.0.2:5001 CLOSE_WAIT 2/b',
  'tcp 0 0 10.0.0.1:80 10.0.0.2:5000 TIME_WAIT LISTEN',
  'net.ipv4.tcp_tw_recycle = 1 TIME_WAIT',
  'udp 0 0 0.0.0.0:53 0.0.0.0:* ESTABLISHED',
  '',
  '\r',
  '   ',
  'CLOSE-WAIT 0 0 10.0.0.1:1 10.0.0.2:2 users:(("a b",pid=1,fd=2))',
  'CLOSE-WAIT 123456789012345678 0 10.0.0.1:1 10.0.0.2:2',
  `tcp 0 0 10.0.0.1:80 10.0.0.2:5000 TIME_WAIT ${'x'.repeat(2100)}`,
  `${'y'.repeat(5000)} SYN_SENT ${'z'.repeat(900)} LISTEN`,
  'LISTEN 129 128 0.0.0.0:443 0.0.0.0:* users:(("nginx",pid=9,fd=6))',
  'tcp 5 0 0.0.0.0:8080 0.0.0.0:* LISTEN 77/java',
  `ESTAB 0 0 10.0.2.15:22 203.0.113.45:51544 users:(("${'p'.repeat(80)}",pid=1,fd=2))`,
  'ESTAB 0 0 10.0.2.15:22 203.0.113.45:51544 users:(("",pid=4242,fd=2))',
  '  0: 0100007F:0277 00000000:0000 0A',
  'state "0A" TIME_WAIT',
  'TcpState_Listen ESTABLISHED',
];

/** Bytes the decoder must replace (invalid UTF-8), spliced in as a line of their own. */
const INVALID = Uint8Array.from([0x45, 0x53, 0x54, 0x41, 0x42, 0x20, 0xff, 0xe2, 0x82, 0x20, 0x4c, 0x49, 0x53, 0x54, 0x45, 0x4e, 0x0a, 0xe2, 0x82]);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A dump past the document sample (so the byte path runs), with the adversarial lines in the middle and at the end. */
function dump(eol: '\n' | '\r\n'): { bytes: Uint8Array; middle: number } {
  const head = (HEADER + rows(1800, 7)).replace(/\n/g, eol);
  assert.ok(head.length > 2 * 64 * 1024);
  const odd = `${ADVERSARIAL.join(eol)}${eol}`;
  const tail = rows(40, 11).replace(/\n/g, eol);
  const headBytes = encoder.encode(head);
  const bytes = concat(headBytes, encoder.encode(odd), INVALID, encoder.encode(`\n${tail}`), encoder.encode(odd.slice(0, -eol.length)));
  return { bytes, middle: headBytes.length };
}

test('bytes: a generated dump with adversarial lines counts as its decoded text, in one push and in chunks', () => {
  for (const eol of ['\n', '\r\n'] as const) {
    const { bytes } = dump(eol);
    const expected = byText(bytes);
    assert.ok(expected.rows > 1800, 'the dump is mostly rows');
    assert.deepEqual(byBytes(bytes, []), expected, `${JSON.stringify(eol)} whole`);
    for (const size of [1, 3, 1000, 4096, 65536, 1 << 20]) {
      if (size < 100 && eol === '\r\n') continue;
      const cuts: number[] = [];
      for (let at = size; at < bytes.length; at += size) cuts.push(at);
      assert.deepEqual(byBytes(bytes, cuts), expected, `${JSON.stringify(eol)} in chunks of ${size}`);
      assert.deepEqual(byBytes(bytes, cuts, undefined, true), expected, `${JSON.stringify(eol)} in chunks of ${size}, read ahead`);
    }
  }
});

test('bytes: a cut at every offset of the adversarial lines (and around the document sample) changes nothing', () => {
  const { bytes, middle } = dump('\n');
  const expected = byText(bytes);
  // Every offset of the first adversarial lines and the rows before them; every 41st after, through the invalid bytes.
  const window = [...Array(12_000).keys()].map((k) => middle - 120 + k).filter((at) => at < middle + 400 || at % 41 === 0);
  const sample = [...Array(60).keys()].map((k) => 2 * 64 * 1024 - 30 + k);
  for (const cut of [...window, ...sample]) assert.deepEqual(byBytes(bytes, [cut]), expected, `cut at ${cut}`);
  for (const cut of window.filter((at) => at % 5 === 0)) assert.deepEqual(byBytes(bytes, [cut], undefined, true), expected, `cut at ${cut}, read ahead`);
});

test('bytes: random cuts, random line endings, small line pieces', () => {
  const { bytes } = dump('\n');
  const mixed = Uint8Array.from(bytes);
  // Some line breaks become lone `\r`: the string path breaks there too.
  for (let i = 0, k = 0; i < mixed.length; i++) if (mixed[i] === 10 && ++k % 97 === 0) mixed[i] = 13;
  for (const input of [bytes, mixed]) {
    const expectedSmall = byText(input, 768);
    const expected = byText(input);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: input.length }), { maxLength: 30 }), (cuts) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        assert.deepEqual(byBytes(input, sorted), expected);
        assert.deepEqual(byBytes(input, sorted, 768), expectedSmall);
        assert.deepEqual(byBytes(input, sorted, undefined, true), expected);
      }),
      { numRuns: 25 },
    );
  }
});

test('bytes: a header only at the start makes the whole dump a network one, as in text; small inputs, a BOM, no final break', () => {
  const body = rows(1500, 3).replace(/ESTAB\b/g, 'ESTABLISHED');
  for (const text of [`${HEADER}${body}`, `\ufeff${HEADER}${body}`, body, `${HEADER}${body}ESTABLISHED 0 0 1.2.3.4:5 6.7.8.9:10`, 'LISTEN 0 128 0.0.0.0:22 0.0.0.0:*', '', '\n\r\n\r']) {
    const bytes = encoder.encode(text);
    const expected = byText(bytes);
    assert.deepEqual(byBytes(bytes, []), expected);
    assert.deepEqual(byBytes(bytes, [1, 2, 3, 70_000, 131_071, 131_072, 131_073]), expected);
    // A document without the header: the lines read ahead as in a network one are checked against its judgement.
    assert.deepEqual(byBytes(bytes, [131_072, 140_000], undefined, true), expected);
  }
});

test("TopKeys: a key given as bytes is the key given as a string, ties, errors and 'pid ' included", () => {
  const key = fc.tuple(fc.boolean(), fc.string({ unit: fc.constantFrom('1', '2', '3', 'a', '.', ':'), minLength: 0, maxLength: 3 }), fc.integer({ min: 0, max: 70 }));
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.array(key, { maxLength: 300 }), (capacity, keys) => {
      const bytes = new TopKeys(capacity);
      const strings = new TopKeys(capacity);
      for (const [pid, short, pad] of keys) {
        // Some keys are longer than a slot's place in the slab (kept as strings).
        const text = short + (pad > 60 ? 'x'.repeat(pad) : '');
        const encoded = encoder.encode(`..${text}..`);
        bytes.addBytes(encoded, 2, encoded.length - 2, pid);
        strings.add(pid ? `pid ${text}` : text);
        // The two forms of one key meet in one table.
        if (pad === 0) {
          bytes.add(pid ? `pid ${text}` : text);
          strings.add(pid ? `pid ${text}` : text);
        }
      }
      assert.deepEqual(bytes.top(capacity), strings.top(capacity));
    }),
    { numRuns: 400 },
  );
});
