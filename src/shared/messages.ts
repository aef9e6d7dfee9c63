// What the webview protocols (diagram, walkthrough, timeline, explorer) share: the checks every
// message from a webview goes through, and the messages the webviews send (ready, a laid-out SVG
// to cache, an error to log). Runs on both sides: in the extension host and in the webviews, so it
// uses neither Node nor the DOM.
import { logSafe } from './log-text';

/**
 * Upper bound of an SVG from a webview (a cacheSvg entry, an exported diagram). The SVGs it is
 * for: the state diagram, about 62 KB (media/state-diagram.svg; what Mermaid lays out in a webview
 * is about the same, and the explorer draws the same diagram), and a walkthrough's sequence
 * diagram, whose Mermaid source is about 1 KB (at most 9 arrows): tens of KB. The capture
 * timeline's sequence diagrams, which may be far larger, are neither cached nor exported as SVG.
 * 1 MB is well over ten times the largest: room for a longer scenario, and six entries at the cap keep the
 * cache file under its 8 MB cap (src/shared/cache-store.ts).
 */
export const MAX_SVG_CHARS = 1_000_000;
/** Error texts from a webview are cut to this length before they are logged. */
export const MAX_ERROR_CHARS = 2_000;
/**
 * The longest time a webview reports (how long a layout, a paint or a step took, in ms): an hour.
 * A real one is milliseconds to seconds; `Infinity`, `NaN`, `1e308` and negative ones are not times.
 */
export const MAX_DURATION_MS = 3_600_000;
const MAX_KEY_CHARS = 200;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A duration in milliseconds from a webview: finite, 0 to MAX_DURATION_MS (fractions allowed: performance.now()). */
export function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_DURATION_MS;
}

export function isSvg(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_SVG_CHARS && value.trimStart().startsWith('<svg');
}

/** A laid-out SVG and its cache key, as a webview offers it and as the cache file keeps it. */
export function isCacheEntry(entry: { readonly key?: unknown; readonly svg?: unknown }): entry is { readonly key: string; readonly svg: string } {
  return typeof entry.key === 'string' && entry.key.length <= MAX_KEY_CHARS && isSvg(entry.svg);
}

/** Webview → extension, in both protocols. */
export type CommonWebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'cacheSvg'; readonly key: string; readonly svg: string }
  | { readonly type: 'error'; readonly message: string };

/**
 * The common messages, checked; `undefined` for anything else (a protocol's own message types, or
 * a malformed common one).
 */
export function parseCommonMessage(value: Record<string, unknown>): CommonWebviewMessage | undefined {
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'cacheSvg':
      return isCacheEntry(value) ? { type: 'cacheSvg', key: value.key, svg: value.svg } : undefined;
    case 'error':
      // On one line, without escapes, and cut: it goes into the log (see log-text.ts).
      return typeof value.message === 'string' ? { type: 'error', message: logSafe(value.message, MAX_ERROR_CHARS) } : undefined;
    default:
      return undefined;
  }
}

/** The common message types: a protocol hands these to `parseCommonMessage`. */
export const COMMON_TYPES: ReadonlySet<string> = new Set(['ready', 'cacheSvg', 'error']);

/**
 * The Mermaid settings that decide where the state diagram's boxes, arcs and labels go (colours
 * aside): the webview lays a diagram out with them, and so does scripts/render-diagram-svg.mjs
 * when it makes the SVG the VSIX ships. Part of the shipped SVG's hash, so changing one of them
 * makes the shipped SVG stale (a unit test then fails) instead of silently out of step.
 */
export const DIAGRAM_LAYOUT = {
  // SVG text, not HTML in <foreignObject>: an exported SVG then shows its labels in any viewer.
  htmlLabels: false,
  flowchart: { htmlLabels: false, curve: 'basis', nodeSpacing: 40, rankSpacing: 55 },
  fontSize: '13px',
} as const;

/** FNV-1a (32 bits, base 36) over `texts`: a cheap, stable fingerprint, the same in Node and in a webview. */
export function fingerprint(texts: readonly string[]): string {
  let hash = 2166136261;
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  }
  return hash.toString(36);
}

/** The hash a shipped state diagram records: of the Mermaid source it was laid out from, and the layout settings. */
export function diagramSourceHash(source: string): string {
  return `s1-${fingerprint([source, JSON.stringify(DIAGRAM_LAYOUT)])}`;
}
