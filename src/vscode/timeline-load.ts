// Loads dist/timeline-core.js on first use, as load-core.ts does for the hover's core.
import type * as TimelineCore from './timeline-core';

let core: typeof TimelineCore | undefined;

export function loadTimelineCore(): typeof TimelineCore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  core ??= require('./timeline-core.js') as typeof TimelineCore;
  return core;
}
