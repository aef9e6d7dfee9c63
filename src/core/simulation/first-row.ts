// The first of a step's candidate rows that applies in a state: the table's `firstRowFrom`
// (model/transitions.ts), without the array it builds on each call. The engine asks this on
// nearly every step, and the capture timeline runs a step for every captured segment.
// Pure: no `vscode`, no DOM.
import type { RfcState } from '../model/states';
import type { Transition } from '../model/transition-types';
import { transitionById, type RowId } from '../model/transitions';

export function firstRowIn(state: RfcState, candidates: readonly RowId[]): Transition | undefined {
  for (const id of candidates) {
    const row = transitionById(id);
    if (row.from.includes(state)) return row;
  }
  return undefined;
}
