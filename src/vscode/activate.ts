// The extension's activation (extension host), one body for both entries: src/extension.ts in
// the Node extension host and src/web/extension.ts in the browser's web worker extension host,
// each passing what its host can do (host.ts). Thin: wires the core to VS Code.
import * as vscode from 'vscode';
import { logPreview } from '../shared/log-text';
import { COMMANDS, CONTEXT_KEYS, SECTION, STEP_COMMANDS, VIEW_TYPES } from './contributions';
import { countStates } from './count-states';
import { DiagramPanel } from './diagram-panel';
import { ExplorerPanel } from './explorer-panel';
import type { HostAbilities } from './host';
import { TcpStateHoverProvider } from './hover-provider';
import { loadCore, provideCore } from './load-core';
import { registerSamples } from './samples';
import { readHoverSettings, type HoverSettings } from './settings';
import { SvgCache } from './svg-cache';
import { provideTimelineCore } from './timeline-load';
import { registerTimeline } from './timeline-register';
import { WalkthroughPanel } from './walkthrough-panel';
import type { PanelContext } from './webview-panel';

export function activateExtension(context: vscode.ExtensionContext, host: HostAbilities): void {
  provideCore(host.core);
  provideTimelineCore(host.timelineCore);
  const log = vscode.window.createOutputChannel('TCP State Lens', { log: true });
  context.subscriptions.push(log);

  let settings: HoverSettings = readHoverSettings();
  const currentSettings = (): HoverSettings => settings;
  let registration: vscode.Disposable | undefined;
  const provider = new TcpStateHoverProvider(currentSettings);

  // The selector follows the settings, so adding or removing a language takes effect at once.
  const register = (): void => {
    registration?.dispose();
    registration = undefined;
    if (!settings.enabled || settings.languages.length === 0) return;
    registration = vscode.languages.registerHoverProvider(
      settings.languages.map((language) => ({ language })),
      provider,
    );
  };
  register();
  log.info(`${host.kind} extension host: hover ${settings.enabled ? 'on' : 'off'} for ${settings.languages.join(', ')}; explanations in ${settings.locale}`);

  // Created on the first panel, so activation reads no file.
  let panelContext: PanelContext | undefined;
  const panels = (): PanelContext =>
    (panelContext ??= {
      extensionUri: context.extensionUri,
      settings: currentSettings,
      log,
      svgCache: new SvgCache(vscode.Uri.joinPath(context.globalStorageUri, 'diagram-svg-cache.json'), log),
      host,
    });
  // Pending cache writes are flushed when the extension goes (the cache writes at most every 2 s).
  context.subscriptions.push({ dispose: () => panelContext?.svgCache.dispose() });

  context.subscriptions.push(
    // The argument comes from a hover link or another extension: accept an RFC state name only.
    vscode.commands.registerCommand(COMMANDS.showDiagram, (state?: unknown) => {
      const { isRfcState } = loadCore();
      if (state !== undefined && !isRfcState(state)) log.warn(`showDiagram: ignored unknown state ${logPreview(state, 100)}`);
      DiagramPanel.show(panels(), isRfcState(state) ? state : undefined);
    }),
    // From the editor (no argument) or the explorer's context menu (the file's Uri).
    vscode.commands.registerCommand(COMMANDS.countStates, (resource?: unknown) => countStates(panels(), resource)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPES.diagram, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        DiagramPanel.revive(panel, panels(), state);
      },
    }),
    vscode.commands.registerCommand(COMMANDS.walkthroughStart, (scenario?: unknown) => {
      WalkthroughPanel.show(panels(), typeof scenario === 'string' ? scenario : undefined);
    }),
    vscode.commands.registerCommand(COMMANDS.walkthroughPickScenario, async () => {
      if (!WalkthroughPanel.current) WalkthroughPanel.show(panels());
      await WalkthroughPanel.current?.pickScenario();
    }),
    ...(Object.keys(STEP_COMMANDS) as (keyof typeof STEP_COMMANDS)[]).map((control) =>
      vscode.commands.registerCommand(STEP_COMMANDS[control], () => WalkthroughPanel.current?.control(control)),
    ),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPES.walkthrough, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        WalkthroughPanel.revive(panel, panels(), state);
      },
    }),
    vscode.commands.registerCommand(COMMANDS.explorerStart, (scenario?: unknown) => {
      ExplorerPanel.show(panels(), typeof scenario === 'string' ? scenario : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPES.explorer, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        ExplorerPanel.revive(panel, panels(), state);
      },
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      settings = readHoverSettings();
      register();
      WalkthroughPanel.current?.refresh();
      log.info(`settings changed: hover ${settings.enabled ? 'on' : 'off'} for ${settings.languages.join(', ')}`);
    }),
    { dispose: () => registration?.dispose() },
  );
  // After the settings listener above, so the view's own listener reads the settings it updated.
  context.subscriptions.push(...(host.registerConnections?.({ settings: currentSettings, panels, log }) ?? withoutConnections(log)));
  context.subscriptions.push(...registerTimeline(panels));
  context.subscriptions.push(...registerSamples(context.extensionUri, panels));
}

/**
 * Where this machine's sockets cannot be listed (the browser): the view is hidden (its `when`
 * reads the context key set here) and its commands, if run all the same, say why.
 */
function withoutConnections(log: vscode.LogOutputChannel): vscode.Disposable[] {
  void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.webExtensionHost, true);
  log.info('no TCP Connections view and no kernel replay here: the browser has no sockets and no /proc');
  const why = (): void =>
    void vscode.window.showInformationMessage(
      vscode.l10n.t('The TCP connections of this machine cannot be listed in VS Code for the Web: the extension runs in the browser, which has no sockets and no /proc. Open a socket dump (ss, netstat) and run "TCP: Count States" instead.'),
    );
  return [vscode.commands.registerCommand(COMMANDS.connectionsRefresh, why), vscode.commands.registerCommand(COMMANDS.connectionsShowOnDiagram, why)];
}
