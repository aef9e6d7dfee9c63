// Loads dist/lazy-core.js on first use (see src/lazy-core.ts for why it is a separate file).
import type * as LazyCore from '../lazy-core';

let core: typeof LazyCore | undefined;

export function loadCore(): typeof LazyCore {
  // A plain require of a sibling bundle: esbuild leaves it alone (external) and Node resolves
  // it next to dist/extension.js. A dynamic import() would make every hover asynchronous.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  core ??= require('./lazy-core.js') as typeof LazyCore;
  return core;
}
