// Feeds text that arrives in chunks (a file stream, stdin) to the recogniser line by line,
// keeping line numbers, so a 200 MB dump never has to be held in memory. Lines break as VS Code
// breaks them (`\n`, `\r\n`, a lone `\r`), so the CLI and the editor agree on lines and columns.
// The answer never depends on how the text is chunked or how a long line is cut into pieces.
// Pure: no `vscode`, no fs.
import { analyseDocument, DOCUMENT_SAMPLE_CHARS, LINE_BREAK, lineHead, type DocumentContext } from './context';

/** This module's own copy: a global expression keeps its position, which nothing else may move. */
const BREAK = new RegExp(LINE_BREAK.source, 'g');
import { scanWindow, type StateMention, type WindowEnd } from './recognizer';

export interface LocatedMention extends StateMention {
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units (as editors count). */
  readonly column: number;
}

/**
 * A line longer than this is scanned in pieces of about this size, so memory stays bounded
 * whatever the input; each piece resumes exactly where the last one stopped.
 */
export const MAX_LINE_CHARS = 1 << 20;

/** Characters kept before where a piece resumes: what a decision looks back at (≥ 80). */
const CONTEXT_CHARS = 128;
/** Tokens that start this close to a piece's end wait for the next piece (longer than any state name). */
export const PIECE_MARGIN = 256;

/** Who wants each finished line: its number, its first `startChars` characters and its mentions. */
export interface LineListener {
  readonly startChars: number;
  readonly onLine: (line: number, start: string, mentions: readonly LocatedMention[]) => void;
  /**
   * Offered each line read whole (never cut into pieces) before it is scanned, as
   * `text.slice(from, to)` (the chunk it came in, unsliced): true when the listener has dealt
   * with the line itself, which is then neither scanned, emitted nor told to `onLine`. For a
   * scanner whose `emit` ignores mentions (the census's fast path).
   */
  readonly quick?: (line: number, text: string, from: number, to: number, doc: DocumentContext) => boolean;
}

export class LineScanner {
  /** Text held back until the document is judged (twice the sample always holds the sample). */
  private early = '';
  private doc: DocumentContext | undefined;
  private lineNumber = 1;
  /** The previous chunk ended in `\r`: a `\n` starting this one belongs to that break. */
  private afterCr = false;
  // The current line, when it is longer than one piece: the part in memory, from line offset `start`.
  private text = '';
  private start = 0;
  private head = '';
  private resume: WindowEnd = { from: 0, mibFrom: 0, inToken: false };
  /** With a line listener: the current line's start and its mentions so far. */
  private lineStart = '';
  private lineMentions: LocatedMention[] = [];
  /** A piece of the current line has been scanned already: it is no longer read whole. */
  private cut = false;

  constructor(
    private readonly emit: (mention: LocatedMention) => void,
    /** Piece size; smaller only in tests, to cut lines at many places. */
    private readonly maxLineChars = MAX_LINE_CHARS,
    /** Told of every line as it ends (the census reads socket-table rows from their starts). */
    private readonly lines?: LineListener,
  ) {
    if (maxLineChars < 2 * (PIECE_MARGIN + CONTEXT_CHARS)) throw new RangeError(`maxLineChars must be at least ${2 * (PIECE_MARGIN + CONTEXT_CHARS)}`);
  }

  push(chunk: string): void {
    if (!this.doc) {
      // The document is judged from its beginning, before any line is scanned.
      this.early += chunk;
      if (this.early.length < 2 * DOCUMENT_SAMPLE_CHARS) return;
      chunk = this.early;
      this.early = '';
      this.doc = analyseDocument(chunk);
    }
    this.feed(chunk);
  }

  /** How the document was judged (from its first 2 × DOCUMENT_SAMPLE_CHARS characters); undefined until then. */
  get context(): DocumentContext | undefined {
    return this.doc;
  }

  /**
   * The next line was dealt with outside (the census's byte path counted it), as if `quick` had
   * taken it: only its number is used up. Only between lines, once the document is judged: the
   * text pushed so far must end with `\n`.
   */
  skipLine(): number {
    return this.lineNumber++;
  }

  end(): void {
    if (!this.doc) {
      this.doc = analyseDocument(this.early);
      const text = this.early;
      this.early = '';
      this.feed(text);
    }
    this.finishLine('');
  }

  private feed(chunk: string): void {
    if (!chunk) return;
    let at = 0;
    if (this.afterCr && chunk.charCodeAt(0) === 10) at = 1;
    this.afterCr = false;
    if (chunk.indexOf('\r', at) < 0) {
      // No `\r` (most dumps): every break is a `\n`, found without the expression.
      for (let lineBreak = chunk.indexOf('\n', at); lineBreak >= 0; lineBreak = chunk.indexOf('\n', at)) {
        if (!this.quickLine(chunk, at, lineBreak)) this.finishLine(chunk.slice(at, lineBreak));
        at = lineBreak + 1;
      }
    } else {
      BREAK.lastIndex = at;
      for (let lineBreak = BREAK.exec(chunk); lineBreak; lineBreak = BREAK.exec(chunk)) {
        if (!this.quickLine(chunk, at, lineBreak.index)) this.finishLine(chunk.slice(at, lineBreak.index));
        at = BREAK.lastIndex;
        if (lineBreak[0] === '\r' && at === chunk.length) this.afterCr = true;
      }
    }
    if (at < chunk.length) this.extendLine(chunk.slice(at));
  }

  /** More of the current line, which goes on in the next chunk. */
  private extendLine(part: string): void {
    this.text += part;
    if (this.text.length > this.maxLineChars) this.scanPiece();
  }

  /** Scans what is in memory of a long line, but for its last PIECE_MARGIN characters. */
  private scanPiece(): void {
    this.cut = true;
    if (this.start === 0) this.keepLineStart(this.text);
    const to = this.start + this.text.length - PIECE_MARGIN;
    this.resume = this.scan(this.text, to, false);
    const keepFrom = Math.max(this.start, Math.min(this.resume.from, this.resume.mibFrom) - CONTEXT_CHARS);
    this.text = this.text.slice(keepFrom - this.start);
    this.start = keepFrom;
  }

  /** The listener's `quick` on a line that starts and ends in this chunk: true when it took it. */
  private quickLine(chunk: string, from: number, to: number): boolean {
    if (this.text || !this.lines?.quick?.(this.lineNumber, chunk, from, to, this.doc as DocumentContext)) return false;
    this.lineNumber++;
    return true;
  }

  private finishLine(last: string): void {
    const text = this.text ? this.text + last : last;
    if (!this.cut && this.lines?.quick?.(this.lineNumber, text, 0, text.length, this.doc as DocumentContext)) {
      this.text = '';
      this.lineNumber++;
      return;
    }
    this.cut = false;
    if (this.start === 0) this.keepLineStart(text);
    this.scan(text, this.start + text.length, true);
    if (this.lines) {
      this.lines.onLine(this.lineNumber, this.lineStart, this.lineMentions);
      this.lineMentions = [];
    }
    this.text = '';
    this.start = 0;
    this.resume = { from: 0, mibFrom: 0, inToken: false };
    this.lineNumber++;
  }

  /** What is judged and reported of a line, taken while its start is still in memory. */
  private keepLineStart(text: string): void {
    this.head = lineHead(text);
    if (this.lines) this.lineStart = text.length > this.lines.startChars ? text.slice(0, this.lines.startChars) : text;
  }

  private scan(text: string, to: number, complete: boolean): WindowEnd {
    const found: StateMention[] = [];
    const { from, mibFrom, inToken } = this.resume;
    const next = scanWindow({ head: this.head, text, start: this.start, from, mibFrom, to, complete, inToken }, this.doc as DocumentContext, found);
    // Built field by field: an object spread here costs more than the whole recogniser.
    for (const m of found) {
      const located: LocatedMention = {
        offset: m.offset,
        length: m.length,
        text: m.text,
        state: m.state,
        source: m.source,
        sources: m.sources,
        line: this.lineNumber,
        column: m.offset + 1,
      };
      this.emit(located);
      if (this.lines) this.lineMentions.push(located);
    }
    return next;
  }
}
