// What a user's files do to the recogniser: growing adversarial input costs linear time (a hex
// payload took an hour per MiB), the answer does not depend on how a file is chunked or how a long
// line is cut, lines break on `\n`, `\r\n` and `\r` as in the editor, and the hover and the CLI
// judge a document and a line by one rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { analyseDocument, documentSample, documentSampleOfLines, NO_CONTEXT, type DocumentContext } from '../../src/core/recognition/context';
import { LineScanner, MAX_LINE_CHARS, PIECE_MARGIN, type LocatedMention } from '../../src/core/recognition/line-scanner';
import { findInLine, findMentions, mentionAt, type StateMention } from '../../src/core/recognition/recognizer';
import { SPELLINGS } from '../../src/core/recognition/spellings';

const NETWORK: DocumentContext = { network: true, powershellTable: false };

/** Mentions as the CLI prints them: 1-based line and column, lines broken as VS Code breaks them. */
function located(text: string, mentions: readonly StateMention[]): string[] {
  const lineStarts = [0];
  const breaks = /\r\n?|\n/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) lineStarts.push(breaks.lastIndex);
  let line = 0;
  return mentions.map((m) => {
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] as number) <= m.offset) line++;
    return `${line + 1}:${m.offset - (lineStarts[line] as number) + 1} ${m.text} ${m.state} ${m.source}`;
  });
}

function scanned(chunks: readonly string[], maxLineChars = MAX_LINE_CHARS): string[] {
  const out: string[] = [];
  const scanner = new LineScanner((m: LocatedMention) => out.push(`${m.line}:${m.column} ${m.text} ${m.state} ${m.source}`), maxLineChars);
  for (const chunk of chunks) scanner.push(chunk);
  scanner.end();
  return out;
}

function chunked(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

// ---- 3. Linear time on growing adversarial input ------------------------------------------

/** Seconds per call of `run(input)`: the better of two measurements of at least 10 ms each. */
function secondsPerCall(run: () => void): number {
  let best = Infinity;
  for (let round = 0; round < 2; round++) {
    const started = performance.now();
    let calls = 0;
    do {
      run();
      calls++;
    } while (performance.now() - started < 10);
    best = Math.min(best, (performance.now() - started) / calls / 1000);
  }
  return best;
}

/** Each grows to about `size` characters: each aims at one expression or loop of the recogniser. */
const ADVERSARIAL: Record<string, (size: number) => string> = {
  'hex payload in a JSON log line (the IPv6 alternative)': (n) => `{"status":"UNKNOWN","payload":"${'ab'.repeat(n / 2)}"}`,
  ':: then a hex run': (n) => `::${'a'.repeat(n)}`,
  'many :: with hex between': (n) => 'a::b'.repeat(n / 4),
  'an open bracket and a run': (n) => `[${'a'.repeat(n)}`,
  'colons': (n) => ':'.repeat(n),
  'dotted digits': (n) => '1.1.1.'.repeat(n / 6),
  'a single word': (n) => 'x'.repeat(n),
  'words with _tcp': (n) => 'a_tcp'.repeat(n / 5),
  'a hyphenated word': (n) => 'a-'.repeat(n / 2),
  'SNMP values (the MIB loop)': (n) => `tcpConnState = INTEGER: ${'listen(2) '.repeat(n / 10)}`,
  '(LISTEN) on a tcp line (the TCP-word check)': (n) => `tcp 1.2.3.4 ${'(LISTEN) '.repeat(n / 9)}`,
  'enum qualifiers': (n) => 'TcpState.State::'.repeat(n / 16),
  'key=value qualifiers': (n) => 'state=state: '.repeat(n / 13),
  'PowerShell parameters': (n) => '-State a, '.repeat(n / 10),
  'ss filters': (n) => `ss ${'state '.repeat(n / 6)}`,
  'state names': (n) => 'TIME_WAIT CLOSE-WAIT ESTAB '.repeat(n / 27),
  'wildcards': (n) => '*:*.'.repeat(n / 4),
  'spaces then ::': (n) => `${' '.repeat(n)}::`,
  'carriage returns': (n) => 'LISTEN\r'.repeat(n / 7),
  'a map from codes to names (line evidence)': (n) => '"0A": "LISTEN", \'07\': "CLOSE", '.repeat(n / 30),
  'quoted codes and quotes': (n) => '"0A""0"\'0\''.repeat(n / 10),
  'case labels': (n) => 'case case LISTEN: case "CLOSED",'.repeat(n / 32),
  'enum constants': (n) => 'TcpState_Listen TcpState_ State_Closed '.repeat(n / 38),
  'one long Type_Member word': (n) => `${'TcpState_'.repeat(n / 9)}Listen`,
  'words with Tcp and TCP_': (n) => 'aTcpTCP_b_TCP'.repeat(n / 13),
  'state names on many short lines': (n) => '"LISTEN"\n'.repeat(n / 9),
};

const OPERATIONS: Record<string, (text: string) => void> = {
  'findMentions (judging the document)': (text) => findMentions(text),
  'findMentions in a network document': (text) => findMentions(text, NETWORK),
  'mentionAt the middle': (text) => mentionAt(text, text.length >> 1, NETWORK),
  'analyseDocument': (text) => analyseDocument(text),
  'LineScanner in 64 K chunks': (text) => scanned(chunked(text, 1 << 16)),
};

test('every expression and loop is linear: 100× the input costs about 100× the time, not 10 000×', () => {
  // From 10 K to 1 M characters linear work grows about 100× (less where fixed costs dominate the
  // small input, somewhat more where garbage collection steps in), quadratic work 10 000×. A
  // step that already grows 100× from 10 K to 100 K is quadratic: the 1 M run is not waited for.
  const failures: string[] = [];
  for (const [inputName, make] of Object.entries(ADVERSARIAL)) {
    for (const [operationName, run] of Object.entries(OPERATIONS)) {
      const timed = (size: number): number => {
        const text = make(size);
        return Math.max(secondsPerCall(() => run(text)), 1e-6);
      };
      const small = timed(10_000);
      const middle = timed(100_000);
      const growth = middle / small > 100 ? Infinity : timed(1_000_000) / small;
      if (growth > 1000) {
        failures.push(`${operationName} on ${inputName}: 10 K → ${growth === Infinity ? '100 K' : '1 M'} characters took ${growth === Infinity ? (middle / small).toFixed(0) : growth.toFixed(0)}× the time`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

// ---- 4. The answer does not depend on chunks or pieces ------------------------------------

test('no state name is longer than the margin a piece keeps back', () => {
  for (const spelling of SPELLINGS.keys()) assert.ok(spelling.length + 64 < PIECE_MARGIN, spelling);
});

/** Words and separators that meet at piece boundaries in interesting ways. */
const VOCABULARY = [
  'TIME_WAIT', 'CLOSE_WAIT', 'CLOSE', '_WAIT', 'ESTAB', 'LISHED', 'ESTABLISHED', 'LISTEN', 'FIN-WAIT-1', 'FIN', '-WAIT-2',
  'x', 'xx', '1', '_', '-', '--', '(', ')', '(LISTEN)', 'listen(2)', 'established(5)', 'TcpState.', 'LastAck', 'State::', 'TimeWait',
  'state=', 'time_wait', 'ss ', 'state ', 'tcp', 'TCP', '10.0.0.1:80', '::1', '[::]:22', ' ', ' ', ' ', '\t', '"', ',', ':', '.',
  'ab'.repeat(40), 'deadbeef'.repeat(60), '\n', '\r\n', '\r', 'udp ', 'Ä', 'SCHLIESSEN_WARTEN', 'ABHÖREN',
  '"0A"', "'07'", '"0', '"LISTEN"', '"CLOSE"', '"ABHÖREN"', 'case ', 'TcpState_Listen', 'State_Closed', 'TcpState_', 'tcpStates',
];

const textArbitrary = fc
  .array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 400 })
  .map((words) => words.join(''));

test('the CLI scanner finds exactly what a whole-text scan finds, however the text is chunked and lines are cut', () => {
  fc.assert(
    fc.property(
      textArbitrary,
      fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 2 * (PIECE_MARGIN + 128), max: 3000 }),
      fc.boolean(),
      (text, cuts, maxLineChars, network) => {
        // A network header first, or not: both document judgements are exercised.
        const whole = network ? `Proto Recv-Q Send-Q Local Address Foreign Address State\n${text}` : text;
        const chunks: string[] = [];
        let at = 0;
        for (let i = 0; at < whole.length; i++) {
          const size = cuts[i % cuts.length] as number;
          chunks.push(whole.slice(at, at + size));
          at += size;
        }
        const expected = located(whole, findMentions(whole));
        assert.deepEqual(scanned(chunks, maxLineChars), expected);
      },
    ),
    { numRuns: 300, seed: 20261202 },
  );
});

test('a long line cut at 1 MiB loses nothing and invents nothing', () => {
  // Each case puts the cut inside a name, or just after a letter that makes the rest no name.
  const cases = [
    ['CLOSE', '_WAIT', 'CLOSE_WAIT'],
    ['ESTAB', 'LISHED', 'ESTABLISHED'],
    ['x', 'TIME_WAIT', undefined],
    ['FIN-WAIT', '-2', 'FIN-WAIT-2'],
    ['TcpState.', 'LastAck', 'TcpState.LastAck'],
  ] as const;
  for (const [left, right, expected] of cases) {
    for (const shift of [0, 1, 7, PIECE_MARGIN, PIECE_MARGIN + 1]) {
      // `left` ends `shift` characters before the 1 MiB mark, `right` goes on past it.
      const before = `tcp 10.0.0.1:80 ${'y'.repeat(MAX_LINE_CHARS)}`.slice(0, MAX_LINE_CHARS - left.length - shift - 1);
      const line = `${before} ${left}${right} ${'TIME_WAIT '.repeat(1000)}`;
      const want = located(line, findInLine(line, NO_CONTEXT));
      assert.equal(want.some((m) => m.includes(` ${expected} `)), expected !== undefined);
      assert.deepEqual(scanned(chunked(line, 1 << 16)), want, `${left}|${right} shifted ${shift}`);
    }
  }
});

test('a 24 MB line with 400 000 TIME_WAIT: all 400 000 found, the same from a file or a pipe', () => {
  const line = Array.from({ length: 400_000 }, (_, i) => `conn=${i} TIME_WAIT ${'y'.repeat(40)};`).join('');
  const fromFile = scanned(chunked(line, 1 << 20));
  const fromPipe = scanned(chunked(line, 65_536 - 7));
  assert.equal(fromFile.length, 400_000);
  assert.deepEqual(fromPipe, fromFile);
});

// ---- 5. Line breaks as VS Code makes them ---------------------------------------------------

test('\\n, \\r\\n and \\r give the same lines and columns, in a whole text and in chunks', () => {
  const rows = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1',
    '   1: 0500000A:0016 0900710B:C83A 01 00000000:00000000 02:000A7F2E 00000000     0        0 2 4',
    'udp        0      0 0.0.0.0:68              0.0.0.0:*                           ESTABLISHED',
    'tcp        0      0 10.0.0.5:443            203.0.113.7:40112       TIME_WAIT   -',
  ];
  const lf = located(rows.join('\n'), findMentions(rows.join('\n')));
  assert.equal(lf.length, 3, lf.join('; '));
  for (const eol of ['\r\n', '\r']) {
    const text = rows.join(eol);
    assert.deepEqual(located(text, findMentions(text)), lf, JSON.stringify(eol));
    for (const size of [1, 2, 3, 50, 1 << 16]) assert.deepEqual(scanned(chunked(text, size)), lf, `${JSON.stringify(eol)} in chunks of ${size}`);
  }
});

// ---- 6. One rule for the document and the line ----------------------------------------------

test('the hover and the CLI build the same document sample, whatever the line breaks and lengths', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ maxLength: 3000 }).map((s) => s.replace(/[\r\n]/g, ' ')), { maxLength: 80 }),
      fc.constantFrom('\n', '\r\n', '\r'),
      fc.integer({ min: 0, max: 40_000 }),
      (lines, eol, shortLines) => {
        const all = [...Array.from({ length: shortLines }, () => 'ok'), ...lines];
        const text = all.join(eol);
        assert.equal(documentSampleOfLines(all.length, (i) => all[i] as string).replace(/\n$/, ''), documentSample(text).replace(/\n$/, ''));
      },
    ),
    { numRuns: 60, seed: 7 },
  );
});

test('a document whose network lines come after its first 2 000 lines is judged as the CLI judges it', () => {
  // 46 KB: 2 100 short prose lines, then a netstat table. The hover used to sample 2 000 lines.
  const lines = [...Array.from({ length: 2100 }, (_, i) => `note ${i}: nothing here`), 'tcp 0 0 10.0.0.5:22 203.0.113.9:51234 LISTEN -', 'tcp 0 0 10.0.0.5:23 203.0.113.9:51235 CLOSED -'];
  const text = lines.join('\n');
  const byLines = analyseDocument(documentSampleOfLines(lines.length, (i) => lines[i] as string));
  assert.deepEqual(byLines, analyseDocument(text));
  assert.equal(byLines.network, true);
});
