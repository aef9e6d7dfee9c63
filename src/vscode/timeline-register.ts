// What the capture timeline adds to the extension (extension host): the .pcap editor and the
// tcpdump text command, registered together so extension.ts stays a list of features.
import * as vscode from 'vscode';
import { registerCaptureEditor } from './capture-editor';
import { COMMANDS, TIMELINE_VIEW_TYPES } from './contributions';
import { reviveTextTimeline, showTextTimeline } from './timeline-command';
import type { PanelContext } from './webview-panel';

export function registerTimeline(panels: () => PanelContext): vscode.Disposable[] {
  return [
    registerCaptureEditor(panels),
    vscode.commands.registerCommand(COMMANDS.showTextTimeline, () => showTextTimeline(panels())),
    vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPES.textPanel, {
      deserializeWebviewPanel: (panel, state) => reviveTextTimeline(panel, panels(), state),
    }),
  ];
}
