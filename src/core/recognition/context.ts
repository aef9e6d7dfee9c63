// Decides whether a line or a document "looks like network output or network code", which is
// what lets English words such as LISTEN or CLOSED count as TCP states. Pure: no `vscode`.
import type { SourceId } from './sources';

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
const NETWORK_WORDS =
  /\b(?:tcp[46]{0,2}|TCP[46]?|tcp_\w+|\w+_tcp\w*|IPPROTO_TCP|AF_INET6?|sockets?|sk_state|sk->|netstat|lsof|ss|Recv-Q|Send-Q|SYN|ACK|FIN|RST|psutil|net_connections|TcpState|Get-NetTCPConnection|NetTCPConnection|TcpConnectionInformation|oldstate|newstate|inet_sock_set_state|getsockopt|setsockopt)\b/;

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
  return { network: false, powershellTable };
}
