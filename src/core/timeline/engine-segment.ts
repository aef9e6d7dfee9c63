// An observed segment as the §3.10 engine reads it (simulation/types.ts Segment): its numbers
// on the sequence lines, the four flags the engine acts on. What the text does not print is
// what the sender's TCB says it must be: every segment carries <SEQ=SND.NXT><ACK=RCV.NXT>
// unless it says otherwise (RFC 9293 §3.10.7.4). Pure: no `vscode`, no DOM, no Node APIs.
import type { RfcState } from '../model/states';
import { SYNCHRONIZED_STATES } from '../model/states';
import { flagList } from '../simulation/flag-lists';
import type { EndpointId, Segment } from '../simulation/types';
import type { Tcb } from '../simulation/world';
import type { PlacedSegment } from './marks';

/** SEG.SEQ as the engine reads it: the observed one, else the sender's SND.NXT. */
export function engineSeq(s: PlacedSegment, sender: Readonly<Tcb>): number {
  return s.seq ?? sender.sndNxt;
}

/** SEG.ACK as the engine reads it: none without the ACK flag, else the observed one, else the sender's RCV.NXT. */
export function engineAck(s: PlacedSegment, sender: Readonly<Tcb>): number | undefined {
  return s.ackFlag ? (s.ack ?? sender.rcvNxt) : undefined;
}

/** The segment with the numbers `engineSeq` and `engineAck` gave. */
export function engineSegment(s: PlacedSegment, from: EndpointId, to: EndpointId, seq: number, ack: number | undefined): Segment {
  const flags = flagList(s.syn, s.fin, s.rst, s.ackFlag);
  // Two literals, not a conditional spread: this runs for every segment (see observed-segment.ts).
  return ack !== undefined ? { id: 0, from, to, flags, seq, ack, len: s.len } : { id: 0, from, to, flags, seq, len: s.len };
}

/** An ACK and nothing else: no data, no SYN, FIN or RST. */
export function isPureAck(s: PlacedSegment): boolean {
  return s.ackFlag && !s.syn && !s.fin && !s.rst && s.len === 0;
}

/** Whether the endpoint has a synchronized connection: both ISNs known (§3.10.7.4 groups these). */
export function isSynchronizedState(state: RfcState): boolean {
  return SYNCHRONIZED_STATES.includes(state);
}

/** Whether the engine's segment is the observed one: the same control flags and SEQ. */
export function sameSegment(sent: Segment, s: PlacedSegment): boolean {
  const flags = sent.flags;
  return flags.includes('SYN') === s.syn && flags.includes('FIN') === s.fin && flags.includes('RST') === s.rst && flags.includes('ACK') === s.ackFlag && sent.seq === s.seq;
}
