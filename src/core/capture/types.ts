// What the capture reader hands out. One CapturedSegment per TCP segment in the file; the
// rest of a capture (ARP, UDP, later IP fragments, …) is only counted.

/**
 * Nanoseconds since 1970-01-01 UTC as a bigint. Why a bigint: today's epoch in nanoseconds is
 * about 1.8e18, far past Number's 2^53 exact range, so a number would lose the last digits of
 * a nanosecond capture; a bigint also does the pcapng tick arithmetic (64-bit tick counts,
 * 2^-n resolutions, if_tsoffset) exactly. `undefined` for a simple packet block, which has no
 * timestamp.
 */
export type TimestampNs = bigint | undefined;

export interface TcpFlags {
  readonly fin: boolean;
  readonly syn: boolean;
  readonly rst: boolean;
  readonly psh: boolean;
  readonly ack: boolean;
  readonly urg: boolean;
  readonly ece: boolean;
  readonly cwr: boolean;
  /** The ECN nonce / AccECN bit, the low bit of the data-offset byte. */
  readonly ns: boolean;
}

export interface SackBlock {
  readonly left: number;
  readonly right: number;
}

export interface TcpOptions {
  readonly mss?: number;
  readonly windowScale?: number;
  readonly sackPermitted?: boolean;
  readonly sack?: readonly SackBlock[];
  readonly timestamp?: { readonly value: number; readonly echoReply: number };
  /** Kinds we do not interpret, in order, so nothing is silently lost. */
  readonly other?: readonly number[];
  /** The option list ran past the header or a length was impossible; parsing stopped there. */
  readonly malformed?: boolean;
  /** The snap length cut the option list; what is here is what was captured. */
  readonly cut?: boolean;
}

/** The fields of a TCP header, as parsed from the wire (tcp-segment.ts). */
export interface TcpHeader {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: TcpFlags;
  /** The 9 flag bits as one number (NS is 0x100), the same value as Wireshark's tcp.flags. */
  readonly flagBits: number;
  readonly window: number;
  /** TCP header length in bytes (data offset × 4). */
  readonly headerLength: number;
  readonly options: TcpOptions;
}

/** A TCP segment of a capture: its header, and where and when it was seen. */
export interface CapturedSegment extends TcpHeader {
  /** Frame number in the file, 1-based, counting every packet (TCP or not), as Wireshark does. */
  readonly index: number;
  readonly timestampNs: TimestampNs;
  /** pcapng interface id; 0 for classic pcap. */
  readonly interfaceId: number;
  readonly ipVersion: 4 | 6;
  /** IPv4 dotted quad, IPv6 in RFC 5952 form. */
  readonly src: string;
  readonly dst: string;
  /** Payload bytes on the wire, from the IP length fields, not from what was captured. */
  readonly payloadLength: number;
  /** Fewer bytes were captured than were on the wire (snap length). */
  readonly truncated: boolean;
  /** The IP packet is the first fragment of a fragmented datagram (not reassembled). */
  readonly fragment: boolean;
}

export interface CaptureSummary {
  readonly format: 'pcap' | 'pcapng' | undefined;
  /** Packets seen, TCP or not. */
  readonly frames: number;
  readonly tcpSegments: number;
  /** Packets that are not TCP (other protocols, other link types, later IP fragments). */
  readonly nonTcp: number;
  /** Packets whose headers are broken or cut before the TCP header; counted, skipped. */
  readonly undecodable: number;
  /**
   * Packets skipped because this reader does not decode their link type (802.11 radiotap, PPP,
   * USB, …), by link type, most first; counted in `nonTcp` too. Empty when there were none.
   */
  readonly skippedLinkTypes: readonly SkippedLinkType[];
}

/** How many frames of one link type the reader skipped because it does not decode that link type. */
export interface SkippedLinkType {
  readonly linkType: number;
  readonly frames: number;
}
