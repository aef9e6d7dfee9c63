// The capture timeline's core on first use, provided by the entry as load-core.ts's core is.
import type * as TimelineCore from './timeline-core';

let load: (() => typeof TimelineCore) | undefined;
let core: typeof TimelineCore | undefined;

export function provideTimelineCore(loader: () => typeof TimelineCore): void {
  load = loader;
}

export function loadTimelineCore(): typeof TimelineCore {
  if (!core) {
    if (!load) throw new Error('the timeline core was asked for before the extension entry provided it');
    core = load();
  }
  return core;
}
