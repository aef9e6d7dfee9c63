// RFC 9293 §3.10.7.3: a segment arrives while our SYN waits for an answer. The ACK is checked
// first (does it acknowledge our SYN?), then RST, then SYN: a SYN,ACK completes the open, a
// bare SYN means both sides opened at once. Pure: no `vscode`, no DOM.
import type { EndpointId, Segment } from '../types';
import type { World } from '../world';

export function arriveInSynSent(world: World, to: EndpointId, segment: Segment): void {
  const tcb = world.tcb[to];
  const iss = tcb.iss ?? 0;
  const ackOk = segment.ack !== undefined && segment.ack > iss && segment.ack <= tcb.sndNxt;
  const rst = segment.flags.includes('RST');
  if (segment.ack !== undefined && !ackOk) {
    if (rst) return world.fire(to, 'R10');
    world.fire(to, 'R09');
    world.send(to, ['RST'], { seq: segment.ack });
    return;
  }
  if (rst) return world.fire(to, ackOk ? 'R11' : 'R10');
  if (!segment.flags.includes('SYN')) return world.fire(to, 'R15');
  tcb.irs = segment.seq;
  tcb.rcvNxt = segment.seq + 1;
  if (ackOk) {
    world.acknowledge(to, segment.ack ?? iss);
    // Linux leaves a FIN on the SYN,ACK for the peer to send again: ACK = SEQ+1, ESTABLISHED
    // (tcp_rcv_synsent_state_process() ends the segment once the handshake is done).
    const fin = segment.flags.includes('FIN') && !world.linux;
    if (segment.flags.includes('FIN') && world.linux) {
      world.differ({ id: 'syn-ack-fin-in-syn-sent', endpoint: to, rfcRow: 'R14', source: 'RFC 9293 §3.10.7.3; Linux net/ipv4/tcp_input.c tcp_rcv_synsent_state_process()' });
    }
    world.fire(to, fin ? 'R14' : 'R12');
    if (fin) tcb.rcvNxt += 1;
    world.sendAck(to);
  } else {
    // Simultaneous open: our SYN crossed theirs. Answer with SYN,ACK reusing our ISS.
    world.fire(to, 'R13');
    world.send(to, ['SYN', 'ACK'], { seq: iss });
  }
}
