// Runs inside the diagram webview (browser, no `vscode` API): draws the state diagram (the SVG
// the VSIX ships when the page's Mermaid source is the shipped one, else Mermaid's layout of
// it), themed from VS Code's CSS variables, makes the states focusable and clickable, and talks
// to the extension through the typed protocol.
import {
  GROUP_KINDS,
  parseHostMessage,
  type CensusGroups,
  type CensusMessage,
  type CensusRow,
  type HostMessage,
  type WebviewMessage,
} from '../src/shared/diagram-protocol';
import type { StatePathsMessage } from '../src/shared/timeline-protocol';
import { CLOSED_END_NODE, nodeId, stateOfRenderedNode } from '../src/core/views/diagram-nodes';
import type { RfcState } from '../src/core/model/states';

import { drawStateDiagram } from './mermaid-support';
import { markFirstPaint } from './painted';

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
type StringKey = 'line' | 'lineTitle' | 'count' | 'range' | 'because' | 'advice' | 'groupsToggle' | 'approximate' | 'showExplanation' | (typeof GROUP_KINDS)[number];
const strings = JSON.parse((document.getElementById('data-strings') as HTMLElement).textContent ?? '{}') as Record<StringKey, string>;
const censusPane = document.getElementById('census') as HTMLElement;
/** The census shown, kept so a re-render (theme change) paints the heatmap again. */
let census: CensusMessage | undefined;

interface SavedState {
  selected?: RfcState;
  zoom?: number;
  /**
   * The census shown: VS Code hands this state to the extension when it restores the panel after
   * a reload, and the extension (which checks it) sends it back, so the census survives the reload.
   */
  census?: CensusMessage;
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
    element.setAttribute('aria-label', fill(strings.showExplanation, state));
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
    const from = await drawStateDiagram(mainScript, container, source, hostCache, (key, svg) => post({ type: 'cacheSvg', key, svg }));
    decorate();
    paintHeatmap();
    paintPaths();
    applyZoom();
    markFirstPaint();
    const states = renderedStates();
    const edges = container.querySelectorAll('.edgePaths path, path.flowchart-link').length;
    post({ type: 'rendered', states, edges, ms: Math.round(performance.now() - started), cached: from === 'cache', shipped: from === 'shipped' });
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

// ---- The census: a heatmap on the boxes, a sorted table, the diagnoses ----
/** Heat buckets: 1 (fewest) … 5 (most), relative to the most-mentioned state. */
const HEAT_BUCKETS = 5;

function bucketOf(count: number, max: number): number {
  return count <= 0 || max <= 0 ? 0 : Math.min(HEAT_BUCKETS, Math.max(1, Math.ceil((count / max) * HEAT_BUCKETS)));
}

function fill(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d)\}/g, (match, index: string) => String(values[Number(index)] ?? match));
}

/** Colours each state box by its count, with the exact count in its data attribute and its tooltip. */
function paintHeatmap(): void {
  const counts = census?.counts ?? {};
  const max = Math.max(0, ...Object.values(counts).map((n) => n ?? 0));
  for (const node of container.querySelectorAll<HTMLElement>('g.node[data-state]')) {
    const state = node.dataset.state as RfcState;
    for (let b = 1; b <= HEAT_BUCKETS; b++) node.classList.remove(`tsl-heat-${b}`);
    node.querySelector(':scope > title.tsl-count')?.remove();
    if (!census) {
      delete node.dataset.count;
      continue;
    }
    const count = counts[state] ?? 0;
    node.dataset.count = String(count);
    const bucket = bucketOf(count, max);
    if (bucket) node.classList.add(`tsl-heat-${bucket}`);
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.classList.add('tsl-count');
    title.textContent = fill(strings.count, state, count);
    node.prepend(title);
  }
}

/** A "line N" link: the extension moves the editor's cursor to that line of the counted document. */
function lineLink(line: number): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = '#';
  link.className = 'line-link';
  link.dataset.line = String(line);
  link.textContent = fill(strings.line, line);
  link.title = fill(strings.lineTitle, line);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    post({ type: 'revealLine', line });
  });
  return link;
}

function cell(row: HTMLTableRowElement, text: string, className?: string): HTMLTableCellElement {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

/** Whether a row has anything to expand: rankings exist only for socket-table rows. */
function hasGroups(groups: CensusGroups | undefined): groups is CensusGroups {
  return !!groups && GROUP_KINDS.some((kind) => groups[kind].length > 0);
}

/** The expandable detail of a row: its top local ports, peers and processes, each with its count. */
function groupsRow(body: HTMLTableSectionElement, entry: CensusRow & { groups: CensusGroups }, id: string, columns: number): HTMLTableRowElement {
  const row = body.insertRow();
  row.id = id;
  row.className = 'groups';
  row.dataset.groupsOf = entry.state;
  row.hidden = true;
  const td = row.insertCell();
  td.colSpan = columns;
  for (const kind of GROUP_KINDS) {
    const entries = entry.groups[kind];
    if (entries.length === 0) continue;
    const section = document.createElement('section');
    section.className = 'group';
    section.dataset.group = kind;
    const heading = document.createElement('h3');
    heading.textContent = strings[kind];
    const list = document.createElement('ol');
    for (const group of entries) {
      const item = document.createElement('li');
      item.dataset.key = group.key;
      item.dataset.count = String(group.count);
      const key = document.createElement('span');
      key.className = 'key';
      key.textContent = group.key;
      const count = document.createElement('span');
      count.className = 'num count';
      // "≈": Space-Saving may have counted rows of keys it no longer tracks towards this one.
      count.textContent = group.approximate ? `≈${group.count}` : String(group.count);
      if (group.approximate) {
        count.classList.add('approximate');
        count.title = strings.approximate;
      }
      item.append(key, count);
      list.append(item);
    }
    section.append(heading, list);
    td.append(section);
  }
  return row;
}

/** Shows the census beside the diagram: everything from the document goes in as text, never HTML. */
function showCensus(message: CensusMessage): void {
  census = message;
  saved = { ...saved, census: message };
  vscode.setState(saved);
  censusPane.hidden = false;
  (censusPane.querySelector('.document') as HTMLElement).textContent = message.document;
  const max = Math.max(0, ...message.rows.map((r) => r.count));
  (censusPane.querySelector('.heat-range') as HTMLElement).textContent = fill(strings.range, max);
  // No document (a live census): no line to go to, so no "First seen" column.
  (censusPane.querySelector('th.first-seen') as HTMLElement).hidden = !message.linkable;
  const columns = message.linkable ? 3 : 2;
  const body = censusPane.querySelector('tbody') as HTMLTableSectionElement;
  body.replaceChildren();
  message.rows.forEach((entry, index) => {
    const row = body.insertRow();
    row.dataset.state = entry.state;
    row.dataset.count = String(entry.count);
    const name = cell(row, '', 'state');
    const swatch = document.createElement('span');
    swatch.className = `swatch tsl-heat-${bucketOf(entry.count, max)}`;
    const groups = entry.groups;
    if (!hasGroups(groups)) name.append(swatch, document.createTextNode(entry.state));
    cell(row, String(entry.count), 'num count');
    if (message.linkable) cell(row, '').append(lineLink(entry.firstLine));
    if (!hasGroups(groups)) return;
    // The state's name is the toggle of a detail row under it, so the table stays one row per state.
    const detail = groupsRow(body, { ...entry, groups }, `groups-${index}`, columns);
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'expand';
    toggle.title = fill(strings.groupsToggle, entry.state);
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', detail.id);
    const chevron = document.createElement('span');
    chevron.className = 'chevron';
    chevron.setAttribute('aria-hidden', 'true');
    toggle.append(chevron, swatch, document.createTextNode(entry.state));
    toggle.addEventListener('click', () => {
      const expanded = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(expanded));
      detail.hidden = !expanded;
    });
    name.append(toggle);
  });
  (censusPane.querySelector('.empty') as HTMLElement).hidden = message.rows.length > 0;
  const diagnoses = censusPane.querySelector('.diagnoses') as HTMLElement;
  diagnoses.replaceChildren();
  for (const d of message.diagnoses) {
    const article = document.createElement('article');
    article.className = 'diagnosis';
    const title = document.createElement('h3');
    title.textContent = d.title;
    const because = document.createElement('p');
    because.className = 'because';
    const becauseLabel = document.createElement('strong');
    becauseLabel.textContent = `${strings.because} `;
    because.append(becauseLabel, document.createTextNode(d.because));
    const advice = document.createElement('p');
    advice.className = 'advice';
    const adviceLabel = document.createElement('strong');
    adviceLabel.textContent = `${strings.advice} `;
    advice.append(adviceLabel, document.createTextNode(d.advice));
    article.append(title, because, advice);
    diagnoses.append(article);
  }
  paintHeatmap();
}

// ---- A capture connection's two paths (the capture timeline's "Show on the state diagram") ----
let paths: StatePathsMessage | undefined;

/** Marks each endpoint's states and the arcs between consecutive ones; its legend names the endpoints. */
function paintPaths(): void {
  for (const element of container.querySelectorAll('.tsl-path-0, .tsl-path-1')) element.classList.remove('tsl-path-0', 'tsl-path-1');
  const aside = document.getElementById('paths') as HTMLElement;
  aside.hidden = !paths;
  if (!paths) return;
  (aside.querySelector('.title') as HTMLElement).textContent = paths.title;
  paths.paths.forEach((path, i) => {
    (aside.querySelector(`.label-${i}`) as HTMLElement).textContent = `${path.label}: ${path.states.join(' → ')}`;
    path.states.forEach((state, k) => {
      for (const node of nodesOf(state)) node.classList.add(`tsl-path-${i}`);
      const from = path.states[k - 1];
      if (!from) return;
      // Mermaid names an arc's path L_<from>_<to>_<n>; an ending arc goes to the bottom CLOSED.
      const to = state === 'CLOSED' && (from === 'LAST-ACK' || from === 'TIME-WAIT') ? CLOSED_END_NODE : nodeId(state);
      for (const edge of container.querySelectorAll(`path[id*="L_${nodeId(from)}_${to}_"]`)) edge.classList.add(`tsl-path-${i}`);
    });
  });
}

function onHostMessage(message: HostMessage): void {
  if (message.type === 'highlight') select(message.state, true);
  else if (message.type === 'census') showCensus(message);
  else if (message.type === 'paths') {
    paths = message;
    paintPaths();
  } else {
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

/**
 * The SVG with each `var(--vscode-…)` of its styles replaced by the theme's value now: an
 * exported file is seen outside VS Code, where those variables mean nothing.
 */
function withThemeColours(svg: string): string {
  const body = getComputedStyle(document.body);
  return svg.replace(/var\((--vscode-[\w-]+)(?:,\s*([^()]*(?:\([^()]*\))?[^()]*))?\)/g, (match, name: string, fallback?: string) => {
    const value = body.getPropertyValue(name).trim();
    return value || (fallback !== undefined ? withThemeColours(fallback.trim()) : match);
  });
}

document.getElementById('export')?.addEventListener('click', () => {
  const svg = container.querySelector('svg');
  if (svg) post({ type: 'exportSvg', svg: withThemeColours(svg.outerHTML) });
});

// Re-render when the theme changes: VS Code updates the body's data attributes and classes.
new MutationObserver(() => void render()).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });

post({ type: 'ready' });
void render();
