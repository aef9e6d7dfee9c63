// What `timeline` writes to standard output, as bytes: the segment table is most of a large
// capture's output (a line per segment), and building each line as a string (numbers turned to
// strings, padded, joined, then encoded again for the pipe) made more garbage than the rest of
// the timeline. Here a segment's line is written straight into a buffer: numbers digit by digit,
// the parts that repeat (flags, a pair of states, the arrow) encoded once. The bytes are those
// the string form gave (test/unit/cli-timeline.test.ts reads them back). Everything else goes
// in as text. Node side (Buffer, process.stdout): the core hands out the segments.
import { type Locale } from './core/model/locales';
import type { TimelineSegment } from './core/timeline';
import { SEQUENCE_WORDS } from './core/views/sequence-diagram';

/** A piece is written once at least this large (or at the end), as the string form did. */
const FLUSH_BYTES = 1 << 16;
/** Room for a segment's line without its rows and marks (counted apart): the widest numbers are 22 characters. */
const LINE_BYTES = 512;
const BUFFER_BYTES = 1 << 18;
/** A connection's lines start in this much (most connections of a capture are a few dozen segments). */
const CONNECTION_BYTES = 1 << 12;

const SPACE = 0x20;
const DOT = 0x2e;
const NEWLINE = 0x0a;
const ZERO = 0x30;

/** The time column in ms: a whole number of µs (every pcap) as exactly three decimals, others through toFixed(3). */
export function msText(ns: number | undefined): string {
  if (ns === undefined) return '-';
  if (ns >= 0 && ns % 1000 === 0 && ns < Number.MAX_SAFE_INTEGER) {
    const us = ns / 1000;
    const fraction = us % 1000;
    return `${(us - fraction) / 1000}.${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}`;
  }
  return (ns / 1e6).toFixed(3);
}

/** A mark in the segment table: its id in English (as in --json), its short name in another language. */
function markText(mark: TimelineSegment['marks'][number], locale: Locale): string {
  return locale === 'en' ? mark : SEQUENCE_WORDS[locale].marks[mark].short;
}

/** How many decimal digits a safe non-negative integer has: compared, not divided. */
function digitsOf(n: number): number {
  let digits = 1;
  for (let limit = 10; n >= limit && digits < 16; limit *= 10) digits++;
  return digits;
}

const NO_DIFFERENCES: readonly string[] = Object.freeze([]);

/** A number written as String(n) writes it: a safe non-negative integer, which this writer prints digit by digit. */
const plainInteger = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** What repeats on every line, encoded once, for every writer: padded flags, a states pair (shared by the timeline), the arrows. */
const FLAGS = new Map<string, Buffer>();
const STATES = new WeakMap<readonly string[], Buffer>();
const ARROWS = [Buffer.from('A→B '), Buffer.from('B→A ')] as const;

/**
 * Segment lines and text written into a buffer: `room` says what happens when it is full
 * (standard output sets the full one aside, a connection's lines grow theirs).
 */
abstract class ByteWriter {
  protected buffer: Buffer;
  protected at = 0;

  constructor(bytes: number) {
    this.buffer = Buffer.allocUnsafe(bytes);
  }

  add(text: string): void {
    if (text.length === 0) return;
    const bytes = Buffer.byteLength(text);
    this.room(bytes);
    this.at += this.buffer.write(text, this.at);
  }

  /**
   * One line of the segment table and its line end, as
   * `    MS  FRAME  A→B FLAGS       SEQ       ACK   LEN  STATES  ROWS  [MARKS]` (columns 10, 6, 12, 10, 10, 6).
   */
  segment(s: TimelineSegment, locale: Locale): void {
    const differences = s.linuxDifferences ?? NO_DIFFERENCES;
    const extra = s.marks.length === 0 && differences.length === 0 ? '' : `  [${[...s.marks.map((m) => markText(m, locale)), ...differences.map((d) => `linux: ${d}`)].join(', ')}]`;
    let rowBytes = 0;
    for (let i = 0; i < s.rows.length; i++) rowBytes += 1 + 3 * s.rows[i]!.length;
    this.room(LINE_BYTES + rowBytes + (extra.length === 0 ? 0 : Buffer.byteLength(extra)));
    this.spaces(4);
    this.milliseconds(s.offsetNs);
    this.spaces(2);
    this.number(s.index, 6);
    this.spaces(2);
    this.bytes(ARROWS[s.from === 0 ? 0 : 1]);
    this.bytes(paddedFlags(s.flags));
    this.number(s.relSeq ?? s.seq, 10);
    this.number(s.relAck ?? s.ack, 10);
    this.number(s.len, 6);
    this.spaces(2);
    this.bytes(statesText(s.states));
    this.spaces(2);
    for (let i = 0; i < s.rows.length; i++) {
      if (i > 0) this.buffer[this.at++] = SPACE;
      this.text(s.rows[i]!);
    }
    if (extra.length > 0) this.at += this.buffer.write(extra, this.at);
    this.buffer[this.at++] = NEWLINE;
  }

  /** At least `bytes` free in the buffer. */
  protected abstract room(bytes: number): void;

  protected bytes(bytes: Uint8Array): void {
    // Most are a few bytes: a loop is cheaper than TypedArray.set's call for those.
    if (bytes.length > 32) this.buffer.set(bytes, this.at);
    else for (let i = 0; i < bytes.length; i++) this.buffer[this.at + i] = bytes[i]!;
    this.at += bytes.length;
  }

  /** `text` as UTF-8: a row id is a few ASCII characters, written without Buffer.write's call. */
  private text(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        this.at += this.buffer.write(text.slice(i), this.at);
        return;
      }
      this.buffer[this.at++] = code;
    }
  }

  private spaces(count: number): void {
    for (let i = 0; i < count; i++) this.buffer[this.at++] = SPACE;
  }

  /** `n` as String(n), right-aligned in `width` columns; '-' when unknown. */
  private number(n: number | undefined, width: number): void {
    if (n === undefined || !plainInteger(n)) {
      const text = n === undefined ? '-' : String(n);
      this.spaces(width - text.length);
      this.at += this.buffer.write(text, this.at);
      return;
    }
    const digits = digitsOf(n);
    this.spaces(width - digits);
    this.digits(n, digits);
  }

  /** The time column (msText) right-aligned in 10 columns, written without a string for whole µs. */
  private milliseconds(ns: number | undefined): void {
    if (ns === undefined || !(ns >= 0 && ns % 1000 === 0 && ns < Number.MAX_SAFE_INTEGER)) {
      const text = msText(ns);
      this.spaces(10 - text.length);
      this.at += this.buffer.write(text, this.at);
      return;
    }
    const us = ns / 1000;
    const fraction = us % 1000;
    const whole = (us - fraction) / 1000;
    const digits = digitsOf(whole);
    this.spaces(10 - digits - 4);
    this.digits(whole, digits);
    this.buffer[this.at++] = DOT;
    this.digits(fraction, 3);
  }

  /** `n`'s last `digits` decimal digits, zeros in front where it has fewer. */
  private digits(n: number, digits: number): void {
    let rest = n;
    let i = digits - 1;
    // Above 2^31 a float division; below, integer division (most numbers: relative SEQ, frames, lengths).
    for (; i >= 0 && rest >= 0x80000000; i--) {
      const digit = rest % 10;
      this.buffer[this.at + i] = ZERO + digit;
      rest = (rest - digit) / 10;
    }
    for (; i >= 0; i--) {
      const quotient = (rest / 10) | 0;
      this.buffer[this.at + i] = ZERO + rest - quotient * 10;
      rest = quotient;
    }
    this.at += digits;
  }
}

function paddedFlags(flags: string): Buffer {
  let bytes = FLAGS.get(flags);
  if (bytes === undefined) FLAGS.set(flags, (bytes = Buffer.from(flags.padEnd(12))));
  return bytes;
}

function statesText(states: readonly string[]): Buffer {
  let bytes = STATES.get(states);
  if (bytes === undefined) STATES.set(states, (bytes = Buffer.from(states.join(' / '))));
  return bytes;
}

/**
 * One connection's segment lines, written as each segment is final (TimelineOptions.onSegment)
 * and printed after its heading once the connection is done: bytes, not the segments' objects.
 */
export class ConnectionLines extends ByteWriter {
  constructor() {
    super(CONNECTION_BYTES);
  }

  /** The lines written so far. */
  get written(): Uint8Array {
    return this.buffer.subarray(0, this.at);
  }

  /** Empty again, its buffer kept: a done connection's lines are reused for a new one. */
  clear(): void {
    this.at = 0;
  }

  protected room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.at + bytes));
    larger.set(this.buffer.subarray(0, this.at));
    this.buffer = larger;
  }
}

/** Standard output in large pieces, waiting when the reader is slower (back-pressure). */
export class TextOutput extends ByteWriter {
  /** Full buffers not yet written: `add` and `segment` run inside the reading, which cannot wait. */
  private full: Buffer[] = [];
  private fullBytes = 0;

  constructor() {
    super(BUFFER_BYTES);
  }

  /** A connection's lines, as they were written. */
  lines(lines: ConnectionLines): void {
    const bytes = lines.written;
    this.room(bytes.length);
    this.bytes(bytes);
  }

  async flush(all = false): Promise<void> {
    const size = this.fullBytes + this.at;
    if (size === 0 || (!all && size < FLUSH_BYTES)) return;
    const pieces = [...this.full, this.buffer.subarray(0, this.at)];
    this.full = [];
    this.fullBytes = 0;
    this.buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    this.at = 0;
    const ready = pieces.map((piece) => process.stdout.write(piece)).at(-1);
    if (!ready) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }

  /** At least `bytes` free in the buffer: a full one is set aside for `flush`, a larger need gets a larger buffer. */
  protected room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    if (this.at > 0) {
      this.full.push(this.buffer.subarray(0, this.at));
      this.fullBytes += this.at;
    }
    this.buffer = Buffer.allocUnsafe(Math.max(BUFFER_BYTES, bytes));
    this.at = 0;
  }
}
