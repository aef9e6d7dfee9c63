// The state-diagram panel (extension host): one panel, reused; restored after a reload; a
// strict Content Security Policy; every message from the webview validated before use.
import * as vscode from 'vscode';
import { logPreview } from '../shared/log-text';
import type { RfcState } from '../core';
import { diagramSourceHash, type CommonWebviewMessage } from '../shared/messages';
import { parseWebviewMessage, savedCensus, type CensusMessage, type HostMessage, type WebviewMessage } from '../shared/diagram-protocol';
import type { StatePathsMessage } from '../shared/timeline-protocol';
import { VIEW_TYPES } from './contributions';
import { loadCore } from './load-core';
import { WebviewPanelBase, type PanelContext } from './webview-panel';
import { escapeHtml, localizedHtml, webviewHtml } from './webview-html';

/** How long a line link waits for its click's focus to reach VS Code before it moves the editor anyway. */
const ACTIVATION_WAIT_MS = 1_000;

/** The source hash media/state-diagram.svg records, put in by scripts/build.mjs (esbuild `define`). */
declare const TSL_SHIPPED_STATE_DIAGRAM_HASH: string;

/** The schemes a saved census may name its document by: what "TCP: Count States" counts. */
const RESTORABLE_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-remote', 'vscode-userdata']);

/** The counted document of a saved census, when its URI parses and has a scheme we count; else undefined. */
function restorableUri(value: string | undefined): vscode.Uri | undefined {
  if (value === undefined) return undefined;
  try {
    const uri = vscode.Uri.parse(value, true);
    return RESTORABLE_SCHEMES.has(uri.scheme) ? uri : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A saved census, ready to show again: its line links kept when its document's URI is one we
 * accept, else shown without links (the counts are still right; only where they came from is not).
 */
function restoredCensus(message: CensusMessage, context: PanelContext): { readonly message: CensusMessage; readonly document: vscode.Uri | undefined } {
  if (!message.linkable) return { message, document: undefined };
  const document = restorableUri(message.uri);
  if (document) {
    context.log.info(`diagram: restored the census of ${document.toString()}`);
    return { message, document };
  }
  context.log.warn(`diagram: restored a census without its line links: its document ${logPreview(message.uri, 200)} is not one to open`);
  const { type, document: label, counts, rows, diagnoses } = message;
  return { message: { type, document: label, counts, rows, diagnoses, linkable: false }, document: undefined };
}

export class DiagramPanel extends WebviewPanelBase<WebviewMessage, HostMessage> {
  private static current: DiagramPanel | undefined;
  private pending: RfcState | undefined;
  /**
   * The last census shown, and the document it counted (none for a live census): sent again when
   * the webview restarts; the line links open `document`.
   */
  private census: { readonly message: CensusMessage; readonly document: vscode.Uri | undefined } | undefined;
  /** Both endpoints' paths of a capture's connection (the timeline's "Show on the state diagram"). */
  private paths: StatePathsMessage | undefined;

  private constructor(panel: vscode.WebviewPanel, context: PanelContext) {
    super(panel, context, 'diagram', parseWebviewMessage);
  }

  /** Opens the panel (or reveals the open one), highlighting `state` when given. */
  static show(context: PanelContext, state?: RfcState): void {
    if (!DiagramPanel.current) {
      const panel = vscode.window.createWebviewPanel(VIEW_TYPES.diagram, vscode.l10n.t('TCP State Diagram'), vscode.ViewColumn.Beside, {
        retainContextWhenHidden: false,
      });
      DiagramPanel.current = new DiagramPanel(panel, context);
    } else {
      DiagramPanel.current.panel.reveal(undefined, true);
    }
    if (state) DiagramPanel.current.highlight(state);
  }

  /** Opens the panel (or reveals it) showing the census of `document` (none: a census without line links). */
  static showCensus(context: PanelContext, message: CensusMessage, document?: vscode.Uri): void {
    DiagramPanel.show(context);
    const panel = DiagramPanel.current!;
    panel.census = { message, document };
    panel.send(message);
  }

  /** Opens the panel (or reveals it) with both endpoints' paths of a connection highlighted. */
  static showPaths(context: PanelContext, message: StatePathsMessage): void {
    DiagramPanel.show(context);
    const panel = DiagramPanel.current!;
    panel.paths = message;
    panel.send(message);
  }

  /**
   * Brings back a panel VS Code restored after a reload (WebviewPanelSerializer), with the census
   * the webview saved: `state` comes from the webview, so it is checked before it is shown again.
   */
  static revive(panel: vscode.WebviewPanel, context: PanelContext, state?: unknown): void {
    DiagramPanel.current?.panel.dispose();
    const revived = new DiagramPanel(panel, context);
    DiagramPanel.current = revived;
    const saved = savedCensus(state);
    if (saved === 'malformed') context.log.warn(`diagram: ignored a malformed saved census ${logPreview(state, 200)}`);
    else if (saved) revived.census = restoredCensus(saved, context);
  }

  private highlight(state: RfcState): void {
    if (this.ready) this.send({ type: 'highlight', state });
    else this.pending = state;
  }

  protected override onReady(): void {
    this.context.log.info(`diagram webview ready ${Date.now() - this.created} ms after the panel was created`);
    if (this.pending) this.send({ type: 'highlight', state: this.pending });
    this.pending = undefined;
    if (this.census) this.send(this.census.message);
    if (this.paths) this.send(this.paths);
  }

  protected override onDispose(): void {
    if (DiagramPanel.current === this) DiagramPanel.current = undefined;
  }

  protected override receive(message: Exclude<WebviewMessage, CommonWebviewMessage>): void {
    switch (message.type) {
      case 'rendered':
        this.context.log.info(
          `diagram rendered${message.shipped ? ' from the shipped SVG' : message.cached ? ' from cache' : ' by Mermaid'}: ${message.states} states, ${message.edges} edges in ${message.ms} ms ` +
            `(${Date.now() - this.created} ms after the panel was created)`,
        );
        break;
      case 'selectState': {
        const { explainState, toPlainText } = loadCore();
        const text = toPlainText(explainState(message.state, this.context.settings().locale));
        this.send({ type: 'explanation', state: message.state, text });
        break;
      }
      case 'exportSvg':
        void this.exportSvg(message.svg);
        break;
      case 'revealLine':
        void this.revealLine(message.line);
        break;
    }
  }

  /** Shows line `line` (1-based) of the counted document, cursor at its start, in the editor it is open in. */
  private async revealLine(line: number): Promise<void> {
    const target = this.census?.document;
    // A live census has no document: its table shows no links, so a request is not ours to honour.
    if (!target || !this.census?.message.linkable) {
      this.context.log.warn(`census: ignored revealLine ${line}: the census shown has no document`);
      return;
    }
    try {
      // The click that asked for this focused the webview, but VS Code learns of that focus a
      // moment later (it polls the webview's frame): revealing first would have that late focus
      // take the editor's back. So the editor is shown once the panel has become active (bounded).
      const waited = await this.activated(ACTIVATION_WAIT_MS);
      const document = await vscode.workspace.openTextDocument(target);
      const at = new vscode.Position(Math.min(line, document.lineCount) - 1, 0);
      const open = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === target.toString());
      const editor = await vscode.window.showTextDocument(document, { viewColumn: open?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      this.context.log.info(`census: revealed line ${line} of ${target.toString()}${waited ? ` (after ${waited} ms for the panel to become active)` : ''}`);
    } catch (error) {
      this.context.log.error(`census: cannot reveal line ${line} of ${target.toString()}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * Resolves when the panel is the active editor, at once if it already is, or after `ms` if it
   * does not become so: with how long it waited (0: it was active).
   */
  private activated(ms: number): Promise<number> {
    if (this.panel.active || this.disposed) return Promise.resolve(0);
    const started = Date.now();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        listener.dispose();
        resolve(Date.now() - started);
      };
      const timer = setTimeout(done, ms);
      const listener = this.panel.onDidChangeViewState(() => {
        if (this.panel.active) done();
      });
    });
  }

  private async exportSvg(svg: string): Promise<void> {
    const target = await vscode.window.showSaveDialog({
      filters: { SVG: ['svg'] },
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? this.context.extensionUri, 'tcp-states.svg'),
    });
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
      this.context.log.info(`diagram exported to ${target.toString()}`);
    } catch (error) {
      // A read-only folder, a full disk: the user asked for a file, so the user hears why there is none.
      const reason = error instanceof Error ? error.message : String(error);
      this.context.log.error(`diagram export to ${target.toString()} failed: ${reason}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The diagram could not be saved to {0}: {1}', target.fsPath || target.toString(), reason));
    }
  }

  protected override html(svgCache: Record<string, string>): Promise<string> {
    const title = vscode.l10n.t('TCP State Diagram');
    const t = (text: string): string => localizedHtml(text);
    const source = loadCore().diagramSource().source;
    return webviewHtml(this.panel.webview, this.context.extensionUri, {
      title,
      script: 'webview.js',
      style: 'diagram.css',
      data: {
        source,
        // The webview draws the shipped SVG of this source: the cache (mostly the walkthrough's
        // sequence diagrams) would only weigh the page down.
        cache: diagramSourceHash(source) === TSL_SHIPPED_STATE_DIAGRAM_HASH ? {} : svgCache,
        // The census pane's words: the webview fills {0} and {1} in.
        strings: {
          line: vscode.l10n.t('line {0}', '{0}'),
          lineTitle: vscode.l10n.t('Go to line {0} in the editor', '{0}'),
          count: vscode.l10n.t('{0}: {1} mentions', '{0}', '{1}'),
          range: vscode.l10n.t('(1 to {0})', '{0}'),
          because: vscode.l10n.t('Because:'),
          advice: vscode.l10n.t('What to check:'),
          groupsToggle: vscode.l10n.t('Show the local ports, peers and processes of {0}', '{0}'),
          localPorts: vscode.l10n.t('Local ports'),
          peers: vscode.l10n.t('Peers'),
          processes: vscode.l10n.t('Processes'),
          approximate: vscode.l10n.t('Approximate: the dump has more distinct values than are tracked, so this count may be too high'),
          showExplanation: vscode.l10n.t('{0}: show explanation', '{0}'),
        },
      },
      body: `
<header class="toolbar">
  <h1>${escapeHtml(title)}</h1>
  <p class="legend">${t('Thick solid: usual client path · thick dashed: usual server path · thin: other transitions. Any state goes to CLOSED on RST, ABORT or a timeout (RFC 9293 §3.3.2 note 3, §3.10).')}</p>
  <span class="zoom" role="group" aria-label="${t('Zoom')}">
    <button id="zoom-out" type="button" title="${t('Zoom out (-)')}">−</button>
    <button id="zoom-reset" type="button" title="${t('Actual size (0)')}">100%</button>
    <button id="zoom-in" type="button" title="${t('Zoom in (+)')}">+</button>
    <button id="zoom-fit" type="button" title="${t('Fit to panel (F)')}">${t('Fit')}</button>
  </span>
  <button id="export" type="button">${t('Export SVG…')}</button>
</header>
<main>
  <div id="diagram" role="group" aria-label="${escapeHtml(title)}"></div>
  <aside id="census" aria-live="polite" aria-labelledby="census-title">
    <h2 id="census-title">${t('State counts:')} <span class="document"></span></h2>
    <p class="heat-legend" aria-label="${t('Heatmap legend')}">${t('Fewer')}
      <span class="swatch tsl-heat-1"></span><span class="swatch tsl-heat-2"></span><span class="swatch tsl-heat-3"></span><span class="swatch tsl-heat-4"></span><span class="swatch tsl-heat-5"></span>
      ${t('More')} <span class="heat-range"></span></p>
    <table>
      <thead><tr><th scope="col">${t('State')}</th><th scope="col" class="num">${t('Count')}</th><th scope="col" class="first-seen">${t('First seen')}</th></tr></thead>
      <tbody></tbody>
    </table>
    <p class="empty" hidden>${t('No TCP state is mentioned here.')}</p>
    <section class="diagnoses"></section>
  </aside>
  <aside id="paths" hidden aria-label="${t('Paths of a connection')}">
    <h2 class="title"></h2>
    <p><span class="swatch tsl-path-swatch-0"></span><span class="label-0"></span></p>
    <p><span class="swatch tsl-path-swatch-1"></span><span class="label-1"></span></p>
  </aside>
  <aside id="explanation" aria-live="polite" aria-labelledby="explanation-title"><h2 class="title" id="explanation-title"></h2><pre class="body" tabindex="0"></pre></aside>
</main>`,
    });
  }
}
