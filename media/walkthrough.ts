// Runs inside the walkthrough webview (browser, no `vscode` API). Draws the scenario's sequence
// diagram once (from the cache when it can) and the state diagram (the SVG the VSIX ships, so
// Mermaid is loaded for the sequence diagram only), then each step only toggles
// classes and text: which arrows and notes are visible, which states are the client's and the
// server's, the narration, timers and segments in flight. No layout happens on a step.
import { stateOfRenderedNode } from '../src/core/views/diagram-nodes';
import type { StepView, WalkthroughView } from '../src/core/views/walkthrough-view';
import { parseWalkthroughHostMessage, type Control, type WalkthroughHostMessage, type WalkthroughMessage } from '../src/shared/walkthrough-protocol';
import { drawCached, drawStateDiagram, isCached } from './mermaid-support';
import { markFirstPaint, painted } from './painted';
import { fill } from './timeline-format';

interface VsCodeApi {
  postMessage(message: WalkthroughMessage): void;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: WalkthroughMessage): void => vscode.postMessage(message);
const byId = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
const mainScript = byId('main-script') as HTMLScriptElement;
const cache = JSON.parse(byId('data-cache').textContent ?? '{}') as Record<string, string>;

let view: WalkthroughView | undefined;
let stateDiagram = '';
let labels: Readonly<Record<string, string | undefined>> = {};
/** The sequence diagram's notes and arrows (text + line), in source order. */
let notes: Element[] = [];
let arrows: Element[][] = [];

const offer = (key: string, svg: string): void => post({ type: 'cacheSvg', key, svg });

/**
 * Mermaid writes all notes first (each a <g> with rect.note), then each message as a
 * text.messageText followed by its line: both in the order of the source, which is the order
 * of the view's items.
 */
function indexSequence(): void {
  const svg = byId('sequence').querySelector('svg');
  notes = svg ? [...svg.querySelectorAll('rect.note')].map((rect) => rect.parentElement as Element) : [];
  arrows = [];
  for (const text of svg?.querySelectorAll('text.messageText') ?? []) {
    const parts: Element[] = [text];
    let next = text.nextElementSibling;
    while (next && !next.matches('text.messageText') && next.matches('line, path')) {
      parts.push(next);
      next = next.nextElementSibling;
    }
    arrows.push(parts);
  }
}

function decorateStates(): void {
  for (const node of byId('states').querySelectorAll('g.node')) {
    const state = stateOfRenderedNode(node.id);
    if (state) (node as HTMLElement).dataset.state = state;
  }
}

function list(id: string, lines: readonly string[], empty = ''): void {
  const element = byId(id);
  element.replaceChildren(
    ...(lines.length ? lines : [empty]).map((line) => {
      const item = document.createElement('li');
      item.textContent = line;
      return item;
    }),
  );
}

/** Shows step `index`; `report`: tells the extension how long it took (the last show of a redraw, and each step). */
function show(index: number, report = true): void {
  if (!view) return;
  const started = performance.now();
  const step: StepView | undefined = view.steps[Math.max(0, Math.min(index, view.steps.length - 1))];
  if (!step) return;
  notes.forEach((note, i) => note.classList.toggle('tsl-future', i >= step.notes));
  arrows.forEach((parts, i) => parts.forEach((part) => part.classList.toggle('tsl-future', i >= step.arrows)));
  for (const node of byId('states').querySelectorAll<HTMLElement>('g.node[data-state]')) {
    node.classList.toggle('tsl-client', node.dataset.state === step.client);
    node.classList.toggle('tsl-server', node.dataset.state === step.server);
  }
  const sequence = byId('sequence');
  sequence.dataset.step = String(step.index);
  sequence.dataset.lastArrow = step.lastArrow ?? '';
  const latest = arrows[step.arrows - 1]?.[0] ?? notes[step.notes - 1];
  latest?.scrollIntoView({ block: 'nearest', behavior: 'auto' });
  byId('position').textContent = `${labels.step} ${step.index} / ${view.steps.length - 1}`;
  byId('client-state').textContent = fill(labels.labeled, labels.client ?? '', step.client);
  byId('server-state').textContent = fill(labels.labeled, labels.server ?? '', step.server);
  byId('narration').textContent = step.narration;
  byId('rfc').textContent = step.rows.length ? fill(labels.labeled, labels.rows ?? '', `${step.rows.join(', ')} (${step.rfc.join(', ')})`) : '';
  list(
    'timers',
    step.timers.map((timer) => fill(labels.timer, (timer.endpoint === 'client' ? labels.client : labels.server) ?? '', timer.what, timer.duration, timer.rfc)),
    labels.noTimers,
  );
  list('inflight', step.inFlight, labels.nothingInFlight);
  // A button that becomes disabled while focused would drop the focus to the page: it moves to the other one.
  const focused = document.activeElement;
  byId('back').toggleAttribute('disabled', step.index === 0);
  byId('next').toggleAttribute('disabled', step.index === view.steps.length - 1);
  if (focused instanceof HTMLButtonElement && focused.disabled) (focused.id === 'next' ? byId('back') : byId('next')).focus();
  vscode.setState({ scenario: view.scenarioId, step: step.index });
  if (report) post({ type: 'shown', scenario: view.scenarioId, step: step.index, ms: performance.now() - started });
}

let current = 0;

async function load(message: Extract<WalkthroughHostMessage, { type: 'load' }>): Promise<void> {
  view = message.view;
  stateDiagram = message.stateDiagram;
  labels = message.labels;
  current = message.step;
  byId('title').textContent = `${view.number}. ${view.title}`;
  byId('summary').textContent = view.summary;
  byId('timers-title').textContent = labels.timers ?? '';
  byId('inflight-title').textContent = labels.inFlight ?? '';
  await redraw();
}

/**
 * Draws both diagrams for the current scenario and theme and shows the current step: first with
 * the state diagram alone (the shipped SVG, at once), then again once the sequence diagram is
 * in, which on a first open waits for Mermaid to load and lay it out.
 */
async function redraw(): Promise<void> {
  if (!view) return;
  const scenario = view.scenarioId;
  try {
    if (document.body.dataset.scenario !== scenario) {
      // Another scenario's arrows must not stand in for this one's while it is laid out.
      byId('sequence').replaceChildren();
      notes = [];
      arrows = [];
    }
    await drawStateDiagram(mainScript, byId('states'), stateDiagram, cache, offer);
    decorateStates();
    show(current, false);
    markFirstPaint();
    // Loading Mermaid (2.5 MB of script) holds the page's thread for a while: the step is painted first.
    if (!isCached(view.sequenceSource, cache)) await painted();
    await drawCached(mainScript, byId('sequence'), view.sequenceSource, cache, offer);
    if (view.scenarioId !== scenario) return; // another scenario was loaded meanwhile: its redraw shows it
    indexSequence();
    document.body.dataset.scenario = scenario;
    show(current);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

function onHostMessage(message: WalkthroughHostMessage): void {
  if (message.type === 'load') void load(message);
  else if (message.type === 'step') {
    current = message.step;
    show(current);
  } else {
    byId('play').classList.toggle('playing', message.playing);
    byId('play').textContent = (message.playing ? labels.pause : labels.play) ?? '';
    byId('play').setAttribute('aria-pressed', String(message.playing));
    (byId('speed') as HTMLSelectElement).value = String(message.speed);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseWalkthroughHostMessage(event.data);
  if (message) onHostMessage(message);
});

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-control]')) {
  button.addEventListener('click', () => post({ type: 'control', control: button.dataset.control as Control }));
}
// Keys a focused button or the speed list handles itself (Space, Enter, arrows) must not also
// reach VS Code, where the walkthrough's keybindings would act a second time.
const OWN_KEYS = new Set([' ', 'Enter', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);
for (const control of document.querySelectorAll('.controls button, .controls select')) {
  control.addEventListener('keydown', (event) => {
    if (OWN_KEYS.has((event as KeyboardEvent).key)) event.stopPropagation();
  });
}
byId('speed').addEventListener('change', (event) => post({ type: 'speed', speed: Number((event.target as HTMLSelectElement).value) }));

// Re-draw when the theme changes: VS Code updates the body's data attributes and classes.
new MutationObserver(() => void redraw()).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });

post({ type: 'ready' });
