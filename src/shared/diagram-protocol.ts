// The messages between the diagram webview and the extension: a small typed protocol, shared
// by both sides, and validated on receipt (a webview message is untrusted input).
import { isRfcState, type RfcState } from '../core/model/states';
import { COMMON_TYPES, isRecord, isSvg, parseCommonMessage, type CommonWebviewMessage } from './messages';

/** Webview → extension. */
export type WebviewMessage =
  | CommonWebviewMessage
  | { readonly type: 'rendered'; readonly states: number; readonly edges: number; readonly ms: number; readonly cached: boolean }
  | { readonly type: 'selectState'; readonly state: RfcState }
  | { readonly type: 'exportSvg'; readonly svg: string };

/** Extension → webview. */
export type HostMessage =
  | { readonly type: 'highlight'; readonly state: RfcState }
  | { readonly type: 'explanation'; readonly state: RfcState; readonly text: string };

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1e7;
}

/** Returns the message if it is well-formed, else undefined (the caller logs and ignores it). */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  if (COMMON_TYPES.has(value.type)) return parseCommonMessage(value);
  switch (value.type) {
    case 'rendered':
      return isCount(value.states) && isCount(value.edges) && isCount(value.ms) && typeof value.cached === 'boolean'
        ? { type: 'rendered', states: value.states, edges: value.edges, ms: value.ms, cached: value.cached }
        : undefined;
    case 'selectState':
      return isRfcState(value.state) ? { type: 'selectState', state: value.state } : undefined;
    case 'exportSvg':
      return isSvg(value.svg) ? { type: 'exportSvg', svg: value.svg } : undefined;
    default:
      return undefined;
  }
}

export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string' || !isRfcState(value.state)) return undefined;
  if (value.type === 'highlight') return { type: 'highlight', state: value.state };
  if (value.type === 'explanation' && typeof value.text === 'string') return { type: 'explanation', state: value.state, text: value.text };
  return undefined;
}
