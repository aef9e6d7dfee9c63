// RFC 9293 §3.10.7.4, fifth: the ACK field. In SYN-RECEIVED an ACK of our SYN completes the
// open; elsewhere an ACK of something new empties the retransmission queue, and one that covers
// our FIN moves a closing endpoint on (FIN-WAIT-2, TIME-WAIT, CLOSED). Pure: no `vscode`, no DOM.
import type { RowId } from '../../model/transitions';
import type { Arrival, Outcome } from './arrival';

export function checkAck(arrival: Arrival): Outcome {
  const { world, to, segment } = arrival;
  const tcb = world.tcb[to];
  const ack = segment.ack;
  if (ack === undefined) {
    world.fire(to, 'R26');
    return 'done';
  }
  if (world.stateOf(to) === 'SYN-RECEIVED') {
    if (ack <= tcb.sndUna || ack > tcb.sndNxt) {
      world.fire(to, 'R24');
      world.send(to, ['RST'], { seq: ack });
      return 'done';
    }
    world.fire(to, 'R23');
    world.acknowledge(to, ack);
    return 'continue';
  }
  if (ack > tcb.sndNxt) {
    world.fire(to, 'R28');
    world.sendAck(to);
    return 'done';
  }
  if (ack <= tcb.sndUna) return 'continue'; // a duplicate ACK: nothing new is acknowledged
  world.acknowledge(to, ack);
  world.fireFirst(to, ackRows(ack === tcb.sndNxt, segment.flags.includes('FIN')));
  // LAST-ACK's TCB is gone once its FIN is acknowledged: nothing is left to process the rest.
  return world.stateOf(to) === 'CLOSED' ? 'done' : 'continue';
}

/**
 * The rows for an ACK of something new, by whether it covers everything we sent, our FIN
 * included. In FIN-WAIT-1 with the peer's FIN on the same segment, the FIN step decides instead
 * (R38, straight to TIME-WAIT). FIN-WAIT-2 and TIME-WAIT have nothing left to acknowledge.
 */
export function ackRows(allAcknowledged: boolean, finOnSegment: boolean): readonly RowId[] {
  if (!allAcknowledged) return ['R27', 'R36', 'R45'];
  return finOnSegment ? ['R27', 'R44', 'R47'] : ['R27', 'R35', 'R44', 'R47'];
}
