// Decides whether a line or a document "looks like network output or network code", which is
// what lets English words such as LISTEN or CLOSED count as TCP states. Pure: no `vscode`.
import type { StateId } from '../model/states';
import type { SourceId } from './sources';
import { enumConstant, PROC_NET_TCP_CODES, SPELLINGS, type MatchRule } from './spellings';

/**
 * How much of a document is sampled to judge it: its first 64 K characters, counting each line
 * break as one whatever its kind (`\n`, `\r\n`, `\r`, as VS Code splits lines). Bounded, so a
 * 100 MB log costs the same; the hover and the CLI build the very same sample.
 */
export const DOCUMENT_SAMPLE_CHARS = 64 * 1024;

/**
 * A line is judged (network line? table row? a protocol other than TCP?) on its first 2 000
 * characters, enough for any table row. The same rule for every part of the line, wherever the
 * hover's mouse is and however the CLI reads the line in pieces.
 */
export const LINE_HEAD_CHARS = 2000;

/** The part of a line its judgement is made on. */
export function lineHead(line: string): string {
  return line.length > LINE_HEAD_CHARS ? line.slice(0, LINE_HEAD_CHARS) : line;
}

/** Line breaks as VS Code splits lines: `\r\n`, `\n` or a lone `\r`. */
export const LINE_BREAK = /\r\n?|\n/g;

/**
 * The document sample from the start of a text: its lines joined by `\n`, cut at
 * DOCUMENT_SAMPLE_CHARS. (Each break is one or two characters, so twice the sample size of raw
 * text always holds the whole sample.)
 */
export function documentSample(text: string): string {
  const raw = text.length > 2 * DOCUMENT_SAMPLE_CHARS ? text.slice(0, 2 * DOCUMENT_SAMPLE_CHARS) : text;
  const joined = raw.includes('\r') ? raw.replace(LINE_BREAK, '\n') : raw;
  return joined.length > DOCUMENT_SAMPLE_CHARS ? joined.slice(0, DOCUMENT_SAMPLE_CHARS) : joined;
}

export interface DocumentContext {
  /** The document as a whole is network output or network code. */
  readonly network: boolean;
  /** It holds PowerShell Get-NetTCPConnection table output (Title-case states in a State column). */
  readonly powershellTable: boolean;
  /** The tool whose table header the document starts with, when one is recognised. */
  readonly tool?: SourceId;
}

export const NO_CONTEXT: DocumentContext = { network: false, powershellTable: false };

// Table headers that name the tool, so a spelling several tools share (LISTEN, CLOSE-WAIT,
// ESTABLISHED) is attributed to the one that printed it. Checked in this order.
const TOOL_HEADERS: ReadonlyArray<readonly [SourceId, RegExp]> = [
  ['ss', /Netid\s+State\s+Recv-Q|State\s+Recv-Q\s+Send-Q\s+Local Address:Port/],
  ['bsd-netstat', /Proto\s+Recv-Q\s+Send-Q\s+Local Address\s+Foreign Address\s+\(state\)/],
  ['linux-netstat', /Proto\s+Recv-Q\s+Send-Q\s+Local Address\s+Foreign Address\s+State/],
  ['windows-netstat', /Proto\s+Local Address\s+Foreign Address\s+State|Active Connections|活动连接/],
  ['windows-netstat-de', /Aktive Verbindungen/],
];

function toolOf(sample: string): SourceId | undefined {
  let best: { tool: SourceId; at: number } | undefined;
  for (const [tool, header] of TOOL_HEADERS) {
    const at = sample.search(header);
    if (at >= 0 && (!best || at < best.at)) best = { tool, at };
  }
  return best?.tool;
}

// An address as socket tables print it: IPv4 (with or without port), IPv6 with `::` or in
// brackets or alone (`::` in PowerShell tables), wildcard endpoints (`*:*`, `*.22`, `:::22`).
// Every alternative is linear: none starts with an unbounded run that could start anywhere (a
// leading `[0-9A-Fa-f]*` before `::` made a long hex run quadratic: an hour on 1 MiB; for a
// yes/no test the hex before `::` changes nothing, so it is not matched).
const ADDRESS = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|(?:^|\s)::(?:\s|$)|\[[0-9A-Fa-f:.%\w]*\]:\d|::[0-9A-Fa-f]*[:.%]|\*[:.](?:\*|\d)|:::\d/;

// Words that only network output or network code uses. Kept to tokens that prose rarely has.
// Code about TCP names its things so: tcp_states, TCP_STATES, tcpStates, parseTcpTable, MIB_TCPROW.
const NETWORK_WORDS =
  /\b(?:tcp[46]{0,2}|TCP[46]?|tcp_\w+|\w+_tcp\w*|TCP_\w+|\w+_TCP\w*|tcp[A-Z]\w*|Tcp[A-Z_]\w*|\w*[a-z]Tcp\w*|IPPROTO_TCP|AF_INET6?|sockets?|sk_state|sk->|netstat|lsof|ss|Recv-Q|Send-Q|SYN|ACK|FIN|RST|psutil|net_connections|TcpState|Get-NetTCPConnection|NetTCPConnection|TcpConnectionInformation|oldstate|newstate|inet_sock_set_state|getsockopt|setsockopt)\b/;

// Column headers of the tools whose output we read, in the languages they are printed in.
const TABLE_HEADER =
  /Proto\s+Recv-Q\s+Send-Q|Netid\s+State|State\s+Recv-Q\s+Send-Q|Active Internet connections|Active Connections|Aktive Verbindungen|Lokale Adresse|活动连接|本地地址|外部地址|アクティブな接続|ローカル アドレス|\bsl\s+local_address\s+rem_address\s+st\b|COMMAND\s+PID\s+USER\s+FD|LocalAddress\s+LocalPort\s+RemoteAddress|OLDSTATE\s+->\s+NEWSTATE/;

const POWERSHELL_HEADER = /LocalAddress\s+LocalPort\s+RemoteAddress|Get-NetTCPConnection/;

// First token of a socket row whose protocol is not TCP: its ESTAB/UNCONN/LISTENING are not TCP states.
const NON_TCP_ROW = /^\s*(?:udp[46]{0,2}|UDP[46]?|udplite6?|raw6?|RAW|icmp6?|unix|u_str|u_dgr|u_seq|nl|p_raw|p_dgr|v_str|v_dgr|v_seq|sctp[46]?|xdp|mptcp|tipc)\b/;

/** The line is a row of a socket table: it carries an address. */
export function looksLikeRow(line: string): boolean {
  return ADDRESS.test(line);
}

/** The line itself says it is about TCP or sockets. */
export function looksLikeNetworkLine(line: string): boolean {
  return ADDRESS.test(line) || NETWORK_WORDS.test(line) || TABLE_HEADER.test(line);
}

/** The line is a row for a protocol other than TCP (UDP, UNIX, netlink, SCTP…). */
export function isNonTcpRow(line: string): boolean {
  return NON_TCP_ROW.test(line);
}

// A state name as code writes it: the recogniser's token, and a /proc/net/tcp code in quotes.
/**
 * A word as state names are written: letters (Latin, for translated netstat output), digits,
 * underscores, and hyphen-joined parts (FIN-WAIT-1). The recogniser scans with it too. No `u`
 * flag: it would slow the scan.
 */
export const TOKEN_PATTERN = /[A-Za-z_\u00C0-\u024F][\w\u00C0-\u024F]*(?:-[\w\u00C0-\u024F]+)*/;
/** A character that, just before a token, makes it part of a longer word (`1TIME_WAIT`). */
export const DIGIT_OR_LETTER_BEFORE = /[0-9A-Za-z\u00C0-\u024F]/;
const QUOTED_CODE = /(["'`])(0[0-9A-Da-d])\1/g;
const EVIDENCE_TOKEN = new RegExp(TOKEN_PATTERN.source, 'g');
const CASE_BEFORE = /\bcase\s+$/;
const LABEL_AFTER = /^\s{0,3}[:,]/;
const QUOTES = '"\'`';

/** What a line's code says about TCP states: see `stateEvidence`. */
export interface LineEvidence {
  /** How many different states the line names the way code does (never counting a lone code). */
  readonly distinct: number;
  /**
   * States that two different spellings on the line name together, one of them distinctive: a
   * map entry from one spelling to another (`"ABHÖREN": "LISTEN"`, `"0A": "LISTEN"`, `CONN_NONE = "NONE"`).
   */
  readonly agreeing: ReadonlySet<StateId>;
  /** Line offsets of quoted /proc/net/tcp codes (`"0A"`) that agree with a name of their state. */
  readonly codes: readonly number[];
  /** The states named but for lower-case words (`"closed"`) and lone codes: what a document is judged by. */
  readonly strong: ReadonlySet<StateId>;
}

interface Evidence {
  readonly state: StateId;
  /** The spelling folded (case and separators), so `"closed": "CLOSED"` is no agreement. */
  readonly key: string;
  /** A spelling that is no English word (TIME_WAIT, ABHÖREN, a quoted code). */
  readonly distinctive: boolean;
  readonly rule?: MatchRule;
  /** Offset of a quoted code. */
  readonly code?: number;
}

/** The token at [at, end) of `line` is quoted (`"LISTEN"`) or a case label (`case LISTEN:`). */
export function isCodeName(line: string, at: number, end: number): boolean {
  const open = at > 0 ? (line[at - 1] as string) : '';
  if (open && QUOTES.includes(open) && line[end] === open) return true;
  return CASE_BEFORE.test(line.slice(Math.max(0, at - 12), at)) && LABEL_AFTER.test(line.slice(end, end + 4));
}

/**
 * How code on a line names TCP states: state names in quotes, as case labels, distinctive
 * spellings (TIME_WAIT), enum constants (TcpState_Listen) and quoted /proc/net/tcp codes. One
 * pass over the line's head; the same for every mention on the line.
 */
export function stateEvidence(head: string): LineEvidence {
  const items: Evidence[] = [];
  const tokens = EVIDENCE_TOKEN;
  tokens.lastIndex = 0;
  for (let match = tokens.exec(head); match; match = tokens.exec(head)) {
    const token = match[0];
    const at = match.index;
    if (at > 0 && DIGIT_OR_LETTER_BEFORE.test(head[at - 1] as string)) continue;
    const spelling = SPELLINGS.get(token);
    if (spelling) {
      const end = at + token.length;
      const codeShaped = spelling.rule === 'always' || isCodeName(head, at, end) || head.slice(Math.max(0, at - 9), at) === 'TcpState.';
      if (codeShaped) items.push({ state: spelling.state, key: fold(token), distinctive: spelling.rule === 'always' || spelling.rule === 'row', rule: spelling.rule });
      continue;
    }
    const constant = token.includes('_') ? enumConstant(token) : undefined;
    if (constant) items.push({ state: constant.spelling.state, key: fold(constant.spelling.text), distinctive: true });
  }
  if (head.includes('0')) {
    const codes = QUOTED_CODE;
    codes.lastIndex = 0;
    for (let match = codes.exec(head); match; match = codes.exec(head)) {
      const code = (match[2] as string).toUpperCase();
      const state = PROC_NET_TCP_CODES.get(code);
      if (state) items.push({ state, key: code, distinctive: true, code: match.index + 1 });
    }
  }
  return judge(items);
}

function fold(text: string): string {
  return text.toUpperCase().replace(/[-_]/g, '');
}

function judge(items: readonly Evidence[]): LineEvidence {
  const byState = new Map<StateId, { keys: Set<string>; distinctive: boolean; named: boolean; strong: boolean }>();
  for (const item of items) {
    let entry = byState.get(item.state);
    if (!entry) byState.set(item.state, (entry = { keys: new Set(), distinctive: false, named: false, strong: false }));
    entry.keys.add(item.key);
    entry.distinctive ||= item.distinctive;
    entry.named ||= item.code === undefined;
    entry.strong ||= item.code === undefined && item.rule !== 'qualified';
  }
  const agreeing = new Set<StateId>();
  const strong = new Set<StateId>();
  let distinct = 0;
  for (const [state, entry] of byState) {
    const agrees = entry.keys.size >= 2 && entry.distinctive;
    if (agrees) agreeing.add(state);
    // A lone quoted code ("01" is a month as often) says nothing.
    if (entry.named || agrees) distinct++;
    if (entry.strong || agrees) strong.add(state);
  }
  const codes: number[] = [];
  for (const item of items) if (item.code !== undefined && agreeing.has(item.state)) codes.push(item.code);
  return { distinct, agreeing, codes, strong };
}

/**
 * The states a document's code names (`stateEvidence` of each line, but for lower-case words
 * and lone codes); three or more make it code about TCP states.
 */
const STATE_CODE_DOCUMENT = 3;

/**
 * The same sample built from a document's lines (as an editor holds them, breaks removed): what
 * the hover judges a document by, equal to `documentSample` of the text. Each line costs at least
 * its break, so at most DOCUMENT_SAMPLE_CHARS lines are read however many the document has.
 */
export function documentSampleOfLines(lineCount: number, lineAt: (index: number) => string): string {
  const parts: string[] = [];
  for (let i = 0, size = 0; i < lineCount && size < DOCUMENT_SAMPLE_CHARS; i++) {
    const text = lineAt(i);
    const part = text.length > DOCUMENT_SAMPLE_CHARS - size ? text.slice(0, DOCUMENT_SAMPLE_CHARS - size) : text;
    parts.push(part);
    size += part.length + 1;
  }
  return parts.join('\n');
}

/**
 * Judges a document from its beginning (its `documentSample`). Two network lines, or one tool
 * header, are enough: a netstat dump has dozens, a prose README has none.
 */
export function analyseDocument(text: string): DocumentContext {
  const sample = documentSample(text);
  const powershellTable = POWERSHELL_HEADER.test(sample);
  const tool = toolOf(sample);
  if (TABLE_HEADER.test(sample)) return { network: true, powershellTable, ...(tool ? { tool } : {}) };
  let networkLines = 0;
  let start = 0;
  while (start < sample.length) {
    let end = sample.indexOf('\n', start);
    if (end < 0) end = sample.length;
    const line = sample.slice(start, Math.min(end, start + LINE_HEAD_CHARS));
    if (looksLikeNetworkLine(line) && ++networkLines >= 2) return { network: true, powershellTable };
    start = end + 1;
  }
  return { network: namesStates(sample), powershellTable };
}

/** The sample's code names at least STATE_CODE_DOCUMENT different states (a state table, a switch over states). */
function namesStates(sample: string): boolean {
  const states = new Set<StateId>();
  let start = 0;
  while (start < sample.length) {
    let end = sample.indexOf('\n', start);
    if (end < 0) end = sample.length;
    const line = sample.slice(start, Math.min(end, start + LINE_HEAD_CHARS));
    start = end + 1;
    for (const state of stateEvidence(line).strong) states.add(state);
    if (states.size >= STATE_CODE_DOCUMENT) return true;
  }
  return false;
}
