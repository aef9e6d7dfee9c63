// The messages between the capture timeline webview (the .pcap editor and the tcpdump text panel)
// and the extension, validated on receipt like the other protocols (a webview message is
// untrusted input). The host owns the timeline: the webview gets the connections without their
// segments, asks for one connection's sequence diagram when the user picks it, and draws what it
// is sent. Also the "paths" message the state diagram takes to show both endpoints' paths.
import type { RfcState } from '../core/model/states';
import { isRfcState } from '../core/model/states';
import type { ConnectionEnding, InferredState, SegmentMark, TimelineConnection } from '../core/timeline/types';
import { COMMON_TYPES, isDuration, isRecord, parseCommonMessage, type CommonWebviewMessage } from './messages';

/** A connection as the list shows it: everything but its segments, which stay in the host. */
export type ConnectionRow = Omit<TimelineConnection, 'segmentList'>;

/** Webview → extension. */
export type TimelineMessage =
  | CommonWebviewMessage
  /** The user picked a connection: the host answers with its sequence diagram (folded unless expanded). */
  | { readonly type: 'select'; readonly id: number; readonly expanded: boolean }
  /** "Show on the state diagram" for the connection `id`. */
  | { readonly type: 'showOnDiagram'; readonly id: number }
  /** The list was first painted (for the log and the benchmark): rows shown, ms since the page started. */
  | { readonly type: 'listShown'; readonly rows: number; readonly ms: number }
  | { readonly type: 'sequenceShown'; readonly id: number; readonly arrows: number; readonly ms: number };

/**
 * Where a tcpdump text panel's text came from: the document and, for a selection, its range
 * (start line, start character, end line, end character, 0-based). The webview keeps it in its
 * state, so that after a window reload the panel is built again from the document.
 */
export interface TextOrigin {
  readonly uri: string;
  readonly range?: readonly [number, number, number, number];
}

/** A TextOrigin, or undefined (the webview's state is untrusted input like its messages). */
export function parseTextOrigin(value: unknown): TextOrigin | undefined {
  if (!isRecord(value) || !isText(value.uri, 4096) || value.uri.length === 0) return undefined;
  const range = value.range;
  if (range === undefined) return { uri: value.uri };
  if (!Array.isArray(range) || range.length !== 4 || !range.every(isCount)) return undefined;
  const [a, b, c, d] = range as number[];
  if (c! < a! || (c === a && d! < b!)) return undefined;
  return { uri: value.uri, range: [a!, b!, c!, d!] };
}

export interface MarkExplanation {
  readonly mark: SegmentMark;
  readonly short: string;
  readonly text: string;
}

/** Extension → webview. */
export type TimelineHostMessage =
  | { readonly type: 'progress'; readonly bytes: number; readonly total: number | undefined }
  /**
   * While a capture is read: the connections done since the last batch (ended, or pushed out by
   * newer ones), to add to the list, and the progress so far. The list is painted from the first
   * batch on; the `timeline` message that ends the reading holds every connection and replaces them.
   */
  | { readonly type: 'connections'; readonly connections: readonly ConnectionRow[]; readonly bytes: number; readonly total: number | undefined }
  | {
      readonly type: 'timeline';
      readonly source: 'pcap' | 'pcapng' | 'tcpdump-text';
      readonly connections: readonly ConnectionRow[];
      readonly tcpSegments: number;
      /** Why reading stopped early, with the byte offset or line: shown above the list. */
      readonly error: string | undefined;
      /** Frames skipped for a link type the reader does not decode, said in the user's language: shown above the list. */
      readonly skipped: string | undefined;
    }
  /** The file could not be read at all (missing, denied): nothing else follows. */
  | { readonly type: 'failed'; readonly message: string }
  /** Where the text of a tcpdump text panel came from, for the webview to keep (see TextOrigin). */
  | { readonly type: 'origin'; readonly origin: TextOrigin }
  | {
      readonly type: 'sequence';
      readonly id: number;
      readonly expanded: boolean;
      readonly source: string;
      readonly folded: number;
      readonly notDrawn: number;
      readonly legend: readonly MarkExplanation[];
    }
  /** The connection's segments are being read again (a large file keeps none in memory). */
  | { readonly type: 'sequencePending'; readonly id: number };

/** Both endpoints' states in order, as the state diagram highlights them. */
export interface StatePath {
  /** `IP:PORT`, shown in the diagram's legend. */
  readonly label: string;
  readonly states: readonly RfcState[];
}

/** Extension → diagram webview: highlight both endpoints' paths of a connection. */
export interface StatePathsMessage {
  readonly type: 'paths';
  /** What the paths are of, e.g. "capture.pcap: 10.0.0.1:40000 ↔ 10.0.0.2:80". */
  readonly title: string;
  readonly paths: readonly [StatePath, StatePath];
}

export const MAX_CONNECTIONS = 1_000_000;
/** A sequence diagram, after at most a one-line configuration directive: never another kind of diagram. */
const SEQUENCE_START = /^(%%\{init: [^\n]*\}%%\n)?sequenceDiagram\n/;
export const MAX_SEQUENCE_CHARS = 2_000_000;
/** Arrows of a sequence diagram: each takes more than one character of its source. */
const MAX_ARROWS = MAX_SEQUENCE_CHARS;
const MAX_TEXT_CHARS = 4_000;
const MAX_STATES = 64;
const ENDINGS: readonly ConnectionEnding[] = ['fin', 'rst', 'refused', 'open', 'half-closed', 'no-answer'];
const MARKS: readonly SegmentMark[] = ['retransmission', 'duplicate-ack', 'out-of-window', 'challenge-ack', 'truncated', 'keep-alive', 'zero-window'];

function isId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) < MAX_CONNECTIONS;
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** A count the webview reports about what it drew: a whole number up to `max`. */
function isSize(value: unknown, max: number): value is number {
  return isCount(value) && value <= max;
}

/** A connection's duration in a row (host → webview): finite, not negative, fractions allowed. */
function isDurationNs(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER;
}

function isText(value: unknown, max = MAX_TEXT_CHARS): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** Returns the message if it is well-formed, else undefined (the caller logs and ignores it). */
export function parseTimelineMessage(value: unknown): TimelineMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  if (COMMON_TYPES.has(value.type)) return parseCommonMessage(value);
  switch (value.type) {
    case 'select':
      return isId(value.id) && typeof value.expanded === 'boolean' ? { type: 'select', id: value.id, expanded: value.expanded } : undefined;
    case 'showOnDiagram':
      return isId(value.id) ? { type: 'showOnDiagram', id: value.id } : undefined;
    case 'listShown':
      return isSize(value.rows, MAX_CONNECTIONS) && isDuration(value.ms) ? { type: 'listShown', rows: value.rows, ms: value.ms } : undefined;
    case 'sequenceShown':
      return isId(value.id) && isSize(value.arrows, MAX_ARROWS) && isDuration(value.ms) ? { type: 'sequenceShown', id: value.id, arrows: value.arrows, ms: value.ms } : undefined;
    default:
      return undefined;
  }
}

const isInferred = (value: unknown): value is InferredState => value === 'UNKNOWN' || isRfcState(value);
const isEndpointIndex = (value: unknown): value is 0 | 1 => value === 0 || value === 1;
const isPair = (value: unknown): value is readonly [number, number] => Array.isArray(value) && value.length === 2 && value.every(isCount);

function isEndpoint(value: unknown): boolean {
  return isRecord(value) && isText(value.address, 100) && Number.isInteger(value.port) && (value.port as number) >= 0 && (value.port as number) <= 65535 && isText(value.label, 110);
}

function isStateList(value: unknown): value is readonly InferredState[] {
  return Array.isArray(value) && value.length <= MAX_STATES && value.every(isInferred);
}

/** A row of the list, checked field by field: its texts go into the page (as text) and its numbers into sorting. */
export function isConnectionRow(value: unknown): value is ConnectionRow {
  if (!isRecord(value)) return false;
  const { id, endpoints, startNs, durationNs, segments, bytes, opener, firstCloser, ending, joinedMidStream, states, retransmissions } = value;
  return (
    isId(id) &&
    Array.isArray(endpoints) &&
    endpoints.length === 2 &&
    endpoints.every(isEndpoint) &&
    (startNs === undefined || (typeof startNs === 'string' && /^\d{1,25}$/.test(startNs))) &&
    (durationNs === undefined || isDurationNs(durationNs)) &&
    isPair(segments) &&
    isPair(bytes) &&
    (opener === undefined || isEndpointIndex(opener)) &&
    (firstCloser === undefined || isEndpointIndex(firstCloser)) &&
    ENDINGS.includes(ending as ConnectionEnding) &&
    typeof joinedMidStream === 'boolean' &&
    Array.isArray(states) &&
    states.length === 2 &&
    states.every(isStateList) &&
    isCount(retransmissions)
  );
}

function isLegend(value: unknown): value is readonly MarkExplanation[] {
  return Array.isArray(value) && value.length <= MARKS.length && value.every((e) => isRecord(e) && MARKS.includes(e.mark as SegmentMark) && isText(e.short, 100) && isText(e.text));
}

/** Host messages as the webview checks them: it trusts the extension, but not blindly the shape. */
export function parseTimelineHostMessage(value: unknown): TimelineHostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'progress':
      return isCount(value.bytes) && (value.total === undefined || isCount(value.total)) ? { type: 'progress', bytes: value.bytes, total: value.total } : undefined;
    case 'connections': {
      const { connections, bytes, total } = value;
      if (!isCount(bytes) || (total !== undefined && !isCount(total))) return undefined;
      if (!Array.isArray(connections) || connections.length > MAX_CONNECTIONS || !connections.every(isConnectionRow)) return undefined;
      return { type: 'connections', connections, bytes, total };
    }
    case 'timeline': {
      const { source, connections, tcpSegments, error, skipped } = value;
      if (source !== 'pcap' && source !== 'pcapng' && source !== 'tcpdump-text') return undefined;
      if (!Array.isArray(connections) || connections.length > MAX_CONNECTIONS || !connections.every(isConnectionRow)) return undefined;
      if (!isCount(tcpSegments) || (error !== undefined && !isText(error)) || (skipped !== undefined && !isText(skipped))) return undefined;
      return { type: 'timeline', source, connections, tcpSegments, error, skipped };
    }
    case 'failed':
      return isText(value.message) ? { type: 'failed', message: value.message } : undefined;
    case 'origin': {
      const origin = parseTextOrigin(value.origin);
      return origin ? { type: 'origin', origin } : undefined;
    }
    case 'sequence': {
      const { id, expanded, source, folded, notDrawn, legend } = value;
      if (!isId(id) || typeof expanded !== 'boolean' || !isText(source, MAX_SEQUENCE_CHARS) || !SEQUENCE_START.test(source)) return undefined;
      if (!isCount(folded) || !isCount(notDrawn) || !isLegend(legend)) return undefined;
      return { type: 'sequence', id, expanded, source, folded, notDrawn, legend };
    }
    case 'sequencePending':
      return isId(value.id) ? { type: 'sequencePending', id: value.id } : undefined;
    default:
      return undefined;
  }
}

function isPath(value: unknown): value is StatePath {
  return isRecord(value) && isText(value.label, 110) && Array.isArray(value.states) && value.states.length <= MAX_STATES && value.states.every(isRfcState);
}

/** The diagram webview's check of a `paths` message. */
export function parseStatePaths(value: Record<string, unknown>): StatePathsMessage | undefined {
  const { title, paths } = value;
  if (value.type !== 'paths' || !isText(title, 500) || !Array.isArray(paths) || paths.length !== 2) return undefined;
  const [a, b] = paths as unknown[];
  return isPath(a) && isPath(b) ? { type: 'paths', title, paths: [a, b] } : undefined;
}
