// IPv4 (header length from IHL, so options are stepped over) and IPv6 (walking the extension
// headers to the upper-layer protocol). Fragments are marked, never reassembled: a first
// fragment still shows its TCP header, a later one has none and is only counted.
import { ipv4Text, ipv6Text } from './ip-address';

export const PROTOCOL_TCP = 6;

const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTHENTICATION = 51;
const DESTINATION_OPTIONS = 60;
const MOBILITY = 135;
const HOST_IDENTITY = 139;
const SHIM6 = 140;
const EIGHT_OCTET_UNIT_HEADERS = [HOP_BY_HOP, ROUTING, DESTINATION_OPTIONS, MOBILITY, HOST_IDENTITY, SHIM6];

export interface IpPacket {
  readonly version: 4 | 6;
  readonly src: string;
  readonly dst: string;
  /** The upper-layer protocol after any extension headers. */
  readonly protocol: number;
  /** Offset of the upper-layer header in the frame's captured bytes. */
  readonly payloadStart: number;
  /** Upper-layer bytes on the wire, from the IP length fields. */
  readonly payloadLength: number;
  /** 'first' and 'later' fragments of a datagram; only a first one has the TCP header. */
  readonly fragment: 'none' | 'first' | 'later';
}

/** 'cut' when the snap length or a broken length leaves the IP headers unreadable. */
export type IpResult = IpPacket | 'cut';

/**
 * `wireBytes` is how many bytes from `start` were on the wire; it stands in for a length field
 * of 0 (TCP segmentation offload writes IPv4 total length 0; IPv6 jumbograms use 0 too).
 */
export function parseIp(version: 4 | 6, data: Uint8Array, start: number, wireBytes: number): IpResult {
  return version === 4 ? parseIpv4(data, start, wireBytes) : parseIpv6(data, start, wireBytes);
}

/**
 * IPv4 addresses already written, by their 32 bits: a capture names a few hosts millions of
 * times, so each packet looks its two texts up instead of building them. Cleared when full,
 * so a scan of many addresses does not grow it without bound.
 */
const IPV4_TEXTS = new Map<number, string>();
const MAX_IPV4_TEXTS = 4096;

function ipv4At(data: Uint8Array, at: number): string {
  const bits = (data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!;
  let text = IPV4_TEXTS.get(bits);
  if (text === undefined) {
    text = ipv4Text(data, at);
    if (IPV4_TEXTS.size >= MAX_IPV4_TEXTS) IPV4_TEXTS.clear();
    IPV4_TEXTS.set(bits, text);
  }
  return text;
}

function u16(data: Uint8Array, at: number): number {
  return (data[at]! << 8) | data[at + 1]!;
}

function parseIpv4(data: Uint8Array, start: number, wireBytes: number): IpResult {
  if (data.length < start + 20 || data[start]! >> 4 !== 4) return 'cut';
  const headerLength = (data[start]! & 0x0f) * 4;
  if (headerLength < 20 || data.length < start + headerLength) return 'cut';
  const declared = u16(data, start + 2);
  const totalLength = declared === 0 ? wireBytes : declared;
  if (totalLength < headerLength) return 'cut';
  const flagsAndOffset = u16(data, start + 6);
  const moreFragments = (flagsAndOffset & 0x2000) !== 0;
  const fragmentOffset = flagsAndOffset & 0x1fff;
  return {
    version: 4,
    src: ipv4At(data, start + 12),
    dst: ipv4At(data, start + 16),
    protocol: data[start + 9]!,
    payloadStart: start + headerLength,
    payloadLength: totalLength - headerLength,
    fragment: fragmentOffset !== 0 ? 'later' : moreFragments ? 'first' : 'none',
  };
}

function parseIpv6(data: Uint8Array, start: number, wireBytes: number): IpResult {
  if (data.length < start + 40 || data[start]! >> 4 !== 6) return 'cut';
  const declared = u16(data, start + 4);
  let remaining = declared === 0 ? wireBytes - 40 : declared;
  let next = data[start + 6]!;
  let at = start + 40;
  let fragment: IpPacket['fragment'] = 'none';
  // Each header is at least 8 bytes and `remaining` shrinks by it, so the walk ends.
  for (;;) {
    let length: number;
    if (EIGHT_OCTET_UNIT_HEADERS.includes(next)) {
      if (data.length < at + 2) return 'cut';
      length = (data[at + 1]! + 1) * 8;
    } else if (next === AUTHENTICATION) {
      if (data.length < at + 2) return 'cut';
      length = (data[at + 1]! + 2) * 4;
    } else if (next === FRAGMENT) {
      if (data.length < at + 8) return 'cut';
      const offsetAndFlags = u16(data, at + 2);
      fragment = offsetAndFlags >> 3 !== 0 ? 'later' : offsetAndFlags & 1 ? 'first' : fragment;
      length = 8;
    } else break;
    if (length > remaining || data.length < at + length) return 'cut';
    next = data[at]!;
    at += length;
    remaining -= length;
  }
  return {
    version: 6,
    src: ipv6Text(data, start + 8),
    dst: ipv6Text(data, start + 24),
    protocol: next,
    payloadStart: at,
    payloadLength: Math.max(remaining, 0),
    fragment,
  };
}
