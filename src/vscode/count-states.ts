// "TCP: Count States" on an open editor (extension host): the core's census of the active
// editor's document, or of its selection when there is one, shown in the state-diagram panel.
// Core values come through loadCore(), so activation stays small.
import * as vscode from 'vscode';
import { showCensus } from './census-message';
import { loadCore } from './load-core';
import type { PanelContext } from './webview-panel';

/** Text handed to the census at a time, so a large document is not copied into one more string. */
const CHUNK_LINES = 5_000;

export function countStates(context: PanelContext, _resource?: unknown): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a socket dump (ss, netstat) in an editor to count its TCP states.'));
    return;
  }
  const { CensusScanner } = loadCore();
  const { document, selection } = editor;
  const range = selection.isEmpty ? document.validateRange(new vscode.Range(0, 0, document.lineCount, 0)) : selection;
  const started = Date.now();
  const scanner = new CensusScanner();
  for (let line = range.start.line; line <= range.end.line; line += CHUNK_LINES) {
    const chunk = new vscode.Range(line, 0, line + CHUNK_LINES, 0).intersection(range);
    if (chunk) scanner.push(document.getText(chunk));
  }
  const label = `${vscode.workspace.asRelativePath(document.uri)}${selection.isEmpty ? '' : ` (${vscode.l10n.t('lines {0}–{1}', range.start.line + 1, range.end.line + 1)})`}`;
  // The census numbers lines from 1 within what it is given; the table links to document lines.
  showCensus(scanner.end(), { uri: document.uri, label, firstLine: range.start.line }, context, Date.now() - started);
}
