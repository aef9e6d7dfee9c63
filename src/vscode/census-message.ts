// From the core's census to the message the diagram panel shows (extension host): the rows of the
// table, most first, with line numbers of the counted document, and the diagnoses in the user's
// language. One place, so a census of an open document and of a file read from disk look alike.
import * as vscode from 'vscode';
import type { CensusResult } from '../core';
import type { CensusMessage, CensusRow } from '../shared/diagram-protocol';
import { DiagramPanel } from './diagram-panel';
import { loadCore } from './load-core';
import type { PanelContext } from './webview-panel';

export interface CountedSource {
  /** The counted document or file: the table's line links open it. */
  readonly uri: vscode.Uri;
  /** How the panel names it. */
  readonly label: string;
  /** The document line (0-based) the census's line 1 is: a selection starts further down. */
  readonly firstLine: number;
}

export function censusMessage(result: CensusResult, source: CountedSource, context: PanelContext): CensusMessage {
  const { diagnose } = loadCore();
  const locale = context.settings().locale;
  const rows: CensusRow[] = Object.entries(result.states)
    .map(([state, s]) => ({ state: state as CensusRow['state'], count: s!.count, firstLine: (s!.sampleLines[0] ?? 1) + source.firstLine }))
    .sort((a, b) => b.count - a.count || (a.state < b.state ? -1 : 1));
  return {
    type: 'census',
    document: source.label,
    counts: result.counts,
    rows,
    diagnoses: diagnose(result).map((d) => ({ title: d.title[locale], because: d.because[locale], advice: d.advice[locale] })),
  };
}

/** Shows `result` on the diagram panel and logs what was counted. */
export function showCensus(result: CensusResult, source: CountedSource, context: PanelContext, ms: number): void {
  const message = censusMessage(result, source, context);
  context.log.info(`census of ${source.uri.toString()}: ${result.mentions} mentions in ${result.lines} lines, ${message.diagnoses.length} diagnoses, in ${ms} ms`);
  DiagramPanel.showCensus(context, message, source.uri);
}
