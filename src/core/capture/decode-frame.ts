// One frame to one TCP segment, through the link layer, IP and TCP. Anything else says why it
// was skipped, so the reader can count it.
import type { RawFrame } from './frame';
import { parseIp, PROTOCOL_TCP } from './ip';
import { ipPayloadOf } from './link-layer';
import { parseTcpHeader } from './tcp-segment';
import type { CapturedSegment } from './types';

export type FrameOutcome = CapturedSegment | 'not-tcp' | 'undecodable';

export function decodeFrame(frame: RawFrame, index: number): FrameOutcome {
  const { data } = frame;
  const link = ipPayloadOf(frame.linkType, data);
  if (link === undefined) return 'not-tcp';
  const ip = parseIp(link.version, data, link.start, frame.originalLength - link.start);
  if (ip === 'cut') return 'undecodable';
  if (ip.protocol !== PROTOCOL_TCP || ip.fragment === 'later') return 'not-tcp';
  const tcp = parseTcpHeader(data, ip.payloadStart);
  if (tcp === undefined) return 'undecodable';
  // Every field written out, not `...tcp`: V8 builds a spread literal slowly, and this runs once per segment.
  return {
    index,
    timestampNs: frame.timestampNs,
    interfaceId: frame.interfaceId,
    ipVersion: ip.version,
    src: ip.src,
    dst: ip.dst,
    srcPort: tcp.srcPort,
    dstPort: tcp.dstPort,
    seq: tcp.seq,
    ack: tcp.ack,
    flags: tcp.flags,
    flagBits: tcp.flagBits,
    window: tcp.window,
    headerLength: tcp.headerLength,
    options: tcp.options,
    payloadLength: Math.max(ip.payloadLength - tcp.headerLength, 0),
    truncated: data.length < frame.originalLength,
    fragment: ip.fragment === 'first',
  };
}
