// The messages between the diagram webview and the extension: a small typed protocol, shared
// by both sides, and validated on receipt (a webview message is untrusted input).
import { isRfcState, type RfcState } from './core/states';

/** Webview → extension. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'rendered'; readonly states: number; readonly edges: number; readonly ms: number; readonly cached: boolean }
  | { readonly type: 'selectState'; readonly state: RfcState }
  | { readonly type: 'exportSvg'; readonly svg: string }
  | { readonly type: 'cacheSvg'; readonly key: string; readonly svg: string }
  | { readonly type: 'error'; readonly message: string };

/** Extension → webview. */
export type HostMessage =
  | { readonly type: 'highlight'; readonly state: RfcState }
  | { readonly type: 'explanation'; readonly state: RfcState; readonly text: string };

/** Upper bound of an exported SVG: the diagram is about 100 KB; anything far larger is not ours. */
export const MAX_SVG_CHARS = 5_000_000;
/** Error texts from a webview are cut to this length before they are logged. */
export const MAX_ERROR_CHARS = 2_000;
const MAX_KEY_CHARS = 200;

function isSvg(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_SVG_CHARS && value.trimStart().startsWith('<svg');
}

/** A laid-out SVG and its cache key, as a webview offers it and as the cache file keeps it. */
export function isCacheEntry(entry: { readonly key?: unknown; readonly svg?: unknown }): entry is { readonly key: string; readonly svg: string } {
  return typeof entry.key === 'string' && entry.key.length <= MAX_KEY_CHARS && isSvg(entry.svg);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1e7;
}

/** Returns the message if it is well-formed, else undefined (the caller logs and ignores it). */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'rendered':
      return isCount(value.states) && isCount(value.edges) && isCount(value.ms) && typeof value.cached === 'boolean'
        ? { type: 'rendered', states: value.states, edges: value.edges, ms: value.ms, cached: value.cached }
        : undefined;
    case 'selectState':
      return isRfcState(value.state) ? { type: 'selectState', state: value.state } : undefined;
    case 'exportSvg':
      return isSvg(value.svg) ? { type: 'exportSvg', svg: value.svg } : undefined;
    case 'cacheSvg':
      return isCacheEntry(value) ? { type: 'cacheSvg', key: value.key, svg: value.svg } : undefined;
    case 'error':
      return typeof value.message === 'string' ? { type: 'error', message: value.message.slice(0, MAX_ERROR_CHARS) } : undefined;
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
