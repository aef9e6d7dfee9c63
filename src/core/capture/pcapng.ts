// pcapng: a sequence of blocks, each `type, total length, body, total length again`. A section
// header block starts each section and sets its byte order; interface description blocks
// number the section's interfaces (link type, snap length, timestamp unit and offset); enhanced,
// simple and the old packet blocks carry packets. Every other block is skipped by its length.
import { CaptureError, hex } from './capture-error';
import { MAX_BLOCK_BYTES, viewOf, type FormatParser, type FormatStep, type RawFrame } from './frame';
import { MICROSECOND_TICKS, tickUnitOf, ticksToNs, type TickUnit } from './pcapng-time';

export const SECTION_HEADER_TYPE = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const INTERFACE_DESCRIPTION = 0x00000001;
const OBSOLETE_PACKET = 0x00000002;
const SIMPLE_PACKET = 0x00000003;
const ENHANCED_PACKET = 0x00000006;
const OPTION_END = 0;
const OPTION_TSRESOL = 9;
const OPTION_TSOFFSET = 14;
const MIN_BLOCK_BYTES = 12;

interface Interface {
  readonly linkType: number;
  readonly snapLength: number;
  readonly tickUnit: TickUnit;
  readonly offsetSeconds: bigint;
}

export class PcapngParser implements FormatParser {
  readonly format = 'pcapng';
  readonly headerBytes = MIN_BLOCK_BYTES;
  private littleEndian = true;
  private interfaces: Interface[] = [];
  private sawSection = false;

  step(bytes: Uint8Array, offset: number): FormatStep {
    const view = viewOf(bytes);
    const type = view.getUint32(0, this.littleEndian);
    // The section header's type reads the same in both byte orders: that is how a reader
    // finds the next section before it knows the section's byte order.
    if (view.getUint32(0, false) === SECTION_HEADER_TYPE) this.startSection(view, offset);
    else if (!this.sawSection) throw new CaptureError({ en: `pcapng file does not start with a section header block at byte ${offset}`, 'zh-cn': `pcapng 文件第 ${offset} 字节处不是以节头块开始` }, offset);
    const le = this.littleEndian;
    const length = view.getUint32(4, le);
    if (length < MIN_BLOCK_BYTES) throw new CaptureError({ en: `block length ${length} at byte ${offset} is smaller than ${MIN_BLOCK_BYTES}`, 'zh-cn': `第 ${offset} 字节处的块长度 ${length} 小于 ${MIN_BLOCK_BYTES}` }, offset);
    if (length % 4 !== 0) throw new CaptureError({ en: `block length ${length} at byte ${offset} is not a multiple of 4`, 'zh-cn': `第 ${offset} 字节处的块长度 ${length} 不是 4 的倍数` }, offset);
    if (length > MAX_BLOCK_BYTES) throw new CaptureError({ en: `block at byte ${offset} claims ${length} bytes, more than the limit (${MAX_BLOCK_BYTES})`, 'zh-cn': `第 ${offset} 字节处的块声称有 ${length} 字节，超过上限（${MAX_BLOCK_BYTES}）` }, offset);
    if (bytes.length < length) return { need: length };
    const trailer = view.getUint32(length - 4, le);
    if (trailer !== length) {
      throw new CaptureError({ en: `block at byte ${offset} says ${length} bytes at its start and ${trailer} at its end`, 'zh-cn': `第 ${offset} 字节处的块开头写着 ${length} 字节，结尾却写着 ${trailer} 字节` }, offset);
    }
    const block = new DataView(bytes.buffer, bytes.byteOffset, length);
    switch (type) {
      case SECTION_HEADER_TYPE:
        return { consumed: length };
      case INTERFACE_DESCRIPTION:
        this.interfaces.push(this.interfaceOf(block, offset));
        return { consumed: length };
      case ENHANCED_PACKET:
        return { consumed: length, frame: this.enhancedPacket(block, offset, 4) };
      case OBSOLETE_PACKET:
        return { consumed: length, frame: this.enhancedPacket(block, offset, 2) };
      case SIMPLE_PACKET:
        return { consumed: length, frame: this.simplePacket(block, offset) };
      default:
        return { consumed: length };
    }
  }

  private startSection(view: DataView, offset: number): void {
    const magic = view.getUint32(8, true);
    if (magic === BYTE_ORDER_MAGIC) this.littleEndian = true;
    else if (view.getUint32(8, false) === BYTE_ORDER_MAGIC) this.littleEndian = false;
    else throw new CaptureError({ en: `section header at byte ${offset}: byte-order magic ${hex(view.getUint32(8, false))} at byte ${offset + 8} is not 0x1a2b3c4d`, 'zh-cn': `第 ${offset} 字节处的节头：第 ${offset + 8} 字节处的字节序魔数 ${hex(view.getUint32(8, false))} 不是 0x1a2b3c4d` }, offset + 8);
    // Interface ids count from 0 again in every section.
    this.interfaces = [];
    this.sawSection = true;
  }

  private interfaceOf(block: DataView, offset: number): Interface {
    const le = this.littleEndian;
    if (block.byteLength < 20) throw new CaptureError({ en: `interface description block at byte ${offset} is ${block.byteLength} bytes, smaller than 20`, 'zh-cn': `第 ${offset} 字节处的接口描述块只有 ${block.byteLength} 字节，小于 20` }, offset);
    const linkType = block.getUint16(8, le);
    const snapLength = block.getUint32(12, le);
    let tickUnit = MICROSECOND_TICKS;
    let offsetSeconds = 0n;
    for (const option of this.options(block, 16, offset)) {
      if (option.code === OPTION_TSRESOL && option.length >= 1) tickUnit = tickUnitOf(block.getUint8(option.at));
      if (option.code === OPTION_TSOFFSET && option.length >= 8) offsetSeconds = block.getBigInt64(option.at, le);
    }
    return { linkType, snapLength, tickUnit, offsetSeconds };
  }

  /** The option list from `start` to the block's trailer: `code, length, value padded to 4`. */
  private *options(block: DataView, start: number, offset: number): Generator<{ code: number; length: number; at: number }> {
    const end = block.byteLength - 4;
    let at = start;
    while (at + 4 <= end) {
      const code = block.getUint16(at, this.littleEndian);
      const length = block.getUint16(at + 2, this.littleEndian);
      if (code === OPTION_END) return;
      if (at + 4 + length > end) throw new CaptureError({ en: `option ${code} at byte ${offset + at} runs past the end of its block`, 'zh-cn': `第 ${offset + at} 字节处的选项 ${code} 超出了所在块的末尾` }, offset + at);
      yield { code, length, at: at + 4 };
      at += 4 + Math.ceil(length / 4) * 4;
    }
  }

  private interfaceAt(id: number, offset: number): Interface {
    const found = this.interfaces[id];
    if (found === undefined) {
      throw new CaptureError({ en: `packet block at byte ${offset} names interface ${id}, but its section describes ${this.interfaces.length}`, 'zh-cn': `第 ${offset} 字节处的数据包块引用接口 ${id}，但所在节只描述了 ${this.interfaces.length} 个接口` }, offset);
    }
    return found;
  }

  /** Enhanced (id 32 bits) and obsolete (id 16 bits, drop count 16 bits) packet blocks. */
  private enhancedPacket(block: DataView, offset: number, idBytes: 2 | 4): RawFrame {
    const le = this.littleEndian;
    if (block.byteLength < 32) throw new CaptureError({ en: `packet block at byte ${offset} is ${block.byteLength} bytes, too small for its fields`, 'zh-cn': `第 ${offset} 字节处的数据包块只有 ${block.byteLength} 字节，放不下它的字段` }, offset);
    const interfaceId = idBytes === 4 ? block.getUint32(8, le) : block.getUint16(8, le);
    const description = this.interfaceAt(interfaceId, offset);
    const ticks = (BigInt(block.getUint32(12, le)) << 32n) | BigInt(block.getUint32(16, le));
    const captured = block.getUint32(20, le);
    const room = block.byteLength - 32;
    if (captured > room) {
      throw new CaptureError({ en: `packet block at byte ${offset} claims ${captured} captured bytes, but only ${room} fit in the block`, 'zh-cn': `第 ${offset} 字节处的数据包块声称抓到 ${captured} 字节，但块中只容得下 ${room} 字节` }, offset);
    }
    return {
      interfaceId,
      linkType: description.linkType,
      timestampNs: ticksToNs(ticks, description.tickUnit, description.offsetSeconds),
      originalLength: Math.max(block.getUint32(24, le), captured),
      data: new Uint8Array(block.buffer, block.byteOffset + 28, captured),
    };
  }

  /** Interface 0, no timestamp; the captured length is what the snap length and the block allow. */
  private simplePacket(block: DataView, offset: number): RawFrame {
    const description = this.interfaceAt(0, offset);
    const originalLength = block.getUint32(8, this.littleEndian);
    const room = block.byteLength - 16;
    const snap = description.snapLength === 0 ? room : description.snapLength;
    const captured = Math.min(originalLength, snap, room);
    return {
      interfaceId: 0,
      linkType: description.linkType,
      timestampNs: undefined,
      originalLength,
      data: new Uint8Array(block.buffer, block.byteOffset + 12, captured),
    };
  }
}
