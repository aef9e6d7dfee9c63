// One segment as a line of a packetdrill script, and the two sequence bases it is numbered
// from. packetdrill (github.com/google/packetdrill) numbers as tcpdump prints: in a segment
// with SYN, seq and ack are absolute; in any other, relative to each side's ISN. The system
// under test's ISN is its SYN's seq as written, here 0 (so its numbers are relative throughout);
// the remote side's is the seq of the first SYN packetdrill injects, written as the simulator's
// ISS. Source: gtests/net/packetdrill/socket.h ("Helpers for translating between script and live
// sequence numbers") and run_packet.c (when each ISN is taken); the grammar of a line is
// Syntax.md's tcp_packet_spec: direction flags start:end(len) [ack N] [win N] [<options>].
// Pure: no `vscode`, no DOM, no Node APIs.
import type { Segment } from '../../simulation/types';

/** The ISNs a script's numbers are relative to; undefined until the SYN that fixes each is in the script. */
export interface SequenceBases {
  /** The system under test's: the seq of the first SYN it sends on this socket. */
  local?: number;
  /** The remote side's: the seq of the first SYN injected to this socket. */
  remote?: number;
}

/** What packetdrill injects: the window is part of the segment, so it is written (the capture export's 65535). */
const INBOUND_WINDOW = 65535;
/** The MSS the capture export also puts on a SYN. */
const MSS = 1460;

/** `value` relative to `base` (0 when not known yet), as an unsigned 32-bit sequence number. */
const relative = (value: number, base: number | undefined): number => (value - (base ?? 0)) >>> 0;

/**
 * tcpdump's flag letters in its order, then '.' for ACK; P (PSH) on data, as Linux sends it on
 * the last segment of a write (the capture export sets it too).
 */
export function flagLetters(segment: Pick<Segment, 'flags' | 'len'>): string {
  const has = (flag: Segment['flags'][number]): boolean => segment.flags.includes(flag);
  return `${has('SYN') ? 'S' : ''}${has('FIN') ? 'F' : ''}${has('RST') ? 'R' : ''}${segment.len > 0 ? 'P' : ''}${has('ACK') ? '.' : ''}`;
}

/**
 * The line's packet part for a segment the system under test receives (`<`) or sends (`>`).
 * Records the ISN a SYN fixes in `bases` first. An outbound segment's window and options are
 * the kernel's own: left out, and `<...>` on a SYN, so packetdrill does not check them.
 */
export function packetLine(segment: Pick<Segment, 'flags' | 'seq' | 'ack' | 'len'>, inbound: boolean, bases: SequenceBases): string {
  const syn = segment.flags.includes('SYN');
  if (syn && inbound) bases.remote ??= segment.seq;
  if (syn && !inbound) bases.local ??= segment.seq;
  const [seqBase, ackBase] = inbound ? [bases.remote, bases.local] : [bases.local, bases.remote];
  // An absolute number in a SYN is the remote side's as it is; the local side's is its offset from the ISN written as 0.
  const seq = syn && inbound ? segment.seq >>> 0 : relative(segment.seq, seqBase);
  const ack = segment.ack === undefined ? undefined : syn && !inbound ? segment.ack >>> 0 : relative(segment.ack, ackBase);
  const parts = [inbound ? '<' : '>', flagLetters(segment), `${seq}:${seq + segment.len}(${segment.len})`];
  if (ack !== undefined) parts.push(`ack ${ack}`);
  if (inbound) parts.push(`win ${INBOUND_WINDOW}`);
  if (syn) parts.push(inbound ? `<mss ${MSS}>` : '<...>');
  return parts.join(' ');
}
