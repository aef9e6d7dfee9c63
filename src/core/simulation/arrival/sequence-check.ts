// RFC 9293 §3.10.7.4, first: the sequence-number check. What was already received is trimmed
// off the front ("including SYN and FIN"): that is what lets the peer's SYN,ACK of a
// simultaneous open, whose SYN we already have, be accepted for its ACK. A segment that is
// still unacceptable is answered with an ACK, and dropped. Pure: no `vscode`, no DOM.
import type { RowId } from '../../model/transitions';
import type { Arrival, Outcome } from './arrival';

/** Receive window: large enough that no scenario is limited by it (the capture timeline's observer reads it too). */
export const RCV_WND = 65535;

/**
 * A FIN sent again because our ACK of it was lost, answered in each state where we already have
 * it; in TIME-WAIT (R49) the 2MSL wait restarts as well: why TIME-WAIT exists.
 */
const FIN_AGAIN_ROWS: readonly RowId[] = ['R43', 'R46', 'R48', 'R49'];

export function checkSequence(arrival: Arrival): Outcome {
  const { world, to, segment } = arrival;
  const rcvNxt = world.tcb[to].rcvNxt;
  if (arrival.seq < rcvNxt && arrival.syn) {
    arrival.syn = false;
    arrival.seq += 1;
  }
  // Data all of which was received before (a duplicate, or a retransmission whose ACK was lost)
  // fails the acceptability test (its last byte is below RCV.NXT) and is answered with an ACK
  // (R16), unless a FIN after it is new. Trimmed to nothing, it would pass as an empty segment.
  const stale = arrival.len > 0 && arrival.seq + arrival.len <= rcvNxt && !(segment.flags.includes('FIN') && arrival.seq + arrival.len === rcvNxt);
  if (arrival.seq < rcvNxt && arrival.len > 0) {
    const cut = Math.min(arrival.len, rcvNxt - arrival.seq);
    arrival.len -= cut;
    arrival.seq += cut;
  }
  if (!stale && arrival.seq >= rcvNxt && arrival.seq < rcvNxt + RCV_WND) return 'continue';
  if (segment.flags.includes('RST')) {
    world.fire(to, 'R17');
    return 'done';
  }
  const finAgain = segment.flags.includes('FIN') && arrival.len === 0 && arrival.seq + 1 === rcvNxt;
  const answered = finAgain ? world.fireFirst(to, FIN_AGAIN_ROWS) : undefined;
  if (!answered) world.fire(to, 'R16');
  world.sendAck(to);
  if (answered === 'R49') world.startTimer(to, 'time-wait');
  return 'done';
}
