// The walkthrough panel (extension host): owns the scenario and the step, answers the commands
// (next, back, restart, play/pause, pick a scenario), keeps the status bar and the focus
// context key in step, and tells the webview which step to show. The webview only draws.
import * as vscode from 'vscode';
import { logPreview } from '../shared/log-text';
import type { WalkthroughView } from '../core';
import type { CommonWebviewMessage } from '../shared/messages';
import {
  parseWalkthroughMessage,
  parseWalkthroughState,
  type Control,
  type WalkthroughHostMessage,
  type WalkthroughMessage,
  type WalkthroughState,
} from '../shared/walkthrough-protocol';
import { COMMANDS, CONTEXT_KEYS, VIEW_TYPES } from './contributions';
import { loadCore } from './load-core';
import { WebviewPanelBase, type PanelContext } from './webview-panel';
import { localizedHtml, webviewHtml } from './webview-html';

/** Time between steps when playing at 1×. */
const PLAY_INTERVAL_MS = 1600;

export class WalkthroughPanel extends WebviewPanelBase<WalkthroughMessage, WalkthroughHostMessage> {
  static current: WalkthroughPanel | undefined;

  private view: WalkthroughView;
  private step: number;
  private player: ReturnType<typeof setInterval> | undefined;
  private speed = 1;
  private readonly status: vscode.StatusBarItem;

  private constructor(panel: vscode.WebviewPanel, context: PanelContext, start: WalkthroughState) {
    super(panel, context, 'walkthrough', parseWalkthroughMessage);
    const { scenarioById, SCENARIOS } = loadCore();
    const scenario = scenarioById(start.scenario) ?? (SCENARIOS[0] as (typeof SCENARIOS)[number]);
    this.view = loadCore().walkthroughView(scenario, context.settings().locale);
    this.step = Math.min(start.step, this.view.steps.length - 1);
    this.status = vscode.window.createStatusBarItem('tcpStateLens.walkthrough', vscode.StatusBarAlignment.Left, 100);
    this.status.name = vscode.l10n.t('TCP walkthrough');
    this.status.command = COMMANDS.walkthroughNext;
    this.status.show();
    this.disposables.push(this.status, panel.onDidChangeViewState(() => this.updateFocus()));
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.walkthroughOpen, true);
    this.updateFocus();
    this.updateStatus();
  }

  /** Opens the walkthrough (or reveals it), on a scenario when one is given. */
  static show(context: PanelContext, scenario?: string): void {
    if (WalkthroughPanel.current) {
      WalkthroughPanel.current.panel.reveal();
      if (scenario) WalkthroughPanel.current.load(scenario, 0);
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPES.walkthrough, vscode.l10n.t('TCP Walkthrough'), vscode.ViewColumn.Active, {
      retainContextWhenHidden: false,
    });
    WalkthroughPanel.current = new WalkthroughPanel(panel, context, { scenario: scenario ?? '', step: 0 });
  }

  /** Brings back a panel VS Code restored after a reload, at its saved scenario and step. */
  static revive(panel: vscode.WebviewPanel, context: PanelContext, state: unknown): void {
    WalkthroughPanel.current?.panel.dispose();
    const saved = parseWalkthroughState(state);
    if (state !== undefined && !saved) context.log.warn(`walkthrough: ignored a malformed saved state ${logPreview(state, 200)}`);
    WalkthroughPanel.current = new WalkthroughPanel(panel, context, saved ?? { scenario: '', step: 0 });
  }

  /** Runs a control (from a command, a keybinding or a webview button). */
  control(control: Control): void {
    switch (control) {
      case 'next':
        this.stopPlaying();
        this.go(this.step + 1);
        break;
      case 'back':
        this.stopPlaying();
        this.go(this.step - 1);
        break;
      case 'restart':
        this.stopPlaying();
        this.go(0);
        break;
      case 'togglePlay':
        if (this.player) this.stopPlaying();
        else this.startPlaying();
        break;
      case 'pickScenario':
        void this.pickScenario();
        break;
    }
  }

  async pickScenario(): Promise<void> {
    this.stopPlaying();
    const { SCENARIOS } = loadCore();
    const locale = this.context.settings().locale;
    const items = SCENARIOS.map((scenario) => ({
      label: `${scenario.number}. ${scenario.title[locale]}`,
      detail: scenario.summary[locale],
      id: scenario.id,
      picked: scenario.id === this.view.scenarioId,
    }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Pick a scenario to walk through'), matchOnDetail: true });
    if (picked) this.load(picked.id, 0);
  }

  /** Draws the same scenario and step again, in the explanation language now set. */
  refresh(): void {
    this.load(this.view.scenarioId, this.step);
  }

  private load(scenarioId: string, step: number): void {
    if (this.disposed) return; // a scenario picked after the panel closed
    const { scenarioById, walkthroughView } = loadCore();
    const scenario = scenarioById(scenarioId);
    if (!scenario) return;
    this.view = walkthroughView(scenario, this.context.settings().locale);
    this.step = Math.min(step, this.view.steps.length - 1);
    this.sendLoad();
    this.updateStatus();
  }

  private go(step: number): void {
    const next = Math.max(0, Math.min(step, this.view.steps.length - 1));
    if (next === this.step) return;
    this.step = next;
    this.send({ type: 'step', step: next });
    this.updateStatus();
  }

  private startPlaying(): void {
    if (this.step >= this.view.steps.length - 1) this.go(0);
    this.player = setInterval(() => {
      if (this.disposed || this.step >= this.view.steps.length - 1) this.stopPlaying();
      else this.go(this.step + 1);
    }, PLAY_INTERVAL_MS / this.speed);
    this.send({ type: 'playing', playing: true, speed: this.speed });
    this.context.log.info(`walkthrough playing at ${this.speed}×`);
  }

  private stopPlaying(): void {
    if (!this.player) return;
    clearInterval(this.player);
    this.player = undefined;
    this.send({ type: 'playing', playing: false, speed: this.speed });
  }

  private sendLoad(): void {
    const { diagramSource } = loadCore();
    this.send({ type: 'load', view: this.view, stateDiagram: diagramSource().source, step: this.step, labels: this.labels() });
  }

  private labels(): Record<string, string> {
    return {
      client: vscode.l10n.t('Client'),
      server: vscode.l10n.t('Server'),
      step: vscode.l10n.t('Step'),
      timers: vscode.l10n.t('Running timers'),
      noTimers: vscode.l10n.t('No timer is running.'),
      inFlight: vscode.l10n.t('In flight'),
      nothingInFlight: vscode.l10n.t('Nothing in flight.'),
      rows: vscode.l10n.t('RFC 9293 rows'),
      play: vscode.l10n.t('Play'),
      pause: vscode.l10n.t('Pause'),
      // Templates the webview fills in: 'Client: ESTABLISHED', a timer's line (Chinese punctuation in Chinese).
      labeled: vscode.l10n.t('{0}: {1}', '{0}', '{1}'),
      timer: vscode.l10n.t('{0}: {1}. {2} ({3})', '{0}', '{1}', '{2}', '{3}'),
    };
  }

  protected override onReady(): void {
    this.sendLoad();
  }

  protected override receive(message: Exclude<WalkthroughMessage, CommonWebviewMessage>): void {
    switch (message.type) {
      case 'control':
        this.control(message.control);
        break;
      case 'speed':
        this.speed = message.speed;
        if (this.player) {
          this.stopPlaying();
          this.startPlaying();
        }
        break;
      case 'shown':
        this.context.log.info(`walkthrough ${message.scenario} step ${message.step} shown in ${message.ms.toFixed(1)} ms`);
        break;
    }
  }

  private updateFocus(): void {
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.walkthroughFocus, this.panel.active);
  }

  private updateStatus(): void {
    const step = this.view.steps[this.step];
    if (!step) return;
    // C and S: the status bar is narrow; the tooltip spells them out.
    this.status.text = `$(debug-step-over) ${this.view.number}: ${this.step}/${this.view.steps.length - 1} · ${vscode.l10n.t('C {0} · S {1}', step.client, step.server)}`;
    this.status.tooltip = `${this.view.title}\n${vscode.l10n.t('{0}: {1}', vscode.l10n.t('Client'), step.client)}\n${vscode.l10n.t('{0}: {1}', vscode.l10n.t('Server'), step.server)}`;
  }

  /** Closed while playing, too: the player stops and nothing is left behind for a dead webview. */
  protected override onDispose(): void {
    this.stopPlaying();
    // A panel that already replaced this one keeps the keys on.
    if (WalkthroughPanel.current === this) {
      WalkthroughPanel.current = undefined;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.walkthroughFocus, false);
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.walkthroughOpen, false);
    }
  }

  protected override html(cache: Record<string, string>): Promise<string> {
    const t = (text: string): string => localizedHtml(text);
    return webviewHtml(this.panel.webview, this.context.extensionUri, {
      title: vscode.l10n.t('TCP Walkthrough'),
      script: 'walkthrough.js',
      style: 'walkthrough.css',
      data: { cache },
      body: `
<header class="toolbar">
  <h1 id="title"></h1>
  <span class="controls" role="group" aria-label="${t('Walkthrough controls')}">
    <button id="restart" type="button" data-control="restart" title="${t('Restart (Home)')}">${t('Restart')}</button>
    <button id="back" type="button" data-control="back" title="${t('Back (Left)')}">◀ ${t('Back')}</button>
    <button id="next" type="button" data-control="next" title="${t('Next (Right)')}">${t('Next')} ▶</button>
    <button id="play" type="button" data-control="togglePlay" title="${t('Play / pause (Space)')}">${t('Play')}</button>
    <select id="speed" aria-label="${t('Speed')}"><option value="0.5">0.5×</option><option value="1" selected>1×</option><option value="2">2×</option><option value="4">4×</option></select>
    <button id="pick" type="button" data-control="pickScenario" title="${t('Pick a scenario (S)')}">${t('Scenario…')}</button>
  </span>
  <span id="position" aria-live="polite"></span>
  <p id="summary"></p>
</header>
<main>
  <section id="sequence" aria-label="${t('Sequence of segments')}" tabindex="0"></section>
  <section id="side" tabindex="0" aria-labelledby="states">
    <div id="states" role="group" aria-label="${t('State diagram')}"></div>
    <div id="legend" aria-live="polite" aria-atomic="true"><span class="swatch client"></span><span id="client-state"></span> <span class="swatch server"></span><span id="server-state"></span></div>
    <div id="narration" aria-live="polite"></div>
    <div id="rfc"></div>
    <h2 id="timers-title"></h2><ul id="timers"></ul>
    <h2 id="inflight-title"></h2><ul id="inflight"></ul>
  </section>
</main>`,
    });
  }
}
