// One simulated segment as the bytes a wire would carry: an IPv4 header and a TCP header with
// real lengths and checksums, then the data as zeros. The capture export (pcap-export.ts) puts
// one in each frame. Minimal on purpose: no IP options, the only TCP option the MSS of a SYN;
// the test writer (test/unit/capture-writer.ts) builds broken and unusual headers, this builds
// the one valid kind. Pure: no `vscode`, no DOM, no Node APIs.
import type { EndpointId, Segment } from '../../simulation/types';

/** Where each endpoint is on the wire: RFC 5737 documentation addresses (TEST-NET-1), a client port and HTTP's. */
export const WIRE_ENDPOINTS: Readonly<Record<EndpointId, { readonly address: readonly [number, number, number, number]; readonly port: number }>> = {
  client: { address: [192, 0, 2, 1], port: 40000 },
  server: { address: [192, 0, 2, 2], port: 80 },
};

/** What the export puts in every segment the simulator does not model. */
const WINDOW = 65535;
const TTL = 64;
/** RFC 9293 §3.7.1 (SHLD-5): a SYN says its MSS; 1460 is Ethernet's 1500 less 40 bytes of headers. */
const MSS = 1460;
const IP_HEADER = 20;
const TCP_HEADER = 20;
const PROTOCOL_TCP = 6;
/** Don't Fragment, as Linux sets it on TCP (path MTU discovery). */
const DONT_FRAGMENT = 0x4000;

const FLAG_BITS = { FIN: 0x01, SYN: 0x02, RST: 0x04, ACK: 0x10 } as const;
/** PSH: Linux sets it on the last segment of a write, and each of the simulator's sends is one segment. */
const PSH = 0x08;

/** The RFC 1071 sum: 16-bit words (a last odd byte padded with zero), carries folded back in. */
function onesComplementSum(bytes: Uint8Array, start: number, end: number, sum = 0): number {
  for (let at = start; at < end; at += 2) sum += (bytes[at]! << 8) | (at + 1 < end ? bytes[at + 1]! : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

function put16(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = (value >>> 8) & 0xff;
  bytes[at + 1] = value & 0xff;
}

function put32(bytes: Uint8Array, at: number, value: number): void {
  put16(bytes, at, (value >>> 16) & 0xffff);
  put16(bytes, at + 2, value & 0xffff);
}

/**
 * The IPv4 packet of `segment` from `from` to `to`; `ipId` is the IP identification (the frame
 * number: any value does with DF set, RFC 6864). Sequence numbers are the simulator's, absolute.
 */
export function ipv4TcpPacket(segment: Pick<Segment, 'flags' | 'seq' | 'ack' | 'len'>, from: EndpointId, to: EndpointId, ipId: number): Uint8Array {
  const syn = segment.flags.includes('SYN');
  const tcpLength = TCP_HEADER + (syn ? 4 : 0);
  const total = IP_HEADER + tcpLength + segment.len;
  const bytes = new Uint8Array(total);
  const src = WIRE_ENDPOINTS[from];
  const dst = WIRE_ENDPOINTS[to];
  // IPv4 (RFC 791): version 4, header length 5 words, total length, id, DF, TTL, TCP, checksum.
  bytes[0] = 0x45;
  put16(bytes, 2, total);
  put16(bytes, 4, ipId & 0xffff);
  put16(bytes, 6, DONT_FRAGMENT);
  bytes[8] = TTL;
  bytes[9] = PROTOCOL_TCP;
  bytes.set(src.address, 12);
  bytes.set(dst.address, 16);
  put16(bytes, 10, ~onesComplementSum(bytes, 0, IP_HEADER) & 0xffff);
  // TCP (RFC 9293 §3.1).
  const t = IP_HEADER;
  put16(bytes, t, src.port);
  put16(bytes, t + 2, dst.port);
  put32(bytes, t + 4, segment.seq >>> 0);
  put32(bytes, t + 8, (segment.ack ?? 0) >>> 0);
  bytes[t + 12] = (tcpLength / 4) << 4;
  bytes[t + 13] = segment.flags.reduce((bits, flag) => bits | FLAG_BITS[flag], segment.len > 0 ? PSH : 0);
  put16(bytes, t + 14, WINDOW);
  if (syn) {
    bytes[t + 20] = 2;
    bytes[t + 21] = 4;
    put16(bytes, t + 22, MSS);
  }
  // The checksum covers a pseudo-header (addresses, protocol, TCP length), the header and the data.
  const pseudo = new Uint8Array(12);
  pseudo.set(src.address, 0);
  pseudo.set(dst.address, 4);
  pseudo[9] = PROTOCOL_TCP;
  put16(pseudo, 10, tcpLength + segment.len);
  put16(bytes, t + 16, ~onesComplementSum(bytes, t, total, onesComplementSum(pseudo, 0, 12)) & 0xffff);
  return bytes;
}
