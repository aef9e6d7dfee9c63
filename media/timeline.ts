// Runs inside the capture timeline webview (the .pcap editor and the tcpdump text panel; browser,
// no `vscode` API): shows the reading progress, then the connection list (timeline-list.ts), and
// the picked connection's sequence diagram, which the extension generates and Mermaid lays out
// here (securityLevel strict; the source's capture texts are escaped by the core). Every text
// from a capture is written with textContent.
import { parseTimelineHostMessage, type ConnectionRow, type TextOrigin, type TimelineHostMessage, type TimelineMessage } from '../src/shared/timeline-protocol';
import { drawCached } from './mermaid-support';
import { markFirstPaint } from './painted';
import { fill, isColumnKey, type Strings } from './timeline-format';
import { ConnectionList, type Sort } from './timeline-list';

interface VsCodeApi {
  postMessage(message: TimelineMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: TimelineMessage): void => vscode.postMessage(message);
const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const strings = JSON.parse(byId('data-strings').textContent ?? '{}') as Strings;
const mainScript = byId<HTMLScriptElement>('main-script');

/** What survives the webview being hidden and shown again (VS Code reloads it). */
interface SavedState {
  selected?: number;
  expanded?: boolean;
  sort?: Sort;
  filter?: string;
  onlyRst?: boolean;
  onlyRetransmissions?: boolean;
  /** A tcpdump text panel's document (and selection): VS Code hands the state back after a reload, and the panel is built again from it. */
  origin?: TextOrigin;
}
const loaded = vscode.getState() as SavedState | undefined;
let saved: SavedState = loaded && typeof loaded === 'object' ? loaded : {};
const save = (change: SavedState): void => {
  saved = { ...saved, ...change };
  vscode.setState(saved);
};

const filterInput = byId<HTMLInputElement>('filter');
const onlyRst = byId<HTMLInputElement>('only-rst');
const onlyRetrans = byId<HTMLInputElement>('only-retrans');
const list = new ConnectionList(byId('list'), byId('rows'), byId('sizer'), strings, (row) => pick(row));
let rows: readonly ConnectionRow[] = [];
let listShown = false;
/** The picked connection's last sequence message, drawn again when the theme changes. */
let sequence: Extract<TimelineHostMessage, { type: 'sequence' }> | undefined;
/** Laid-out sequence diagrams of this page, so picking a connection again is instant. Not sent to the extension's cache: captures are many. */
const svgs: Record<string, string> = {};

function applyFilter(): void {
  save({ filter: filterInput.value, onlyRst: onlyRst.checked, onlyRetransmissions: onlyRetrans.checked });
  list.setFilter({ text: filterInput.value, onlyRst: onlyRst.checked, onlyRetransmissions: onlyRetrans.checked });
  showCount();
}

function showCount(): void {
  byId('count').textContent = fill(strings.summary, list.view.length, rows.length);
  const empty = rows.length === 0 ? strings.noConnections : list.view.length === 0 ? strings.noMatch : '';
  byId('pick').textContent = empty || (list.selected === undefined ? (strings.pick ?? '') : '');
}

filterInput.addEventListener('input', applyFilter);
onlyRst.addEventListener('change', applyFilter);
onlyRetrans.addEventListener('change', applyFilter);
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-sort]')) {
  button.addEventListener('click', () => {
    const key = button.dataset.sort;
    if (!isColumnKey(key)) return;
    list.sortBy(key);
    save({ sort: list.sort });
  });
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

function showProgress(bytes: number, total: number | undefined): void {
  byId('status').textContent = total === undefined ? fill(strings.reading, megabytes(bytes)) : fill(strings.readingOf, megabytes(bytes), megabytes(total));
}

function showTimeline(message: Extract<TimelineHostMessage, { type: 'timeline' }>): void {
  rows = message.connections;
  document.body.dataset.loaded = 'true';
  byId('status').textContent = fill(strings.segments, new Intl.NumberFormat().format(message.tcpSegments));
  const error = byId('error');
  error.hidden = message.error === undefined;
  error.textContent = message.error === undefined ? '' : fill(strings.stoppedEarly, message.error);
  const skipped = byId('skipped');
  skipped.hidden = message.skipped === undefined;
  skipped.textContent = message.skipped ?? '';
  showRows(() => list.setRows(rows));
}

/** A batch of connections done while the capture is read: the list grows, the progress goes on. */
function addConnections(message: Extract<TimelineHostMessage, { type: 'connections' }>): void {
  rows = [...rows, ...message.connections];
  showProgress(message.bytes, message.total);
  showRows(() => list.addRows(message.connections));
}

/** Puts rows in the list (`fill`) under the saved sort and filter, and picks the saved connection once it is there. */
function showRows(fill: () => void): void {
  const first = !listShown;
  if (first) {
    filterInput.value = saved.filter ?? '';
    onlyRst.checked = saved.onlyRst ?? false;
    onlyRetrans.checked = saved.onlyRetransmissions ?? false;
  }
  fill();
  if (first && saved.sort && isColumnKey(saved.sort.key)) list.sortBy(saved.sort.key, saved.sort.descending);
  applyFilter();
  if (first) {
    listShown = true;
    // After the browser has painted the rows: what a person waits for.
    requestAnimationFrame(() => setTimeout(() => post({ type: 'listShown', rows: list.view.length, ms: performance.now() }), 0));
    markFirstPaint();
  }
  // Picked again once: a connection picked while reading stays picked when the last list replaces the batches.
  if (saved.selected === undefined || list.selected === saved.selected) return;
  const again = rows.find((row) => row.id === saved.selected);
  if (again) list.pick(again);
}

/** The picked connection's facts, written as text: its endpoints, states and what the capture cannot tell. */
function pick(row: ConnectionRow): void {
  const expanded = saved.selected === row.id && (saved.expanded ?? false);
  save({ selected: row.id, expanded });
  showCount();
  byId('picked').hidden = false;
  byId('picked').dataset.id = String(row.id);
  const [a, b] = row.endpoints;
  byId('picked-title').textContent = `A ${a.label} ↔ B ${b.label}`;
  const facts: string[] = [0, 1].map((e) => {
    const states = (row.states[e] ?? []).map((s) => (s === 'UNKNOWN' ? (strings.unknown ?? s) : s));
    return fill(strings.states, `${e === 0 ? 'A' : 'B'} ${row.endpoints[e]!.label}`, states.join(' → '));
  });
  if (row.joinedMidStream) facts.push(strings.joined ?? '');
  if (row.states.some((states) => states.includes('TIME-WAIT'))) facts.push(strings.timeWait ?? '');
  byId('facts').replaceChildren(
    ...facts.map((text, i) => {
      const item = document.createElement('li');
      item.textContent = text;
      if (i < 2) item.dataset.endpoint = String(i);
      return item;
    }),
  );
  byId('sequence').replaceChildren();
  byId('sequence-status').textContent = '';
  byId('expand').hidden = true;
  byId('marks').hidden = true;
  sequence = undefined;
  post({ type: 'select', id: row.id, expanded });
}

async function drawSequence(message: Extract<TimelineHostMessage, { type: 'sequence' }>): Promise<void> {
  if (message.id !== list.selected) return; // an answer to an earlier pick
  sequence = message;
  const started = performance.now();
  const host = byId('sequence');
  try {
    await drawCached(mainScript, host, message.source, svgs, () => undefined);
    if (message.id !== list.selected) return;
    host.dataset.id = String(message.id);
    post({ type: 'sequenceShown', id: message.id, arrows: host.querySelectorAll('.messageLine0, .messageLine1').length, ms: performance.now() - started });
  } catch (error) {
    post({ type: 'error', message: `sequence of connection ${message.id}: ${error instanceof Error ? error.message : String(error)}` });
  }
  byId('sequence-status').textContent = message.notDrawn > 0 ? fill(strings.notDrawn, new Intl.NumberFormat().format(message.notDrawn)) : '';
  const expand = byId('expand');
  expand.hidden = message.folded === 0 && !message.expanded;
  expand.textContent = message.expanded ? (strings.fold ?? '') : fill(strings.expand, new Intl.NumberFormat().format(message.folded));
  byId('arrows-legend').textContent = strings.legendArrows ?? '';
  byId('mark-list').replaceChildren(
    ...message.legend.flatMap((entry) => {
      const term = document.createElement('dt');
      term.textContent = `[${entry.short}]`;
      term.dataset.mark = entry.mark;
      const text = document.createElement('dd');
      text.textContent = entry.text;
      return [term, text];
    }),
  );
  byId('marks').hidden = false;
}

byId('expand').addEventListener('click', () => {
  if (list.selected === undefined || !sequence) return;
  save({ expanded: !sequence.expanded });
  byId('sequence-status').textContent = '';
  post({ type: 'select', id: list.selected, expanded: !sequence.expanded });
});
byId('show-on-diagram').addEventListener('click', () => {
  if (list.selected !== undefined) post({ type: 'showOnDiagram', id: list.selected });
});

function onHostMessage(message: TimelineHostMessage): void {
  switch (message.type) {
    case 'progress':
      showProgress(message.bytes, message.total);
      break;
    case 'connections':
      addConnections(message);
      break;
    case 'timeline':
      showTimeline(message);
      break;
    case 'failed':
      byId('status').textContent = '';
      byId('error').hidden = false;
      byId('error').textContent = message.message;
      document.body.dataset.loaded = 'failed';
      break;
    case 'origin':
      save({ origin: message.origin });
      break;
    case 'sequencePending':
      if (message.id === list.selected) byId('sequence-status').textContent = strings.pending ?? '';
      break;
    case 'sequence':
      void drawSequence(message);
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseTimelineHostMessage(event.data);
  if (message) onHostMessage(message);
});

// Re-draw the diagram when the theme changes: VS Code updates the body's data attributes and classes.
new MutationObserver(() => {
  if (sequence) void drawSequence(sequence);
}).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });

post({ type: 'ready' });
