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
  // In SYN-RECEIVED the origin decides: a listener's half-made connection goes back to LISTEN
  // (R18), an active open is refused (R19); every synchronized state goes to CLOSED.
  if (!world.fireFirst(to, [tcb.passive ? 'R18' : 'R19', 'R33', 'R34', 'R51'])) {
    throw new Error(`simulator: no RST row for the ${to} in ${world.stateOf(to)}`);
  }
  return 'done';
}
