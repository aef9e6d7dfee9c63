// Header prediction for the capture timeline's observer (observer.ts): the common segment of an
// established connection, taken without walking every §3.10 step, as real stacks do it (Van
// Jacobson's header prediction of the RFC 1323 era; Linux's tcp_rcv_established() fast path).
// Most of a capture is such segments: data in order and the pure ACKs of it. The full path
// builds a step record, an engine segment and an arrival per segment and asks each of the six
// steps of §3.10.7.4 in turn; here only the two steps that act on such a segment (fifth: the ACK,
// seventh: the text) are carried out, by the same World operations and with the rows the
// transition table names, and only where the table says the state does not change. Anything
// else returns undefined before touching the TCB, and the observer takes the full path.
// Why it is the same as the full path (test/unit/header-prediction.test.ts runs both on every
// capture and compares every state, mark, row and segment):
//  - first step (checkSequence): SEG.SEQ = RCV.NXT and no SYN, so nothing is trimmed, the
//    segment is not stale (its data ends beyond RCV.NXT) and it is inside the window: 'continue',
//    no side effect;
//  - second, fourth (checkRst, checkSyn): no RST, no SYN: 'continue';
//  - fifth (checkAck): SEG.ACK is present (the ACK flag), the state is not SYN-RECEIVED, and
//    SEG.ACK ≤ SND.NXT (R28 is left to the full path); an ACK of something new is `acknowledge`
//    and the first of the same candidate rows (ack-check.ts ackRows); an old one fires nothing;
//    the state is not CLOSED after it, the row keeps it;
//  - seventh (processText): observing, so no R55; ESTABLISHED is not where Linux resets on data
//    after close(); data fires the first of DATA_ROWS, RCV.NXT += SEG.LEN, unread counted when
//    not reading, and the ACK `sendAck` sends (no FIN on the segment, never delayed here);
//  - eighth (processFin): no FIN: done.
// No row changes the state, so `fire` would only have recorded it: the rows are returned
// instead, as shared lists, and nothing goes on the network (the observer empties it after every
// step anyway). Pure: no `vscode`, no DOM, no Node APIs.
import type { RfcState } from '../model/states';
import type { Transition } from '../model/transition-types';
import type { RowId } from '../model/transitions';
import { ackRows } from '../simulation/arrival/ack-check';
import { DATA_ROWS, ORPHAN_RECEIVING } from '../simulation/arrival/text';
import { firstRowIn } from '../simulation/first-row';
import { CALL_ROWS } from '../simulation/user-calls';
import type { EndpointId, Flag, Segment } from '../simulation/types';
import type { World } from '../simulation/world';
import type { PlacedSegment } from './marks';
import { interned } from './record-lists';

/** What a predicted arrival did: the rows it fired (a shared list, never written into) and what the engine sent in answer. */
export interface PredictedArrival {
  readonly rows: readonly RowId[];
  readonly sent: readonly Segment[];
}

const ACK_ONLY: readonly Flag[] = ['ACK'];
const NOTHING_SENT: readonly Segment[] = Object.freeze([]);
const NO_ROWS: readonly RowId[] = Object.freeze([]);

/** One shared, frozen list per combination of rows, as record-lists.ts shares them: a record takes a step's list as it is. */
const LISTS = new Map<RowId | undefined, Map<RowId | undefined, readonly RowId[]>>();

function rowList(first: RowId | undefined, second: RowId | undefined): readonly RowId[] {
  if (first === undefined && second === undefined) return NO_ROWS;
  return interned(LISTS, first, second, frozenRows);
}

function frozenRows(first: RowId | undefined, second: RowId | undefined): readonly RowId[] {
  return Object.freeze([first, second].filter((id): id is RowId => id !== undefined));
}

/** The table's row leaves the state as it is: `to` is null or the state itself. */
function keepsState(row: Transition | undefined, state: RfcState): row is Transition {
  return row !== undefined && (row.to === null || row.to === state);
}

/** Only for the observer's world: it records no timer facts (so `transmit` and `acknowledge` record nothing) and reads captures (no R55). */
function observerWorld(world: World): boolean {
  return world.config.observing === true && world.config.timerFacts === false;
}

/**
 * Segment `s` arrives at endpoint `to` with the engine's numbers `seq` and `ack` (engine-segment.ts,
 * after observed-numbers.ts learnBeforeArrival): what the full arrival steps would do, or
 * undefined (nothing changed) when it is not the predicted case.
 */
export function predictArrival(world: World, to: EndpointId, s: PlacedSegment, seq: number, ack: number): PredictedArrival | undefined {
  const state = world.stateOf(to);
  if (state !== 'ESTABLISHED' || !s.ackFlag || s.syn || s.fin || s.rst || !observerWorld(world)) return undefined;
  const tcb = world.tcb[to];
  if (seq !== tcb.rcvNxt || ack > tcb.sndNxt) return undefined;
  const acksNew = ack > tcb.sndUna;
  const ackRow = acksNew ? firstRowIn(state, ackRows(ack === tcb.sndNxt, false)) : undefined;
  if (acksNew && !keepsState(ackRow, state)) return undefined;
  const data = s.len > 0;
  const dataRow = data ? firstRowIn(state, DATA_ROWS) : undefined;
  if (data && (!keepsState(dataRow, state) || (world.linux && tcb.orphaned && ORPHAN_RECEIVING.has(state)))) return undefined;
  if (acksNew) world.acknowledge(to, ack);
  if (!data) return { rows: rowList(ackRow?.id, undefined), sent: NOTHING_SENT };
  tcb.rcvNxt += s.len;
  if (!tcb.reading) tcb.unread += s.len;
  return { rows: rowList(ackRow?.id, dataRow!.id), sent: [world.transmit(to, ACK_ONLY)] };
}

/**
 * Endpoint `from` sends `bytes` of new data: the SEND call's row (user-calls.ts: U17 segmentizes
 * and sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> with the data), or undefined (nothing changed)
 * where the table names another row or the row would change the state.
 */
export function predictSend(world: World, from: EndpointId, bytes: number): readonly RowId[] | undefined {
  const state = world.stateOf(from);
  const row = firstRowIn(state, CALL_ROWS.send);
  if (!keepsState(row, state) || row.id !== 'U17' || !observerWorld(world)) return undefined;
  world.transmit(from, ACK_ONLY, { len: bytes });
  return rowList(row.id, undefined);
}
