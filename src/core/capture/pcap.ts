// Classic libpcap files: a 24-byte file header, then records of a 16-byte header and the
// packet. The magic number says the byte order (as written, or swapped) and whether the
// second timestamp field counts microseconds or nanoseconds.
import { CaptureError } from './capture-error';
import { MAX_BLOCK_BYTES, MAX_PACKET_BYTES, viewOf, type FormatParser, type FormatStep } from './frame';

const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;
const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

/** The magic read big-endian, as the first four bytes of the file. */
export function isPcapMagic(bigEndianMagic: number): boolean {
  const swapped = swap32(bigEndianMagic);
  return [MAGIC_MICROSECONDS, MAGIC_NANOSECONDS].some((m) => m === bigEndianMagic || m === swapped);
}

function swap32(value: number): number {
  return (((value & 0xff) << 24) | ((value & 0xff00) << 8) | ((value >>> 8) & 0xff00) | (value >>> 24)) >>> 0;
}

export class PcapParser implements FormatParser {
  readonly format = 'pcap';
  private littleEndian = false;
  private nanosecondUnits = false;
  private linkType = 0;
  private recordLimit = MAX_PACKET_BYTES;
  private sawFileHeader = false;

  get headerBytes(): number {
    return this.sawFileHeader ? RECORD_HEADER_BYTES : FILE_HEADER_BYTES;
  }

  step(bytes: Uint8Array, offset: number): FormatStep {
    return this.sawFileHeader ? this.record(bytes, offset) : this.fileHeader(bytes, offset);
  }

  private fileHeader(bytes: Uint8Array, offset: number): FormatStep {
    const view = viewOf(bytes);
    const magic = view.getUint32(0, false);
    this.littleEndian = magic !== MAGIC_MICROSECONDS && magic !== MAGIC_NANOSECONDS;
    const native = view.getUint32(0, this.littleEndian);
    this.nanosecondUnits = native === MAGIC_NANOSECONDS;
    const major = view.getUint16(4, this.littleEndian);
    if (major !== 2) throw new CaptureError(`pcap version ${major} at byte ${offset + 4} is not 2`, offset + 4);
    const snapLength = view.getUint32(16, this.littleEndian);
    // The top bits of the link-type field carry FCS information, not the type.
    this.linkType = view.getUint32(20, this.littleEndian) & 0x0fff_ffff;
    // Writers do put records a little over a 0 or small snap length; the hard cap stops a
    // damaged header from making the reader wait for gigabytes.
    this.recordLimit = Math.min(Math.max(snapLength, MAX_PACKET_BYTES), MAX_BLOCK_BYTES);
    this.sawFileHeader = true;
    return { consumed: FILE_HEADER_BYTES };
  }

  private record(bytes: Uint8Array, offset: number): FormatStep {
    const view = viewOf(bytes);
    const le = this.littleEndian;
    const captured = view.getUint32(8, le);
    if (captured > this.recordLimit) {
      throw new CaptureError(`record at byte ${offset} claims ${captured} bytes, more than the snap length/limit (${this.recordLimit})`, offset);
    }
    const total = RECORD_HEADER_BYTES + captured;
    if (bytes.length < total) return { need: total };
    const seconds = BigInt(view.getUint32(0, le));
    const fraction = BigInt(view.getUint32(4, le));
    const timestampNs = seconds * 1_000_000_000n + (this.nanosecondUnits ? fraction : fraction * 1000n);
    const originalLength = Math.max(view.getUint32(12, le), captured);
    return {
      consumed: total,
      frame: {
        interfaceId: 0,
        linkType: this.linkType,
        timestampNs,
        originalLength,
        data: bytes.subarray(RECORD_HEADER_BYTES, total),
      },
    };
  }
}
