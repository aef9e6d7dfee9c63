// RFC 9293 §3.10.7.2: a segment arrives at a listener. A SYN is answered with SYN,ACK and the
// endpoint goes to SYN-RECEIVED; a RST is ignored, anything carrying an ACK is answered with a
// RST, the rest is dropped. Pure: no `vscode`, no DOM.
import type { EndpointId, Segment } from '../types';
import type { World } from '../world';

export function arriveInListen(world: World, to: EndpointId, segment: Segment): void {
  if (segment.flags.includes('RST')) return world.fire(to, 'R04');
  if (segment.ack !== undefined) {
    world.fire(to, 'R05');
    world.send(to, ['RST'], { seq: segment.ack });
    return;
  }
  if (!segment.flags.includes('SYN')) return world.fire(to, 'R08');
  world.fire(to, 'R06');
  const tcb = world.tcb[to];
  // A new ISS for each connection the listener accepts (RFC 9293 Figure 8 uses 300, then 400).
  const iss = world.config.iss[to] + 100 * tcb.incarnation++;
  Object.assign(tcb, { irs: segment.seq, rcvNxt: segment.seq + 1, iss, sndUna: iss, sndNxt: iss, passive: true });
  world.send(to, ['SYN', 'ACK']);
}
