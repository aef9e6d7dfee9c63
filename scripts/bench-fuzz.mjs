// The fuzz part of `npm run bench`: the properties of test/unit/fuzz-*.test.ts, which `npm test`
// runs a bounded number of times, run here for longer (about SECONDS in all, shared between them,
// from a fresh seed each batch), printing runs per second for each. Asserts nothing else, but
// fails loudly: a property that fails prints its counterexample, seed and path (replay it with
// TSL_FUZZ_SEED=<seed> TSL_FUZZ_PATH=<path> node --test out/test/unit/<file>.js) and the process
// exits non-zero once the bench is done.
// Alone: node scripts/bench-fuzz.mjs [--seconds 15] [--seed N]
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

/** Bundling a fuzz file for the bench: its `node:test` is a stub, so its tests are only declared, and its FUZZ list is run here. */
const noNodeTest = {
  name: 'no-node-test',
  setup(build) {
    build.onResolve({ filter: /^node:test$/ }, () => ({ path: 'node:test', namespace: 'no-node-test' }));
    build.onLoad({ filter: /.*/, namespace: 'no-node-test' }, () => ({ contents: 'export const test = () => {};', loader: 'js' }));
  },
};

/** Every property of the fuzz files, bundled from their sources (as scripts/build.mjs --tests bundles them, without node:test). */
async function loadProperties(root) {
  const dir = join(root, 'test', 'unit');
  const files = readdirSync(dir).filter((name) => /^fuzz-.+\.test\.ts$/.test(name)).sort();
  const outdir = join(root, 'out', 'bench', 'fuzz');
  await esbuild.build({
    entryPoints: files.map((name) => join(dir, name)),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outdir,
    outExtension: { '.js': '.cjs' },
    plugins: [noNodeTest],
    logLevel: 'warning',
  });
  const properties = [];
  for (const name of files) {
    const module = await import(pathToFileURL(join(outdir, name.replace(/\.ts$/, '.cjs'))).href);
    for (const property of module.FUZZ) properties.push({ file: name.replace(/\.ts$/, '.js'), ...property });
  }
  return properties;
}

/**
 * @param {{ root: string, seconds?: number, seed?: number }} options
 * @returns {Promise<{ failed: number }>}
 */
export async function fuzzBench({ root, seconds = 15, seed = Math.floor(Math.random() * 2 ** 31) }) {
  const properties = await loadProperties(root);
  const budgetMs = (seconds * 1000) / properties.length;
  console.log(`\nfuzz properties of test/unit/fuzz-*.test.ts, ${properties.length} of them, about ${(budgetMs / 1000).toFixed(1)} s each, seeds from ${seed}:`);
  let failed = 0;
  let nextSeed = seed;
  for (const property of properties) {
    let runs = 0;
    let failure;
    const started = performance.now();
    // Batches from their own seeds until the time is up: a tenth of `npm test`'s run count first,
    // then as many runs as the time left holds at the rate so far (at most `npm test`'s count).
    let batch = Math.ceil(property.runs / 10);
    while (!failure && performance.now() - started < budgetMs) {
      failure = property.check(batch, nextSeed);
      nextSeed = (nextSeed + 1) % 2 ** 31;
      runs += batch;
      const perRun = (performance.now() - started) / runs;
      batch = Math.max(1, Math.min(property.runs, Math.floor((budgetMs - (performance.now() - started)) / perRun)));
    }
    const elapsed = (performance.now() - started) / 1000;
    const rate = failure ? 'FAILED' : `${(runs / elapsed).toFixed(0)} runs/s`;
    console.log(`  ${rate.padStart(12)}  ${String(runs).padStart(6)} runs in ${elapsed.toFixed(1)} s (npm test: ${property.runs})  ${property.name}`);
    if (failure) {
      failed++;
      console.log(`${failure.replace(/^/gm, '      ')}\n      replay: TSL_FUZZ_SEED=<seed> TSL_FUZZ_PATH=<path> node --test out/test/unit/${property.file}`);
    }
  }
  if (failed > 0) {
    console.log(`  ${failed} fuzz propert${failed === 1 ? 'y' : 'ies'} FAILED (see above)`);
    process.exitCode = 1;
  }
  return { failed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const value = (flag) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : undefined);
  await fuzzBench({ root: join(import.meta.dirname, '..'), seconds: value('--seconds'), seed: value('--seed') });
}
