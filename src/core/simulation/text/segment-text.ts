// A segment as the walkthrough writes it everywhere (arrows, narration, segments in flight):
// its flags, then the numbers a reader follows. The same in every language. Pure.
import type { Segment } from '../types';

export function segmentText(segment: Pick<Segment, 'flags' | 'seq' | 'ack' | 'len'>): string {
  const parts = [segment.flags.join(','), `seq=${segment.seq}`];
  if (segment.ack !== undefined) parts.push(`ack=${segment.ack}`);
  if (segment.len > 0) parts.push(`len=${segment.len}`);
  return parts.join(' ');
}
