// RFC 9293 §3.10.7.4, second: the RST bit. RFC 5961 §3.2: only an exact SEQ = RCV.NXT resets;
// any other RST inside the window gets a challenge ACK, so a blind attacker cannot guess one.
// Pure: no `vscode`, no DOM.
import type { Arrival, Outcome } from './arrival';

export function checkRst(arrival: Arrival): Outcome {
  const { world, to, segment } = arrival;
  if (!segment.flags.includes('RST')) return 'continue';
  const tcb = world.tcb[to];
  if (arrival.seq !== tcb.rcvNxt) {
    world.fire(to, 'R20');
    world.sendAck(to);
    return 'done';
  }
  // RFC 1337: with net.ipv4.tcp_rfc1337 = 1 Linux ignores a RST in TIME-WAIT (no answer); with
  // 0, its default, the RST ends TIME-WAIT as RFC 9293 says (R51).
  if (world.linux && world.config.rfc1337 === 1 && world.stateOf(to) === 'TIME-WAIT') {
    world.differ({ id: 'rst-in-time-wait-ignored', endpoint: to, rfcRow: 'R51', source: 'RFC 1337; RFC 9293 §3.10.7.4 (2); Linux net/ipv4/tcp_minisocks.c tcp_timewait_state_process(), net.ipv4.tcp_rfc1337' });
    return 'done';
  }
  // FreeBSD always does so (tcp_twcheck(): "RFC 1337: drop the RST").
  if (world.config.profile === 'freebsd' && world.stateOf(to) === 'TIME-WAIT') {
    world.differ({ id: 'freebsd-rst-in-time-wait-ignored', endpoint: to, rfcRow: 'R51', source: 'RFC 1337; RFC 9293 §3.10.7.4 (2); FreeBSD sys/netinet/tcp_timewait.c tcp_twcheck(); freebsd-net/tcp-testsuite' });
    return 'done';
  }
  // In SYN-RECEIVED the origin decides: a listener's half-made connection goes back to LISTEN
  // (R18), an active open is refused (R19); every synchronized state goes to CLOSED.
  if (!world.fireFirst(to, [tcb.passive ? 'R18' : 'R19', 'R33', 'R34', 'R51'])) {
    throw new Error(`simulator: no RST row for the ${to} in ${world.stateOf(to)}`);
  }
  return 'done';
}
