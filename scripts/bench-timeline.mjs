// The timeline part of `npm run bench` (issue 14): `node dist/cli.js timeline FILE` as a user runs
// it (a whole process, its output read through a pipe) beside
// `tshark -r FILE -T fields -e tcp.stream -e tcp.flags` on the same generated capture, in the same
// run; its connections against the generator's own tally; and its peak memory on a small and a
// large capture (bounded by the connections open at once: it streams). Prints figures, asserts nothing.
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { generateCapture } from './bench-capture.mjs';
import { memoryProbe, run, seconds, stats } from './bench-process.mjs';

/** How many connections of each ending the CLI's JSON reports, as the generator names them. */
function endingsOf(json) {
  const endings = {};
  for (const connection of json.connections) endings[connection.ending] = (endings[connection.ending] ?? 0) + 1;
  return endings;
}

const same = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * @param {{ root: string, dataDir: string, mainMb: number, memoryMbs: number[], runs: number }} options
 */
export async function timelineBench({ root, dataDir, mainMb, memoryMbs, runs }) {
  const cli = join(root, 'dist', 'cli.js');
  const captureOf = (mb) => join(dataDir, `capture-${mb}mb.pcap`);
  const main = captureOf(mainMb);
  const reference = await generateCapture(main, mainMb);
  console.log(
    `\ntimeline of a ${(reference.bytes / 1e6).toFixed(1)} MB generated capture (${relative(root, main)}: ${reference.packets} packets, ${reference.connections} connections, at most ${reference.concurrent} open at once), ${runs} runs each:`,
  );
  const hasTshark = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
  const ours = [];
  const theirs = [];
  for (let i = 0; i < runs; i++) {
    const r = await run(process.execPath, [cli, 'timeline', main]);
    if (r.error || r.status !== 0) {
      console.log(`  timeline: could not run (${r.error?.message ?? `exit ${r.status}`})`);
      return;
    }
    ours.push(r.seconds);
    if (hasTshark) {
      const t = await run('tshark', ['-r', main, '-T', 'fields', '-e', 'tcp.stream', '-e', 'tcp.flags'], { stderr: true });
      if (!t.error && t.status === 0) theirs.push(t.seconds);
    }
  }
  const o = stats(ours);
  console.log(`  node dist/cli.js timeline FILE (text, piped):   ${seconds(o)} (${(reference.bytes / 1e6 / o.median).toFixed(0)} MB/s)`);
  const json = await run(process.execPath, [cli, 'timeline', '--json', main]);
  if (json.status === 0) {
    const parsed = JSON.parse(json.stdout);
    const endings = endingsOf(parsed);
    console.log(
      `    --json: ${json.seconds.toFixed(2)} s; ${parsed.connections.length} connections (generator: ${reference.connections}), endings ${JSON.stringify(endings)} equal to the generator's: ${same(endings, reference.endings) ? 'yes' : `no (generator ${JSON.stringify(reference.endings)})`}`,
    );
  } else {
    console.log(`    --json: exit ${json.status}`);
  }
  if (theirs.length) {
    const t = stats(theirs);
    console.log(`  tshark -r FILE -T fields -e tcp.stream -e tcp.flags: ${seconds(t)}`);
    console.log(`  ratio tshark / timeline: ${(t.median / o.median).toFixed(2)}× (target ≥ 5)`);
  } else {
    console.log('  tshark: could not run (install Debian package tshark)');
  }

  const probe = memoryProbe(root);
  const peaks = [];
  for (const mb of memoryMbs) {
    const path = captureOf(mb);
    const ref = await generateCapture(path, mb);
    const [command, commandArgs] = probe.command([cli, 'timeline', path]);
    const measured = await run(command, commandArgs, { stderr: true });
    peaks.push({ mb: ref.bytes / 1e6, peakKb: probe.peakKb(measured.stderr) });
    console.log(`  peak memory, timeline of ${(ref.bytes / 1e6).toFixed(0).padStart(3)} MB (${ref.connections} connections): ${(peaks.at(-1).peakKb / 1024).toFixed(1)} MB RSS${measured.status === 0 ? '' : ` (exit ${measured.status})`}`);
  }
  if (peaks.length >= 2) {
    const [small, large] = [peaks[0], peaks.at(-1)];
    console.log(`  peak at ${large.mb.toFixed(0)} MB / peak at ${small.mb.toFixed(0)} MB: ${(large.peakKb / small.peakKb).toFixed(2)}× for ${(large.mb / small.mb).toFixed(0)}× the size and as many connections open at once (target ≤ 1.5: bounded by open connections; read with ${probe.name})`);
  }
}
