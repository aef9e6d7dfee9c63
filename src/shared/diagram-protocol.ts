// The messages between the diagram webview and the extension: a small typed protocol, shared
// by both sides, and validated on receipt (a webview message is untrusted input).
import { isRfcState, isStateId, type RfcState, type StateId } from '../core/model/states';
import { COMMON_TYPES, isDuration, isRecord, isSvg, parseCommonMessage, type CommonWebviewMessage } from './messages';
import { parseStatePaths, type StatePathsMessage } from './timeline-protocol';

/** Webview → extension. */
export type WebviewMessage =
  | CommonWebviewMessage
  /** `shipped`: the SVG the VSIX ships was drawn (no Mermaid); `cached`: a layout from the cache. */
  | { readonly type: 'rendered'; readonly states: number; readonly edges: number; readonly ms: number; readonly cached: boolean; readonly shipped?: boolean }
  | { readonly type: 'selectState'; readonly state: RfcState }
  | { readonly type: 'exportSvg'; readonly svg: string }
  /** A "line N" link of the census table: the host reveals that line (1-based) of the counted document. */
  | { readonly type: 'revealLine'; readonly line: number };

/** One entry of a state's ranking: a local port, peer or process, and how many rows of the state it holds. */
export interface CensusGroupEntry {
  readonly key: string;
  readonly count: number;
  /** The count may be too high: the dump had more distinct keys than the census tracks (shown as "≈"). */
  readonly approximate: boolean;
}

/** A state's top local ports, peers and processes (socket-table rows only), most first. */
export interface CensusGroups {
  readonly localPorts: readonly CensusGroupEntry[];
  readonly peers: readonly CensusGroupEntry[];
  readonly processes: readonly CensusGroupEntry[];
}

/** The rankings in the order the panel shows them. */
export const GROUP_KINDS = ['localPorts', 'peers', 'processes'] as const satisfies readonly (keyof CensusGroups)[];

/** One state of a census, as the table shows it: its count and the first line (1-based) that mentions it. */
export interface CensusRow {
  readonly state: StateId;
  readonly count: number;
  readonly firstLine: number;
  /** Absent when the census has none to give (every ranking is then empty). */
  readonly groups?: CensusGroups;
}

/** A diagnosis in the user's language, as plain text. */
export interface CensusDiagnosis {
  readonly title: string;
  readonly because: string;
  readonly advice: string;
}

/** The census of a document (or its selection), for the heatmap, the table and the diagnoses. */
export interface CensusMessage {
  readonly type: 'census';
  /** The counted document's name, as the panel shows it. */
  readonly document: string;
  readonly counts: Readonly<Partial<Record<StateId, number>>>;
  /** Most first. */
  readonly rows: readonly CensusRow[];
  readonly diagnoses: readonly CensusDiagnosis[];
  /**
   * Whether the line numbers lead anywhere: false for a census of something with no document
   * (this machine's live connections), whose table then shows no line links.
   */
  readonly linkable: boolean;
  /**
   * The counted document's URI, when linkable: the webview keeps it in its saved state, so the
   * host can restore the line links of a panel VS Code brings back after a reload.
   */
  readonly uri?: string;
}

/** Extension → webview. */
export type HostMessage =
  | { readonly type: 'highlight'; readonly state: RfcState }
  | { readonly type: 'explanation'; readonly state: RfcState; readonly text: string }
  | CensusMessage
  /** Both endpoints' paths of a capture's connection, from the capture timeline. */
  | StatePathsMessage;

/** Upper bounds of a census message: far above any real one (there are 16 states). */
export const MAX_CENSUS_ROWS = 64;
export const MAX_DIAGNOSES = 32;
export const MAX_CENSUS_TEXT_CHARS = 4_000;
/** The largest line number accepted (VS Code's own documents stop far below). */
export const MAX_LINE = 100_000_000;
/** Entries of each ranking a row carries: the panel shows the top five. */
export const MAX_GROUP_ENTRIES = 5;
/** Characters of a ranking's key (a port, an address with its zone, a process name); the host cuts longer ones. */
export const MAX_GROUP_KEY_CHARS = 256;
/** Characters of a counted document's URI (a long path, an untitled name, a remote authority). */
export const MAX_URI_CHARS = 8_192;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1e7;
}

function isLine(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_LINE;
}

/** A state's count in a census: a whole number (a dump may hold hundreds of millions of lines). */
function isTally(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_CENSUS_TEXT_CHARS;
}

function parseGroupEntries(value: unknown): CensusGroupEntry[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_GROUP_ENTRIES) return undefined;
  const out: CensusGroupEntry[] = [];
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.key !== 'string' || entry.key.length > MAX_GROUP_KEY_CHARS) return undefined;
    if (!isTally(entry.count) || typeof entry.approximate !== 'boolean') return undefined;
    out.push({ key: entry.key, count: entry.count, approximate: entry.approximate });
  }
  return out;
}

function parseGroups(value: unknown): CensusGroups | undefined {
  if (!isRecord(value)) return undefined;
  const localPorts = parseGroupEntries(value.localPorts);
  const peers = parseGroupEntries(value.peers);
  const processes = parseGroupEntries(value.processes);
  return localPorts && peers && processes ? { localPorts, peers, processes } : undefined;
}

function parseCensus(value: Record<string, unknown>): CensusMessage | undefined {
  const { document, counts, rows, diagnoses, linkable, uri } = value;
  if (!isText(document) || !isRecord(counts) || !Array.isArray(rows) || !Array.isArray(diagnoses)) return undefined;
  if (typeof linkable !== 'boolean') return undefined;
  // A URI only goes with line links: a census without a document has none to give.
  if (uri !== undefined && (!linkable || typeof uri !== 'string' || uri.length === 0 || uri.length > MAX_URI_CHARS)) return undefined;
  if (rows.length > MAX_CENSUS_ROWS || diagnoses.length > MAX_DIAGNOSES) return undefined;
  const countsOut: Partial<Record<StateId, number>> = {};
  for (const [state, count] of Object.entries(counts)) {
    if (!isStateId(state) || !isTally(count)) return undefined;
    countsOut[state] = count;
  }
  const rowsOut: CensusRow[] = [];
  for (const row of rows) {
    if (!isRecord(row) || !isStateId(row.state) || !isTally(row.count) || !isLine(row.firstLine)) return undefined;
    if (row.groups === undefined) {
      rowsOut.push({ state: row.state, count: row.count, firstLine: row.firstLine });
      continue;
    }
    const groups = parseGroups(row.groups);
    if (!groups) return undefined;
    rowsOut.push({ state: row.state, count: row.count, firstLine: row.firstLine, groups });
  }
  const diagnosesOut: CensusDiagnosis[] = [];
  for (const d of diagnoses) {
    if (!isRecord(d) || !isText(d.title) || !isText(d.because) || !isText(d.advice)) return undefined;
    diagnosesOut.push({ title: d.title, because: d.because, advice: d.advice });
  }
  const census: CensusMessage = { type: 'census', document, counts: countsOut, rows: rowsOut, diagnoses: diagnosesOut, linkable };
  return typeof uri === 'string' ? { ...census, uri } : census;
}

/**
 * The census in the diagram webview's saved state (`vscode.setState`), which VS Code hands the
 * host when it restores the panel after a reload: untrusted, so checked as a host message is.
 * `undefined` when the state holds no census; 'malformed' when it holds one that does not pass.
 */
export function savedCensus(state: unknown): CensusMessage | 'malformed' | undefined {
  if (!isRecord(state) || state.census === undefined) return undefined;
  const census = isRecord(state.census) && state.census.type === 'census' ? parseCensus(state.census) : undefined;
  return census ?? 'malformed';
}

/** Returns the message if it is well-formed, else undefined (the caller logs and ignores it). */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  if (COMMON_TYPES.has(value.type)) return parseCommonMessage(value);
  switch (value.type) {
    case 'rendered': {
      if (!isCount(value.states) || !isCount(value.edges) || !isDuration(value.ms) || typeof value.cached !== 'boolean') return undefined;
      if (value.shipped !== undefined && typeof value.shipped !== 'boolean') return undefined;
      const rendered = { type: 'rendered', states: value.states, edges: value.edges, ms: value.ms, cached: value.cached } as const;
      return value.shipped === undefined ? rendered : { ...rendered, shipped: value.shipped };
    }
    case 'selectState':
      return isRfcState(value.state) ? { type: 'selectState', state: value.state } : undefined;
    case 'exportSvg':
      return isSvg(value.svg) ? { type: 'exportSvg', svg: value.svg } : undefined;
    case 'revealLine':
      return isLine(value.line) ? { type: 'revealLine', line: value.line } : undefined;
    default:
      return undefined;
  }
}

export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  if (value.type === 'census') return parseCensus(value);
  if (value.type === 'paths') return parseStatePaths(value);
  if (!isRfcState(value.state)) return undefined;
  if (value.type === 'highlight') return { type: 'highlight', state: value.state };
  if (value.type === 'explanation' && typeof value.text === 'string') return { type: 'explanation', state: value.state, text: value.text };
  return undefined;
}
