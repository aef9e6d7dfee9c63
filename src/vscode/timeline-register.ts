// What the capture timeline adds to the extension (extension host): the .pcap editor and the
// tcpdump text command, registered together so extension.ts stays a list of features.
import * as vscode from 'vscode';
import { registerCaptureEditor } from './capture-editor';
import { COMMANDS } from './contributions';
import { showTextTimeline } from './timeline-command';
import type { PanelContext } from './webview-panel';

export function registerTimeline(panels: () => PanelContext): vscode.Disposable[] {
  return [registerCaptureEditor(panels), vscode.commands.registerCommand(COMMANDS.showTextTimeline, () => showTextTimeline(panels()))];
}
