// Runs inside the explorer webview (browser, no `vscode` API). Draws the view the extension
// sends after every move: the choices as buttons, the history tree, the marks of a profile
// switch, the coverage of the table, the kernel's states; the current path's sequence diagram
// (laid out by Mermaid on each move) and the state diagram (the shipped SVG) with both
// endpoints' states. Everything from the view goes in as text, never as HTML. Keys: 1–9 pick
// a choice, Left / Backspace go back a step, Right forward along the branch, P predict mode,
// S scenario, K replay on the kernel.
import { stateOfRenderedNode } from '../src/core/views/diagram-nodes';
import type { ExplorerView } from '../src/core/views/explorer-view';
import { parseExplorerHostMessage, type ExplorerHostMessage, type ExplorerMessage, type ExportFormat } from '../src/shared/explorer-protocol';
import type { ExplorerProfile } from '../src/core/explorer/profiles';
import { drawCached, drawStateDiagram } from './mermaid-support';
import { markFirstPaint } from './painted';
import { fill } from './timeline-format';

interface VsCodeApi {
  postMessage(message: ExplorerMessage): void;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: ExplorerMessage): void => vscode.postMessage(message);
const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const mainScript = byId<HTMLScriptElement>('main-script');
const cache = JSON.parse(byId('data-cache').textContent ?? '{}') as Record<string, string>;

let last: ExplorerHostMessage | undefined;
let labels: Readonly<Record<string, string | undefined>> = {};
let stateDiagramDrawn = '';
let sequenceDrawn = '';

const element = (tag: string, text?: string, className?: string): HTMLElement => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
};

function button(text: string, onClick: () => void, data: Record<string, string> = {}): HTMLButtonElement {
  const b = element('button', text) as HTMLButtonElement;
  b.type = 'button';
  for (const [key, value] of Object.entries(data)) b.dataset[key] = value;
  b.addEventListener('click', onClick);
  return b;
}

function list(id: string, lines: readonly string[], empty = ''): void {
  byId(id).replaceChildren(...(lines.length ? lines : [empty]).map((line) => element('li', line)));
}

function prediction(): Extract<ExplorerMessage, { type: 'choose' }>['prediction'] {
  if (!last?.predict) return undefined;
  const client = byId<HTMLSelectElement>('predict-client').value as ExplorerView['states'][number];
  const server = byId<HTMLSelectElement>('predict-server').value as ExplorerView['states'][number];
  const flags = byId<HTMLSelectElement>('predict-flags').value;
  const number = (id: string): number | undefined => {
    const text = byId<HTMLInputElement>(id).value.trim();
    return text === '' ? undefined : Number(text);
  };
  const seq = number('predict-seq');
  const ack = number('predict-ack');
  return { client, server, ...(flags ? { flags: flags === '-' ? '' : flags } : {}), ...(seq !== undefined ? { seq } : {}), ...(ack !== undefined ? { ack } : {}) };
}

function choose(id: string): void {
  post({ type: 'choose', id, ...(last?.predict ? { prediction: prediction() } : {}) });
}

function drawChoices(view: ExplorerView, predict: boolean): void {
  byId('choices-title').textContent = labels.choices ?? '';
  byId('held').textContent = labels.held ?? '';
  const items = view.choices.map((choice, index) => {
    const item = element('li', undefined, `choice ${choice.kind} ${choice.endpoint}`);
    const b = button(`${index < 9 ? `${index + 1}. ` : ''}${choice.label}`, () => choose(choice.id), { choice: choice.id, kind: choice.kind });
    if (index < 9) b.setAttribute('aria-keyshortcuts', String(index + 1));
    item.append(b);
    if (!predict && choice.rows.length) item.append(element('span', ` ${choice.rows.join(', ')}`, 'rows'));
    return item;
  });
  byId('choices').replaceChildren(...(items.length ? items : [element('li', labels.noChoice ?? '')]));
}

function drawHistory(view: ExplorerView): void {
  byId('history-title').textContent = labels.history ?? '';
  const marked = new Map(view.marks.map((mark) => [mark.step, mark.reasons]));
  const nodeOfStep = new Map(view.nodes.map((node, step) => [node, step]));
  const items = view.history.map((entry) => {
    const item = element('li', undefined, ['entry', entry.onPath ? 'on-path' : 'off-path', entry.current ? 'current' : ''].join(' '));
    item.style.setProperty('--depth', String(entry.depth));
    item.dataset.node = String(entry.id);
    const b = button(entry.label, () => post({ type: 'goTo', node: entry.id }), { node: String(entry.id) });
    if (entry.current) b.setAttribute('aria-current', 'step');
    item.append(b);
    if (entry.branches > 1) item.append(element('span', ` ⑂ ${entry.branches} ${labels.branches}`, 'branch-point'));
    const step = nodeOfStep.get(entry.id);
    const reasons = step !== undefined ? marked.get(step) : undefined;
    if (reasons) {
      item.classList.add('marked');
      item.append(element('span', ` ⚑ ${reasons.join('; ')}`, 'mark'));
    }
    return item;
  });
  byId('history').replaceChildren(...items);
  byId('marks-title').textContent = labels.marks ?? '';
  list('marks', view.marks.map((mark) => fill(labels.labeled, `${labels.step} ${mark.step}`, mark.reasons.join('; '))), view.unplayable ?? labels.noMarks);
  if (view.unplayable && view.marks.length) byId('marks').append(element('li', view.unplayable, 'unplayable'));
}

function drawCoverage(view: ExplorerView): void {
  const visited = view.coverage.filter((row) => row.visited).length;
  byId('coverage-title').textContent = fill(labels.labeled, labels.coverage ?? '', `${visited} / ${view.coverage.length}`);
  byId('coverage').replaceChildren(
    ...view.coverage.map((row) => {
      const item = element('li', `${row.visited ? '✓' : '·'} ${row.id} ${row.event} (${row.from}) `, row.visited ? 'visited' : 'unvisited');
      item.dataset.row = row.id;
      if (!row.visited) item.append(button(labels.reach ?? '', () => post({ type: 'reach', row: row.id }), { reach: row.id }));
      return item;
    }),
  );
}

function drawKernel(message: ExplorerHostMessage): void {
  const host = byId('kernel-result');
  byId('kernel-title').textContent = message.kernel ? (labels.kernel ?? '') : '';
  const kernel = message.kernel;
  if (!kernel) return host.replaceChildren();
  if (kernel.running) return host.replaceChildren(element('p', labels.kernelRunning ?? ''));
  const table = element('table');
  const head = element('tr');
  for (const h of [labels.step, labels.call, labels.clientKernel, labels.serverKernel, labels.ports, '']) head.append(element('th', h ?? ''));
  table.append(head);
  for (const row of kernel.rows) {
    const tr = element('tr', undefined, row.differs ? 'differs' : 'same');
    for (const cell of [String(row.step), row.call, `${row.kernel.client} / ${row.model.client}`, `${row.kernel.server} / ${row.model.server}`, row.ports, row.differs ? `✗ ${labels.differs}` : `✓ ${labels.same}`]) tr.append(element('td', cell));
    table.append(tr);
  }
  host.replaceChildren(table, ...(kernel.note ? [element('p', kernel.note, 'note')] : []));
}

function fillStates(id: string, states: readonly string[], value: string): void {
  const select = byId<HTMLSelectElement>(id);
  if (select.options.length !== states.length) select.replaceChildren(...states.map((state) => Object.assign(element('option', state) as HTMLOptionElement, { value: state })));
  select.value = value;
}

async function draw(message: ExplorerHostMessage): Promise<void> {
  last = message;
  labels = message.labels;
  const view = message.view;
  vscode.setState(message.state);
  byId('title').textContent = view.title;
  const profile = byId<HTMLSelectElement>('profile');
  profile.replaceChildren(...view.profiles.map((p) => Object.assign(element('option', p.label) as HTMLOptionElement, { value: p.id })));
  profile.value = view.profile;
  byId<HTMLInputElement>('predict').checked = message.predict;
  const step = view.steps[view.steps.length - 1];
  if (!step) return;
  byId('position').textContent = `${labels.step} ${step.index}`;
  byId('notice').textContent = message.notice ?? '';
  const form = byId<HTMLFormElement>('prediction');
  form.hidden = !message.predict;
  byId('predict-hint').textContent = labels.predictHint ?? '';
  fillStates('predict-client', view.states, step.client);
  fillStates('predict-server', view.states, step.server);
  const verdict = byId('verdict');
  verdict.textContent = message.verdict?.text ?? '';
  verdict.className = message.verdict ? (message.verdict.right ? 'right' : 'wrong') : '';
  byId('score').textContent = message.predict || view.score.asked ? fill(labels.labeled, labels.score ?? '', `${view.score.right} / ${view.score.asked}`) : '';
  drawChoices(view, message.predict);
  drawHistory(view);
  drawCoverage(view);
  drawKernel(message);
  byId('client-state').textContent = fill(labels.labeled, labels.client ?? '', step.client);
  byId('server-state').textContent = fill(labels.labeled, labels.server ?? '', step.server);
  byId('narration').textContent = step.narration;
  byId('rfc').textContent = step.rows.length ? fill(labels.labeled, labels.rows ?? '', `${step.rows.join(', ')} (${step.rfc.join(', ')})`) : '';
  byId('timers-title').textContent = labels.timers ?? '';
  list('timers', step.timers.map((timer) => fill(labels.timer, (timer.endpoint === 'client' ? labels.client : labels.server) ?? '', timer.what, timer.duration, timer.rfc)), labels.noTimers);
  byId('inflight-title').textContent = labels.inFlight ?? '';
  list('inflight', step.inFlight, labels.nothingInFlight);
  document.body.dataset.step = String(step.index);
  document.body.dataset.client = step.client;
  document.body.dataset.server = step.server;
  document.body.dataset.profile = view.profile;
  try {
    if (stateDiagramDrawn !== message.stateDiagram) {
      await drawStateDiagram(mainScript, byId('states'), message.stateDiagram, cache, offer);
      stateDiagramDrawn = message.stateDiagram;
      for (const node of byId('states').querySelectorAll('g.node')) {
        const state = stateOfRenderedNode(node.id);
        if (state) (node as HTMLElement).dataset.state = state;
      }
    }
    for (const node of byId('states').querySelectorAll<HTMLElement>('g.node[data-state]')) {
      node.classList.toggle('tsl-client', node.dataset.state === step.client);
      node.classList.toggle('tsl-server', node.dataset.state === step.server);
    }
    markFirstPaint();
    if (sequenceDrawn !== view.sequenceSource) {
      // Each path has its own diagram: laid out here, kept in this page only (not offered to the host's cache).
      await drawCached(mainScript, byId('sequence'), view.sequenceSource, cache, () => {});
      if (last !== message) return; // a newer view arrived meanwhile: its draw shows it
      sequenceDrawn = view.sequenceSource;
    }
    byId('sequence').dataset.step = String(step.index);
    document.body.dataset.drawn = String(step.index);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

const offer = (key: string, svg: string): void => post({ type: 'cacheSvg', key, svg });

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseExplorerHostMessage(event.data);
  if (message) void draw(message);
});

byId('profile').addEventListener('change', (event) => post({ type: 'profile', profile: (event.target as HTMLSelectElement).value as ExplorerProfile }));
byId('predict').addEventListener('change', (event) => post({ type: 'predict', on: (event.target as HTMLInputElement).checked }));
byId('scenario').addEventListener('click', () => post({ type: 'scenario' }));
// No button where the host cannot replay on a kernel (the browser): the page says why instead.
const kernelButton = document.getElementById('kernel');
kernelButton?.addEventListener('click', () => post({ type: 'kernel' }));
for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-export]')) b.addEventListener('click', () => post({ type: 'export', format: b.dataset.export as ExportFormat }));
byId('prediction').addEventListener('submit', (event) => event.preventDefault());

/** The parent and the next step along the current branch, for the arrow keys. */
function neighbour(direction: 'back' | 'forward'): number | undefined {
  const view = last?.view;
  if (!view) return undefined;
  const current = view.history.find((entry) => entry.current);
  if (!current) return undefined;
  if (direction === 'back') return current.parent;
  const children = view.history.filter((entry) => entry.parent === current.id);
  return (children.find((entry) => entry.onPath) ?? children[children.length - 1])?.id;
}

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement | null;
  if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT')) return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const view = last?.view;
  if (!view) return;
  let handled = true;
  if (/^[1-9]$/.test(event.key)) {
    const choice = view.choices[Number(event.key) - 1];
    if (choice) choose(choice.id);
  } else if (event.key === 'ArrowLeft' || event.key === 'Backspace') {
    const node = neighbour('back');
    if (node !== undefined) post({ type: 'goTo', node });
  } else if (event.key === 'ArrowRight') {
    const node = neighbour('forward');
    if (node !== undefined) post({ type: 'goTo', node });
  } else if (event.key === 'p' || event.key === 'P') post({ type: 'predict', on: !last?.predict });
  else if (event.key === 's' || event.key === 'S') post({ type: 'scenario' });
  else if ((event.key === 'k' || event.key === 'K') && kernelButton) post({ type: 'kernel' });
  else handled = false;
  if (handled) {
    event.preventDefault();
    event.stopPropagation();
  }
});

new MutationObserver(() => {
  sequenceDrawn = '';
  stateDiagramDrawn = '';
  if (last) void draw(last);
}).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });

post({ type: 'ready' });
