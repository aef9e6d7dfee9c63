// "TCP: Count States" (extension host): the core's census of the active editor's document, or of
// its selection when there is one, or of a file chosen in the explorer, shown in the diagram panel.
// Core values come through loadCore(), so activation stays small.
import * as vscode from 'vscode';
import { showCensus } from './census-message';
import { countFile } from './count-file';
import { documentLabel } from './document-label';
import { loadCore } from './load-core';
import type { PanelContext } from './webview-panel';

/** Text handed to the census at a time, so a large document is not copied into one more string. */
const CHUNK_LINES = 5_000;

/**
 * From the editor's title bar or context menu (VS Code passes the editor's Uri), the command
 * palette (nothing) or the explorer (the file's Uri): an open document is counted as the editor
 * shows it, unsaved edits included; a file that is not open is streamed from disk.
 */
export function countStates(context: PanelContext, resource?: unknown): void {
  const active = vscode.window.activeTextEditor;
  if (resource instanceof vscode.Uri && active?.document.uri.toString() !== resource.toString()) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource.toString());
    if (open) countDocument(context, open, undefined);
    else void countFile(context, resource);
    return;
  }
  if (!active) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a socket dump (ss, netstat) in an editor to count its TCP states.'));
    return;
  }
  countDocument(context, active.document, active.selection);
}

function countDocument(context: PanelContext, document: vscode.TextDocument, selection: vscode.Selection | undefined): void {
  const { CensusScanner } = loadCore();
  const range = !selection || selection.isEmpty ? document.validateRange(new vscode.Range(0, 0, document.lineCount, 0)) : selection;
  const started = Date.now();
  const scanner = new CensusScanner();
  for (let line = range.start.line; line <= range.end.line; line += CHUNK_LINES) {
    const chunk = new vscode.Range(line, 0, line + CHUNK_LINES, 0).intersection(range);
    if (chunk) scanner.push(document.getText(chunk));
  }
  const label = `${documentLabel(document.uri)}${!selection || selection.isEmpty ? '' : ` (${vscode.l10n.t('lines {0}–{1}', range.start.line + 1, range.end.line + 1)})`}`;
  // The census numbers lines from 1 within what it is given; the table links to document lines.
  showCensus(scanner.end(), { uri: document.uri, label, firstLine: range.start.line }, context, Date.now() - started);
}
