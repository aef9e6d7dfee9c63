// Loads dist/kernel-replay.js (built from src/kernel-replay/) when the explorer first replays on
// the kernel, as load-core.ts does for the core: the sockets' code stays out of the extension's
// entry bundle.
import type * as KernelReplay from '../kernel-replay/index';

let replay: typeof KernelReplay | undefined;

export function loadKernelReplay(): typeof KernelReplay {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  replay ??= require('./kernel-replay.js') as typeof KernelReplay;
  return replay;
}
