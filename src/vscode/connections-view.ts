// "TCP Connections" (extension host): the live census of this machine's sockets as a tree in the
// Explorer. The platform's tool (socket-tool.ts) lists them; the core's census counts the states
// and groups each by local port, peer and process; its diagnoses come first. Refreshed on demand,
// when the view first shows, and every `tcpStateLens.connections.refreshSeconds` while it shows;
// never two runs at once. Core values come through loadCore(), so activation stays small. Node
// only: the Node entry registers it (host.ts), for a browser has no sockets to list.
import * as vscode from 'vscode';
import type { CensusResult, StateCensus, StateId } from '../core';
import { showCensus, type CountedSource } from './census-message';
import { COMMANDS, CONNECTIONS_REFRESH_SETTING, CONTEXT_KEYS, SECTION, VIEWS } from './contributions';
import { loadCore } from './load-core';
import type { ConnectionsContext } from './host';
import type { HoverSettings } from './settings';
import { runSocketTool, socketToolFor, TOOL_MAX_BYTES, TOOL_TIMEOUT_MS, type SocketTool, type ToolOutcome } from './socket-tool';

/** Shortest interval honoured: a smaller setting would run the tool back to back. */
const MIN_REFRESH_SECONDS = 2;
/** Output handed to the census at a time, so the extension host answers hovers while a large table is counted. */
const CHUNK_CHARS = 1 << 20;

type Group = 'localPorts' | 'peers' | 'processes';
type GroupEntry = StateCensus['localPorts'][number];

type Node =
  | { readonly kind: 'diagnosis'; readonly id: string; readonly title: string; readonly because: string; readonly advice: string }
  | { readonly kind: 'state'; readonly state: StateId; readonly census: StateCensus }
  | { readonly kind: 'group'; readonly state: StateId; readonly group: Group; readonly entries: readonly GroupEntry[] }
  | { readonly kind: 'entry'; readonly state: StateId; readonly group: Group; readonly entry: GroupEntry };

type Failure = Extract<ToolOutcome, { ok: false }>;

/** A failure in the user's language (the tool's English message is for the log). */
function describeFailure(failure: Failure): string {
  const tool = failure.tool;
  const name = tool?.label.split(' ')[0] ?? '';
  switch (failure.reason) {
    case 'unsupported':
      return vscode.l10n.t('Listing TCP connections needs ss (Linux) or netstat (macOS, Windows); this platform ({0}) has neither.', process.platform);
    case 'missing':
      return tool?.packageName
        ? vscode.l10n.t('{0} was not found on this machine. It is part of {1}: install the {1} package, then refresh.', name, tool.packageName)
        : vscode.l10n.t('{0} was not found on this machine (looked for {1}).', name, tool?.command ?? '');
    case 'denied':
      return vscode.l10n.t('{0} could not be run: permission denied.', tool?.command ?? '');
    case 'timeout':
      return vscode.l10n.t('{0} did not finish within {1} s and was stopped. Refresh to try again.', tool?.label ?? '', TOOL_TIMEOUT_MS / 1000);
    case 'too-large':
      return vscode.l10n.t('{0} printed more than {1} MB; nothing is counted (a part of the table would mislead).', tool?.label ?? '', TOOL_MAX_BYTES / 1024 / 1024);
    case 'failed':
      return vscode.l10n.t('{0} failed: {1}', tool?.label ?? '', failure.detail || failure.message);
  }
}

const GROUP_LABELS: Record<Group, () => string> = {
  localPorts: () => vscode.l10n.t('Local ports'),
  peers: () => vscode.l10n.t('Peers'),
  processes: () => vscode.l10n.t('Processes'),
};

const GROUP_ICONS: Record<Group, string> = { localPorts: 'plug', peers: 'remote', processes: 'server-process' };

function groupTooltip(group: Group, state: StateId): string {
  if (group === 'localPorts') return vscode.l10n.t('Sockets in {0} by their local port, most first.', state);
  if (group === 'peers') return vscode.l10n.t('Sockets in {0} by the address of their peer, most first.', state);
  return vscode.l10n.t('Sockets in {0} by the process that holds them, most first (only processes you may see).', state);
}

function entryTooltip(node: Extract<Node, { kind: 'entry' }>): string {
  const { group, state, entry } = node;
  if (group === 'localPorts') return vscode.l10n.t('Sockets in {1} on local port {2}: {0}', entry.count, state, entry.key);
  if (group === 'peers') return vscode.l10n.t('Sockets in {1} with peer {2}: {0}', entry.count, state, entry.key);
  return vscode.l10n.t('Sockets in {1} held by {2}: {0}', entry.count, state, entry.key);
}

/** The tree: diagnoses first, then the states seen, most first; each state opens into its groups. */
export class ConnectionsProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The last successful census, or undefined before the first or after a failure (stale counts would mislead). */
  result: CensusResult | undefined;
  /** How long the last run took (tool and census), for the diagram's log line. */
  ms = 0;

  constructor(private readonly settings: () => HoverSettings) {}

  update(result: CensusResult | undefined, ms: number): void {
    this.result = result;
    this.ms = ms;
    this.changed.fire();
  }

  /** The explanation language changed: the diagnoses are worded again. */
  reword(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  getChildren(node?: Node): Node[] {
    const result = this.result;
    if (!result) return [];
    if (!node) {
      const locale = this.settings().locale;
      const diagnoses: Node[] = loadCore()
        .diagnose(result)
        .map((d) => ({ kind: 'diagnosis', id: d.id, title: d.title[locale], because: d.because[locale], advice: d.advice[locale] }));
      // The census orders its states most first already; sorted again so the view never depends on it.
      const states: Node[] = (Object.entries(result.states) as [StateId, StateCensus][])
        .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
        .map(([state, census]) => ({ kind: 'state', state, census }));
      return [...diagnoses, ...states];
    }
    if (node.kind === 'state') {
      const groups: Group[] = node.census.processes.length > 0 ? ['localPorts', 'peers', 'processes'] : ['localPorts', 'peers'];
      return groups.map((group) => ({ kind: 'group', state: node.state, group, entries: node.census[group] }));
    }
    if (node.kind === 'group') return node.entries.map((entry) => ({ kind: 'entry', state: node.state, group: node.group, entry }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'diagnosis': {
        const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.None);
        item.id = `diagnosis:${node.id}`;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        // Plain text: the words are ours, but a tooltip never needs to run anything.
        item.tooltip = new vscode.MarkdownString().appendText(`${vscode.l10n.t('Because:')} ${node.because}\n\n${vscode.l10n.t('What to check:')} ${node.advice}`);
        item.command = { command: COMMANDS.connectionsShowOnDiagram, title: vscode.l10n.t('Show on the state diagram') };
        return item;
      }
      case 'state': {
        const item = new vscode.TreeItem(node.state, vscode.TreeItemCollapsibleState.Collapsed);
        // Stable ids keep what the user expanded expanded across refreshes.
        item.id = `state:${node.state}`;
        item.description = String(node.census.count);
        item.iconPath = new vscode.ThemeIcon('pulse');
        const rfc = loadCore().isRfcState(node.state);
        item.tooltip = rfc
          ? vscode.l10n.t('Sockets in {1}: {0}. Expand for their local ports and peers; select to see {1} on the state diagram.', node.census.count, node.state)
          : vscode.l10n.t('Sockets in {1} (a state of this platform, not of RFC 9293): {0}. Expand for their local ports and peers.', node.census.count, node.state);
        if (rfc) item.command = { command: COMMANDS.showDiagram, title: vscode.l10n.t('Show on the state diagram'), arguments: [node.state] };
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(GROUP_LABELS[node.group](), node.entries.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `group:${node.state}:${node.group}`;
        item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.group]);
        item.tooltip = groupTooltip(node.group, node.state);
        return item;
      }
      case 'entry': {
        const item = new vscode.TreeItem(node.entry.key, vscode.TreeItemCollapsibleState.None);
        item.id = `entry:${node.state}:${node.group}:${node.entry.key}`;
        // A ranking over many keys may overcount a rare one by `error`: the range is shown then.
        item.description = node.entry.error ? `${node.entry.count - node.entry.error}–${node.entry.count}` : String(node.entry.count);
        item.tooltip = entryTooltip(node);
        return item;
      }
    }
  }
}

/** True where this machine's sockets can be listed: a tool for the platform and no virtual folder. */
export function connectionsAvailable(tool: SocketTool | undefined): boolean {
  return tool !== undefined && (vscode.workspace.workspaceFolders ?? []).every((folder) => folder.uri.scheme === 'file');
}

/** Creates the view, its commands and its timer; everything it returns is to be disposed. */
export function registerConnectionsView(context: ConnectionsContext): vscode.Disposable[] {
  const tool = socketToolFor(process.platform);
  const provider = new ConnectionsProvider(context.settings);
  const view = vscode.window.createTreeView(VIEWS.connections, { treeDataProvider: provider, showCollapseAll: true });
  let running: Promise<void> | undefined;
  let refreshed = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const setAvailable = (): void => void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.connectionsAvailable, connectionsAvailable(tool));
  setAvailable();

  const run = async (): Promise<void> => {
    const started = Date.now();
    const outcome = await runSocketTool(tool ?? null);
    if (!outcome.ok) {
      context.log.warn(`connections: ${outcome.message}`);
      view.message = describeFailure(outcome);
      view.description = undefined;
      provider.update(undefined, Date.now() - started);
      return;
    }
    const scanner = new (loadCore().CensusScanner)();
    for (let at = 0; at < outcome.text.length; at += CHUNK_CHARS) {
      scanner.push(outcome.text.slice(at, at + CHUNK_CHARS));
      if (at + CHUNK_CHARS < outcome.text.length) await new Promise((resolve) => setImmediate(resolve));
    }
    const result = scanner.end();
    const ms = Date.now() - started;
    context.log.info(`connections: ${outcome.tool.label} listed ${result.rows} sockets in ${outcome.ms} ms (${ms} ms with the census)`);
    view.message = result.rows === 0 ? vscode.l10n.t('{0} listed no TCP sockets.', outcome.tool.label) : undefined;
    view.description = vscode.l10n.t('Sockets: {0} · {1}', result.rows, new Date().toLocaleTimeString(vscode.env.language));
    provider.update(result, ms);
  };

  /** One run at a time: a refresh asked for while one runs waits for that one. */
  const refresh = (): Promise<void> => {
    refreshed = true;
    running ??= Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEWS.connections } }, run)).finally(() => (running = undefined));
    return running;
  };

  const refreshSeconds = (): number => {
    const value = vscode.workspace.getConfiguration(SECTION).get<unknown>(CONNECTIONS_REFRESH_SETTING, 0);
    // A hand-edited settings.json may hold anything: a number above 0 turns the timer on.
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.max(value, MIN_REFRESH_SECONDS) : 0;
  };

  /** The timer runs only while the view shows and the setting asks for it. */
  const schedule = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
    const seconds = refreshSeconds();
    if (view.visible && seconds > 0) timer = setInterval(() => void refresh(), seconds * 1000);
  };

  const shown = (): void => {
    if (view.visible && !refreshed) void refresh();
    schedule();
  };
  shown();

  return [
    view,
    provider,
    view.onDidChangeVisibility(shown),
    vscode.commands.registerCommand(COMMANDS.connectionsRefresh, () => refresh()),
    vscode.commands.registerCommand(COMMANDS.connectionsShowOnDiagram, async () => {
      if (!provider.result) await refresh();
      const result = provider.result;
      if (!result) {
        void vscode.window.showErrorMessage(view.message ?? vscode.l10n.t('The TCP connections of this machine could not be listed.'));
        return;
      }
      // Not a document: no `uri`, so the panel shows no line links.
      const source: CountedSource = { label: vscode.l10n.t('this machine ({0})', tool?.label ?? ''), firstLine: 0 };
      showCensus(result, source, context.panels(), provider.ms);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.${CONNECTIONS_REFRESH_SETTING}`)) schedule();
      // Registered after extension.ts's own listener, so settings() already reads the new language.
      if (event.affectsConfiguration(`${SECTION}.explanationLanguage`)) provider.reword();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(setAvailable),
    { dispose: () => timer && clearInterval(timer) },
  ];
}
