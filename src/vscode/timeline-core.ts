// The capture timeline's core, bundled on its own (dist/timeline-core.js) and loaded when a
// capture or a tcpdump text is first shown (timeline-load.ts): the capture reader, the timeline
// builder and the sequence diagram stay out of the extension's entry bundle and of the hover's.
export { CaptureReader, linkTypeName } from '../core/capture';
export { TimelineBuilder, timelineOfText } from '../core/timeline';
export { sequenceDiagram, SEQUENCE_WORDS, SEGMENT_MARKS } from '../core/views/sequence-diagram';
