// The lists on a segment record (observer.ts SegmentRecord) without a new array for each
// segment: most segments have no mark, one arrival's rows, and one of a few pairs of states.
// A record starts with the shared empty lists and gets its own only when something is added,
// and its states are one shared pair per combination. What a record holds is the same; only
// fewer objects are made and kept (a capture's kept segments are most of the live heap).
// The shared lists are frozen: nothing may push onto them. Pure: no `vscode`, no DOM.
import type { InferredState, SegmentMark } from './types';

export const NO_MARKS: readonly SegmentMark[] = Object.freeze([]);
export const NO_ROWS: readonly string[] = Object.freeze([]);

/** The record's marks with `mark` added at the end. */
export function withMark(marks: readonly SegmentMark[], mark: SegmentMark): readonly SegmentMark[] {
  return marks.length === 0 ? [mark] : [...marks, mark];
}

/**
 * The record's rows with `rows` added at the end. `rows` is a step's own list (World.beginStep
 * gives each step a fresh one, never written after the step): a record with no rows yet takes it
 * as it is.
 */
export function withRows(current: readonly string[], rows: readonly string[]): readonly string[] {
  if (rows.length === 0) return current;
  if (current.length === 0) return rows;
  if (Object.isFrozen(current) && Object.isFrozen(rows)) return joinedShared(current, rows);
  return [...current, ...rows];
}

/**
 * Two shared lists joined (header prediction's rows, timeline/header-prediction.ts: a data
 * segment's SEND row, then its arrival's): one shared list per pair. Frozen lists are a handful
 * of combinations made once each, so this stays small.
 */
const JOINED = new Map<readonly string[], Map<readonly string[], readonly string[]>>();

function joinedShared(first: readonly string[], second: readonly string[]): readonly string[] {
  return interned(JOINED, first, second, frozenJoin);
}

function frozenJoin(first: readonly string[], second: readonly string[]): readonly string[] {
  return Object.freeze([...first, ...second]);
}

/**
 * The one value made for the keys (a, b), made by `make` the first time they are asked for: how
 * every shared list here (and header prediction's row lists) is kept. `make` is a module-level
 * function, not a closure: this runs for every segment.
 */
export function interned<A, B, V>(cache: Map<A, Map<B, V>>, a: A, b: B, make: (a: A, b: B) => V): V {
  let byB = cache.get(a);
  if (byB === undefined) cache.set(a, (byB = new Map()));
  let value = byB.get(b);
  if (value === undefined) byB.set(b, (value = make(a, b)));
  return value;
}

const PAIRS = new Map<InferredState, Map<InferredState, readonly [InferredState, InferredState]>>();

/** The shared (frozen) pair [a, b]. */
export function statePair(a: InferredState, b: InferredState): readonly [InferredState, InferredState] {
  return interned(PAIRS, a, b, frozenPair);
}

function frozenPair(a: InferredState, b: InferredState): readonly [InferredState, InferredState] {
  return Object.freeze([a, b] as const);
}

/** The pair with endpoint `e`'s state replaced. */
export function withState(pair: readonly [InferredState, InferredState], e: 0 | 1, state: InferredState): readonly [InferredState, InferredState] {
  return e === 0 ? statePair(state, pair[1]) : statePair(pair[0], state);
}
