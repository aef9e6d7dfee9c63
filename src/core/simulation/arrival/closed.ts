// RFC 9293 §3.10.7.1: a segment arrives where there is no TCB. Anything but a RST is answered
// with a RST, so the peer learns there is no connection: "connection refused" for a SYN, the
// end of a half-open connection otherwise. A RST is never answered. Pure: no `vscode`, no DOM.
import type { EndpointId, Segment } from '../types';
import { seqLength, type World } from '../world';

export function arriveInClosed(world: World, to: EndpointId, segment: Segment): void {
  if (segment.flags.includes('RST')) return world.fire(to, 'R01');
  if (segment.ack === undefined) {
    world.fire(to, 'R02');
    world.send(to, ['RST', 'ACK'], { seq: 0, ack: segment.seq + seqLength(segment) });
  } else {
    world.fire(to, 'R03');
    world.send(to, ['RST'], { seq: segment.ack });
  }
}
