// What every fuzz-*.test.ts shares: a property becomes a test of `npm test` (bounded runs, the
// seed and path of TSL_FUZZ_SEED / TSL_FUZZ_PATH when set, so a failure can be replayed), and a
// `check` that scripts/bench-fuzz.mjs runs for longer, counting runs per second.
import { test } from 'node:test';
import fc from 'fast-check';

export interface Fuzz {
  readonly name: string;
  readonly runs: number;
  readonly check: (numRuns: number, seed: number) => string | undefined;
}

const [SEED, PATH] = [process.env.TSL_FUZZ_SEED, process.env.TSL_FUZZ_PATH];
const options = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, includeErrorInReport: true, ...(SEED ? { seed: Number(SEED) } : {}), ...(PATH ? { path: PATH } : {}) });

export function fuzz<Ts>(name: string, runs: number, property: fc.IRawProperty<Ts, false>): Fuzz {
  test(name, { timeout: 120_000 }, () => fc.assert(property, options(runs) as fc.Parameters<Ts>));
  return { name, runs, check: (numRuns, seed) => fc.defaultReportMessage(fc.check(property, { numRuns, seed, includeErrorInReport: true })) };
}
