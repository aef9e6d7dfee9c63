// "TCP: Show Timeline of tcpdump Text" (extension host): the timeline of the active editor's
// selection, or of its whole document, in a panel beside it; the same view as a capture's. The
// panel comes back after a window reload: its webview keeps where the text came from (the
// document and the selection, a TextOrigin), and the text is read again from that document.
import * as vscode from 'vscode';
import { isRecord } from '../shared/messages';
import { parseTextOrigin, type TextOrigin } from '../shared/timeline-protocol';
import { TIMELINE_VIEW_TYPES } from './contributions';
import { TimelineView } from './timeline-view';
import type { PanelContext } from './webview-panel';

/** The text of `origin` in `document` (the whole document without a range) and how the panel names it. */
function textOf(document: vscode.TextDocument, origin: TextOrigin): { text: string; label: string } {
  const name = vscode.workspace.asRelativePath(document.uri);
  if (!origin.range) return { text: document.getText(), label: name };
  const [startLine, startCharacter, endLine, endCharacter] = origin.range;
  const range = document.validateRange(new vscode.Range(startLine, startCharacter, endLine, endCharacter));
  return { text: document.getText(range), label: vscode.l10n.t('{0}, lines {1}–{2}', name, range.start.line + 1, range.end.line + 1) };
}

export function showTextTimeline(context: PanelContext): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open tcpdump text (tcpdump -nn -r FILE output) in an editor first.'));
    return;
  }
  const { start, end, isEmpty } = editor.selection;
  const origin: TextOrigin = { uri: editor.document.uri.toString(), ...(isEmpty ? {} : { range: [start.line, start.character, end.line, end.character] as const }) };
  const { text, label } = textOf(editor.document, origin);
  const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPES.textPanel, vscode.l10n.t('Timeline: {0}', label), vscode.ViewColumn.Beside, {
    retainContextWhenHidden: false,
  });
  new TimelineView(panel, context, { kind: 'text', text, label, origin }, label);
}

/**
 * A text timeline panel VS Code restored after a reload (WebviewPanelSerializer): built again
 * from the document its webview's state names. A document that can no longer be opened, or a
 * state without one (a panel of an older version), gives a panel that says so.
 */
export async function reviveTextTimeline(panel: vscode.WebviewPanel, context: PanelContext, state: unknown): Promise<void> {
  const origin = isRecord(state) ? parseTextOrigin(state.origin) : undefined;
  const fallbackLabel = panel.title;
  if (!origin) {
    new TimelineView(panel, context, { kind: 'unavailable', reason: vscode.l10n.t('the panel does not say which document its text came from; run the command again') }, fallbackLabel);
    return;
  }
  try {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(origin.uri, true));
    const { text, label } = textOf(document, origin);
    new TimelineView(panel, context, { kind: 'text', text, label, origin }, label);
  } catch (error) {
    new TimelineView(panel, context, { kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) }, fallbackLabel);
  }
}
