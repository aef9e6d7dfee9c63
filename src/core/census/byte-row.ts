// The census's fast path on bytes: the same decision as fast-row.ts (the one state mention of a
// socket-dump line) and the same row as socket-row.ts's `rowOfTokens`, read straight from the
// file's bytes, so the ASCII majority of a dump is never decoded into strings. It answers only
// for an ASCII line it can vouch for whole, mention and row; on anything else (a byte ≥ 128, a
// `\r` inside the line, a rule it would need the line's text for, an ss process column of several
// tokens) it answers "don't know" and the line is decoded and counted by the string path. For
// ASCII, a byte is the UTF-16 code unit the string path reads, so every check below is the
// string path's on the same codes. Pure.
import { LINE_HEAD_CHARS, type DocumentContext } from '../recognition/context';
import type { Spelling } from '../recognition/spellings';
import { NON_TCP_PAIR, SEED, step, tableEntry, tableHash, TABLE_MASK } from './fast-row';
import { keyCode } from './top-keys';

// Byte classes, as fast-row.ts's (one look-up per byte), numbered so that the three a token's
// characters can run through without a decision (any other ASCII, digits, `-`) come first.
const OTHER = 0;
const DIGIT = 1;
const HYPHEN = 2;
/** The last of the classes a run goes through without a decision. */
const PLAIN = HYPHEN;
const SPACE = 3;
const START = 4;
const UNDERSCORE = 5;
const QUOTE = 6;
const PAREN = 7;
/** Not ASCII, or a `\r` (here it may be a line break: the string path breaks the line). */
const UNSURE = 8;

const CLASS = new Uint8Array(256).fill(UNSURE);
CLASS.fill(OTHER, 0, 128);
for (let c = 9; c <= 12; c++) CLASS[c] = SPACE;
CLASS[13] = UNSURE;
CLASS[32] = SPACE;
for (let c = 65; c <= 90; c++) CLASS[c] = START;
for (let c = 97; c <= 122; c++) CLASS[c] = START;
CLASS[95] = UNDERSCORE;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
CLASS[45] = HYPHEN;
CLASS[34] = CLASS[39] = CLASS[96] = QUOTE;
CLASS[40] = PAREN;

function isWordClass(k: number): boolean {
  return k === START || k === DIGIT || k === UNDERSCORE;
}

/** No process column. */
export const NO_PROCESS = 0;
/** The process is the name bytes[processStart, processEnd). */
export const NAMED = 1;
/** The process is "pid " and the digits bytes[processStart, processEnd). */
export const PID_ONLY = 2;

/** What the byte path found on a line: its mention and, when `row`, the row's parts as byte ranges. */
export interface ByteLine {
  spelling: Spelling;
  /** The spelling's place in fast-row.ts's table (what a record sends for it). */
  slot: number;
  offset: number;
  row: boolean;
  portStart: number;
  portEnd: number;
  peerStart: number;
  peerEnd: number;
  process: number;
  processStart: number;
  processEnd: number;
  /** -1: not printed (Windows). */
  recvQ: number;
  sendQ: number;
  /** The rankings' `keyCode`s of the port, the peer and the process (read while the line is at hand). */
  portCode: number;
  peerCode: number;
  processCode: number;
}

export function newByteLine(): ByteLine {
  return { spelling: undefined as unknown as Spelling, slot: -1, offset: 0, row: false, portStart: 0, portEnd: 0, peerStart: 0, peerEnd: 0, process: NO_PROCESS, processStart: 0, processEnd: 0, recvQ: -1, sendQ: -1, portCode: -1, peerCode: -1, processCode: -1 };
}

const starts = new Int32Array(LINE_HEAD_CHARS + 1);
const ends = new Int32Array(LINE_HEAD_CHARS + 1);

// fast-row.ts's table of spellings, its texts as bytes: a token is compared with a spelling
// without reading the spelling's string (and an empty slot is told by its length, 0).
const tableLength = new Int32Array(tableEntry.length);
const tableOffset = new Int32Array(tableEntry.length);
const tableBytes = new Uint8Array(tableEntry.reduce((sum, entry) => sum + (entry ? entry.text.length : 0), 0));
for (let slot = 0, offset = 0; slot < tableEntry.length; slot++) {
  const entry = tableEntry[slot];
  if (!entry) continue;
  // Only ASCII spellings are in the table (fast-row.ts): a code unit is a byte.
  for (let i = 0; i < entry.text.length; i++) tableBytes[offset + i] = entry.text.charCodeAt(i);
  tableLength[slot] = entry.text.length;
  tableOffset[slot] = offset;
  offset += entry.text.length;
}

/** The table slot of the spelling bytes[start, end) is, or -1. */
function lookUp(bytes: Uint8Array, start: number, end: number, hash: number): number {
  const length = end - start;
  for (let slot = hash & TABLE_MASK; ; slot = (slot + 1) & TABLE_MASK) {
    const slotLength = tableLength[slot]!;
    if (slotLength === 0) return -1;
    if (tableHash[slot] !== hash || slotLength !== length) continue;
    const offset = tableOffset[slot]! - start;
    let i = start;
    while (i < end && tableBytes[offset + i] === bytes[i]) i++;
    if (i === end) return slot;
  }
}

/**
 * The line bytes[from, end) (without its break) as the string path would count it in a document
 * judged `doc`, written into `out`: true when this path can vouch for it, false to leave the line
 * to the string path. bytes[end] must be the line's break (`\n`, or the `\r` of `\r\n`).
 */
export function byteLine(bytes: Uint8Array, from: number, end: number, doc: DocumentContext, out: ByteLine): boolean {
  if (end - from > LINE_HEAD_CHARS) return false;
  let i = from;
  while (i < end && CLASS[bytes[i]!] === SPACE) i++;
  if (i >= end) return false;
  const first = bytes[i]!;
  if (CLASS[first] === DIGIT) return false;
  const second = i + 1 < end ? bytes[i + 1]! : 0;
  // A line that might be a non-TCP row: the string path reads it (it needs the line's text).
  if (first < 128 && second < 128 && NON_TCP_PAIR[first * 128 + second]) return false;
  let count = 0;
  let found: Spelling | undefined;
  let foundSlot = -1;
  let foundAt = -1;
  let previous = SPACE;
  while (i < end) {
    starts[count] = i;
    for (;;) {
      let k = CLASS[bytes[i]!]!;
      if (k <= PLAIN) {
        // A run of characters that decide nothing (address digits, dots, colons): the byte at
        // `end` (`\n` or `\r`) is no such character, so the run needs no bound.
        do i++;
        while (CLASS[bytes[i]!]! <= PLAIN);
        previous = OTHER;
        if (i >= end) break;
        k = CLASS[bytes[i]!]!;
      }
      if (k === SPACE) break;
      if (k === START || k === UNDERSCORE) {
        const code = bytes[i]!;
        const start = i;
        let hash = step(SEED, code);
        let underscore = k === UNDERSCORE;
        i++;
        for (;;) {
          while (i < end) {
            const c = bytes[i]!;
            const ck = CLASS[c]!;
            if (!isWordClass(ck)) break;
            if (ck === UNDERSCORE) underscore = true;
            hash = step(hash, c);
            i++;
          }
          if (i + 1 < end && bytes[i] === 45 && isWordClass(CLASS[bytes[i + 1]!]!)) {
            hash = step(hash, 45);
            i++;
            continue;
          }
          break;
        }
        const slot = lookUp(bytes, start, i, hash);
        if (slot >= 0) {
          const spelling = tableEntry[slot]!;
          if (found || previous !== SPACE) return false;
          // A `network` spelling outside a network document needs the line's text to judge: the string path's.
          if (spelling.rule !== 'always' && !(spelling.rule === 'network' && doc.network)) return false;
          found = spelling;
          foundSlot = slot;
          foundAt = start;
        } else if (underscore) {
          return false;
        }
        previous = START;
      } else {
        if (k === UNSURE) return false;
        if (k === QUOTE && i + 1 < end && bytes[i + 1] === 48) return false;
        if (k === PAREN && previous === START) return false;
        previous = k;
        i++;
      }
      if (i >= end) break;
    }
    ends[count++] = i;
    previous = SPACE;
    // ss pads its columns with spaces: those first, without the table (the byte at `end` is none).
    while (bytes[i] === 32) i++;
    while (i < end && CLASS[bytes[i]!] === SPACE) i++;
  }
  if (!found) return false;
  out.spelling = found;
  out.slot = foundSlot;
  out.offset = foundAt;
  return rowOf(bytes, foundAt, count, out);
}

function isNumber(bytes: Uint8Array, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const code = bytes[i]!;
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** The value of digits; -1 past 15 of them (the string path's `Number` of a long one: left to it). */
function numberOf(bytes: Uint8Array, start: number, end: number): number {
  if (end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (bytes[i]! - 48);
  return value;
}

function isPort(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start === 1 && bytes[start] === 42) return true;
  return end - start <= 5 && isNumber(bytes, start, end);
}

function isHostChar(code: number): boolean {
  return (code >= 48 && code <= 58) || code === 46 || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function isZoneChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46 || code === 45;
}

function isHost(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start === 1 && bytes[start] === 42) return true;
  let i = start;
  while (i < end && isHostChar(bytes[i]!)) i++;
  if (i === start) return false;
  if (i === end) return true;
  if (bytes[i] !== 37 || ++i === end) return false;
  for (; i < end; i++) if (!isZoneChar(bytes[i]!)) return false;
  return true;
}

let hostStart = 0;
let hostEnd = 0;
let portStart = 0;
let portEnd = 0;

function lastIndex(bytes: Uint8Array, code: number, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (bytes[i] === code) return i;
  return -1;
}

/** socket-row.ts's `splitRange` on bytes. */
function splitRange(bytes: Uint8Array, start: number, end: number): boolean {
  if (bytes[start] === 91) {
    let close = start + 1;
    while (close < end && bytes[close] !== 93) close++;
    if (close + 1 >= end || bytes[close + 1] !== 58) return false;
    hostStart = start + 1;
    hostEnd = close;
    portStart = close + 2;
    portEnd = end;
    return isHost(bytes, hostStart, hostEnd) && isPort(bytes, portStart, portEnd);
  }
  return splitAt(bytes, start, end, 58) || splitAt(bytes, start, end, 46);
}

function splitAt(bytes: Uint8Array, start: number, end: number, separator: number): boolean {
  const at = lastIndex(bytes, separator, start, end);
  if (at <= start) return false;
  if (!isPort(bytes, at + 1, end) || !isHost(bytes, start, at)) return false;
  if (separator === 46) {
    let colon = false;
    let dots = 0;
    for (let i = start; i < at; i++) {
      const code = bytes[i]!;
      if (code === 58) colon = true;
      else if (code === 46) dots++;
    }
    const star = at - start === 1 && bytes[start] === 42;
    if (!colon && !star && dots !== 3) return false;
  }
  hostStart = start;
  hostEnd = at;
  portStart = at + 1;
  portEnd = end;
  return true;
}

/** `users:(("` */
const USERS = [117, 115, 101, 114, 115, 58, 40, 40, 34];
/** `",pid=` */
const PID = [34, 44, 112, 105, 100, 61];

function startsWith(bytes: Uint8Array, at: number, codes: readonly number[]): boolean {
  for (let k = 0; k < codes.length; k++) if (bytes[at + k] !== codes[k]) return false;
  return true;
}

/** socket-row.ts's `ssUsers` on the token bytes[start, end): true with the process in `out`, false for none. */
function ssUsers(bytes: Uint8Array, start: number, end: number, out: ByteLine): boolean {
  for (let at = start; at + USERS.length <= end; at++) {
    if (!startsWith(bytes, at, USERS)) continue;
    const nameStart = at + USERS.length;
    let i = nameStart;
    while (i < end) {
      const code = bytes[i]!;
      if (code === 34) break;
      if (code === 92) i += 2;
      else i++;
    }
    if (i >= end || i + PID.length >= end || !startsWith(bytes, i, PID)) continue;
    let digits = i + PID.length;
    while (digits < end && bytes[digits]! >= 48 && bytes[digits]! <= 57) digits++;
    if (digits === i + PID.length) continue;
    if (nameStart < i) {
      out.process = NAMED;
      out.processStart = nameStart;
      out.processEnd = i;
    } else {
      out.process = PID_ONLY;
      out.processStart = i + PID.length;
      out.processEnd = digits;
    }
    return true;
  }
  return false;
}

/** socket-row.ts's `pidProgram` on the token bytes[start, end). */
function pidProgram(bytes: Uint8Array, start: number, end: number, out: ByteLine): boolean {
  let slash = start;
  while (slash < end && bytes[slash]! >= 48 && bytes[slash]! <= 57) slash++;
  if (slash === start || slash === end || bytes[slash] !== 47) return false;
  let stop = slash + 1;
  while (stop < end && bytes[stop] !== 58) stop++;
  if (stop > slash + 1) {
    out.process = NAMED;
    out.processStart = slash + 1;
    out.processEnd = stop;
  } else {
    out.process = PID_ONLY;
    out.processStart = start;
    out.processEnd = slash;
  }
  return true;
}

/**
 * `rowOfTokens` of the line whose `count` tokens are in starts/ends, its mention at `offset`,
 * into `out` (`out.row` false when the line is no row); false when the string path must read it.
 */
function rowOf(bytes: Uint8Array, offset: number, count: number, out: ByteLine): boolean {
  out.row = false;
  out.process = NO_PROCESS;
  out.recvQ = -1;
  out.sendQ = -1;
  let s = 0;
  while (s < count && starts[s]! < offset) s++;
  if (s >= count || starts[s] !== offset) return true;
  if (s <= 1 && count >= s + 5 && isNumber(bytes, starts[s + 1]!, ends[s + 1]!) && isNumber(bytes, starts[s + 2]!, ends[s + 2]!)) {
    if (splitRange(bytes, starts[s + 3]!, ends[s + 3]!)) {
      const localStart = portStart;
      const localEnd = portEnd;
      if (splitRange(bytes, starts[s + 4]!, ends[s + 4]!)) {
        // The process column of several tokens is joined and matched by an expression: the string path's.
        if (count - (s + 5) > 1) return false;
        if (count - (s + 5) === 1) ssUsers(bytes, starts[s + 5]!, ends[s + 5]!, out);
        out.recvQ = numberOf(bytes, starts[s + 1]!, ends[s + 1]!);
        out.sendQ = numberOf(bytes, starts[s + 2]!, ends[s + 2]!);
        if (out.recvQ < 0 || out.sendQ < 0) return false;
        return found(bytes, out, localStart, localEnd);
      }
    }
  }
  if (s >= 2) {
    if (!splitRange(bytes, starts[s - 2]!, ends[s - 2]!)) return true;
    const localStart = portStart;
    const localEnd = portEnd;
    if (!splitRange(bytes, starts[s - 1]!, ends[s - 1]!)) return true;
    if (s + 1 < count) {
      const start = starts[s + 1]!;
      const end = ends[s + 1]!;
      if (!pidProgram(bytes, start, end, out) && isNumber(bytes, start, end)) {
        out.process = PID_ONLY;
        out.processStart = start;
        out.processEnd = end;
      }
    }
    if (s >= 4 && isNumber(bytes, starts[s - 4]!, ends[s - 4]!) && isNumber(bytes, starts[s - 3]!, ends[s - 3]!)) {
      out.recvQ = numberOf(bytes, starts[s - 4]!, ends[s - 4]!);
      out.sendQ = numberOf(bytes, starts[s - 3]!, ends[s - 3]!);
      if (out.recvQ < 0 || out.sendQ < 0) return false;
    }
    return found(bytes, out, localStart, localEnd);
  }
  return true;
}

/** A row: its local port as given, its peer the host of the last `splitRange`, and their key codes. */
function found(bytes: Uint8Array, out: ByteLine, localStart: number, localEnd: number): boolean {
  out.row = true;
  out.portStart = localStart;
  out.portEnd = localEnd;
  out.peerStart = hostStart;
  out.peerEnd = hostEnd;
  out.portCode = keyCode(bytes, localStart, localEnd, false);
  out.peerCode = keyCode(bytes, hostStart, hostEnd, false);
  out.processCode = out.process === NO_PROCESS ? -1 : keyCode(bytes, out.processStart, out.processEnd, out.process === PID_ONLY);
  return true;
}

/** A key code (below 2^34) as two Int32 of a record, and back. */
const HIGH = 4294967296;
function putCode(records: Int32Array, r: number, code: number): void {
  if (code < 0) {
    records[r] = -1;
    records[r + 1] = 0;
  } else {
    const low = code % HIGH;
    records[r] = (code - low) / HIGH;
    records[r + 1] = low | 0;
  }
}
function takeCode(records: Int32Array, r: number): number {
  const high = records[r]!;
  return high < 0 ? -1 : high * HIGH + (records[r + 1]! >>> 0);
}

// Lines read ahead on another thread (the CLI reads a large dump on two): byteLine's answer for
// each line of a chunk, as numbers, for the thread that counts. A spelling is sent as its slot in fast-row.ts's table.
/** Numbers per line in `annotateLines`' records. */
export const RECORD = 19;
/** Read as a network document: a line whose spelling needs one is checked against the real judgement by `recordedLine`. */
const AHEAD: DocumentContext = { network: true, powershellTable: false };

/**
 * For each line of `bytes` that ends in `\n`, in order: its start, its `\n`, and byteLine's answer
 * (judged as in a network document), RECORD numbers each, into `records` (grown when short).
 * Returns the records and how many lines.
 */
export function annotateLines(bytes: Uint8Array, records: Int32Array): { records: Int32Array; count: number } {
  const line = newByteLine();
  let count = 0;
  let at = 0;
  for (let lineBreak = bytes.indexOf(10); lineBreak >= 0; lineBreak = bytes.indexOf(10, at)) {
    if ((count + 1) * RECORD > records.length) {
      const grown = new Int32Array(records.length * 2 + RECORD * 1024);
      grown.set(records);
      records = grown;
    }
    const r = count++ * RECORD;
    records[r] = at;
    records[r + 1] = lineBreak;
    const end = lineBreak > at && bytes[lineBreak - 1] === 13 ? lineBreak - 1 : lineBreak;
    if (!byteLine(bytes, at, end, AHEAD, line)) {
      records[r + 2] = -1;
    } else {
      records[r + 2] = line.slot;
      records[r + 3] = line.row ? 1 : 0;
      records[r + 4] = line.portStart;
      records[r + 5] = line.portEnd;
      records[r + 6] = line.peerStart;
      records[r + 7] = line.peerEnd;
      records[r + 8] = line.process;
      records[r + 9] = line.processStart;
      records[r + 10] = line.processEnd;
      records[r + 11] = line.recvQ;
      records[r + 12] = line.sendQ;
      putCode(records, r + 13, line.portCode);
      putCode(records, r + 15, line.peerCode);
      putCode(records, r + 17, line.processCode);
    }
    at = lineBreak + 1;
  }
  return { records, count };
}

/** The record at `r` into `out`: true when byteLine would vouch for the line in a document judged `doc`. */
export function recordedLine(records: Int32Array, r: number, doc: DocumentContext, out: ByteLine): boolean {
  const slot = records[r + 2]!;
  if (slot < 0) return false;
  const spelling = tableEntry[slot]!;
  // byteLine leaves such a line to the string path outside a network document.
  if (spelling.rule !== 'always' && !doc.network) return false;
  out.spelling = spelling;
  out.slot = slot;
  out.row = records[r + 3] === 1;
  out.portStart = records[r + 4]!;
  out.portEnd = records[r + 5]!;
  out.peerStart = records[r + 6]!;
  out.peerEnd = records[r + 7]!;
  out.process = records[r + 8]!;
  out.processStart = records[r + 9]!;
  out.processEnd = records[r + 10]!;
  out.recvQ = records[r + 11]!;
  out.sendQ = records[r + 12]!;
  out.portCode = takeCode(records, r + 13);
  out.peerCode = takeCode(records, r + 15);
  out.processCode = takeCode(records, r + 17);
  return true;
}
