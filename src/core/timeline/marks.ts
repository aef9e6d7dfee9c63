// The marks the tracker puts on a segment from the numbers alone (the engine adds
// 'out-of-window' and 'challenge-ack', observer.ts). The rules are Wireshark's where it has one
// (epan/dissectors/packet-tcp.c tcp_analyze_sequence_number()), so a mark means the same in
// both tools. Pure: no `vscode`, no DOM, no Node APIs.
import type { SegmentMark } from './types';
import { takesSequenceSpace, type Direction } from './direction';
import { NO_MARKS } from './record-lists';

/** A segment placed on its sender's line: the inputs of every rule. */
export interface PlacedSegment {
  readonly syn: boolean;
  readonly fin: boolean;
  readonly rst: boolean;
  readonly ackFlag: boolean;
  /** SEQ on the sender's line, ACK on the peer's line; undefined where unknown. */
  readonly seq: number | undefined;
  readonly ack: number | undefined;
  readonly len: number;
  readonly window: number | undefined;
  readonly truncated: boolean;
}

/** Marks from the sender's history before this segment, and the peer's (for duplicate ACKs). */
export function marksOf(segment: PlacedSegment, sender: Direction, peer: Direction): readonly SegmentMark[] {
  const keepAlive = isKeepAlive(segment, sender);
  const retransmission = !keepAlive && isRetransmission(segment, sender);
  const duplicateAck = isDuplicateAck(segment, sender, peer);
  // RFC 9293 §3.8.6.1: a zero window closes the peer's sending; a RST's window means nothing.
  const zeroWindow = segment.window === 0 && !segment.rst;
  // Most segments have no mark: they share the empty list (record-lists.ts).
  if (!keepAlive && !retransmission && !duplicateAck && !zeroWindow && !segment.truncated) return NO_MARKS;
  const marks: SegmentMark[] = [];
  if (retransmission) marks.push('retransmission');
  if (duplicateAck) marks.push('duplicate-ack');
  if (zeroWindow) marks.push('zero-window');
  if (keepAlive) marks.push('keep-alive');
  if (segment.truncated) marks.push('truncated');
  return marks;
}

/** Sequence space this endpoint already sent is sent again (SEG.SEQ below the highest sent). */
function isRetransmission(s: PlacedSegment, sender: Direction): boolean {
  return takesSequenceSpace(s) && s.seq !== undefined && sender.sentEnd !== undefined && s.seq < sender.sentEnd;
}

/**
 * RFC 9293 §3.8.4 (RFC 1122 §4.2.3.6): SEG.SEQ = SND.NXT − 1 with no data or one garbage byte,
 * which the peer must answer with an ACK. Wireshark's rule: length 0 or 1, SEQ one below the
 * next expected, no SYN, FIN or RST.
 */
function isKeepAlive(s: PlacedSegment, sender: Direction): boolean {
  if (s.syn || s.fin || s.rst || s.len > 1 || s.seq === undefined || sender.sentEnd === undefined) return false;
  return s.seq === sender.sentEnd - 1;
}

/**
 * The same ACK again: no data, no SYN/FIN/RST, the same SEQ, ACK and window as this endpoint's
 * last segment, while the peer has sent data beyond it (RFC 5681 §2 "duplicate acknowledgment",
 * conditions (b)–(e); (a), outstanding data, is the last test).
 */
function isDuplicateAck(s: PlacedSegment, sender: Direction, peer: Direction): boolean {
  if (!s.ackFlag || s.syn || s.fin || s.rst || s.len > 0 || s.ack === undefined) return false;
  if (s.ack !== sender.lastAck || s.seq !== sender.lastSeq || s.window !== sender.lastWindow) return false;
  return peer.sentEnd !== undefined && peer.sentEnd > s.ack;
}
