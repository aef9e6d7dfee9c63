// Feeds text that arrives in chunks (a file stream, stdin) to the recogniser line by line,
// keeping line numbers, so a 200 MB dump never has to be held in memory. Pure: no `vscode`, no fs.
import { analyseDocument, DOCUMENT_SAMPLE_CHARS, type DocumentContext } from './context';
import { findInLine, type StateMention } from './recognizer';

export interface LocatedMention extends StateMention {
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units (as editors count). */
  readonly column: number;
}

/**
 * A line longer than this is cut into pieces of this size for scanning: a state name split at
 * a piece boundary may be missed, but memory stays bounded whatever the input.
 */
export const MAX_LINE_CHARS = 1 << 20;

export class LineScanner {
  private pending = '';
  private lineNumber = 1;
  private doc: DocumentContext | undefined;
  private sample = '';
  /** Characters of the current line already scanned (when a long line was cut). */
  private lineOffset = 0;

  constructor(private readonly emit: (mention: LocatedMention) => void) {}

  push(chunk: string): void {
    if (!this.doc) {
      // The document is judged from its beginning, before any line is scanned.
      this.sample += chunk;
      if (this.sample.length < DOCUMENT_SAMPLE_CHARS) return;
      chunk = this.sample;
      this.sample = '';
      this.doc = analyseDocument(chunk);
    }
    this.consume(this.pending + chunk, false);
  }

  end(): void {
    if (!this.doc) {
      this.doc = analyseDocument(this.sample);
      this.pending = this.sample;
      this.sample = '';
    }
    this.consume(this.pending, true);
  }

  private consume(text: string, final: boolean): void {
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      this.scan(text.slice(start, lineEnd));
      this.lineNumber++;
      this.lineOffset = 0;
      start = end + 1;
    }
    let rest = text.slice(start);
    while (rest.length > MAX_LINE_CHARS) {
      this.scan(rest.slice(0, MAX_LINE_CHARS));
      this.lineOffset += MAX_LINE_CHARS;
      rest = rest.slice(MAX_LINE_CHARS);
    }
    if (final) {
      if (rest.length) this.scan(rest);
      this.pending = '';
    } else {
      this.pending = rest;
    }
  }

  private scan(line: string): void {
    const mentions = findInLine(line, this.doc as DocumentContext, this.lineOffset);
    // Built field by field: an object spread here costs more than the whole recogniser.
    for (const m of mentions) {
      this.emit({
        offset: m.offset,
        length: m.length,
        text: m.text,
        state: m.state,
        source: m.source,
        sources: m.sources,
        line: this.lineNumber,
        column: m.offset + 1,
      });
    }
  }
}
