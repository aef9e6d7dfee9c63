// Observer mode's one liberty with the TCB: the numbers are corrected from what the capture
// shows, because the capture point may miss what the endpoints did not (a dropped packet, a
// capture that started late) and the engine keeps no out-of-order queue. The state is never
// set here: only SND.NXT and RCV.NXT move, and only forward. Pure: no `vscode`, no DOM.
import type { RfcState } from '../model/states';
import { RCV_WND } from '../simulation/arrival/sequence-check';
import type { Tcb } from '../simulation/world';
import { isSynchronizedState } from './engine-segment';
import type { PlacedSegment } from './marks';

/** Half the 32-bit space: a larger jump is no gap but a misreading, and is left alone. */
const FAR = 2 ** 31;

const ahead = (next: number, current: number, limit = FAR): boolean => next > current && next - current < limit;

/**
 * What X's own segment says about X: its ACK field is its RCV.NXT (§3.10.7.4: every segment
 * carries <ACK=RCV.NXT>), so what X acknowledges it has received, seen here or not.
 */
export function learnFromSender(tcb: Tcb, state: RfcState, s: PlacedSegment): void {
  if (s.ack === undefined || !(state === 'SYN-RECEIVED' || isSynchronizedState(state))) return;
  if (ahead(s.ack, tcb.rcvNxt)) tcb.rcvNxt = s.ack;
}

/**
 * What a segment arriving at Y says about Y, before the arrival steps test it: data or a FIN
 * beyond RCV.NXT, inside the engine's receive window, means the capture missed what came
 * before (Y is taken to have it: the engine has no reassembly queue); beyond the window the
 * acceptability test judges it ('out-of-window'). An ACK beyond SND.NXT means the capture
 * missed what Y sent. RST and SYN are left to the acceptability tests (RFC 5961's exact-match
 * rules must see the real numbers). `seq` and `ack` are the numbers the engine reads
 * (engine-segment.ts engineSeq, engineAck).
 */
export function learnBeforeArrival(tcb: Tcb, state: RfcState, s: PlacedSegment, seq: number, ack: number | undefined): void {
  if (!isSynchronizedState(state)) return;
  const control = s.rst || s.syn;
  if (!control && (s.len > 0 || s.fin) && ahead(seq, tcb.rcvNxt, RCV_WND)) tcb.rcvNxt = seq;
  if (!control && ack !== undefined && ahead(ack, tcb.sndNxt)) tcb.sndNxt = ack;
}
