// The application's calls (RFC 9293 §3.10.1–§3.10.5): which row of the transition table a call
// is in the endpoint's state, and what that row sends. Pure: no `vscode`, no DOM.
import type { RowId } from '../model/transitions';
import { firstRowIn } from './first-row';
import type { EndpointId, UserCall } from './types';
import type { World } from './world';

/**
 * The rows this simulator carries out for each call; the table says in which states each
 * applies, and a call in a state where none does fails. Left out: the refusals ("error:
 * connection closing", U10, U11, U18, U19), SEND or OPEN turning a listener active (U03, U04)
 * and SEND queued before ESTABLISHED (U16): no scenario makes those calls.
 */
export const CALL_ROWS: Readonly<Record<UserCall, readonly RowId[]>> = {
  'passive-open': ['U01'],
  'active-open': ['U02'],
  send: ['U17'],
  // close() and shutdown(SHUT_WR) are both the RFC's CLOSE; they differ only in `orphaned`.
  close: ['U05', 'U06', 'U07', 'U08', 'U09'],
  shutdown: ['U05', 'U06', 'U07', 'U08', 'U09'],
  abort: ['U12', 'U13', 'U14', 'U15'],
  // No RFC call: the application stops reading; no row fires.
  'stop-reading': [],
};

/** Where close() with unread data aborts the connection on Linux: where an ABORT sends RST (U14). */
const ABORT_ROW: RowId = 'U14';

export function userCall(world: World, endpoint: EndpointId, call: UserCall, bytes: number): void {
  const state = world.stateOf(endpoint);
  const tcb = world.tcb[endpoint];
  if (call === 'stop-reading') {
    tcb.reading = false;
    return;
  }
  let row = firstRowIn(state, CALL_ROWS[call]);
  if (!row) throw new Error(`simulator: ${endpoint} cannot ${call} in ${state}`);
  if (call === 'close' || call === 'shutdown') tcb.orphaned = call === 'close';
  // Linux: close() with received data never read aborts instead (RFC 9293 §3.6.1 MAY-1/SHLD-3,
  // tcp_close(): "data_was_unread" → tcp_send_active_reset()).
  if (call === 'close' && world.linux && tcb.unread > 0 && world.applies(endpoint, ABORT_ROW)) {
    world.differ({ id: 'close-with-unread-data', endpoint, rfcRow: row.id, source: 'RFC 9293 §3.6.1 (MAY-1, SHLD-3); Linux net/ipv4/tcp.c __tcp_close(), LINUX_MIB_TCPABORTONCLOSE' });
    row = firstRowIn(state, [ABORT_ROW]) ?? row;
  }
  // ABORT in SYN-RECEIVED … CLOSE-WAIT sends <SEQ=SND.NXT><CTL=RST> before the TCB is deleted.
  // §3.5.2 says a reset connection "should" enter TIME-WAIT; we follow §3.10.5, the normative
  // event processing, as every stack does for close() with SO_LINGER 0 (transitions.ts U14).
  // Linux's RST carries an ACK (tcp_send_active_reset(): TCPHDR_ACK | TCPHDR_RST).
  if (row.id === ABORT_ROW) {
    if (world.linux) {
      world.differ({ id: 'abort-rst-carries-ack', endpoint, rfcRow: ABORT_ROW, source: 'RFC 9293 §3.10.5; Linux net/ipv4/tcp_output.c tcp_send_active_reset()' });
      world.send(endpoint, ['RST', 'ACK'], { seq: tcb.sndNxt, ack: tcb.rcvNxt });
    } else world.send(endpoint, ['RST'], { seq: tcb.sndNxt });
  }
  world.fire(endpoint, row.id);
  switch (row.id) {
    case 'U02': {
      const iss = world.config.iss[endpoint];
      Object.assign(tcb, { iss, sndUna: iss, sndNxt: iss, synRetries: 0 });
      world.send(endpoint, ['SYN']);
      break;
    }
    case 'U17':
      world.send(endpoint, ['ACK'], { len: bytes });
      break;
    case 'U07':
    case 'U08':
    case 'U09':
      world.send(endpoint, ['FIN', 'ACK']);
      break;
  }
}
