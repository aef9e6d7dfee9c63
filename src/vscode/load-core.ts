// The core on first use (see src/lazy-core.ts for why it is a separate bundle). The entry says how
// it arrives (provideCore): the Node entry requires dist/lazy-core.js beside it, so activation
// stays small; the browser entry has it bundled in, since a web worker cannot require a file.
import type * as LazyCore from '../lazy-core';

let load: (() => typeof LazyCore) | undefined;
let core: typeof LazyCore | undefined;

export function provideCore(loader: () => typeof LazyCore): void {
  load = loader;
}

export function loadCore(): typeof LazyCore {
  if (!core) {
    if (!load) throw new Error('the core was asked for before the extension entry provided it');
    core = load();
  }
  return core;
}
