// From the core's census to the message the diagram panel shows (extension host): the rows of the
// table, most first, with line numbers of the counted document (if there is one) and each state's
// top local ports, peers and processes, and the diagnoses in the user's language. One place, so a
// census of an open document, of a file read from disk and of live connections look alike.
import * as vscode from 'vscode';
import type { CensusResult, StateCensus } from '../core';
import { MAX_GROUP_ENTRIES, MAX_GROUP_KEY_CHARS, MAX_URI_CHARS, type CensusGroupEntry, type CensusMessage, type CensusRow } from '../shared/diagram-protocol';
import { DiagramPanel } from './diagram-panel';
import { loadCore } from './load-core';
import { CONTEXT_KEYS } from './contributions';
import { stepDone } from './step-progress';
import type { PanelContext } from './webview-panel';

export interface CountedSource {
  /**
   * The counted document or file: the table's line links open it. Absent for what has no
   * document (this machine's live connections): the table then shows no links.
   */
  readonly uri?: vscode.Uri;
  /** How the panel names it. */
  readonly label: string;
  /** The document line (0-based) the census's line 1 is: a selection starts further down. */
  readonly firstLine: number;
}

/** A ranking's top entries as the panel shows them; a key too long for the protocol is cut, not dropped. */
function topEntries(entries: StateCensus['localPorts']): CensusGroupEntry[] {
  return entries.slice(0, MAX_GROUP_ENTRIES).map((e) => ({
    key: e.key.length > MAX_GROUP_KEY_CHARS ? `${e.key.slice(0, MAX_GROUP_KEY_CHARS - 1)}…` : e.key,
    count: e.count,
    approximate: e.error > 0,
  }));
}

export function censusMessage(result: CensusResult, source: CountedSource, context: PanelContext): CensusMessage {
  const { diagnose } = loadCore();
  const locale = context.settings().locale;
  const uri = source.uri?.toString();
  const rows: CensusRow[] = Object.entries(result.states)
    .map(([state, s]) => ({
      state: state as CensusRow['state'],
      count: s!.count,
      firstLine: (s!.sampleLines[0] ?? 1) + source.firstLine,
      groups: { localPorts: topEntries(s!.localPorts), peers: topEntries(s!.peers), processes: topEntries(s!.processes) },
    }))
    .sort((a, b) => b.count - a.count || (a.state < b.state ? -1 : 1));
  return {
    type: 'census',
    document: source.label,
    counts: result.counts,
    rows,
    diagnoses: diagnose(result).map((d) => ({ title: d.title[locale], because: d.because[locale], advice: d.advice[locale] })),
    linkable: source.uri !== undefined,
    // For the webview's saved state only; a URI too long for the protocol keeps its links until a reload.
    ...(uri && uri.length <= MAX_URI_CHARS ? { uri } : {}),
  };
}

/** Shows `result` on the diagram panel and logs what was counted. */
export function showCensus(result: CensusResult, source: CountedSource, context: PanelContext, ms: number): void {
  const message = censusMessage(result, source, context);
  context.log.info(`census of ${source.uri?.toString() ?? source.label}: ${result.mentions} mentions in ${result.lines} lines, ${message.diagnoses.length} diagnoses, in ${ms} ms`);
  DiagramPanel.showCensus(context, message, source.uri);
  stepDone(CONTEXT_KEYS.censusShown);
}
