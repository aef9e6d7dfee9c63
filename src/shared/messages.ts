// What the two webview protocols (diagram, walkthrough) share: the checks every message from a
// webview goes through, and the messages both webviews send (ready, a laid-out SVG to cache, an
// error to log). Runs on both sides: in the extension host and in the webviews, so it uses
// neither Node nor the DOM.

/** Upper bound of an SVG from a webview: the diagram is about 100 KB; anything far larger is not ours. */
export const MAX_SVG_CHARS = 5_000_000;
/** Error texts from a webview are cut to this length before they are logged. */
export const MAX_ERROR_CHARS = 2_000;
const MAX_KEY_CHARS = 200;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
      return typeof value.message === 'string' ? { type: 'error', message: value.message.slice(0, MAX_ERROR_CHARS) } : undefined;
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
