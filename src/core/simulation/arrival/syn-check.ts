// RFC 9293 §3.10.7.4, fourth: a SYN still inside the window once the sequence check is done.
// Not a new connection: RFC 5961 §4 answers it with a challenge ACK (a reset would let a blind
// attacker end the connection). Pure: no `vscode`, no DOM.
import type { Arrival, Outcome } from './arrival';

export function checkSyn(arrival: Arrival): Outcome {
  const { world, to } = arrival;
  if (!arrival.syn) return 'continue';
  // A SYN-RECEIVED reached from LISTEN returns there (R21); one reached by an active open is
  // handled as a synchronized state (R22), which answers with a challenge ACK like R31.
  const row = world.fireFirst(to, [world.tcb[to].passive ? 'R21' : 'R22', 'R31']);
  if (row !== 'R21') world.sendAck(to);
  return 'done';
}
