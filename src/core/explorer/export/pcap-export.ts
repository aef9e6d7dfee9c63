// The explorer's exchange as a capture file, for Wireshark, tcpdump -r, or this project's own
// capture timeline. Where the capture point is decides what a capture shows, so it is fixed
// here: on the wire between the two hosts, where everything put in flight passes — a segment
// at the step it is sent, a copy the network makes at the step it makes it (so a duplicated
// segment is two frames), a stale segment of an earlier connection at the step it appears. The
// network loses segments past that point: a lost segment is in the capture once and is never
// answered. Deliveries show nothing (the segment was seen when it passed).
// Classic little-endian microsecond pcap, LINKTYPE_RAW (101: each frame an IPv4 packet, no link
// header; src/core/capture/link-layer.ts decodes it). Step i is at EPOCH + i × 100 ms.
// Pure: no `vscode`, no DOM, no Node APIs.
import type { EndpointId, Segment, StepFacts } from '../../simulation/types';
import { ipv4TcpPacket } from './wire-packet';

/** 2024-01-01 00:00:00 UTC: any fixed second will do, so the same exchange gives the same bytes. */
export const PCAP_EPOCH_SECONDS = 1_704_067_200;
export const STEP_MICROSECONDS = 100_000;
const LINKTYPE_RAW = 101;
const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const SNAP_LENGTH = 65535;

interface Frame {
  readonly step: number;
  readonly segment: Pick<Segment, 'flags' | 'seq' | 'ack' | 'len'>;
  readonly from: EndpointId;
  readonly to: EndpointId;
}

const other = (endpoint: EndpointId): EndpointId => (endpoint === 'client' ? 'server' : 'client');

/** What passes the capture point in one step, in order. */
function framesOf(step: StepFacts): Frame[] {
  const frames: Frame[] = [];
  const event = step.event;
  // A stale segment belongs to an earlier connection of the same two ports: it comes from the other endpoint's port.
  if (event?.kind === 'inject') {
    frames.push({ step: step.index, segment: { flags: event.flags, seq: event.seq, ack: event.ack, len: 0 }, from: other(event.to), to: event.to });
  }
  for (const segment of step.sent) frames.push({ step: step.index, segment, from: other(segment.to), to: segment.to });
  const copy = step.duplicated;
  if (copy) frames.push({ step: step.index, segment: copy, from: other(copy.to), to: copy.to });
  return frames;
}

/** The exchange's pcap file: one frame per segment put in flight (see the header for where it is seen). */
export function exchangePcap(steps: readonly StepFacts[]): Uint8Array {
  const packets = steps.flatMap(framesOf).map((frame, i) => ({ frame, bytes: ipv4TcpPacket(frame.segment, frame.from, frame.to, i + 1) }));
  const out = new Uint8Array(24 + packets.reduce((sum, p) => sum + 16 + p.bytes.length, 0));
  const view = new DataView(out.buffer);
  // File header: magic, version 2.4, no time zone offset or accuracy, snap length, link type.
  view.setUint32(0, MAGIC_MICROSECONDS, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, SNAP_LENGTH, true);
  view.setUint32(20, LINKTYPE_RAW, true);
  let at = 24;
  for (const { frame, bytes } of packets) {
    const micros = frame.step * STEP_MICROSECONDS;
    view.setUint32(at, PCAP_EPOCH_SECONDS + Math.floor(micros / 1_000_000), true);
    view.setUint32(at + 4, micros % 1_000_000, true);
    view.setUint32(at + 8, bytes.length, true);
    view.setUint32(at + 12, bytes.length, true);
    out.set(bytes, at + 16);
    at += 16 + bytes.length;
  }
  return out;
}
