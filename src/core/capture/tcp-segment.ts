// The TCP header: ports, sequence and acknowledgment numbers, flags, window, and the options
// a teacher of TCP states cares about (MSS, window scale, SACK, timestamps). The payload length
// comes from the IP length, so a segment cut by the snap length still says how much it carried.
import type { SackBlock, TcpFlags, TcpHeader, TcpOptions } from './types';

export const TCP_MIN_HEADER = 20;

const OPTION_END = 0;
const OPTION_NOP = 1;
const OPTION_MSS = 2;
const OPTION_WINDOW_SCALE = 3;
const OPTION_SACK_PERMITTED = 4;
const OPTION_SACK = 5;
const OPTION_TIMESTAMP = 8;

/**
 * The flags of each of the 512 bit patterns, made once: a capture has a handful of patterns and
 * millions of segments, so each segment shares its pattern's frozen object instead of a new one.
 */
const FLAGS_BY_BITS: readonly TcpFlags[] = Array.from({ length: 512 }, (_, bits) =>
  Object.freeze({
    fin: (bits & 0x01) !== 0,
    syn: (bits & 0x02) !== 0,
    rst: (bits & 0x04) !== 0,
    psh: (bits & 0x08) !== 0,
    ack: (bits & 0x10) !== 0,
    urg: (bits & 0x20) !== 0,
    ece: (bits & 0x40) !== 0,
    cwr: (bits & 0x80) !== 0,
    ns: (bits & 0x100) !== 0,
  }),
);

/** The flags of the 9 flag bits (NS is 0x100), Wireshark's tcp.flags: a shared, frozen object. */
export function flagsFromBits(bits: number): TcpFlags {
  return FLAGS_BY_BITS[bits & 0x1ff]!;
}

/** A header of 20 bytes has no options: all such headers share this one (frozen) empty list. */
const NO_OPTIONS: TcpOptions = Object.freeze({});
const MALFORMED: TcpOptions = Object.freeze({ malformed: true });

const u16 = (data: Uint8Array, at: number): number => (data[at]! << 8) | data[at + 1]!;
const u32 = (data: Uint8Array, at: number): number => ((data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!) >>> 0;

/**
 * The header at `start`, or undefined when fewer than its 20 fixed bytes were captured. Read
 * byte by byte, not through a DataView: this runs once per segment and a view is an object.
 */
export function parseTcpHeader(data: Uint8Array, start: number): TcpHeader | undefined {
  if (data.length < start + TCP_MIN_HEADER) return undefined;
  const offsetByte = data[start + 12]!;
  const flagBits = ((offsetByte & 0x01) << 8) | data[start + 13]!;
  const headerLength = (offsetByte >> 4) * 4;
  return {
    srcPort: u16(data, start),
    dstPort: u16(data, start + 2),
    seq: u32(data, start + 4),
    ack: u32(data, start + 8),
    flags: flagsFromBits(flagBits),
    flagBits,
    window: u16(data, start + 14),
    headerLength,
    options: headerLength < TCP_MIN_HEADER ? MALFORMED : headerLength === TCP_MIN_HEADER ? NO_OPTIONS : parseOptions(new DataView(data.buffer, data.byteOffset + start, data.length - start), headerLength),
  };
}

function parseOptions(view: DataView, headerLength: number): TcpOptions {
  const captured = Math.min(headerLength, view.byteLength);
  const options: {
    mss?: number;
    windowScale?: number;
    sackPermitted?: boolean;
    sack?: SackBlock[];
    timestamp?: { value: number; echoReply: number };
    other?: number[];
    malformed?: boolean;
    cut?: boolean;
  } = {};
  if (captured < headerLength) options.cut = true;
  let at = TCP_MIN_HEADER;
  while (at < captured) {
    const kind = view.getUint8(at);
    if (kind === OPTION_END) break;
    if (kind === OPTION_NOP) {
      at++;
      continue;
    }
    if (at + 1 >= captured) {
      if (captured === headerLength) options.malformed = true;
      break;
    }
    const length = view.getUint8(at + 1);
    if (length < 2 || at + length > headerLength) {
      options.malformed = true;
      break;
    }
    if (at + length > captured) break;
    if (kind === OPTION_MSS && length === 4) options.mss = view.getUint16(at + 2);
    else if (kind === OPTION_WINDOW_SCALE && length === 3) options.windowScale = view.getUint8(at + 2);
    else if (kind === OPTION_SACK_PERMITTED && length === 2) options.sackPermitted = true;
    else if (kind === OPTION_SACK && (length - 2) % 8 === 0) {
      const blocks: SackBlock[] = [];
      for (let b = at + 2; b < at + length; b += 8) blocks.push({ left: view.getUint32(b), right: view.getUint32(b + 4) });
      options.sack = blocks;
    } else if (kind === OPTION_TIMESTAMP && length === 10) {
      options.timestamp = { value: view.getUint32(at + 2), echoReply: view.getUint32(at + 6) };
    } else (options.other ??= []).push(kind);
    at += length;
  }
  return options;
}
