// Mermaid inside our webviews: the state diagram the VSIX ships (laid out at build time, so
// no Mermaid at all when the source is the shipped one), else loading the bundled build on
// demand, a configuration taken from the VS Code theme, and the key under which a laid-out SVG
// is cached. Shared by the state diagram and the walkthrough, which draw the same state diagram.
// Every SVG goes into the page through `place`, which sanitises it first (./sanitize-svg).
import { DIAGRAM_LAYOUT, diagramSourceHash, fingerprint } from '../src/shared/messages';
import { sanitizeSvg } from './sanitize-svg';

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}
declare global {
  interface Window {
    mermaid?: MermaidApi;
  }
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** Mermaid theme from the current VS Code theme (data-vscode-theme-kind, not the class list). */
export function themeConfig(): Record<string, unknown> {
  const kind = document.body.dataset.vscodeThemeKind ?? 'vscode-light';
  const dark = kind === 'vscode-dark' || kind === 'vscode-high-contrast';
  const contrast = kind.startsWith('vscode-high-contrast');
  const border = contrast ? cssVar('--vscode-contrastBorder', dark ? '#6fc3df' : '#0f4a85') : cssVar('--vscode-focusBorder', '#0078d4');
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    htmlLabels: DIAGRAM_LAYOUT.htmlLabels,
    flowchart: DIAGRAM_LAYOUT.flowchart,
    themeVariables: {
      darkMode: dark,
      background: cssVar('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
      primaryColor: cssVar('--vscode-editorWidget-background', dark ? '#252526' : '#f3f3f3'),
      primaryTextColor: cssVar('--vscode-editor-foreground', dark ? '#d4d4d4' : '#1f1f1f'),
      primaryBorderColor: border,
      // Mermaid 11's default look strokes boxes with a gradient and a grey drop shadow, which
      // washes out a high-contrast theme's border: plain theme colours instead.
      nodeBorder: border,
      useGradient: false,
      dropShadow: 'none',
      lineColor: cssVar('--vscode-editor-foreground', dark ? '#d4d4d4' : '#1f1f1f'),
      textColor: cssVar('--vscode-editor-foreground', dark ? '#d4d4d4' : '#1f1f1f'),
      edgeLabelBackground: cssVar('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
      fontFamily: cssVar('--vscode-font-family', 'sans-serif'),
      fontSize: DIAGRAM_LAYOUT.fontSize,
    },
  };
}

let mermaidLoading: Promise<MermaidApi> | undefined;

/**
 * Loads Mermaid (2.9 MB) only when a diagram must be laid out: a cached SVG needs none. The
 * script carries the page's nonce (taken from our own script element), the only way a script
 * may run under the webview's CSP; its address is in that element's `data-mermaid`.
 */
function loadMermaid(mainScript: HTMLScriptElement): Promise<MermaidApi> {
  mermaidLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.nonce = mainScript.nonce;
    script.src = mainScript.dataset.mermaid ?? '';
    script.onload = () => (window.mermaid ? resolve(window.mermaid) : reject(new Error('Mermaid did not load')));
    script.onerror = () => reject(new Error('Mermaid could not be loaded'));
    document.head.appendChild(script);
  });
  return mermaidLoading;
}

// Mermaid first removes any element that has the id it is about to render under, and a cached
// SVG keeps the id it got on another page (the diagram panel, an earlier walkthrough page or
// session): a counter alone repeats those ids. A random token per page keeps every id unique.
const pageToken = Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('');
let renderCount = 0;
let placeCount = 0;

/**
 * Puts `svg` into `host`, sanitised: each insertion's ids get a prefix of their own (lower-case
 * base 36, so no node id shows in it), so an SVG never takes an id of the page nor repeats one
 * an earlier insertion carries. Returns false, leaving `host` alone, when `svg` holds no <svg>.
 */
function place(host: HTMLElement, svg: string): boolean {
  const clean = sanitizeSvg(svg, `tsl${pageToken}i${++placeCount}-`);
  if (clean) host.replaceChildren(clean);
  return clean !== undefined;
}

/**
 * Draws `source` into `host`: the SVG from `cache` when this source and theme were laid out
 * before, else laid out by Mermaid, kept in `cache` and handed to `offer` (which passes it to the
 * extension's cache). Returns whether it came from the cache.
 */
export async function drawCached(
  mainScript: HTMLScriptElement,
  host: HTMLElement,
  source: string,
  cache: Record<string, string>,
  offer: (key: string, svg: string) => void,
): Promise<boolean> {
  const key = cacheKey(source);
  const cached = cache[key];
  // A cached text that holds no SVG at all is laid out again (and the new SVG replaces it in the cache).
  if (cached && place(host, cached)) return true;
  const mermaid = await loadMermaid(mainScript);
  mermaid.initialize(themeConfig());
  // Mermaid also scopes each SVG's styles by its id. Lower-case base 36: no node id (upper case) can show in it.
  const { svg } = await mermaid.render(`tsl-mermaid-${pageToken}-${++renderCount}`, source);
  if (!place(host, svg)) throw new Error('Mermaid returned no SVG');
  cache[key] = svg;
  offer(key, svg);
  return false;
}

/** Whether `source` is laid out in `cache` for the current theme (drawCached then needs no Mermaid). */
export function isCached(source: string, cache: Record<string, string>): boolean {
  return cache[cacheKey(source)] !== undefined;
}

/**
 * What a laid-out SVG depends on: the source, the whole configuration (theme colours included) and
 * the theme kind. v3: entries before it carry ids that repeat across pages, and are left unused.
 */
function cacheKey(source: string): string {
  const config = JSON.stringify(themeConfig()) + (document.body.dataset.vscodeThemeKind ?? '');
  return `v3-${fingerprint([source, config])}`;
}

/**
 * media/state-diagram.svg, put in by the build (esbuild `define`, see scripts/build.mjs): the state
 * diagram laid out by the same Mermaid at build time, its colours VS Code's CSS variables, so it
 * serves every theme. Its root records the hash of the source it was laid out from.
 */
declare const TSL_SHIPPED_STATE_DIAGRAM: string;

/** The shipped state diagram when it was laid out from `source` (the settings may one day change the source). */
function shippedFor(source: string): string | undefined {
  const recorded = /data-tsl-source-hash="([^"]+)"/.exec(TSL_SHIPPED_STATE_DIAGRAM)?.[1];
  return recorded !== undefined && recorded === diagramSourceHash(source) ? TSL_SHIPPED_STATE_DIAGRAM : undefined;
}

/** Where a drawn state diagram came from. */
export type DrawnFrom = 'shipped' | 'cache' | 'mermaid';

/**
 * Draws the state diagram `source` into `host`: the shipped SVG when it is of this source (in
 * any theme: no Mermaid is loaded), else as drawCached does.
 */
export async function drawStateDiagram(...args: Parameters<typeof drawCached>): Promise<DrawnFrom> {
  const [, host, source] = args;
  const shipped = shippedFor(source);
  // Our own file, sanitised all the same: one way into the page for every SVG.
  if (shipped !== undefined && place(host, shipped)) return 'shipped';
  return (await drawCached(...args)) ? 'cache' : 'mermaid';
}
