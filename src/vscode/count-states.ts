// "TCP: Count States" (extension host): the core's census of the active editor's document, or of
// its selection when there is one, shown in the state-diagram panel as a heatmap, a table and
// the diagnoses. Core values come through loadCore(), so activation stays small.
import * as vscode from 'vscode';
import type { CensusMessage, CensusRow } from '../shared/diagram-protocol';
import { DiagramPanel } from './diagram-panel';
import { loadCore } from './load-core';
import type { PanelContext } from './webview-panel';

/** Text handed to the census at a time, so a large document is not copied into one more string. */
const CHUNK_LINES = 5_000;

export function countStates(context: PanelContext): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a socket dump (ss, netstat) in an editor to count its TCP states.'));
    return;
  }
  const { CensusScanner, diagnose } = loadCore();
  const { document, selection } = editor;
  const range = selection.isEmpty ? document.validateRange(new vscode.Range(0, 0, document.lineCount, 0)) : selection;
  // The census numbers lines from 1 within what it is given; the table links to document lines.
  const firstLine = range.start.line;
  const started = Date.now();
  const scanner = new CensusScanner();
  for (let line = range.start.line; line <= range.end.line; line += CHUNK_LINES) {
    const chunk = new vscode.Range(line, 0, line + CHUNK_LINES, 0).intersection(range);
    if (chunk) scanner.push(document.getText(chunk));
  }
  const result = scanner.end();
  const locale = context.settings().locale;
  const rows: CensusRow[] = Object.entries(result.states)
    .map(([state, s]) => ({ state: state as CensusRow['state'], count: s!.count, firstLine: (s!.sampleLines[0] ?? 1) + firstLine }))
    .sort((a, b) => b.count - a.count || (a.state < b.state ? -1 : 1));
  const message: CensusMessage = {
    type: 'census',
    document: `${vscode.workspace.asRelativePath(document.uri)}${selection.isEmpty ? '' : ` (${vscode.l10n.t('lines {0}–{1}', range.start.line + 1, range.end.line + 1)})`}`,
    counts: result.counts,
    rows,
    diagnoses: diagnose(result).map((d) => ({ title: d.title[locale], because: d.because[locale], advice: d.advice[locale] })),
  };
  context.log.info(`census of ${document.uri.toString()}: ${result.mentions} mentions in ${result.lines} lines, ${message.diagnoses.length} diagnoses, in ${Date.now() - started} ms`);
  DiagramPanel.showCensus(context, message, document.uri);
}
