// When a captured segment reached its receiver. The capture point sees a segment on its way;
// the receiver may send before it arrives (segments cross: both FINs of a simultaneous close,
// data both ways at once). So a segment that takes sequence space waits "in flight" until the
// receiver's next segment: if that one takes sequence space too (data, SYN, FIN) or is a RST,
// and its ACK does not cover the waiting one (RFC 9293 §3.10.7.4: an endpoint acknowledges
// what it has received), the two crossed and the waiting one arrives after it was sent; a pure
// ACK changes no state, so what waits arrives before it (whether acknowledged or not: an
// unacceptable segment is answered by a bare ACK). What takes no sequence space (a pure ACK, a
// RST) arrives in capture order, behind what waits before it: one direction is a FIFO.
// Pure: no `vscode`, no DOM.
import { sequenceLength, takesSequenceSpace } from './direction';
import type { PlacedSegment } from './marks';
import type { SegmentRecord } from './observer';

export interface InFlight {
  readonly segment: PlacedSegment;
  readonly record: SegmentRecord;
  /** Capture order, to deliver both directions' leftovers in the order they were seen. */
  readonly order: number;
  /** A RST its sender did not owe as an answer: an abort, if its receiver takes it. */
  readonly abort: boolean;
}

/** At most this many wait per direction: a capture of one direction only must not grow without bound. */
export const MAX_IN_FLIGHT = 256;

/** Whether `waiting` had arrived when its receiver sent `answer`. */
export function arrivedBefore(waiting: PlacedSegment, answer: PlacedSegment): boolean {
  if (!takesSequenceSpace(waiting)) return true;
  if (!takesSequenceSpace(answer) && !answer.rst) return true;
  // A RST without ACK answers the segment whose ACK it takes as its SEQ: <SEQ=SEG.ACK><CTL=RST>
  // (RFC 9293 §3.10.7.1; Linux tcp_v4_send_reset()), e.g. data after close().
  if (answer.rst && !answer.ackFlag) return answer.seq !== undefined && answer.seq === waiting.ack;
  if (!answer.ackFlag || answer.ack === undefined || waiting.seq === undefined) return false;
  return answer.ack >= waiting.seq + sequenceLength(waiting);
}
