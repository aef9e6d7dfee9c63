// Finds TCP state mentions in text: every spelling real tools print, silent on ordinary prose.
// Line by line and bounded, so a 100 MB log or a 1 MB line costs linear time at worst, and the
// hover looks only at a window around the cursor. Pure: no `vscode`.
import { analyseDocument, isNonTcpRow, looksLikeNetworkLine, looksLikeRow, type DocumentContext } from './context';
import { PROC_NET_TCP_CODES, SNMP_MIB, SPELLINGS, type Spelling } from './spellings';
import type { SourceId } from './sources';
import type { StateId } from './states';

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

// A word as state names are written: letters (Latin, for translated netstat output), digits,
// underscores, and hyphen-joined parts (FIN-WAIT-1). No `u` flag: it would slow the scan.
const TOKEN = /[A-Za-z_\u00C0-\u024F][\w\u00C0-\u024F]*(?:-[\w\u00C0-\u024F]+)*/g;
const DIGIT_OR_LETTER_BEFORE = /[0-9A-Za-z\u00C0-\u024F]/;

// /proc/net/tcp{,6} row: "  0: 0100007F:0277 00000000:0000 0A 00000000:00000000 …" (st is the 4th field).
const PROC_ROW = /^\s*\d+:\s+[0-9A-F]{8}(?:[0-9A-F]{24})?:[0-9A-F]{4}\s+[0-9A-F]{8}(?:[0-9A-F]{24})?:[0-9A-F]{4}\s+([0-9A-F]{2})\s/;

// SNMP: "tcpConnState.0.0.0.0.22.0.0.0.0.0 = INTEGER: listen(2)".
const MIB_VALUE = /\b([a-zA-Z]+)\((\d{1,2})\)/g;
const MIB_HINT = /[a-zA-Z]\(\d{1,2}\)/;

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

interface LineFacts {
  readonly line: string;
  readonly doc: DocumentContext;
  network?: boolean;
  row?: boolean;
}

function isNetwork(facts: LineFacts): boolean {
  facts.network ??= facts.doc.network || looksLikeNetworkLine(facts.line);
  return facts.network;
}

function isRow(facts: LineFacts): boolean {
  facts.row ??= looksLikeRow(facts.line);
  return facts.row;
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
  const { line } = facts;
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

  if (mentionsState && spelling.sources.includes('ss-filter') && SS_FILTER.test(before) && SS_COMMAND.test(line)) {
    return { source: 'ss-filter', prefix: 0 };
  }
  if ((prev === ':' || prev === '^') && LSOF_FILTER.test(before)) return { source: 'lsof', prefix: 0 };
  const keyValue = mentionsState && KEY_VALUE.test(before);

  switch (spelling.rule) {
    case 'always':
      return { source: primary, prefix: 0 };
    case 'network':
      if (!isNetwork(facts)) return undefined;
      if (prev === '(' && line[end] === ')' && /\bTCP\b/.test(line)) return { source: prefer(spelling, 'lsof'), prefix: 0 };
      if (keyValue && spelling.sources.includes('node-exporter')) return { source: 'node-exporter', prefix: 0 };
      return { source: primary, prefix: 0 };
    case 'row':
      return isRow(facts) ? { source: primary, prefix: 0 } : undefined;
    case 'qualified':
      if (keyValue && isNetwork(facts)) return { source: prefer(spelling, 'node-exporter'), prefix: 0 };
      return undefined;
  }
}

/**
 * Every state mention in one line (no line breaks inside), with offsets relative to the line
 * plus `base`. `doc` says whether the whole document looks like network output or code.
 */
export function findInLine(line: string, doc: DocumentContext, base = 0): StateMention[] {
  if (isNonTcpRow(line)) return [];
  const found: StateMention[] = [];
  const facts: LineFacts = { line, doc };

  const proc = PROC_ROW.exec(line);
  if (proc) {
    const code = proc[1] as string;
    const state = PROC_NET_TCP_CODES.get(code);
    if (state) {
      const at = proc[0].length - 1 - code.length;
      found.push({ offset: base + at, length: 2, text: code, state, source: 'linux-proc', sources: ['linux-proc'] });
    }
    return found;
  }

  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(line); match; match = TOKEN.exec(line)) {
    const text = match[0];
    const start = match.index;
    const spelling = SPELLINGS.get(text);
    if (!spelling) continue;
    if (start > 0 && DIGIT_OR_LETTER_BEFORE.test(line[start - 1] as string)) continue;
    const decision = decide(spelling, facts, start, start + text.length);
    if (!decision) continue;
    const from = start - decision.prefix;
    found.push({
      offset: base + from,
      length: text.length + decision.prefix,
      text: line.slice(from, start + text.length),
      state: spelling.state,
      source: decision.source,
      sources: spelling.sources,
    });
  }

  if (line.includes('(') && MIB_HINT.test(line)) findMibValues(line, base, found);
  return found;
}

function findMibValues(line: string, base: number, found: StateMention[]): void {
  MIB_VALUE.lastIndex = 0;
  for (let match = MIB_VALUE.exec(line); match; match = MIB_VALUE.exec(line)) {
    const name = match[1] as string;
    const entry = SNMP_MIB.get(name);
    if (!entry || entry.code !== Number(match[2])) continue;
    if (found.some((m) => m.offset === base + match!.index)) continue;
    found.push({ offset: base + match.index, length: name.length, text: name, state: entry.state, source: 'snmp-mib', sources: ['snmp-mib'] });
  }
  found.sort((a, b) => a.offset - b.offset);
}

/** Every mention in a whole text; judges the document from its start unless told. */
export function findMentions(text: string, doc: DocumentContext = analyseDocument(text)): StateMention[] {
  const found: StateMention[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    for (const mention of findInLine(text.slice(start, lineEnd), doc, start)) found.push(mention);
    start = end + 1;
  }
  return found;
}

/** Characters either side of the cursor that the hover looks at: bounds the work per hover. */
export const HOVER_WINDOW = 1024;

/**
 * The mention under `character` in `line`, looking only at a bounded window around it, so a
 * one-megabyte line costs the same as a short one.
 */
export function mentionAt(line: string, character: number, doc: DocumentContext): StateMention | undefined {
  let from = 0;
  let text = line;
  if (line.length > 2 * HOVER_WINDOW) {
    from = Math.max(0, character - HOVER_WINDOW);
    text = line.slice(from, Math.min(line.length, character + HOVER_WINDOW));
    // Keep the row's protocol column in view: it decides whether the row is TCP at all.
    if (from > 0 && isNonTcpRow(line.slice(0, 64))) return undefined;
  }
  return findInLine(text, doc, from).find((m) => m.offset <= character && character < m.offset + m.length);
}
