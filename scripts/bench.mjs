// Benchmark: prints figures, asserts nothing (targets are checked by reading the figures).
//   - recogniser throughput on a generated 200 MB netstat/ss dump, beside `grep -oE` on the same file;
//   - the census CLI on a generated 100 MB dump beside `grep -oE … | sort | uniq -c` (ratio, counts
//     against the generator's tally, the read-once floor), and its peak memory on 20 and 200 MB;
//   - the capture timeline CLI on a generated 100 MB pcap beside `tshark -T fields` (ratio,
//     connections and endings against the generator's tally), and its peak memory on 20 and 200 MB;
//   - hover computation p50/p99 on lines of 100, 10 000 and 1 000 000 characters;
//   - size of the shipped main bundle and of the VSIX.
// Usage: npm run bench [-- --mb N] [--runs 3] [--no-vscode]
//   --mb N     size of the throughput dump (default 200) and of the census dump and capture (default 100)
//   --runs N   timed runs of each command compared (median of them; default 3)
import * as esbuild from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { censusBench } from './bench-census.mjs';
import { generateDump } from './bench-dump.mjs';
import { fuzzBench } from './bench-fuzz.mjs';
import { timelineBench } from './bench-timeline.mjs';

const args = process.argv.slice(2);
const mbArg = args.indexOf('--mb');
const MB = mbArg >= 0 ? Number(args[mbArg + 1]) : 200;
const CENSUS_MB = mbArg >= 0 ? MB : 100;
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1])) : 3;
const root = join(import.meta.dirname, '..');
const dataDir = join(root, 'bench-data');
const outDir = join(root, 'out', 'bench');
mkdirSync(dataDir, { recursive: true });
mkdirSync(outDir, { recursive: true });

function fmt(n, digits = 1) {
  return n.toFixed(digits);
}

async function loadCore() {
  const outfile = join(outDir, 'core.cjs');
  await esbuild.build({
    entryPoints: [join(root, 'scripts', 'bench-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

async function recogniserThroughput(core, path) {
  const size = statSync(path).size;
  let mentions = 0;
  const scanner = new core.LineScanner(() => mentions++);
  const started = process.hrtime.bigint();
  const stream = createReadStream(path, { highWaterMark: 1 << 20, encoding: 'utf8' });
  for await (const chunk of stream) scanner.push(chunk);
  scanner.end();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { mbps: size / 1e6 / seconds, seconds, mentions };
}

/**
 * Runs a command, reading its output through a pipe (as `… | wc -l` would: grep skips its work
 * when stdout is /dev/null), and returns the time and the number of output lines.
 */
function timePiped(command, commandArgs) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (chunk) => {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.on('error', (error) => resolve({ error }));
    child.on('close', (status) => resolve({ status, lines, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function hoverLatency(core, length) {
  const row = 'tcp        0      0 10.0.0.5:22             203.0.113.9:51234       TIME_WAIT   -';
  let line = row;
  if (length > row.length) {
    const pad = 'x'.repeat(Math.floor((length - row.length) / 2));
    line = `${pad}${row}${pad}`.padEnd(length, 'y');
  }
  line = line.slice(0, Math.max(length, 1));
  const at = line.indexOf('TIME_WAIT') + 3;
  const doc = core.analyseDocument(line.slice(0, 65536));
  const iterations = length >= 1e6 ? 2000 : 20000;
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations + 200; i++) {
    const t0 = process.hrtime.bigint();
    const mention = core.mentionAt(line, at, doc);
    if (!mention) throw new Error(`no mention at ${at} in a ${length}-character line`);
    const md = core.toMarkdown(core.explainState(mention.state, 'en', mention));
    if (md.length < 100) throw new Error('empty hover');
    const t1 = process.hrtime.bigint();
    if (i >= 200) samples[i - 200] = Number(t1 - t0) / 1e6;
  }
  const sorted = Array.from(samples).sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

const GREP_PATTERN =
  'ESTAB(LISHED)?|TIME[-_]WAIT|CLOSE[-_]WAIT|SYN[-_](SENT|RECV)|FIN[-_]WAIT[-_]?[12]|LAST[-_]ACK|LISTEN(ING)?|CLOSING|UNCONN';

console.log('TCP State Lens benchmark');
console.log(`machine: ${process.platform} ${process.arch}, node ${process.version}, ${(await import('node:os')).cpus().length} cores`);

// 1. Sizes (build the VSIX the way users get it).
execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const bundle = statSync(join(root, 'dist', 'extension.js')).size;
const hoverCore = statSync(join(root, 'dist', 'lazy-core.js')).size;
const vsix = statSync(join(root, 'dist', 'tcp-state-lens.vsix')).size;
console.log(`\nsize: main bundle dist/extension.js ${fmt(bundle / 1024)} KB (target < 60 KB)`);
console.log(`      dist/lazy-core.js, loaded on the first hover or diagram, ${fmt(hoverCore / 1024)} KB; VSIX ${fmt(vsix / 1024)} KB`);

// 2. Hover computation.
const core = await loadCore();
console.log('\nhover computation (recognise + explain + render Markdown), English:');
for (const length of [100, 10_000, 1_000_000]) {
  const { p50, p99 } = hoverLatency(core, length);
  console.log(`  line of ${String(length).padStart(9)} chars: p50 ${fmt(p50, 4)} ms, p99 ${fmt(p99, 4)} ms${length === 10_000 ? ' (target p99 < 0.5 ms)' : ''}`);
}

// 3. Throughput.
const dump = join(dataDir, `dump-${MB}mb.txt`);
await generateDump(dump, MB);
const size = statSync(dump).size / 1e6;
console.log(`\nthroughput on ${fmt(size)} MB generated netstat/ss/Windows dump (${relative(root, dump)}):`);
const ours = await recogniserThroughput(core, dump);
console.log(`  recogniser (in process):      ${fmt(ours.mbps)} MB/s, ${ours.mentions} mentions, ${fmt(ours.seconds, 2)} s`);
const cli = await timePiped(process.execPath, [join(root, 'dist', 'cli.js'), 'find', dump]);
console.log(`  CLI find (JSON lines, piped):  ${fmt(size / cli.seconds)} MB/s, ${cli.lines} lines, ${fmt(cli.seconds, 2)} s`);
const grep = await timePiped('grep', ['-oE', GREP_PATTERN, dump]);
if (grep.error || grep.status === 2) {
  console.log(`  grep -oE: could not run (${grep.error?.message ?? `exit ${grep.status}`})`);
} else {
  console.log(`  grep -oE (piped):              ${fmt(size / grep.seconds)} MB/s, ${grep.lines} matches, ${fmt(grep.seconds, 2)} s`);
  console.log(`  ratio recogniser / grep -oE:   ${fmt(grep.seconds / ours.seconds, 2)}× (target ≥ 1)`);
  console.log(`  ratio CLI / grep -oE:          ${fmt(grep.seconds / cli.seconds, 2)}×`);
}

// 4. The census, as a user runs it, beside grep | sort | uniq -c; its memory; its floor.
await censusBench({ root, dataDir, mainMb: CENSUS_MB, memoryMbs: [20, 200], runs: RUNS, pattern: GREP_PATTERN });

// 5. The capture timeline, as a user runs it, beside tshark; its memory.
await timelineBench({ root, dataDir, mainMb: CENSUS_MB, memoryMbs: [20, 200], runs: RUNS });

// 5b. The fuzz properties of `npm test` (test/unit/fuzz-*.test.ts), run longer: runs per second.
await fuzzBench({ root });

// 6. In a real VS Code.
if (!args.includes('--no-vscode')) {
  const { measureInVsCode } = await import('./bench-vscode.mjs');
  console.log('\nin a real VS Code (code-server + Chromium, VSIX installed), 3 fresh starts:');
  const runs = await measureInVsCode(join(root, 'dist', 'tcp-state-lens.vsix'));
  runs.forEach((r, i) => console.log(`  run ${i + 1}: workbench ready → first hover shown ${fmt(r.firstHover, 0)} ms (editor shown → hover ${fmt(r.fromOpen, 0)} ms); activation (extension host) ${Number.isNaN(r.activation) ? r.activationText : `${fmt(r.activation, 0)} ms`}; diagram command → SVG in place: first ever ${fmt(r.diagramFirst, 0)} ms (target < 400), re-open ${fmt(r.diagramReopen, 0)} ms (target < 150), first in a later session (layout cached on disk) ${fmt(r.diagramNextSession, 0)} ms; walkthrough step, key → shown: median ${fmt(r.walkthroughSteps[Math.floor(r.walkthroughSteps.length / 2)], 0)} ms, max ${fmt(r.walkthroughSteps.at(-1), 0)} ms, of which the webview's update median ${fmt(r.stepUpdates[Math.floor(r.stepUpdates.length / 2)] ?? NaN, 1)} ms (target < 50); webview: ${r.webview.join('; ')}`));
  const { measureDiagramLayout, formatDiagramLayout } = await import('./bench-diagram-layout.mjs');
  console.log(formatDiagramLayout(await measureDiagramLayout(join(root, 'dist', 'tcp-state-lens.vsix'))));
  const { measureTimelineInVsCode } = await import('./bench-vscode-timeline.mjs');
  const capture = join(dataDir, `capture-${CENSUS_MB}mb.pcap`);
  const timeline = await measureTimelineInVsCode(join(root, 'dist', 'tcp-state-lens.vsix'), capture);
  const paint = (t) => `first row ${fmt(t.firstRow, 0)} ms, whole list ${fmt(t.whole, 0)} ms`;
  console.log(
    `  capture timeline of ${relative(root, capture)}, click in the explorer → list: first open ${paint(timeline.first)}; re-open ${paint(timeline.reopen)} ` +
      `(after the window's first webview, a Markdown preview: ${fmt(timeline.warmUp, 0)} ms, which sets webviews up for every extension)`,
  );
}
