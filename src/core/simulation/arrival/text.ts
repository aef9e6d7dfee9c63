// RFC 9293 §3.10.7.4, sixth and seventh: the URG bit (never set here: the simulator sends no
// urgent data) and the segment text. In-order data is delivered and acknowledged in the states
// that can still receive; the ACK waits when a FIN on the same segment will carry it, or when
// the scenario delays it. Pure: no `vscode`, no DOM.
import type { RowId } from '../../model/transitions';
import { firstRowIn } from '../first-row';
import type { Arrival, Outcome } from './arrival';

/**
 * The in-order data rows, the more specific first (R29 lists FIN-WAIT-2 too). Where neither
 * applies (CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT) the peer has sent its FIN, so text "should
 * not occur" and is ignored.
 */
export const DATA_ROWS: readonly RowId[] = ['R40', 'R29'];

/** Where new data after close() is answered with RST on Linux: the states close() leaves an orphan in before the peer's FIN. */
export const ORPHAN_RECEIVING: ReadonlySet<string> = new Set(['FIN-WAIT-1', 'FIN-WAIT-2']);

export function processText(arrival: Arrival): Outcome {
  const { world, to, segment } = arrival;
  const tcb = world.tcb[to];
  // Data or a FIN that begins beyond RCV.NXT: a segment before it is missing. The model keeps no
  // out-of-order queue: it drops it and sends a duplicate ACK (R55); the sender sends it again.
  // Its ACK was processed (the fifth step). Not when observing a capture, which may simply have
  // missed the segment before it (the observer reads the numbers it sees: timeline/observer.ts).
  if (!world.config.observing && arrival.seq > tcb.rcvNxt && (arrival.len > 0 || segment.flags.includes('FIN'))) {
    world.fire(to, 'R55');
    world.sendAck(to);
    return 'done';
  }
  if (arrival.len > 0 && world.linux && tcb.orphaned && ORPHAN_RECEIVING.has(world.stateOf(to))) {
    // Linux: nobody will read it, so the connection is reset (RFC 9293 §3.6.1 SHLD-3; RFC 1122
    // §4.2.2.13). The RST answers the segment: <SEQ=SEG.ACK><CTL=RST> (tcp_v4_send_reset()).
    const rfcRow = firstRowIn(world.stateOf(to), DATA_ROWS)?.id;
    world.differ({ id: 'data-after-close', endpoint: to, ...(rfcRow ? { rfcRow } : {}), source: 'RFC 9293 §3.6.1 (SHLD-3), RFC 1122 §4.2.2.13; Linux net/ipv4/tcp_input.c tcp_rcv_state_process(), tcp_minisocks.c tcp_timewait_state_process(), LINUX_MIB_TCPABORTONDATA' });
    world.send(to, ['RST'], { seq: segment.ack ?? tcb.sndNxt });
    world.fire(to, 'U14');
    return 'done';
  }
  if (arrival.len === 0 || !world.fireFirst(to, DATA_ROWS)) return 'continue';
  tcb.rcvNxt += arrival.len;
  if (!tcb.reading) tcb.unread += arrival.len;
  if (!segment.flags.includes('FIN')) world.sendAck(to, arrival.delayAck);
  return 'continue';
}
