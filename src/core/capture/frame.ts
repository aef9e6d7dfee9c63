// What a file format (classic pcap, pcapng) hands to the reader: one packet's bytes and where
// they came from, before any protocol is decoded.
import type { TimestampNs } from './types';

export interface RawFrame {
  readonly interfaceId: number;
  readonly linkType: number;
  readonly timestampNs: TimestampNs;
  /** Bytes on the wire; `data.length` is what was captured. */
  readonly originalLength: number;
  readonly data: Uint8Array;
}

/** Either "give me at least this many bytes" or "these bytes are done (maybe with a packet)". */
export type FormatStep = { readonly need: number } | { readonly consumed: number; readonly frame?: RawFrame };

/**
 * A file format read record by record. `step` is called with at least `headerBytes` bytes at
 * absolute file offset `offset`; it throws CaptureError on damage. A `consumed` step is never
 * 0 bytes and a `need` is always more than it was given, so the reader cannot spin. A step
 * and its frame may be the parser's own objects, filled in again by the next step: read them
 * before asking for it.
 */
export interface FormatParser {
  readonly format: 'pcap' | 'pcapng';
  readonly headerBytes: number;
  step(bytes: Uint8Array, offset: number): FormatStep;
}

/** Largest packet we accept, whatever a header claims: Wireshark's limit for ordinary link types. */
export const MAX_PACKET_BYTES = 262_144;
/** Largest pcapng block (Wireshark's limit too): a claim above this is damage, not a block to wait for. */
export const MAX_BLOCK_BYTES = 16 * 1024 * 1024;

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
