// A segment as the walkthrough writes it everywhere (arrows, narration, segments in flight):
// its flags, then the numbers a reader follows. Pure.
import type { Segment } from './types';

export function segmentText(segment: Segment): string {
  const parts = [segment.flags.join(','), `seq=${segment.seq}`];
  if (segment.ack !== undefined) parts.push(`ack=${segment.ack}`);
  if (segment.len > 0) parts.push(`len=${segment.len}`);
  return parts.join(' ');
}
