// The explorer panel (extension host): owns the session (core/explorer), answers the webview's
// picks (a choice, a step to go back to, a profile, predict mode, a row to reach, an export, a
// replay on this machine's kernel) and sends the whole view again after each. Thin: the moves,
// the search and the words are the core's; the sockets are src/kernel-replay/'s.
import * as vscode from 'vscode';
import { logPreview } from '../shared/log-text';
import type { CommonWebviewMessage } from '../shared/messages';
import {
  parseExplorerMessage,
  parseExplorerState,
  type ExplorerHostMessage,
  type ExplorerMessage,
  type ExplorerState,
  type ExportFormat,
  type KernelView,
} from '../shared/explorer-protocol';
import type { Explorer, ExplorerProfile, Locale } from '../core';
import { VIEW_TYPES, TIMELINE_VIEW_TYPES } from './contributions';
import { loadCore } from './load-core';
import { SEARCH_LIMITS_IN_PANEL, type SearchRequest } from '../explorer-search-job';
import { WebviewPanelBase, type PanelContext } from './webview-panel';
import { localizedHtml, webviewHtml } from './webview-html';

export class ExplorerPanel extends WebviewPanelBase<ExplorerMessage, ExplorerHostMessage> {
  static current: ExplorerPanel | undefined;

  private explorer: Explorer;
  private title: string | undefined;
  private predict: boolean;
  private verdict: { text: string; right: boolean } | undefined;
  private notice: string | undefined;
  private kernel: KernelView | undefined;
  private replaying: AbortController | undefined;
  private searching = false;

  private constructor(panel: vscode.WebviewPanel, context: PanelContext, explorer: Explorer, options: { title?: string; predict?: boolean }) {
    super(panel, context, 'explorer', parseExplorerMessage);
    this.explorer = explorer;
    this.title = options.title;
    this.predict = options.predict ?? false;
  }

  /** A session from a scenario's events (or from nothing: both CLOSED). */
  private static session(scenarioId: string | undefined, locale: Locale, profile: ExplorerProfile = 'rfc9293'): { explorer: Explorer; title?: string } {
    const { Explorer: Session, pinnedEvents, scenarioById } = loadCore();
    const scenario = scenarioId ? scenarioById(scenarioId) : undefined;
    if (!scenario) return { explorer: new Session({ profile }) };
    const start = { iss: scenario.iss, profile, ...(scenario.synRetries !== undefined ? { synRetries: scenario.synRetries } : {}) };
    return { explorer: new Session(start, pinnedEvents(scenario, profile)), title: `${scenario.number}. ${scenario.title[locale]}` };
  }

  /** Opens the explorer (or reveals it), starting from a scenario's events when one is given. */
  static show(context: PanelContext, scenario?: string): void {
    if (ExplorerPanel.current) {
      ExplorerPanel.current.panel.reveal();
      if (scenario !== undefined) ExplorerPanel.current.load(scenario);
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPES.explorer, vscode.l10n.t('TCP Explorer'), vscode.ViewColumn.Active, { retainContextWhenHidden: false });
    const { explorer, title } = ExplorerPanel.session(scenario, context.settings().locale);
    ExplorerPanel.current = new ExplorerPanel(panel, context, explorer, title ? { title } : {});
  }

  /** Brings back a panel VS Code restored after a reload: the same history, step, profile and mode. */
  static revive(panel: vscode.WebviewPanel, context: PanelContext, state: unknown): void {
    ExplorerPanel.current?.panel.dispose();
    const saved = parseExplorerState(state);
    if (state !== undefined && !saved) context.log.warn(`explorer: ignored a malformed saved state ${logPreview(state, 200)}`);
    const { Explorer: Session } = loadCore();
    const explorer = saved ? Session.fromData({ profile: saved.profile }, saved.history) : undefined;
    if (saved && !explorer) context.log.warn('explorer: the saved history does not hold together; starting afresh');
    ExplorerPanel.current = new ExplorerPanel(panel, context, explorer ?? new Session(), { ...(saved?.title ? { title: saved.title } : {}), predict: saved?.predict ?? false });
  }

  async pickScenario(): Promise<void> {
    const { SCENARIOS } = loadCore();
    const locale = this.context.settings().locale;
    const items = [
      { label: vscode.l10n.t('Empty: both endpoints CLOSED'), id: '' },
      ...SCENARIOS.map((scenario) => ({ label: `${scenario.number}. ${scenario.title[locale]}`, detail: scenario.summary[locale], id: scenario.id })),
    ];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Start exploring from…'), matchOnDetail: true });
    if (picked) this.load(picked.id);
  }

  private load(scenario: string): void {
    if (this.disposed) return;
    const { explorer, title } = ExplorerPanel.session(scenario || undefined, this.context.settings().locale, this.explorer.profile);
    this.explorer = explorer;
    this.title = title;
    this.verdict = undefined;
    this.notice = undefined;
    this.kernel = undefined;
    this.sendView();
  }

  protected override onReady(): void {
    this.sendView();
  }

  protected override receive(message: Exclude<ExplorerMessage, CommonWebviewMessage>): void {
    this.notice = undefined;
    switch (message.type) {
      case 'choose': {
        this.verdict = undefined;
        const id = message.id.startsWith('next:') ? message.id.slice('next:'.length) : message.id;
        const played = this.explorer.choose(id, this.predict ? message.prediction : undefined);
        if (!played) {
          this.context.log.warn(`explorer: ${message.id} is not a choice at this step`);
          break;
        }
        const { verdictText } = loadCore();
        if (played.verdict) this.verdict = { text: verdictText(played.verdict, this.context.settings().locale), right: played.verdict.right };
        this.context.log.info(`explorer: step ${played.step.index} ${id}: rows ${played.step.rows.join(', ') || 'none'}; client ${played.step.states.client}, server ${played.step.states.server}`);
        break;
      }
      case 'goTo': {
        const unplayable = this.explorer.goTo(message.node);
        if (unplayable) this.notice = loadCore().unplayableText(unplayable, this.context.settings().locale);
        this.verdict = undefined;
        break;
      }
      case 'profile': {
        const change = this.explorer.setProfile(message.profile);
        this.context.log.info(`explorer: profile ${message.profile}: ${change.changes.length} steps marked${change.unplayable ? `; stops at ${change.unplayable.step}` : ''}`);
        break;
      }
      case 'predict':
        this.predict = message.on;
        this.verdict = undefined;
        break;
      case 'reach':
        void this.reach(message.row);
        return;
      case 'export':
        void this.export(message.format);
        return;
      case 'kernel':
        void this.replay();
        return;
      case 'scenario':
        void this.pickScenario();
        return;
    }
    this.sendView();
  }

  /**
   * "Take me to an unvisited transition": the shortest path of events from this step, searched
   * in a worker (a thread in Node, a Web Worker in the browser: host.ts's searchPath) so the
   * extension host stays responsive, then played.
   */
  private async reach(row: string): Promise<void> {
    if (this.searching) return;
    const session = this.explorer;
    const from = session.current;
    this.searching = true;
    this.notice = vscode.l10n.t('Searching for a path to {0}…', row);
    this.sendView();
    try {
      const request: SearchRequest = { start: { ...session.start, profile: session.profile }, events: session.history.events(), target: row as SearchRequest['target'], limits: SEARCH_LIMITS_IN_PANEL };
      const path = await this.context.host.searchPath(request);
      if (this.disposed || this.explorer !== session || session.current !== from) return; // the learner moved on meanwhile
      if (!path) {
        this.notice = vscode.l10n.t('No path of events from this step fires {0} within the search bounds.', row);
      } else {
        for (const event of path) session.play(event);
        this.notice = vscode.l10n.t('{0} fired after {1} events.', row, path.length);
        this.context.log.info(`explorer: reached ${row} in ${path.length} events`);
      }
    } catch (error) {
      this.notice = vscode.l10n.t('The search failed: {0}', error instanceof Error ? error.message : String(error));
    } finally {
      this.searching = false;
    }
    this.sendView();
  }

  private async export(format: ExportFormat): Promise<void> {
    const core = loadCore();
    const steps = this.explorer.steps;
    if (format === 'pcap') {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'explorer.pcap') } : {}),
        filters: { [vscode.l10n.t('Packet capture')]: ['pcap'] },
      });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, core.exchangePcap(steps));
      this.context.log.info(`explorer: pcap written to ${target.toString()}`);
      await vscode.commands.executeCommand('vscode.openWith', target, TIMELINE_VIEW_TYPES.captureEditor);
      return;
    }
    const content =
      format === 'mermaid'
        ? core.explorerView({ explorer: this.explorer, locale: this.context.settings().locale, ...(this.title ? { title: this.title } : {}) }).sequenceSource
        : core.packetdrillScript(steps, format === 'packetdrill-client' ? 'client' : 'server');
    const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    this.context.log.info(`explorer: exported ${format} (${content.length} characters)`);
  }

  /** Replays the current path's events on loopback sockets and shows the kernel's states beside the model's. */
  private async replay(): Promise<void> {
    const replayOnKernel = this.context.host.replayOnKernel;
    if (!replayOnKernel) {
      // The page offers no replay here (it shows why instead): a message asking for one is not ours.
      this.context.log.warn('explorer: ignored a kernel replay request: this extension host has no sockets or /proc');
      return;
    }
    if (this.replaying) return;
    const controller = new AbortController();
    this.replaying = controller;
    this.kernel = { rows: [], running: true };
    this.sendView();
    try {
      this.kernel = await replayOnKernel(this.explorer, controller.signal, this.context.settings().locale);
      this.context.log.info(`explorer: kernel replay ${this.kernel.rows.map((r) => `${r.call}: kernel ${r.kernel.client}/${r.kernel.server} model ${r.model.client}/${r.model.server} (${r.ports})`).join('; ')}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.kernel = { rows: [], running: false, note: vscode.l10n.t('The replay failed: {0}', message) };
      this.context.log.warn(`explorer: kernel replay failed: ${message}`);
    } finally {
      if (this.replaying === controller) this.replaying = undefined;
    }
    this.sendView();
  }

  private sendView(): void {
    const { explorerView, diagramSource } = loadCore();
    const view = explorerView({ explorer: this.explorer, locale: this.context.settings().locale, ...(this.title ? { title: this.title } : {}) });
    this.send({
      type: 'view',
      view,
      stateDiagram: diagramSource().source,
      labels: this.labels(),
      predict: this.predict,
      ...(this.verdict ? { verdict: this.verdict } : {}),
      ...(this.notice ? { notice: this.notice } : {}),
      ...(this.kernel ? { kernel: this.kernel } : {}),
      state: this.savedState,
    });
  }

  /** What the webview saves for a reload (it cannot build it: the history is the host's). */
  get savedState(): ExplorerState {
    return { profile: this.explorer.profile, predict: this.predict, ...(this.title ? { title: this.title } : {}), history: this.explorer.history.data() };
  }

  private labels(): Record<string, string> {
    return {
      client: vscode.l10n.t('Client'),
      server: vscode.l10n.t('Server'),
      step: vscode.l10n.t('Step'),
      choices: vscode.l10n.t('What can happen now'),
      noChoice: vscode.l10n.t('Nothing can happen: both endpoints are at rest and nothing is in flight.'),
      held: vscode.l10n.t('A segment you leave alone is held: it stays in flight while other events go first.'),
      history: vscode.l10n.t('History'),
      branches: vscode.l10n.t('branches'),
      marks: vscode.l10n.t('Changed by the profile'),
      noMarks: vscode.l10n.t('No step changed.'),
      coverage: vscode.l10n.t('Transition table coverage'),
      reach: vscode.l10n.t('Take me there'),
      rows: vscode.l10n.t('RFC 9293 rows'),
      timers: vscode.l10n.t('Running timers'),
      noTimers: vscode.l10n.t('No timer is running.'),
      inFlight: vscode.l10n.t('In flight'),
      nothingInFlight: vscode.l10n.t('Nothing in flight.'),
      score: vscode.l10n.t('Score'),
      kernel: vscode.l10n.t('This machine\'s kernel'),
      kernelRunning: vscode.l10n.t('Replaying on loopback sockets…'),
      call: vscode.l10n.t('Call'),
      clientKernel: vscode.l10n.t('Client (kernel / model)'),
      serverKernel: vscode.l10n.t('Server (kernel / model)'),
      ports: vscode.l10n.t('Ports'),
      differs: vscode.l10n.t('differs'),
      same: vscode.l10n.t('same'),
      predictHint: vscode.l10n.t('Predict the states after the event you pick, then pick it.'),
      // Templates the webview fills in: 'Client: ESTABLISHED', a timer's line (Chinese punctuation in Chinese).
      labeled: vscode.l10n.t('{0}: {1}', '{0}', '{1}'),
      timer: vscode.l10n.t('{0}: {1}. {2} ({3})', '{0}', '{1}', '{2}', '{3}'),
    };
  }

  /** Closed midway through a replay: the replay is aborted, which closes its sockets. */
  protected override onDispose(): void {
    this.replaying?.abort();
    if (ExplorerPanel.current === this) ExplorerPanel.current = undefined;
  }

  protected override html(cache: Record<string, string>): Promise<string> {
    const t = (text: string): string => localizedHtml(text);
    // Where the host has no sockets (the browser), the button gives way to why there is none.
    const kernel = this.context.host.replayOnKernel
      ? `<button id="kernel" type="button" title="${t('Replay on this machine\'s kernel (K)')}">${t('Replay on kernel')}</button>`
      : '';
    const noKernel = this.context.host.replayOnKernel ? '' : `\n  <p id="kernel-unavailable" class="hint" role="note">${t('No replay on a kernel here: VS Code for the Web runs this extension in the browser, which has no sockets and no /proc.')}</p>`;
    return webviewHtml(this.panel.webview, this.context.extensionUri, {
      title: vscode.l10n.t('TCP Explorer'),
      script: 'explorer.js',
      style: 'explorer.css',
      data: { cache },
      body: `
<header class="toolbar">
  <h1 id="title"></h1>
  <span class="controls" role="group" aria-label="${t('Explorer controls')}">
    <label>${t('Profile')} <select id="profile"></select></label>
    <label><input id="predict" type="checkbox"> ${t('Predict mode')}</label>
    <button id="scenario" type="button" title="${t('Start from a scenario (S)')}">${t('Scenario…')}</button>
    ${kernel}
    <button type="button" data-export="mermaid">${t('Export Mermaid')}</button>
    <button type="button" data-export="packetdrill-client">${t('packetdrill (client)')}</button>
    <button type="button" data-export="packetdrill-server">${t('packetdrill (server)')}</button>
    <button type="button" data-export="pcap">${t('Export pcap')}</button>
  </span>${noKernel}
  <span id="position" aria-live="polite"></span>
  <p id="notice" role="status" aria-live="polite"></p>
</header>
<main>
  <section id="left">
    <h2 id="choices-title"></h2>
    <p id="held" class="hint"></p>
    <form id="prediction" hidden>
      <p class="hint" id="predict-hint"></p>
      <label>${t('Client')} <select id="predict-client"></select></label>
      <label>${t('Server')} <select id="predict-server"></select></label>
      <label>${t('First segment sent')} <select id="predict-flags"><option value="">${t('(do not predict)')}</option><option value="-">${t('nothing')}</option><option>SYN</option><option>SYN,ACK</option><option>ACK</option><option>FIN,ACK</option><option>RST</option><option>RST,ACK</option></select></label>
      <label>SEQ <input id="predict-seq" type="number" min="0" inputmode="numeric"></label>
      <label>ACK <input id="predict-ack" type="number" min="0" inputmode="numeric"></label>
    </form>
    <p id="verdict" role="status" aria-live="polite"></p>
    <p id="score"></p>
    <ol id="choices"></ol>
    <h2 id="history-title"></h2>
    <ol id="history"></ol>
    <h2 id="marks-title"></h2>
    <ul id="marks"></ul>
    <h2 id="kernel-title"></h2>
    <div id="kernel-result"></div>
  </section>
  <section id="sequence" aria-label="${t('Sequence of segments')}" tabindex="0"></section>
  <section id="side">
    <div id="states" role="group" aria-label="${t('State diagram')}"></div>
    <div id="legend" aria-live="polite" aria-atomic="true"><span class="swatch client"></span><span id="client-state"></span> <span class="swatch server"></span><span id="server-state"></span></div>
    <div id="narration" aria-live="polite"></div>
    <div id="rfc"></div>
    <h2 id="timers-title"></h2><ul id="timers"></ul>
    <h2 id="inflight-title"></h2><ul id="inflight"></ul>
    <details id="coverage-box"><summary id="coverage-title"></summary><ul id="coverage"></ul></details>
  </section>
</main>`,
    });
  }
}
