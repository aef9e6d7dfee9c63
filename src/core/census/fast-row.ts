// The census's fast path: on a line of a socket dump, the one state mention a whole-line scan of
// the recogniser would find, told from a single pass over the line's character codes, without
// regular expressions or temporary strings. It answers only where it can show the recogniser
// would report exactly that mention (the census reads nothing else of a mention: its offset and
// its state); on any line it cannot vouch for it answers "don't know" and the census runs the
// full recogniser. Each condition below names the recogniser's path it rules out. Pure.
import { isNonTcpRow, LINE_HEAD_CHARS, looksLikeNetworkLine, type DocumentContext } from '../recognition/context';
import { SPELLINGS, type Spelling } from '../recognition/spellings';
import { ROW_TOKENS } from './socket-row';

/** The answer for a line the fast path vouches for: its one mention. */
export interface FastMention {
  /** Where the mention starts (in the text read). */
  offset: number;
  spelling: Spelling;
  /** How many `\S+` tokens the line has, in ROW_TOKENS (for `rowOfTokens`). */
  tokens: number;
}

// Character classes of UTF-16 code units, one table look-up per character: a line with any
// non-ASCII code unit is left to the recogniser (its tokens and `\s` reach beyond ASCII).
/** Any other ASCII character. */
const OTHER = 0;
/** `\s` */
const SPACE = 1;
/** Starts a recogniser token: [A-Za-z_]. */
const START = 2;
const DIGIT = 3;
const HYPHEN = 4;
/** A quote: before `0` it may open a quoted /proc/net/tcp code (`"0A"`). */
const QUOTE = 5;
/** After a letter it may be an SNMP value (`listen(2)`). */
const PAREN = 6;
const UNDERSCORE = 7;
const NON_ASCII = 8;

const CLASS = new Uint8Array(65536).fill(NON_ASCII);
CLASS.fill(OTHER, 0, 128);
for (let c = 9; c <= 13; c++) CLASS[c] = SPACE;
CLASS[32] = SPACE;
for (let c = 65; c <= 90; c++) CLASS[c] = START;
for (let c = 97; c <= 122; c++) CLASS[c] = START;
CLASS[95] = UNDERSCORE;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
CLASS[45] = HYPHEN;
CLASS[34] = CLASS[39] = CLASS[96] = QUOTE;
CLASS[40] = PAREN;

/** A token's characters after its first: [\w] (the recogniser's token, ASCII only here). */
function isWordClass(k: number): boolean {
  return k === START || k === DIGIT || k === UNDERSCORE;
}

// The spellings by a hash of their code units (open addressing), so a token is looked up
// straight from the line: no string is made for the tokens that are no spelling (most of them).
const TABLE_BITS = 12;
export const TABLE_MASK = (1 << TABLE_BITS) - 1;
export const tableHash = new Int32Array(1 << TABLE_BITS);
export const tableEntry: (Spelling | undefined)[] = new Array<Spelling | undefined>(1 << TABLE_BITS).fill(undefined);

export function step(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}
export const SEED = 0x811c9dc5 | 0;

for (const spelling of SPELLINGS.values()) {
  // Only ASCII spellings can equal a token of an ASCII line.
  if (!/^[\x00-\x7f]*$/.test(spelling.text)) continue;
  let hash = SEED;
  for (let i = 0; i < spelling.text.length; i++) hash = step(hash, spelling.text.charCodeAt(i));
  let slot = hash & TABLE_MASK;
  while (tableEntry[slot]) slot = (slot + 1) & TABLE_MASK;
  tableHash[slot] = hash;
  tableEntry[slot] = spelling;
}

function lookUp(line: string, start: number, end: number, hash: number): Spelling | undefined {
  for (let slot = hash & TABLE_MASK; ; slot = (slot + 1) & TABLE_MASK) {
    const entry = tableEntry[slot];
    if (!entry) return undefined;
    if (tableHash[slot] !== hash || entry.text.length !== end - start) continue;
    const text = entry.text;
    let i = 0;
    while (i < text.length && text.charCodeAt(i) === line.charCodeAt(start + i)) i++;
    if (i === text.length) return entry;
  }
}

/**
 * The first two characters of each protocol `isNonTcpRow` knows (udp, UDP, raw, RAW, icmp, unix,
 * u_str, nl, p_raw, v_str, sctp, xdp, mptcp, tipc): a line starting otherwise (`tcp`, `TCP`, a
 * state) needs no test. A test in spellings' style (`fast-row` in census.test.ts) checks the list.
 */
export const NON_TCP_STARTS = ['ud', 'UD', 'ra', 'RA', 'ic', 'un', 'u_', 'nl', 'p_', 'v_', 'sc', 'xd', 'mp', 'ti'];
export const NON_TCP_PAIR = new Uint8Array(128 * 128);
for (const start of NON_TCP_STARTS) NON_TCP_PAIR[start.charCodeAt(0) * 128 + start.charCodeAt(1)] = 1;

/**
 * The one mention a whole-line scan of `line` finds in a document judged `doc`, written into
 * `out`, when this pass can show there is exactly one; false when it cannot tell (then the
 * recogniser decides). `line` is a whole line without its break.
 */
export function fastMention(line: string, doc: DocumentContext, out: FastMention): boolean {
  return fastMentionIn(line, 0, line.length, doc, out);
}

/**
 * `fastMention` of the line `text.slice(from, end)`, read in place (a line's characters are read
 * faster from the chunk it came in than from a slice of it); `out.offset` and ROW_TOKENS are
 * offsets into `text`.
 */
export function fastMentionIn(text: string, from: number, end: number, doc: DocumentContext, out: FastMention): boolean {
  const line = text;
  // Longer lines are judged on their head (LINE_HEAD_CHARS): the recogniser's business.
  if (end - from > LINE_HEAD_CHARS) return false;
  let i = from;
  while (i < end && CLASS[line.charCodeAt(i)] === SPACE) i++;
  if (i >= end) return false;
  const first = line.charCodeAt(i);
  // A /proc/net/tcp row starts with a number (`  0: 0100007F:…`): its code is its mention.
  if (CLASS[first] === DIGIT) return false;
  // A UDP, UNIX, netlink… row has no TCP state.
  const second = i + 1 < end ? line.charCodeAt(i + 1) : 0;
  if (first < 128 && second < 128 && NON_TCP_PAIR[first * 128 + second] && isNonTcpRow(line.slice(from, end))) return false;
  // The row's `\S+` tokens, taken in the same pass (on an ASCII line `\s` is SPACE).
  const { starts, ends } = ROW_TOKENS;
  let count = 0;
  let found: Spelling | undefined;
  let foundAt = -1;
  // What precedes the position: the line's start counts as white space (ss prints the state first).
  let previous = SPACE;
  // `i` is at the first character of an `\S+` token here.
  while (i < end) {
    starts[count] = i;
    for (;;) {
      const code = line.charCodeAt(i);
      const k = CLASS[code]!;
      if (k === SPACE) break;
      if (k === START || k === UNDERSCORE) {
        // A token, as the recogniser's TOKEN expression takes it: [A-Za-z_]\w*(?:-\w+)*.
        const start = i;
        let hash = step(SEED, code);
        let underscore = k === UNDERSCORE;
        i++;
        for (;;) {
          while (i < end) {
            const c = line.charCodeAt(i);
            const ck = CLASS[c]!;
            if (!isWordClass(ck)) break;
            if (ck === UNDERSCORE) underscore = true;
            hash = step(hash, c);
            i++;
          }
          if (i + 1 < end && line.charCodeAt(i) === 45 && isWordClass(CLASS[line.charCodeAt(i + 1)]!)) {
            hash = step(hash, 45);
            i++;
            continue;
          }
          break;
        }
        const spelling = lookUp(line, start, i, hash);
        if (spelling) {
          // A second spelling (a mention or not: the recogniser decides), or one that a qualifier,
          // a digit or a filter character before it could change (`TcpState.`, `state=`, `1TIME_WAIT`).
          if (found || previous !== SPACE) return false;
          // Its rule makes it a mention whatever else the line says (ESTABLISHED needs a network
          // line: a socket dump's header makes the whole document one).
          if (spelling.rule !== 'always' && !(spelling.rule === 'network' && (doc.network || looksLikeNetworkLine(line.slice(from, end))))) return false;
          found = spelling;
          foundAt = start;
        } else if (underscore) {
          // May be an enum constant (`TcpState_Listen`) or a noted word (`tcp_tw_recycle`).
          return false;
        }
        previous = START;
      } else {
        if (k === NON_ASCII) return false;
        // A quoted /proc/net/tcp code may pair with a name on the line.
        if (k === QUOTE && i + 1 < end && line.charCodeAt(i + 1) === 48) return false;
        // An SNMP value `name(code)`.
        if (k === PAREN && previous === START) return false;
        previous = k;
        i++;
      }
      if (i >= end) break;
    }
    ends[count++] = i;
    previous = SPACE;
    while (i < end && CLASS[line.charCodeAt(i)] === SPACE) i++;
  }
  if (!found) return false;
  out.tokens = count;
  out.offset = foundAt;
  out.spelling = found;
  return true;
}
