// The census fed with a file's bytes instead of its text (UTF-8 files: what dumps are). Most
// lines of a dump are ASCII socket-table rows that byte-row.ts can count straight from the bytes;
// only the other lines are decoded and go through the CensusScanner's string path, so the bulk
// of a dump never becomes a JS string. The answer is the string path's, to the line number:
// - the LineScanner keeps owning the document's judgement, line numbers and long lines: the text
//   goes to it until it has judged the document, and the byte path takes only whole lines that
//   start after a `\n` the scanner has seen or the byte path has taken (a skipped line is
//   `skipLine`d: its number is used up in order);
// - the decoder sees the bytes of every line the byte path does not take, in order: a skipped
//   line is ASCII and lies between two `\n`, where a UTF-8 decoder holds nothing back, so the
//   decoded text of each other line is what decoding the whole file gives;
// - a line the byte path takes ends at `\n` (`\r\n`: the `\r` is dropped) and holds no other `\r`
//   (byte-row.ts leaves a line with one to the string path, which breaks it where it breaks).
// Pure: the caller passes the decoder (TextDecoder is not part of the core's ES2022).
import { DOCUMENT_SAMPLE_CHARS } from '../recognition/context';
import { byteLine, newByteLine, RECORD, recordedLine } from './byte-row';
import { CensusScanner, type CensusResult } from './census';

/** A streaming decoder of the file's encoding: bytes to text, `undefined` at the end (flush). */
export type StreamDecode = (bytes: Uint8Array | undefined) => string;

export class CensusByteScanner {
  readonly text: CensusScanner;
  /** The scanner may be inside a line: bytes up to the next `\n` go to it as text. */
  private slow = true;
  private readonly line = newByteLine();

  constructor(
    private readonly decode: StreamDecode,
    /** The LineScanner's piece size (tests only). */
    maxLineChars?: number,
  ) {
    this.text = new CensusScanner(maxLineChars);
  }

  /**
   * The next bytes of the file, any size, cut anywhere. `ahead`: `annotateLines`' records of these
   * very bytes, made on another thread (then each line's answer is read from them).
   */
  push(bytes: Uint8Array, ahead?: { readonly records: Int32Array; readonly count: number }): void {
    const scanner = this.text.lineScanner;
    const length = bytes.length;
    let at = 0;
    // Until the document is judged it is text (the judgement reads the first characters):
    // in pieces, so the rest of the chunk can go the byte way.
    while (at < length && !scanner.context) {
      const to = Math.min(length, at + 2 * DOCUMENT_SAMPLE_CHARS);
      this.pushText(bytes.subarray(at, to));
      at = to;
    }
    const doc = scanner.context;
    if (!doc || at >= length) return;
    if (this.slow) {
      const lineBreak = bytes.indexOf(10, at);
      if (lineBreak < 0) {
        this.pushText(bytes.subarray(at));
        return;
      }
      this.pushText(bytes.subarray(at, lineBreak + 1));
      at = lineBreak + 1;
      this.slow = false;
    }
    const census = this.text.census;
    const line = this.line;
    // Lines the byte path does not take, [slowFrom, at), go to the scanner together, before the next it takes.
    let slowFrom = at;
    if (ahead) {
      const { records, count } = ahead;
      for (let r = 0; r < count * RECORD; r += RECORD) {
        const lineStart = records[r]!;
        // Lines before `at` went as text.
        if (lineStart < at) continue;
        if (recordedLine(records, r, doc, line)) {
          if (slowFrom < lineStart) this.pushText(bytes.subarray(slowFrom, lineStart));
          census.addByteLine(scanner.skipLine(), bytes, line);
          slowFrom = records[r + 1]! + 1;
        }
        at = records[r + 1]! + 1;
      }
    } else {
      for (let lineBreak = bytes.indexOf(10, at); lineBreak >= 0; lineBreak = bytes.indexOf(10, at)) {
        const end = lineBreak > at && bytes[lineBreak - 1] === 13 ? lineBreak - 1 : lineBreak;
        if (byteLine(bytes, at, end, doc, line)) {
          if (slowFrom < at) this.pushText(bytes.subarray(slowFrom, at));
          census.addByteLine(scanner.skipLine(), bytes, line);
          slowFrom = lineBreak + 1;
        }
        at = lineBreak + 1;
      }
    }
    if (slowFrom < length) this.pushText(bytes.subarray(slowFrom));
    // A line goes on in the next chunk: the scanner holds its start.
    if (at < length) this.slow = true;
  }

  end(): CensusResult {
    const rest = this.decode(undefined);
    if (rest) this.text.push(rest);
    return this.text.end();
  }

  private pushText(bytes: Uint8Array): void {
    const text = this.decode(bytes);
    if (text) this.text.push(text);
  }
}
