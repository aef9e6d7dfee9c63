// Fuzz: the LineScanner (the CLI's and the census's way through a file that arrives in chunks).
// What it protects: the same text gives the same lines and mentions whether it is pushed whole or
// cut anywhere: inside `\r\n`, between the halves of a surrogate pair, inside a state name, one
// character at a time; and with long lines cut into pieces (a small piece size, so random text
// crosses many piece boundaries). A chunk boundary that changes the answer is a miscounted dump.
// Replay a failure: TSL_FUZZ_SEED=<seed printed> [TSL_FUZZ_PATH=<path>] node --test out/test/unit/fuzz-line-scanner.test.js
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzz, type Fuzz } from './fuzz-harness';
import { LineScanner, PIECE_MARGIN } from '../../src/core/recognition/line-scanner';
import { findMentions } from '../../src/core/recognition/recognizer';
import { SPELLINGS } from '../../src/core/recognition/spellings';

// ----

/** Pieces that meet at chunk boundaries in interesting ways: line breaks, surrogate pairs, names. */
const PIECES = ['\r', '\n', '\r\n', '\n\r', '😀', '\ud83d', '\ude00', 'é', 'e\u0301', ' ', '\t', ':', '.', '-', '_', 'x', '(', ')', 'tcp ', 'state=', 'TcpState.', '10.0.0.1:80'];
const text = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.constantFrom(...SPELLINGS.keys()), fc.string({ maxLength: 8, size: 'max', unit: 'binary' })), { maxLength: 250, size: 'max' })
  .map((parts) => parts.join(''));
/** Sometimes a netstat header first, so the document is judged as network output. */
const document = fc.tuple(fc.boolean(), text).map(([header, body]) => (header ? `Proto Recv-Q Send-Q Local Address Foreign Address State\r\n${body}` : body));
/** Cut points: offsets into the text (any of them, so boundaries fall anywhere). */
const cuts = fc.array(fc.nat(), { maxLength: 30, size: 'max' });

interface Scanned {
  readonly mentions: string[];
  readonly lines: string[];
}

function scan(chunks: readonly string[], maxLineChars?: number): Scanned {
  const mentions: string[] = [];
  const lines: string[] = [];
  const scanner = new LineScanner((m) => mentions.push(`${m.line}:${m.column}+${m.length} ${m.text} ${m.state} ${m.source}`), maxLineChars, {
    startChars: 40,
    onLine: (line, start, found) => lines.push(`${line} ${JSON.stringify(start)} ${found.length}`),
  });
  for (const chunk of chunks) scanner.push(chunk);
  scanner.end();
  return { mentions, lines };
}

function cutAt(whole: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((p) => p % (whole.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of [...points, whole.length]) {
    chunks.push(whole.slice(from, p));
    from = p;
  }
  return chunks;
}

/** Lines as the editor breaks them (`\r\n`, `\n`, a lone `\r`), and the whole-text mentions located on them. */
function expected(whole: string): Scanned {
  const starts = [0];
  const breaks = /\r\n?|\n/g;
  for (let m = breaks.exec(whole); m; m = breaks.exec(whole)) starts.push(breaks.lastIndex);
  const all = findMentions(whole);
  const lineOf = (offset: number): number => {
    let line = 0;
    while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) line++;
    return line;
  };
  const mentions = all.map((m) => {
    const line = lineOf(m.offset);
    return `${line + 1}:${m.offset - (starts[line] as number) + 1}+${m.length} ${m.text} ${m.state} ${m.source}`;
  });
  const lines = whole.split(/\r\n?|\n/).map((line, i) => `${i + 1} ${JSON.stringify(line.slice(0, 40))} ${all.filter((m) => lineOf(m.offset) === i).length}`);
  return { mentions, lines };
}

export const FUZZ: readonly Fuzz[] = [
  fuzz(
    'fuzz line scanner: any chunking gives the lines and mentions of the whole text, as findMentions finds them',
    400,
    fc.property(document, cuts, (whole, at) => {
      const want = expected(whole);
      assert.deepEqual(scan([whole]), want, 'pushed whole');
      assert.deepEqual(scan(cutAt(whole, at)), want, 'pushed in chunks');
    }),
  ),
  fuzz(
    'fuzz line scanner: one character (UTF-16 code unit) at a time, and empty chunks, change nothing',
    150,
    fc.property(document, (whole) => {
      const want = scan([whole]);
      assert.deepEqual(scan([...whole.split(''), '']), want);
      assert.deepEqual(scan(['', whole, '', '']), want);
    }),
  ),
  fuzz(
    'fuzz line scanner: long lines cut into pieces (small piece size) give the same mentions however chunked',
    150,
    fc.property(
      fc.array(text, { minLength: 1, maxLength: 12, size: 'max' }).map((parts) => parts.join(' ').replace(/[\r\n]/g, ' ')),
      fc.integer({ min: 2 * (PIECE_MARGIN + 128), max: 2000 }),
      cuts,
      (line, pieceSize, at) => {
        const whole = `${line}\n${line.slice(0, 100)}\r\n${line}`;
        const want = expected(whole);
        assert.deepEqual(scan([whole], pieceSize).mentions, want.mentions, 'pushed whole');
        assert.deepEqual(scan(cutAt(whole, at), pieceSize), scan([whole], pieceSize), 'pushed in chunks');
      },
    ),
  ),
];
