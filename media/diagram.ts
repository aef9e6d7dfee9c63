// Runs inside the diagram webview (browser, no `vscode` API): renders the Mermaid source the
// extension embedded in the page, themes it from VS Code's CSS variables, makes the states
// focusable and clickable, and talks to the extension through the typed protocol.
import { parseHostMessage, type HostMessage, type WebviewMessage } from '../src/shared/diagram-protocol';
import { stateOfRenderedNode } from '../src/core/views/diagram-nodes';
import type { RfcState } from '../src/core/model/states';

import { drawCached } from './mermaid-support';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: WebviewMessage): void => vscode.postMessage(message);
const container = document.getElementById('diagram') as HTMLElement;
const pane = document.getElementById('explanation') as HTMLElement;
const source = JSON.parse((document.getElementById('data-source') as HTMLElement).textContent ?? '""') as string;
const hostCache = JSON.parse((document.getElementById('data-cache') as HTMLElement).textContent ?? '{}') as Record<string, string>;
const mainScript = document.getElementById('main-script') as HTMLScriptElement;

interface SavedState {
  selected?: RfcState;
  zoom?: number;
}
let saved: SavedState = (vscode.getState() as SavedState | undefined) ?? {};

/** The boxes of a state: one, or two for CLOSED (drawn at the top and the bottom). */
function nodesOf(state: RfcState): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(`g.node[data-state="${state}"]`)];
}

/** How many distinct states the rendered SVG shows. */
function renderedStates(): number {
  return new Set([...container.querySelectorAll<HTMLElement>('g.node[data-state]')].map((node) => node.dataset.state)).size;
}

function select(state: RfcState, notify: boolean): void {
  for (const node of container.querySelectorAll('g.node.tsl-selected')) node.classList.remove('tsl-selected');
  const nodes = nodesOf(state);
  for (const node of nodes) node.classList.add('tsl-selected');
  nodes[0]?.scrollIntoView({ block: 'center', inline: 'center', behavior: 'auto' });
  saved = { ...saved, selected: state };
  vscode.setState(saved);
  if (notify) post({ type: 'selectState', state });
}

function decorate(): void {
  for (const node of container.querySelectorAll('g.node')) {
    const state = stateOfRenderedNode(node.id);
    if (!state) continue;
    const element = node as HTMLElement;
    element.dataset.state = state;
    element.setAttribute('tabindex', '0');
    element.setAttribute('role', 'button');
    element.setAttribute('aria-label', `${state}: show explanation`);
    element.addEventListener('click', () => select(state, true));
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select(state, true);
      }
    });
  }
}

async function render(): Promise<void> {
  const started = performance.now();
  try {
    const cached = await drawCached(mainScript, container, source, hostCache, (key, svg) => post({ type: 'cacheSvg', key, svg }));
    decorate();
    applyZoom();
    const states = renderedStates();
    const edges = container.querySelectorAll('.edgePaths path, path.flowchart-link').length;
    post({ type: 'rendered', states, edges, ms: Math.round(performance.now() - started), cached });
    if (saved.selected) select(saved.selected, false);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

// ---- Zoom (buttons, Ctrl+wheel, + - 0 F keys) and pan (drag, arrow keys via scrolling) ----
const MIN_ZOOM = 0.5;
const ZOOM_STEPS = [MIN_ZOOM, 0.67, 0.8, 1, 1.25, 1.5, 2, 3];

/** The zoom at which the whole diagram fits the panel: the default, so it reads at a glance. */
function fitZoom(width: number, height: number): number {
  const fit = Math.min((container.clientWidth - 16) / width, (container.clientHeight - 16) / height);
  return Math.min(1, Math.max(MIN_ZOOM, Number.isFinite(fit) && fit > 0 ? fit : 1));
}

function currentZoom(): number {
  const svg = container.querySelector('svg');
  if (saved.zoom !== undefined || !svg) return saved.zoom ?? 1;
  const box = svg.viewBox.baseVal;
  return box && box.width > 0 ? fitZoom(box.width, box.height) : 1;
}

function applyZoom(): void {
  const svg = container.querySelector('svg');
  if (!svg) return;
  const zoom = currentZoom();
  const width = Number(svg.getAttribute('data-natural-width')) || svg.viewBox.baseVal.width || svg.getBoundingClientRect().width;
  svg.setAttribute('data-natural-width', String(width));
  svg.style.width = `${Math.round(width * zoom)}px`;
  svg.style.maxWidth = 'none';
  container.dataset.zoom = saved.zoom === undefined ? 'fit' : String(zoom);
  (document.getElementById('zoom-reset') as HTMLElement).textContent = `${Math.round(zoom * 100)}%`;
}

/** +1 / -1: the next zoom step; 0: actual size; 'fit': the whole diagram in the panel. */
function zoomBy(direction: -1 | 0 | 1 | 'fit'): void {
  const current = currentZoom();
  let next: number | undefined = 1;
  if (direction === 'fit') next = undefined;
  else if (direction > 0) next = ZOOM_STEPS.find((z) => z > current + 0.001) ?? current;
  else if (direction < 0) next = [...ZOOM_STEPS].reverse().find((z) => z < current - 0.001) ?? current;
  saved = { ...saved, zoom: next };
  vscode.setState(saved);
  applyZoom();
}

document.getElementById('zoom-in')?.addEventListener('click', () => zoomBy(1));
document.getElementById('zoom-out')?.addEventListener('click', () => zoomBy(-1));
document.getElementById('zoom-reset')?.addEventListener('click', () => zoomBy(0));
document.getElementById('zoom-fit')?.addEventListener('click', () => zoomBy('fit'));
// Keep "fit" true when the panel is resized.
new ResizeObserver(() => {
  if (saved.zoom === undefined) applyZoom();
}).observe(container);
container.addEventListener(
  'wheel',
  (event) => {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    zoomBy(event.deltaY < 0 ? 1 : -1);
  },
  { passive: false },
);
document.addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLButtonElement) return;
  if (event.key === '+' || event.key === '=') zoomBy(1);
  else if (event.key === '-') zoomBy(-1);
  else if (event.key === '0') zoomBy(0);
  else if (event.key === 'f' || event.key === 'F') zoomBy('fit');
});
container.tabIndex = 0; // arrow keys scroll (pan) the focused diagram
let drag: { x: number; y: number; left: number; top: number } | undefined;
container.addEventListener('pointerdown', (event) => {
  if ((event.target as Element).closest('g.node')) return;
  drag = { x: event.clientX, y: event.clientY, left: container.scrollLeft, top: container.scrollTop };
  container.setPointerCapture(event.pointerId);
});
container.addEventListener('pointermove', (event) => {
  if (!drag) return;
  container.scrollLeft = drag.left - (event.clientX - drag.x);
  container.scrollTop = drag.top - (event.clientY - drag.y);
});
container.addEventListener('pointerup', () => (drag = undefined));

function onHostMessage(message: HostMessage): void {
  if (message.type === 'highlight') select(message.state, true);
  else {
    pane.hidden = false;
    (pane.querySelector('.title') as HTMLElement).textContent = message.state;
    // Plain text, never HTML: the pane shows exactly what the extension sent.
    (pane.querySelector('.body') as HTMLElement).textContent = message.text;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (message) onHostMessage(message);
});

document.getElementById('export')?.addEventListener('click', () => {
  const svg = container.querySelector('svg');
  if (svg) post({ type: 'exportSvg', svg: svg.outerHTML });
});

// Re-render when the theme changes: VS Code updates the body's data attributes and classes.
new MutationObserver(() => void render()).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });

post({ type: 'ready' });
void render();
