// RFC 9293 §3.10.7.4, sixth and seventh: the URG bit (never set here: the simulator sends no
// urgent data) and the segment text. In-order data is delivered and acknowledged in the states
// that can still receive; the ACK waits when a FIN on the same segment will carry it, or when
// the scenario delays it. Pure: no `vscode`, no DOM.
import type { RowId } from '../../model/transitions';
import type { Arrival, Outcome } from './arrival';

/**
 * The in-order data rows, the more specific first (R29 lists FIN-WAIT-2 too). Where neither
 * applies (CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT) the peer has sent its FIN, so text "should
 * not occur" and is ignored.
 */
const DATA_ROWS: readonly RowId[] = ['R40', 'R29'];

export function processText(arrival: Arrival): Outcome {
  const { world, to, segment } = arrival;
  if (arrival.len === 0 || !world.fireFirst(to, DATA_ROWS)) return 'continue';
  world.tcb[to].rcvNxt += arrival.len;
  if (!segment.flags.includes('FIN')) world.sendAck(to, arrival.delayAck);
  return 'continue';
}
