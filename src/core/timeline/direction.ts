// What the timeline remembers of one direction of a connection (what one endpoint sent): its
// sequence line, how far it has sent, what it last acknowledged, its FIN. A few numbers, so a
// connection's memory does not grow with its segments. Pure: no `vscode`, no DOM, no Node APIs.
import { SequenceSpace } from './sequence-space';

export class Direction {
  /** The line of this endpoint's sequence numbers (and of the peer's acknowledgments of them). */
  readonly space = new SequenceSpace();
  segments = 0;
  bytes = 0;
  /** One past the highest sequence number sent (SYN and FIN count one each), on the line. */
  sentEnd: number | undefined;
  /** The last segment's ACK (on the peer's line), SEQ (on this line) and window, for duplicate ACKs. */
  lastAck: number | undefined;
  lastSeq: number | undefined;
  lastWindow: number | undefined;
  /** One past this endpoint's FIN, on the line; undefined until a FIN is sent. */
  finEnd: number | undefined;
  /** The peer acknowledged the FIN. */
  finAcked = false;
  sentSyn = false;
  sentRst = false;
}

/** The sequence space a segment takes: its data, plus one each for SYN and FIN (RFC 9293 §3.3). */
export function sequenceLength(segment: { readonly len: number; readonly syn: boolean; readonly fin: boolean }): number {
  return segment.len + (segment.syn ? 1 : 0) + (segment.fin ? 1 : 0);
}

export function takesSequenceSpace(segment: { readonly len: number; readonly syn: boolean; readonly fin: boolean }): boolean {
  return sequenceLength(segment) > 0;
}
