// "TCP: Show Timeline of tcpdump Text" (extension host): the timeline of the active editor's
// selection, or of its whole document, in a panel beside it; the same view as a capture's.
import * as vscode from 'vscode';
import { TIMELINE_VIEW_TYPES } from './contributions';
import { TimelineView } from './timeline-view';
import type { PanelContext } from './webview-panel';

export function showTextTimeline(context: PanelContext): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open tcpdump text (tcpdump -nn -r FILE output) in an editor first.'));
    return;
  }
  const selection = editor.selection;
  const name = vscode.workspace.asRelativePath(editor.document.uri);
  const text = selection.isEmpty ? editor.document.getText() : editor.document.getText(selection);
  const label = selection.isEmpty ? name : vscode.l10n.t('{0}, lines {1}–{2}', name, selection.start.line + 1, selection.end.line + 1);
  const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPES.textPanel, vscode.l10n.t('Timeline: {0}', label), vscode.ViewColumn.Beside, {
    retainContextWhenHidden: false,
  });
  new TimelineView(panel, context, { kind: 'text', text, label }, label);
}
