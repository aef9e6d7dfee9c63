// The capture reader: classic pcap and pcapng files to TCP segments, in pure TypeScript and in
// a stream of chunks. reader.ts is the entry; the rest are its layers (file formats, link layer,
// IP, TCP).
export { CaptureReader, readCapture, type CaptureEnd } from './reader';
export { CaptureError } from './capture-error';
export { LINKTYPE, linkTypeName, linkTypeText, skippedLinkTypesText } from './link-layer';
export { ipv4Text, ipv6Text } from './ip-address';
export type { CapturedSegment, CaptureSummary, SackBlock, SkippedLinkType, TcpFlags, TcpHeader, TcpOptions, TimestampNs } from './types';
export {
  TcpdumpTextReader,
  readTcpdumpText,
  MAX_LINE_CHARS,
  type TextSegment,
  type TextSummary,
  type TextReaderOptions,
  type TextClock,
  type SkippedLine,
} from './tcpdump-text';
