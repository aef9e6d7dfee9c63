// The messages between the explorer webview and the extension, validated on receipt like the
// walkthrough's (a webview message is untrusted input). The extension owns the session (its
// history, profile and score); the webview draws the view it is sent and reports what the
// learner picked, by the ids the view gave it, so a message can only pick what was offered.
import type { ExplorerView } from '../core/views/explorer-view';
// Leaf modules, not the explorer's index: the webview's bundle and the extension's entry then
// carry two small checks, not the simulator.
import { isExplorerProfile, type ExplorerProfile } from '../core/explorer/profiles';
import { parsePrediction, type Prediction } from '../core/explorer/predict';
import type { HistoryData } from '../core/explorer/history';
import type { EndpointId, Flag, SimEvent, TimerKind, UserCall } from '../core/simulation';
import { COMMON_TYPES, isRecord, parseCommonMessage, type CommonWebviewMessage } from './messages';

export const EXPORT_FORMATS = ['mermaid', 'packetdrill-client', 'packetdrill-server', 'pcap'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Webview → extension. */
export type ExplorerMessage =
  | CommonWebviewMessage
  | { readonly type: 'choose'; readonly id: string; readonly prediction?: Prediction }
  | { readonly type: 'goTo'; readonly node: number }
  | { readonly type: 'profile'; readonly profile: ExplorerProfile }
  | { readonly type: 'predict'; readonly on: boolean }
  | { readonly type: 'reach'; readonly row: string }
  | { readonly type: 'export'; readonly format: ExportFormat }
  | { readonly type: 'kernel' }
  | { readonly type: 'scenario' };

/** One call replayed on this machine's kernel, beside the model's states at the same point. */
export interface KernelRow {
  readonly step: number;
  readonly call: string;
  readonly kernel: { readonly client: string; readonly server: string };
  readonly model: { readonly client: string; readonly server: string };
  readonly ports: string;
  readonly differs: boolean;
}

export interface KernelView {
  readonly rows: readonly KernelRow[];
  /** Where the replay stopped (an event loopback cannot make), or why it failed. */
  readonly note?: string;
  readonly running: boolean;
}

/** Extension → webview. */
export type ExplorerHostMessage = {
  readonly type: 'view';
  readonly view: ExplorerView;
  readonly stateDiagram: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly predict: boolean;
  /** The verdict of the last prediction, in words. */
  readonly verdict?: { readonly text: string; readonly right: boolean };
  /** A passing message: a search that found no path, an export written. */
  readonly notice?: string;
  readonly kernel?: KernelView;
  /** What the webview saves (setState) so a reload brings the same session back. */
  readonly state: ExplorerState;
};

/** What the webview keeps across a reload, read back by the serializer. */
export interface ExplorerState {
  readonly profile: ExplorerProfile;
  readonly predict: boolean;
  readonly title?: string;
  readonly history: HistoryData;
}

const CHOICE_ID = /^(?:next:)?(?:call|timer|deliver|drop|duplicate):[a-z0-9:-]{1,60}$/;
const ROW_ID = /^[URT]\d{2}$/;
const MAX_NODES = 5_000;

function isIndex(value: unknown, max = MAX_NODES): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < max;
}

export function parseExplorerMessage(value: unknown): ExplorerMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  if (COMMON_TYPES.has(value.type)) return parseCommonMessage(value);
  switch (value.type) {
    case 'choose': {
      if (typeof value.id !== 'string' || !CHOICE_ID.test(value.id)) return undefined;
      if (value.prediction === undefined) return { type: 'choose', id: value.id };
      const prediction = parsePrediction(value.prediction);
      return prediction ? { type: 'choose', id: value.id, prediction } : undefined;
    }
    case 'goTo':
      return isIndex(value.node) ? { type: 'goTo', node: value.node } : undefined;
    case 'profile':
      return isExplorerProfile(value.profile) ? { type: 'profile', profile: value.profile } : undefined;
    case 'predict':
      return typeof value.on === 'boolean' ? { type: 'predict', on: value.on } : undefined;
    case 'reach':
      return typeof value.row === 'string' && ROW_ID.test(value.row) ? { type: 'reach', row: value.row } : undefined;
    case 'export':
      return (EXPORT_FORMATS as readonly unknown[]).includes(value.format) ? { type: 'export', format: value.format as ExportFormat } : undefined;
    case 'kernel':
    case 'scenario':
      return { type: value.type };
    default:
      return undefined;
  }
}

// ---- Events, as a saved history holds them ----

const ENDPOINTS: readonly EndpointId[] = ['client', 'server'];
const CALLS: readonly UserCall[] = ['passive-open', 'active-open', 'send', 'close', 'shutdown', 'abort', 'stop-reading'];
const TIMERS: readonly TimerKind[] = ['retransmission', 'time-wait', 'fin-wait-2'];
const FLAGS: readonly Flag[] = ['SYN', 'FIN', 'RST', 'ACK'];
const isEndpoint = (v: unknown): v is EndpointId => ENDPOINTS.includes(v as EndpointId);
const isSegmentId = (v: unknown): v is number => isIndex(v, 1_000_000);
const isOptional = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || check(v);
const isBool = (v: unknown): boolean => typeof v === 'boolean';

/** A simulator event from untrusted input, rebuilt field by field, or undefined. */
export function parseSimEvent(value: unknown): SimEvent | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.kind) {
    case 'user':
      if (!isEndpoint(value.endpoint) || !CALLS.includes(value.call as UserCall) || !isOptional(value.bytes, (b) => isIndex(b, 1_000_000))) return undefined;
      return { kind: 'user', endpoint: value.endpoint, call: value.call as UserCall, ...(value.bytes !== undefined ? { bytes: value.bytes as number } : {}) };
    case 'timer':
      return isEndpoint(value.endpoint) && TIMERS.includes(value.timer as TimerKind) ? { kind: 'timer', endpoint: value.endpoint, timer: value.timer as TimerKind } : undefined;
    case 'deliver':
      if (!isEndpoint(value.to) || !isOptional(value.segment, isSegmentId) || !isOptional(value.delayAck, isBool) || !isOptional(value.newest, isBool)) return undefined;
      return {
        kind: 'deliver',
        to: value.to,
        ...(value.segment !== undefined ? { segment: value.segment as number } : {}),
        ...(value.delayAck ? { delayAck: true } : {}),
        ...(value.newest ? { newest: true } : {}),
      };
    case 'lose':
      if (!isEndpoint(value.to) || !isOptional(value.segment, isSegmentId)) return undefined;
      return { kind: 'lose', to: value.to, ...(value.segment !== undefined ? { segment: value.segment as number } : {}) };
    case 'duplicate':
      return isEndpoint(value.to) && isSegmentId(value.segment) ? { kind: 'duplicate', to: value.to, segment: value.segment } : undefined;
    case 'inject':
      if (!isEndpoint(value.to) || !Array.isArray(value.flags) || value.flags.length > 4 || !value.flags.every((f) => FLAGS.includes(f as Flag))) return undefined;
      if (!isIndex(value.seq, 2 ** 32) || !isOptional(value.ack, (a) => isIndex(a, 2 ** 32))) return undefined;
      return { kind: 'inject', to: value.to, flags: value.flags as Flag[], seq: value.seq, ...(value.ack !== undefined ? { ack: value.ack as number } : {}) };
    default:
      return undefined;
  }
}

/** The saved state of a restored panel, if it is one we wrote (its history is rebuilt and checked by History.from). */
export function parseExplorerState(value: unknown): ExplorerState | undefined {
  if (!isRecord(value) || !isExplorerProfile(value.profile) || typeof value.predict !== 'boolean' || !isRecord(value.history)) return undefined;
  const { nodes, current } = value.history;
  if (!Array.isArray(nodes) || nodes.length === 0 || nodes.length > MAX_NODES || !isIndex(current)) return undefined;
  const parsed: HistoryData['nodes'][number][] = [];
  for (const [index, node] of nodes.entries()) {
    if (!isRecord(node) || node.id !== index) return undefined;
    if (index === 0) {
      parsed.push({ id: 0, parent: undefined, event: undefined });
      continue;
    }
    const event = parseSimEvent(node.event);
    if (!event || !isIndex(node.parent) || node.parent >= index) return undefined;
    parsed.push({ id: index, parent: node.parent, event });
  }
  const title = typeof value.title === 'string' && value.title.length <= 200 ? value.title : undefined;
  return { profile: value.profile, predict: value.predict, ...(title ? { title } : {}), history: { nodes: parsed, current } };
}

/** Host messages as the webview checks them: the shape, so nothing of the wrong kind reaches the page. */
export function parseExplorerHostMessage(value: unknown): ExplorerHostMessage | undefined {
  if (!isRecord(value) || value.type !== 'view' || !isRecord(value.view) || typeof value.stateDiagram !== 'string' || typeof value.predict !== 'boolean' || !isRecord(value.labels)) return undefined;
  const view = value.view;
  const lists = ['steps', 'nodes', 'choices', 'history', 'marks', 'coverage', 'profiles', 'states'];
  if (!lists.every((key) => Array.isArray(view[key]) && (view[key] as unknown[]).length <= MAX_NODES)) return undefined;
  if (typeof view.sequenceSource !== 'string' || view.sequenceSource.length > 500_000 || !isExplorerProfile(view.profile)) return undefined;
  if (!Object.values(value.labels).every((label) => typeof label === 'string' && label.length <= 300)) return undefined;
  return value as unknown as ExplorerHostMessage;
}
