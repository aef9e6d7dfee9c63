// The TCP header: ports, sequence and acknowledgment numbers, flags, window, and the options
// a teacher of TCP states cares about (MSS, window scale, SACK, timestamps). The payload length
// comes from the IP length, so a segment cut by the snap length still says how much it carried.
import type { SackBlock, TcpHeader, TcpOptions } from './types';

export const TCP_MIN_HEADER = 20;

const OPTION_END = 0;
const OPTION_NOP = 1;
const OPTION_MSS = 2;
const OPTION_WINDOW_SCALE = 3;
const OPTION_SACK_PERMITTED = 4;
const OPTION_SACK = 5;
const OPTION_TIMESTAMP = 8;

/** The header at `start`, or undefined when fewer than its 20 fixed bytes were captured. */
export function parseTcpHeader(data: Uint8Array, start: number): TcpHeader | undefined {
  if (data.length < start + TCP_MIN_HEADER) return undefined;
  const view = new DataView(data.buffer, data.byteOffset + start, data.length - start);
  const offsetByte = view.getUint8(12);
  const flagByte = view.getUint8(13);
  const flagBits = ((offsetByte & 0x01) << 8) | flagByte;
  const headerLength = (offsetByte >> 4) * 4;
  return {
    srcPort: view.getUint16(0),
    dstPort: view.getUint16(2),
    seq: view.getUint32(4),
    ack: view.getUint32(8),
    flags: {
      fin: (flagByte & 0x01) !== 0,
      syn: (flagByte & 0x02) !== 0,
      rst: (flagByte & 0x04) !== 0,
      psh: (flagByte & 0x08) !== 0,
      ack: (flagByte & 0x10) !== 0,
      urg: (flagByte & 0x20) !== 0,
      ece: (flagByte & 0x40) !== 0,
      cwr: (flagByte & 0x80) !== 0,
      ns: (offsetByte & 0x01) !== 0,
    },
    flagBits,
    window: view.getUint16(14),
    headerLength,
    options: headerLength < TCP_MIN_HEADER ? { malformed: true } : parseOptions(view, headerLength),
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
