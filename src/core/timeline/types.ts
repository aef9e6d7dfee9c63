// What the capture timeline hands out (issue 14): the TCP connections of a capture or of tcpdump
// text, and for each segment the state each endpoint was in once it was sent and once it was
// received, as inferred at the capture point by running the §3.10 engine in observer mode.
// Plain data only (numbers, strings, arrays), so the same object crosses to a webview or is
// printed as JSON by the CLI without conversion. Pure: no `vscode`, no DOM, no Node APIs.
import type { SkippedLinkType } from '../capture';
import type { RfcState } from '../model/states';
import type { LinuxDifferenceId } from '../simulation/types';

/** 0: the endpoint that sent the first segment seen (the opener when a SYN was seen), 1: the other. */
export type EndpointIndex = 0 | 1;

/**
 * An inferred state, or 'UNKNOWN' where the capture cannot tell (it joined after the handshake
 * and the segments so far do not show the state).
 */
export type InferredState = RfcState | 'UNKNOWN';

/**
 * What is noted on a segment:
 * - 'retransmission': sequence space already sent by this endpoint is sent again;
 * - 'duplicate-ack': the same ACK again, no data, no window change;
 * - 'out-of-window': fails the receiver's §3.10.7.4 acceptability test;
 * - 'challenge-ack': an ACK answering an in-window RST or SYN that was not exact (RFC 5961 §3.2/§4.2);
 * - 'truncated': the snap length cut the packet (headers are whole, payload is not);
 * - 'keep-alive': SEG.SEQ = SND.NXT − 1 with 0 or 1 byte, sent to elicit an ACK (RFC 9293 §3.8.4);
 * - 'zero-window': the sender advertises a window of 0.
 */
export type SegmentMark = 'retransmission' | 'duplicate-ack' | 'out-of-window' | 'challenge-ack' | 'truncated' | 'keep-alive' | 'zero-window';

export interface TimelineEndpoint {
  /** Address as printed (IPv4 dotted quad, IPv6 RFC 5952). */
  readonly address: string;
  readonly port: number;
  /** `IP:PORT`, IPv6 as `[IP]:PORT`. */
  readonly label: string;
}

export interface TimelineSegment {
  /** Frame number (pcap, pcapng) or line number (tcpdump text), 1-based. */
  readonly index: number;
  /** Nanoseconds since the connection's first segment; undefined without timestamps. */
  readonly offsetNs: number | undefined;
  readonly from: EndpointIndex;
  /** 'SYN', 'SYN,ACK', 'FIN,ACK', 'RST,ACK', 'PSH,ACK', … in the order SYN FIN RST PSH ACK URG ECE CWR. */
  readonly flags: string;
  /** Absolute sequence and acknowledgment numbers; undefined where the text did not print them (ack also without the ACK flag). */
  readonly seq: number | undefined;
  readonly ack: number | undefined;
  /** Relative to each side's ISN (0 is the SYN), as Wireshark shows them; undefined without an ISN. */
  readonly relSeq: number | undefined;
  readonly relAck: number | undefined;
  /** Payload bytes. */
  readonly len: number;
  readonly window: number | undefined;
  readonly marks: readonly SegmentMark[];
  /** Each endpoint's state once this segment has been sent by `from` and received by the other. */
  readonly states: readonly [InferredState, InferredState];
  /** The §3.10 transition rows this segment fired, as the table names them. */
  readonly rows: readonly string[];
  /**
   * With the 'linux' profile, where Linux explains this segment otherwise than RFC 9293
   * (simulation/types.ts LinuxDifferenceId): an abort's RST carrying ACK; a RST after data
   * arrived, which Linux also sends on close() with unread data or on data after close() (the
   * capture cannot show whether the data was read). Absent when there is none.
   */
  readonly linuxDifferences?: readonly LinuxDifferenceId[];
}

/**
 * How the connection ended, as far as the capture shows:
 * 'fin' (both FINs acknowledged), 'rst' (a RST was taken: an abort, or accepted by its
 * receiver; one answered by a challenge ACK or outside the window does not count), 'refused'
 * (SYN answered by RST), 'open' (still open when the capture ends), 'half-closed' (a FIN one way
 * only, or the last FIN's ACK not in the capture), 'no-answer' (SYN never answered).
 */
export type ConnectionEnding = 'fin' | 'rst' | 'refused' | 'open' | 'half-closed' | 'no-answer';

export interface TimelineConnection {
  /** 0, 1, 2… in the order connections were first seen. */
  readonly id: number;
  readonly endpoints: readonly [TimelineEndpoint, TimelineEndpoint];
  /** Nanoseconds since 1970 of the first segment, as a decimal string (bigint-safe for JSON); undefined without timestamps. */
  readonly startNs: string | undefined;
  /** Last segment minus first, nanoseconds. */
  readonly durationNs: number | undefined;
  /** Segments and payload bytes each endpoint sent. */
  readonly segments: readonly [number, number];
  readonly bytes: readonly [number, number];
  /** The endpoint that sent the first SYN; undefined when the capture joined mid-stream. */
  readonly opener: EndpointIndex | undefined;
  /** The endpoint that sent the first FIN or RST; undefined when neither did. */
  readonly firstCloser: EndpointIndex | undefined;
  readonly ending: ConnectionEnding;
  /** The capture began after the handshake: the first states are UNKNOWN. */
  readonly joinedMidStream: boolean;
  /** Each endpoint's states in order, consecutive repeats removed, UNKNOWN included where it was. */
  readonly states: readonly [readonly InferredState[], readonly InferredState[]];
  readonly retransmissions: number;
  readonly segmentList: readonly TimelineSegment[];
}

export interface Timeline {
  readonly source: 'pcap' | 'pcapng' | 'tcpdump-text';
  readonly connections: readonly TimelineConnection[];
  /** TCP segments read, and those that belong to no connection shown (e.g. cut before the ports). */
  readonly tcpSegments: number;
  /** Why reading stopped early (with the byte offset or line), if it did. */
  readonly error: string | undefined;
  /** Frames of link types the reader does not decode (802.11 radiotap, PPP, …), by link type; a pcap or pcapng file only. */
  readonly skippedLinkTypes?: readonly SkippedLinkType[];
  /** Behaviour used where Linux and RFC 9293 differ. */
  readonly profile: 'rfc9293' | 'linux';
}
