// Types of the RFC 9293 transition table (data in transitions.ts). Pure: no `vscode`, no DOM.
import type { RfcState } from './states';
// Type-only: the ids are read off the table itself, so a row id that is not in the table
// (`'R99'`) does not compile anywhere a `RowId` is expected.
import type { RowId } from './transitions';

/**
 * Where the RFC shows a transition:
 * - 'arc': drawn in RFC 9293 Figure 5;
 * - 'arc+note1': drawn, but valid only under Figure 5 note 1 (SYN-RECEIVED reached by passive OPEN);
 * - 'note2' / 'note3': only in Figure 5's notes, not drawn;
 * - 'text': only in the §3.x text;
 * - 'ext': an option from another RFC (5961, 1337, 6191);
 * - 'impl': implementation behaviour (Linux/BSD), not in any RFC.
 */
export type FigureStatus = 'arc' | 'arc+note1' | 'note2' | 'note3' | 'text' | 'ext' | 'impl';

/** Which classic path an arc belongs to (the figure draws them thick solid, thick dashed, thin). */
export type PathKind = 'client' | 'server' | 'atypical';

export type EventKind = 'user' | 'segment' | 'timer';

/** The shape every row id has: U = user call, R = segment arrival, T = timer, then a number. */
export type RowIdShape = `${'U' | 'R' | 'T'}${number}`;

/**
 * One row of the table. `Id` is the closed union of the table's ids (`RowId`); the table's
 * literal rows are checked against `Transition<RowIdShape>`, from which `RowId` is then read.
 */
export interface Transition<Id extends RowIdShape = RowId> {
  /** Row id, stable: U = user call, R = segment arrival, T = timer (e.g. 'R06'). */
  readonly id: Id;
  /** States in which the row applies (expanded: no 'SYNC' shorthand). */
  readonly from: readonly RfcState[];
  readonly eventKind: EventKind;
  /** The event in full words, e.g. 'receive SYN (no ACK)'. */
  readonly event: string;
  /** Condition that must hold as well, if any (e.g. 'SYN-RECEIVED was reached by passive OPEN'). */
  readonly guard?: string;
  /** What TCP does, in full words, with the RFC's segment notation where it sends one. */
  readonly action: string;
  /** Target state; `null` means the state does not change. */
  readonly to: RfcState | null;
  /** Short 'event / action' label parts as the RFC figure writes them ('rcv SYN', 'snd SYN,ACK'; 'x' = nothing). */
  readonly label: { readonly event: string; readonly action: string };
  readonly figure: FigureStatus;
  /** Set on rows that change state: which path of the classic figure the arc belongs to. */
  readonly path?: PathKind;
  /** RFC 9293 section, e.g. '§3.10.7.4'. */
  readonly rfc: string;
  /** Where Linux (or another stack) differs, or other teaching remarks. */
  readonly note?: string;
}

/**
 * A row's full-word texts in one language: the fields of `Transition` a user reads in sentences.
 * English has them on the row itself; another language has a table of these keyed by `RowId`
 * (transitions.zh-cn.ts), which adds words and nothing of the row's structure.
 */
export interface RowText {
  readonly event: string;
  readonly guard?: string;
  readonly action: string;
  readonly note?: string;
}
