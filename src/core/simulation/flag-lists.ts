// A segment's flags as one shared, frozen list per combination, in the order Segment.flags
// promises (SYN, FIN, RST first, ACK last). Four flags make sixteen lists: the engine sends a
// segment on most steps and the capture timeline hands it one per captured segment, so each
// takes its combination's list instead of filtering a new one. Pure: no `vscode`, no DOM.
import type { Flag } from './types';

const ORDER: readonly Flag[] = ['SYN', 'FIN', 'RST', 'ACK'];

const LISTS: readonly (readonly Flag[])[] = Array.from({ length: 16 }, (_, bits) => Object.freeze(ORDER.filter((_, i) => (bits & (1 << i)) !== 0)));

/** The list with exactly these flags set. */
export function flagList(syn: boolean, fin: boolean, rst: boolean, ack: boolean): readonly Flag[] {
  return LISTS[(syn ? 1 : 0) | (fin ? 2 : 0) | (rst ? 4 : 0) | (ack ? 8 : 0)]!;
}

/** `flags` in order, each once: the shared list of the same set. */
export function orderedFlags(flags: readonly Flag[]): readonly Flag[] {
  let bits = 0;
  for (const flag of flags) bits |= 1 << ORDER.indexOf(flag);
  return LISTS[bits]!;
}
