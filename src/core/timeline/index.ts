// The capture timeline (issue 14): the TCP connections of a capture or of tcpdump text, and
// each endpoint's states segment by segment, inferred by running the §3.10 engine in observer
// mode. `TimelineBuilder` takes segments one at a time (from CaptureReader.push or
// TcpdumpTextReader.push) and hands out each connection in `end()` or, with `onConnection`, as
// soon as it is done; the two helpers read a whole file at once. The JSON view is the CLI's
// --json. Pure: no `vscode`, no DOM, no Node APIs.
import { CaptureReader } from '../capture/reader';
import { TcpdumpTextReader } from '../capture/tcpdump-text';
import { TimelineBuilder, type TimelineOptions } from './builder';
import type { Timeline } from './types';

export type * from './types';
export { TimelineBuilder, TIME_WAIT_LEN_NS, type ReadingEnd, type TimelineOptions } from './builder';
export { inputKind, INPUT_KIND_BYTES } from './input-kind';
export { connectionJson, timelineJson, TIME_WAIT_NOTE, type JsonConnection, type JsonEndpoint, type JsonSegment, type JsonTimeline } from './json-view';

/** A pcap or pcapng file's timeline; a damaged file gives the connections read so far and `error`. */
export function timelineOfCapture(bytes: Uint8Array, options: TimelineOptions = {}): Timeline {
  const reader = new CaptureReader();
  const builder = new TimelineBuilder(options);
  for (const segment of reader.push(bytes)) builder.push(segment);
  const end = reader.end();
  return builder.end({ source: end.format ?? 'pcap', error: end.error?.message, skippedLinkTypes: end.skippedLinkTypes });
}

/** tcpdump text's timeline (`tcpdump -nn [-tt] [-S] -r FILE` output, or a selection of it). */
export function timelineOfText(text: string, options: TimelineOptions = {}): Timeline {
  const reader = new TcpdumpTextReader();
  const builder = new TimelineBuilder(options);
  for (const segment of reader.push(text)) builder.push(segment);
  for (const segment of reader.end().last) builder.push(segment);
  return builder.end({ source: 'tcpdump-text' });
}
