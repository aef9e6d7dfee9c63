// Classic libpcap files: a 24-byte file header, then records of a 16-byte header and the
// packet. The magic number says the byte order (as written, or swapped) and whether the
// second timestamp field counts microseconds or nanoseconds.
import { CaptureError } from './capture-error';
import { MAX_BLOCK_BYTES, MAX_PACKET_BYTES, viewOf, type FormatParser, type FormatStep, type RawFrame } from './frame';

const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;
const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

/** The magic read big-endian, as the first four bytes of the file. */
export function isPcapMagic(bigEndianMagic: number): boolean {
  const swapped = swap32(bigEndianMagic);
  return [MAGIC_MICROSECONDS, MAGIC_NANOSECONDS].some((m) => m === bigEndianMagic || m === swapped);
}

function readU32(bytes: Uint8Array, at: number, littleEndian: boolean): number {
  if (littleEndian) return ((bytes[at + 3]! << 24) | (bytes[at + 2]! << 16) | (bytes[at + 1]! << 8) | bytes[at]!) >>> 0;
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
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
  /** The seconds field of the last record and the same in nanoseconds (see `record`). */
  private lastSeconds = -1;
  private lastSecondsNs = 0n;

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
    if (major !== 2) throw new CaptureError({ en: `pcap version ${major} at byte ${offset + 4} is not 2`, 'zh-cn': `第 ${offset + 4} 字节处的 pcap 版本号为 ${major}，不是 2` }, offset + 4);
    const snapLength = view.getUint32(16, this.littleEndian);
    // The top bits of the link-type field carry FCS information, not the type.
    this.linkType = view.getUint32(20, this.littleEndian) & 0x0fff_ffff;
    // Writers do put records a little over a 0 or small snap length; the hard cap stops a
    // damaged header from making the reader wait for gigabytes.
    this.recordLimit = Math.min(Math.max(snapLength, MAX_PACKET_BYTES), MAX_BLOCK_BYTES);
    this.sawFileHeader = true;
    return { consumed: FILE_HEADER_BYTES };
  }

  /**
   * A record's step and frame, one object each for the whole file, filled in again for each
   * record: the reader reads them before asking for the next step (frame.ts), and a capture
   * has millions of records.
   */
  private readonly frame: { interfaceId: number; linkType: number; timestampNs: bigint; originalLength: number; data: Uint8Array } = {
    interfaceId: 0,
    linkType: 0,
    timestampNs: 0n,
    originalLength: 0,
    data: new Uint8Array(0),
  };
  private readonly recordStep: { consumed: number; frame: RawFrame } = { consumed: 0, frame: this.frame };

  private record(bytes: Uint8Array, offset: number): FormatStep {
    // Read without a DataView or a closure: fewer objects for each of a file's records.
    const le = this.littleEndian;
    const captured = readU32(bytes, 8, le);
    if (captured > this.recordLimit) {
      throw new CaptureError({ en: `record at byte ${offset} claims ${captured} bytes, more than the snap length/limit (${this.recordLimit})`, 'zh-cn': `第 ${offset} 字节处的记录声称有 ${captured} 字节，超过抓包长度或上限（${this.recordLimit}）` }, offset);
    }
    const total = RECORD_HEADER_BYTES + captured;
    if (bytes.length < total) return { need: total };
    const seconds = readU32(bytes, 0, le);
    const fraction = readU32(bytes, 4, le);
    // Most records share their second with the one before: its nanoseconds are made once. The
    // fraction in nanoseconds is below 2^32 × 1000, far inside a number's exact integers.
    if (seconds !== this.lastSeconds) {
      this.lastSeconds = seconds;
      this.lastSecondsNs = BigInt(seconds) * 1_000_000_000n;
    }
    const frame = this.frame;
    frame.linkType = this.linkType;
    frame.timestampNs = this.lastSecondsNs + BigInt(this.nanosecondUnits ? fraction : fraction * 1000);
    frame.originalLength = Math.max(readU32(bytes, 12, le), captured);
    frame.data = bytes.subarray(RECORD_HEADER_BYTES, total);
    this.recordStep.consumed = total;
    return this.recordStep;
  }
}
