// The streaming capture reader. Feed it chunks of any size with `push`; it returns the TCP
// segments those chunks completed and keeps only the unread tail, so a large file never has
// to be in memory at once. `end` says how the file finished. Damage does not throw: the reader
// stops, keeps what it read, and reports a CaptureError with the byte offset.
import { ByteQueue } from './byte-queue';
import { CaptureError, hex } from './capture-error';
import { decodeFrame } from './decode-frame';
import { isDecodedLinkType } from './link-layer';
import type { FormatParser } from './frame';
import { isPcapMagic, PcapParser } from './pcap';
import { PcapngParser, SECTION_HEADER_TYPE } from './pcapng';
import type { CapturedSegment, CaptureSummary } from './types';

const MAGIC_BYTES = 4;

export interface CaptureEnd extends CaptureSummary {
  /** Why reading stopped early; undefined when the file ended cleanly. */
  readonly error: CaptureError | undefined;
}

export class CaptureReader {
  private readonly queue = new ByteQueue();
  private parser: FormatParser | undefined;
  /** File offset of the queue's first byte. */
  private offset = 0;
  private error: CaptureError | undefined;
  private frames = 0;
  private tcpSegments = 0;
  private nonTcp = 0;
  private undecodable = 0;
  /** Frames of link types not decoded, by link type. */
  private readonly skipped = new Map<number, number>();
  /** Bytes the parser asked for before it can take its next step. */
  private wanted = MAGIC_BYTES;

  /** Bytes held back for an incomplete record: never more than one record and one chunk. */
  get bufferedBytes(): number {
    return this.queue.length;
  }

  push(chunk: Uint8Array): CapturedSegment[] {
    const segments: CapturedSegment[] = [];
    if (this.error !== undefined) return segments;
    this.queue.push(chunk);
    try {
      this.drain(segments);
    } catch (caught) {
      if (!(caught instanceof CaptureError)) throw caught;
      this.error = caught;
    }
    return segments;
  }

  end(): CaptureEnd {
    if (this.error === undefined && (this.queue.length > 0 || this.parser === undefined)) this.error = this.endError();
    return {
      format: this.parser?.format,
      frames: this.frames,
      tcpSegments: this.tcpSegments,
      nonTcp: this.nonTcp,
      undecodable: this.undecodable,
      skippedLinkTypes: [...this.skipped].map(([linkType, frames]) => ({ linkType, frames })).sort((a, b) => b.frames - a.frames || a.linkType - b.linkType),
      error: this.error,
    };
  }

  private endError(): CaptureError {
    const have = this.queue.length;
    if (this.parser === undefined) {
      if (this.offset === 0 && have === 0) return new CaptureError({ en: 'not a capture file: the file is empty', 'zh-cn': '不是抓包文件：文件为空' }, 0);
      return new CaptureError({ en: `not a capture file: only ${have} bytes, too short for a magic number at byte 0`, 'zh-cn': `不是抓包文件：只有 ${have} 字节，不够第 0 字节处的魔数` }, 0);
    }
    return new CaptureError({ en: `file ends inside a record at byte ${this.offset}: it needs ${this.wanted} bytes, ${have} are left`, 'zh-cn': `文件在第 ${this.offset} 字节处的记录中途结束：需要 ${this.wanted} 字节，只剩 ${have} 字节` }, this.offset);
  }

  /** A frame that holds no TCP segment: another protocol, or a link type not decoded (counted apart, so the user can be told). */
  private skipFrame(linkType: number): void {
    this.nonTcp++;
    if (!isDecodedLinkType(linkType)) this.skipped.set(linkType, (this.skipped.get(linkType) ?? 0) + 1);
  }

  private drain(segments: CapturedSegment[]): void {
    while (this.queue.length >= this.wanted) {
      const bytes = this.queue.peek(this.wanted);
      if (this.parser === undefined) {
        this.parser = formatOf(bytes);
        this.wanted = this.parser.headerBytes;
        continue;
      }
      const step = this.parser.step(bytes, this.offset);
      if ('need' in step) {
        if (step.need <= bytes.length) throw new Error(`capture parser asked for ${step.need} bytes with ${bytes.length} in hand`);
        this.wanted = step.need;
        continue;
      }
      if (step.consumed <= 0) throw new Error('capture parser consumed no bytes');
      if (step.frame !== undefined) {
        this.frames++;
        const outcome = decodeFrame(step.frame, this.frames);
        if (outcome === 'not-tcp') this.skipFrame(step.frame.linkType);
        else if (outcome === 'undecodable') this.undecodable++;
        else {
          this.tcpSegments++;
          segments.push(outcome);
        }
      }
      this.queue.consume(step.consumed);
      this.offset += step.consumed;
      this.wanted = this.parser.headerBytes;
    }
  }
}

function formatOf(bytes: Uint8Array): FormatParser {
  const magic = new DataView(bytes.buffer, bytes.byteOffset, MAGIC_BYTES).getUint32(0, false);
  if (magic === SECTION_HEADER_TYPE) return new PcapngParser();
  if (isPcapMagic(magic)) return new PcapParser();
  throw new CaptureError({ en: `not a capture file: unknown magic ${hex(magic)} at byte 0`, 'zh-cn': `不是抓包文件：第 0 字节处的魔数 ${hex(magic)} 无法识别` }, 0);
}

/** A whole file in memory at once: every segment, and how the file ended. */
export function readCapture(bytes: Uint8Array): { readonly segments: CapturedSegment[]; readonly end: CaptureEnd } {
  const reader = new CaptureReader();
  const segments = reader.push(bytes);
  return { segments, end: reader.end() };
}
