// How a connection ended, from what each endpoint sent: the verdict of the connection list.
// Read at the end (or when the connection is replaced by a new one on the same 4-tuple), in
// this order: a refused SYN, a reset, both FINs acknowledged, one FIN, nothing yet. Pure.
import type { Direction } from './direction';
import type { ConnectionEnding, EndpointIndex } from './types';

/**
 * From each endpoint's direction; `opener`: who sent the first SYN; `answeredWithSyn`: the
 * opener's SYN was answered with SYN,ACK (the handshake got past its first step); `reset`: a RST
 * was taken (an abort, or accepted by its receiver; one challenged or outside the window was
 * not). Positional, not an object: the builder asks after every segment.
 */
export function endingOf(directions: readonly [Direction, Direction], opener: EndpointIndex | undefined, answeredWithSyn: boolean, reset: boolean): ConnectionEnding {
  const [a, b] = directions;
  if (opener !== undefined && !answeredWithSyn) {
    const responder = directions[opener === 0 ? 1 : 0];
    // RFC 9293 §3.10.7.1: a SYN to a port with no listener is answered with RST ("connection refused").
    if (responder.sentRst) return 'refused';
    if (responder.segments === 0) return 'no-answer';
  }
  if (reset) return 'rst';
  if (a.finAcked && b.finAcked) return 'fin';
  if (a.finEnd !== undefined || b.finEnd !== undefined) return 'half-closed';
  return 'open';
}

/** Nothing more can happen on the wire but a new connection: the tuple may be reused by a SYN. */
export function hasEnded(ending: ConnectionEnding): boolean {
  return ending === 'fin' || ending === 'rst' || ending === 'refused';
}
