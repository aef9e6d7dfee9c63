// RFC 9293 §3.10.7.4, eighth: the FIN bit, the last step. The FIN takes one sequence number and
// is acknowledged; the state it leads to depends on whether our own FIN is acknowledged yet, so
// the same FIN,ACK gives CLOSING or TIME-WAIT. Pure: no `vscode`, no DOM.
import type { Arrival, Outcome } from './arrival';

export function processFin(arrival: Arrival): Outcome {
  const { world, to, segment } = arrival;
  if (!segment.flags.includes('FIN')) return 'done';
  const tcb = world.tcb[to];
  tcb.rcvNxt += 1;
  // FIN-WAIT-1's two rows are told apart by whether our FIN is acknowledged by now (by this
  // segment's ACK, Figure 5 note 2): TIME-WAIT (R38) or CLOSING (R37).
  const ourFinAcknowledged = tcb.sndUna === tcb.sndNxt;
  world.fireFirst(to, [ourFinAcknowledged ? 'R38' : 'R37', 'R30', 'R41']);
  world.sendAck(to, arrival.delayAck);
  return 'done';
}
