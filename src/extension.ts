// Entry point of the extension (extension host). Thin: wires the core to VS Code.
import * as vscode from 'vscode';
import { logPreview } from './shared/log-text';
import { registerConnectionsView } from './vscode/connections-view';
import { registerSamples } from './vscode/samples';
import { COMMANDS, SECTION, STEP_COMMANDS, VIEW_TYPES } from './vscode/contributions';
import { countStates } from './vscode/count-states';
import { DiagramPanel } from './vscode/diagram-panel';
import { ExplorerPanel } from './vscode/explorer-panel';
import { TcpStateHoverProvider } from './vscode/hover-provider';
import { loadCore } from './vscode/load-core';
import { readHoverSettings, type HoverSettings } from './vscode/settings';
import { SvgCache } from './vscode/svg-cache';
import { registerTimeline } from './vscode/timeline-register';
import { WalkthroughPanel } from './vscode/walkthrough-panel';
import type { PanelContext } from './vscode/webview-panel';

export function activate(context: vscode.ExtensionContext): void {
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
  log.info(`hover ${settings.enabled ? 'on' : 'off'} for ${settings.languages.join(', ')}; explanations in ${settings.locale}`);

  // Created on the first panel, so activation reads no file.
  let panelContext: PanelContext | undefined;
  const panels = (): PanelContext =>
    (panelContext ??= {
      extensionUri: context.extensionUri,
      settings: currentSettings,
      log,
      svgCache: new SvgCache(vscode.Uri.joinPath(context.globalStorageUri, 'diagram-svg-cache.json'), log),
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
  context.subscriptions.push(...registerConnectionsView({ settings: currentSettings, panels, log }));
  context.subscriptions.push(...registerTimeline(panels));
  context.subscriptions.push(...registerSamples(context.extensionUri, panels));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
