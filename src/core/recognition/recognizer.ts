// Finds TCP state mentions in text: every spelling real tools print, silent on ordinary prose.
// Line by line, in linear time whatever the input (every expression and loop here is linear: a
// test feeds each growing adversarial input), and the same answer however a line is read: whole,
// in pieces (the CLI on a 100 MB line), or around the hover's cursor. Pure: no `vscode`.
import {
  analyseDocument,
  DIGIT_OR_LETTER_BEFORE,
  isCodeName,
  isNonTcpRow,
  LINE_BREAK,
  lineHead,
  looksLikeNetworkLine,
  looksLikeRow,
  stateEvidence,
  TOKEN_PATTERN,
  type DocumentContext,
  type LineEvidence,
} from './context';
import { enumConstant, PROC_NET_TCP_CODES, SNMP_MIB, SPELLINGS, type Spelling } from './spellings';
import type { SourceId } from './sources';
import type { StateId } from '../model/states';

export interface StateMention {
  /** Offset of the first character, in UTF-16 code units, from the start of the searched text. */
  readonly offset: number;
  readonly length: number;
  /** The text as it appears, e.g. `SYN_RECV` or `TcpState.LastAck`. */
  readonly text: string;
  readonly state: StateId;
  /** The source this mention most likely comes from, judged from the spelling and its context. */
  readonly source: SourceId;
  /** Every source that uses the spelling (for "also printed by …"). */
  readonly sources: readonly SourceId[];
}

const TOKEN = new RegExp(TOKEN_PATTERN.source, 'g');
/** The rest of a token the scan is inside of (for a token that runs past the end of a piece). */
const TOKEN_REST = /[\w\u00C0-\u024F]*(?:-[\w\u00C0-\u024F]+)*/y;
/** Characters a token can hold: a scan restarted after any other character sees what a whole-line scan sees. */
const TOKEN_CHAR = /[\w\u00C0-\u024F-]/;

// /proc/net/tcp{,6} row: "  0: 0100007F:0277 00000000:0000 0A 00000000:00000000 …" (st is the 4th field).
const PROC_ROW = /^\s*\d+:\s+[0-9A-F]{8}(?:[0-9A-F]{24})?:[0-9A-F]{4}\s+[0-9A-F]{8}(?:[0-9A-F]{24})?:[0-9A-F]{4}\s+([0-9A-F]{2})\s/;

// SNMP: "tcpConnState.0.0.0.0.22.0.0.0.0.0 = INTEGER: listen(2)".
const MIB_VALUE = /\b([a-zA-Z]+)\((\d{1,2})\)/g;
const MIB_HINT = /[a-zA-Z]\(\d{1,2}\)/;
// A quoted /proc/net/tcp code (`"0A"`): a map from codes to names may be on the line.
const QUOTED_CODE_HINT = /["'`]0[0-9A-Da-d]["'`]/;
// Only on a line snmpwalk printed: elsewhere `listen(2)` is the man page of a system call.
const SNMP_LINE = /INTEGER:|tcpConnState|tcpConnectionState|TCP-MIB/;

// Qualifiers that make a Title-case or lower-case word a state name. Each is tested against the
// text just before the token (at most QUALIFIER_LOOKBACK characters).
const QUALIFIER_LOOKBACK = 80;
// `TcpState.LastAck` (.NET), `TcpState::SynSent` / `State::TimeWait` (Rust netstat2, smoltcp).
// PowerShell names the type in brackets: `[…NetTCPConnection.State]::Listen`.
const ENUM_QUALIFIER = /\b(TcpState|State|ConnectionState)(\]?)(\.|::)$/;
const POWERSHELL_PARAM = /-State\s+(?:['"]?\w+['"]?\s*,\s*)*['"]?$/i;
const POWERSHELL_COMPARE = /\bState\s+-(?:c|i)?(?:eq|ne|like|match|in|contains)\s+(?:['"]?\w+['"]?\s*,\s*)*['"]?$/i;
const KEY_VALUE = /\bstate\s*[=:]\s*["']?$|["']state["']\s*:\s*["']$/i;
const SS_FILTER = /\b(?:state|exclude|excl)\s+$/;
const SS_COMMAND = /(?:^|[\s;|&(`$])ss\s/;
const LSOF_FILTER = /-s?TCP:\^?$/i;
const TRACEPOINT = /\b(?:old|new)state=$/;

/**
 * What a decision needs: `text` (a stretch of the line around the token, with at least
 * QUALIFIER_LOOKBACK characters before it unless the line starts there) and the line-level facts,
 * each judged once per line on its head (`lineHead`), never on the whole line: that keeps a
 * mention's answer the same wherever it sits and the cost linear however many mentions a line has.
 */
interface LineFacts {
  readonly text: string;
  readonly head: string;
  readonly doc: DocumentContext;
  network?: boolean;
  row?: boolean;
  tcpWord?: boolean;
  ssCommand?: boolean;
  evidence?: LineEvidence;
}

function evidenceOf(facts: LineFacts): LineEvidence {
  facts.evidence ??= stateEvidence(facts.head);
  return facts.evidence;
}

/** The line's code is about TCP states: it names two of them, or maps one spelling of this state to another. */
function codeNamesStates(facts: LineFacts, state: StateId): boolean {
  const evidence = evidenceOf(facts);
  return evidence.distinct >= 2 || evidence.agreeing.has(state);
}

function isNetwork(facts: LineFacts): boolean {
  facts.network ??= facts.doc.network || looksLikeNetworkLine(facts.head);
  return facts.network;
}

function isRow(facts: LineFacts): boolean {
  facts.row ??= looksLikeRow(facts.head);
  return facts.row;
}

function hasTcpWord(facts: LineFacts): boolean {
  facts.tcpWord ??= /\bTCP\b/.test(facts.head);
  return facts.tcpWord;
}

function isSsCommand(facts: LineFacts): boolean {
  facts.ssCommand ??= SS_COMMAND.test(facts.head);
  return facts.ssCommand;
}

interface Decision {
  readonly source: SourceId;
  /** Characters before the token that belong to the mention (`TcpState.`). */
  readonly prefix: number;
}

function prefer(spelling: Spelling, source: SourceId): SourceId {
  return spelling.sources.includes(source) ? source : (spelling.sources[0] as SourceId);
}

/** Decides whether one token is a state mention, and from which source. */
function decide(spelling: Spelling, facts: LineFacts, start: number, end: number): Decision | undefined {
  const line = facts.text;
  const tool = facts.doc.tool;
  const primary = tool && spelling.sources.includes(tool) ? tool : (spelling.sources[0] as SourceId);
  // Qualifiers are rare; the character just before the token and a cheap substring test rule
  // most of them out, which keeps the scan of a 200 MB dump fast.
  const prev = start > 0 ? line[start - 1] : '';
  const before = line.slice(Math.max(0, start - QUALIFIER_LOOKBACK), start);
  const mentionsState = before.includes('tate') || before.includes('TATE') || before.includes('excl');

  if (prev === '.' || prev === ':') {
    const qualifier = ENUM_QUALIFIER.exec(before);
    if (qualifier && spelling.sources.includes('dotnet')) {
      // The enum's name belongs to the mention (`TcpState.LastAck`), a bare `State::` does not.
      const prefix = qualifier[1] === 'TcpState' && !qualifier[2] ? qualifier[0].length : 0;
      const source: SourceId = qualifier[2] ? 'powershell' : qualifier[3] === '::' ? 'rust' : 'dotnet';
      return { source, prefix };
    }
  }
  if (prev === '=' && TRACEPOINT.test(before)) return { source: 'tracepoint', prefix: 0 };

  if (
    spelling.sources.includes('powershell') &&
    ((mentionsState && (POWERSHELL_PARAM.test(before) || POWERSHELL_COMPARE.test(before))) || (facts.doc.powershellTable && isRow(facts)))
  ) {
    return { source: 'powershell', prefix: 0 };
  }

  if (mentionsState && spelling.sources.includes('ss-filter') && SS_FILTER.test(before) && isSsCommand(facts)) {
    return { source: 'ss-filter', prefix: 0 };
  }
  if ((prev === ':' || prev === '^') && LSOF_FILTER.test(before)) return { source: 'lsof', prefix: 0 };
  const keyValue = mentionsState && KEY_VALUE.test(before);

  switch (spelling.rule) {
    case 'always':
      return { source: primary, prefix: 0 };
    case 'network':
      if (!isNetwork(facts) && !codeNamesStates(facts, spelling.state)) return undefined;
      if (prev === '(' && line[end] === ')' && hasTcpWord(facts)) return { source: prefer(spelling, 'lsof'), prefix: 0 };
      if (keyValue && spelling.sources.includes('node-exporter')) return { source: 'node-exporter', prefix: 0 };
      return { source: primary, prefix: 0 };
    case 'row':
      return isRow(facts) || evidenceOf(facts).agreeing.has(spelling.state) ? { source: primary, prefix: 0 } : undefined;
    case 'qualified':
      if (keyValue && isNetwork(facts)) return { source: prefer(spelling, 'node-exporter'), prefix: 0 };
      // A quoted word a map entry pairs with another spelling of its state: `"time_wait": "06"`.
      if (isCodeName(line, start, end) && evidenceOf(facts).agreeing.has(spelling.state)) return { source: primary, prefix: 0 };
      return undefined;
  }
}

/**
 * A stretch of one line to scan. `text` starts at line offset `start`; tokens that start in
 * [from, to) are decided. A whole line is one window; the CLI reads a 100 MB line as a run of
 * windows, each resuming where the last stopped, with the same result as the whole line.
 */
export interface LineWindow {
  /** The line's head (`lineHead`): what the line-level facts are judged on. */
  readonly head: string;
  readonly text: string;
  readonly start: number;
  /** Line offset where the token scan resumes: a token start, or a place no token spans. */
  readonly from: number;
  /** Line offset where the scan for SNMP `name(code)` values resumes. */
  readonly mibFrom: number;
  /** Tokens starting at or after this line offset are left to the next window. */
  readonly to: number;
  /** `text` runs to the end of the line: nothing more is coming. */
  readonly complete: boolean;
  /** `from` is inside a token that began in an earlier window (too long to be a state name). */
  readonly inToken: boolean;
}

/** Where the next window of the same line resumes. */
export interface WindowEnd {
  readonly from: number;
  readonly mibFrom: number;
  readonly inToken: boolean;
}

/**
 * Scans one window of a line, pushing its mentions (offsets are line offsets plus `base`) to
 * `found` in order, and says where the next window resumes.
 */
export function scanWindow(window: LineWindow, doc: DocumentContext, found: StateMention[], base = 0): WindowEnd {
  const { head, text, start, to, complete } = window;
  const done: WindowEnd = { from: start + text.length, mibFrom: start + text.length, inToken: false };
  if (isNonTcpRow(head)) return done;
  const facts: LineFacts = { text, head, doc };

  const proc = PROC_ROW.exec(head);
  if (proc) {
    // A /proc/net/tcp row: its st column is the only state on the line.
    const code = proc[1] as string;
    const state = PROC_NET_TCP_CODES.get(code);
    const at = proc[0].length - 1 - code.length;
    if (state && at >= window.from && at < to) {
      found.push({ offset: base + at, length: 2, text: code, state, source: 'linux-proc', sources: ['linux-proc'] });
    }
    return done;
  }

  const first = found.length;
  const tokens = scanTokens(window, facts, found, base);
  if ((head.includes('"0') || head.includes("'0") || head.includes('`0')) && QUOTED_CODE_HINT.test(head)) {
    const { codes } = evidenceOf(facts);
    if (codes.length) addCodes(window, codes, found, first, base);
  }
  const mibFrom = text.includes('(') && MIB_HINT.test(text) && SNMP_LINE.test(head) ? findMibValues(window, found, first, base) : Math.max(window.mibFrom, to);
  return complete ? done : { ...tokens, mibFrom };
}

/** The token part of `scanWindow`. */
function scanTokens(window: LineWindow, facts: LineFacts, found: StateMention[], base: number): WindowEnd {
  const { text, start, to, complete } = window;
  let index = window.from - start;
  if (window.inToken) {
    // Finish the overlong token an earlier window was inside of: it is no state name.
    TOKEN_REST.lastIndex = index;
    index += (TOKEN_REST.exec(text) as RegExpExecArray)[0].length;
    if (!complete && index >= text.length - 1) return { from: start + index, mibFrom: window.mibFrom, inToken: true };
  }
  TOKEN.lastIndex = index;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const token = match[0];
    const at = match.index;
    const end = at + token.length;
    if (start + at >= to) return { from: start + at, mibFrom: window.mibFrom, inToken: false };
    // A token that may go on past this window: it started well before `to`, so it is longer than
    // any state name; skip the rest of it in the next window.
    if (!complete && end >= text.length - 1) return { from: start + end, mibFrom: window.mibFrom, inToken: true };
    const spelling = SPELLINGS.get(token);
    if (!spelling && !token.includes('_')) continue;
    if (at > 0 && DIGIT_OR_LETTER_BEFORE.test(text[at - 1] as string)) continue;
    if (!spelling) {
      addEnumConstant(token, facts, start + at, found, base);
      continue;
    }
    const decision = decide(spelling, facts, at, end);
    if (!decision) continue;
    const from = at - decision.prefix;
    found.push({
      offset: base + start + from,
      length: token.length + decision.prefix,
      text: text.slice(from, end),
      state: spelling.state,
      source: decision.source,
      sources: spelling.sources,
    });
  }
  return { from: start + text.length, mibFrom: window.mibFrom, inToken: false };
}

/** A `Type_Member` enum constant (`TcpState_Listen`): always when its type says TCP, else in network context. */
function addEnumConstant(token: string, facts: LineFacts, at: number, found: StateMention[], base: number): void {
  const constant = enumConstant(token);
  if (!constant) return;
  if (!constant.tcp && !isNetwork(facts) && !codeNamesStates(facts, constant.spelling.state)) return;
  found.push({ offset: base + at, length: token.length, text: token, state: constant.spelling.state, source: 'c-enum', sources: ['c-enum'] });
}

/**
 * Quoted /proc/net/tcp codes that a map entry pairs with a name of their state (`"0A": "LISTEN"`),
 * merged in order into the mentions found from `first` on. Those in [mibFrom, to) are this
 * window's (a code is no token; it resumes where the SNMP scan does).
 */
function addCodes(window: LineWindow, codes: readonly number[], found: StateMention[], first: number, base: number): void {
  const { head, to } = window;
  let added = false;
  for (const at of codes) {
    if (at < window.mibFrom || at >= to) continue;
    const code = head.slice(at, at + 2);
    const state = PROC_NET_TCP_CODES.get(code.toUpperCase()) as StateId;
    found.push({ offset: base + at, length: 2, text: code, state, source: 'linux-proc', sources: ['linux-proc'] });
    added = true;
  }
  if (added) {
    const merged = found.splice(first).sort((a, b) => a.offset - b.offset);
    for (const mention of merged) found.push(mention);
  }
}

/**
 * SNMP values (`listen(2)`) in the window, merged in order into the mentions found from `first`
 * on; one already found at the same place is kept once. Returns where the next window resumes.
 */
function findMibValues(window: LineWindow, found: StateMention[], first: number, base: number): number {
  const { text, start, to, complete } = window;
  const taken = new Set<number>();
  for (let i = first; i < found.length; i++) taken.add((found[i] as StateMention).offset);
  const added: StateMention[] = [];
  let resume = complete ? start + text.length : to;
  MIB_VALUE.lastIndex = window.mibFrom - start;
  for (let match = MIB_VALUE.exec(text); match; match = MIB_VALUE.exec(text)) {
    if (start + match.index >= to) break;
    resume = Math.max(resume, start + match.index + match[0].length);
    const name = match[1] as string;
    const entry = SNMP_MIB.get(name);
    if (!entry || entry.code !== Number(match[2]) || taken.has(base + start + match.index)) continue;
    added.push({ offset: base + start + match.index, length: name.length, text: name, state: entry.state, source: 'snmp-mib', sources: ['snmp-mib'] });
  }
  if (added.length) {
    const merged = found.splice(first).concat(added).sort((a, b) => a.offset - b.offset);
    for (const mention of merged) found.push(mention);
  }
  return resume;
}

/**
 * Every state mention in one line (no line breaks inside), with offsets relative to the line
 * plus `base`. `doc` says whether the whole document looks like network output or code.
 */
export function findInLine(line: string, doc: DocumentContext, base = 0): StateMention[] {
  const found: StateMention[] = [];
  scanWindow({ head: lineHead(line), text: line, start: 0, from: 0, mibFrom: 0, to: line.length, complete: true, inToken: false }, doc, found, base);
  return found;
}

/** Every mention in a whole text (lines broken as VS Code breaks them); judges the document from its start unless told. */
export function findMentions(text: string, doc: DocumentContext = analyseDocument(text)): StateMention[] {
  const found: StateMention[] = [];
  const lineBreaks = new RegExp(LINE_BREAK.source, 'g');
  let start = 0;
  for (;;) {
    const lineBreak = lineBreaks.exec(text);
    const end = lineBreak ? lineBreak.index : text.length;
    const line = text.slice(start, end);
    scanWindow({ head: lineHead(line), text: line, start: 0, from: 0, mibFrom: 0, to: line.length, complete: true, inToken: false }, doc, found, start);
    if (!lineBreak) return found;
    start = lineBreaks.lastIndex;
  }
}

/** How far past the cursor a token may start and still be part of a mention under it (`TcpState.` before `LastAck`). */
const LONGEST_PREFIX = 64;

/**
 * The mention under `character` in `line`: the answer a scan of the whole line gives, whatever
 * the line's length and wherever in the mention the cursor is. Only the stretch from the start
 * of the word under the cursor is scanned, so a one-megabyte line costs about what a short one does.
 */
export function mentionAt(line: string, character: number, doc: DocumentContext): StateMention | undefined {
  // Back up to a character no token holds: a scan from just after it is a whole-line scan's.
  let from = Math.min(character, line.length);
  while (from > 0 && TOKEN_CHAR.test(line[from - 1] as string)) from--;
  const found: StateMention[] = [];
  const to = Math.min(line.length, character + LONGEST_PREFIX);
  scanWindow({ head: lineHead(line), text: line, start: 0, from, mibFrom: from, to, complete: true, inToken: false }, doc, found);
  return found.find((m) => m.offset <= character && character < m.offset + m.length);
}
