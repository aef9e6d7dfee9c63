// The census part of `npm run bench` (issue 13): `node dist/cli.js census FILE` as a user runs it
// (a whole process, its JSON read through a pipe) beside `grep -oE '<states>' FILE | sort | uniq -c`
// on the same generated dump, in the same run; its counts against the generator's reference;
// its peak memory on a small and a large dump (flat: it streams); and how far it is from
// reading the file once. Prints figures, asserts nothing.
import { join, relative } from 'node:path';
import { generateDump } from './bench-dump.mjs';
import { memoryProbe, run, seconds, stats } from './bench-process.mjs';

/** What grep prints for each canonical state (and UNCONN, which is no TCP state). */
function canonicalOf(spelling) {
  const s = spelling.replace(/_/g, '-');
  if (s === 'ESTAB' || s === 'ESTABLISHED') return 'ESTABLISHED';
  if (s === 'LISTEN' || s === 'LISTENING') return 'LISTEN';
  if (s === 'SYN-RECV') return 'SYN-RECEIVED';
  const fin = /^FIN-WAIT-?([12])$/.exec(s);
  if (fin) return `FIN-WAIT-${fin[1]}`;
  if (['TIME-WAIT', 'CLOSE-WAIT', 'SYN-SENT', 'LAST-ACK', 'CLOSING'].includes(s)) return s;
  return undefined;
}

/** The first state whose counts differ, or undefined when they are equal. */
function firstDifference(counts, reference) {
  for (const state of new Set([...Object.keys(reference), ...Object.keys(counts)])) {
    if ((counts[state] ?? 0) !== (reference[state] ?? 0)) return `${state}: ${counts[state] ?? 0}, reference ${reference[state] ?? 0}`;
  }
  return undefined;
}

const agreement = (counts, reference) => {
  const difference = firstDifference(counts, reference);
  return difference ? `no (first difference ${difference})` : 'yes';
};

/**
 * @param {{ root: string, dataDir: string, mainMb: number, memoryMbs: number[], runs: number, pattern: string }} options
 */
export async function censusBench({ root, dataDir, mainMb, memoryMbs, runs, pattern }) {
  const cli = join(root, 'dist', 'cli.js');
  const readOnce = join(root, 'scripts', 'bench-read-once.mjs');
  const dumpOf = (mb) => join(dataDir, `dump-${mb}mb.txt`);
  const main = dumpOf(mainMb);
  const reference = await generateDump(main, mainMb);
  const shown = relative(root, main);
  console.log(`\ncensus of a ${(reference.bytes / 1e6).toFixed(1)} MB generated dump (${shown}, ${reference.rows} rows; reference: the generator's own tally, ${shown}.counts.json), ${runs} runs each:`);

  // Interleaved, so a machine that slows down or speeds up during the run weighs on both alike.
  const census = [];
  const pipeline = [];
  const floor = [];
  const bytesFloor = [];
  const tokensFloor = [];
  let censusCounts;
  let pipelineOutput = '';
  let floorLines;
  for (let i = 0; i < runs; i++) {
    const ours = await run(process.execPath, [cli, 'census', main]);
    if (ours.error || ours.status !== 0) {
      console.log(`  census: could not run (${ours.error?.message ?? `exit ${ours.status}`})`);
      return;
    }
    census.push(ours.seconds);
    censusCounts = JSON.parse(ours.stdout).counts;
    const theirs = await run('sh', ['-c', 'grep -oE "$1" "$2" | sort | uniq -c', 'sh', pattern, main]);
    if (!theirs.error && theirs.status === 0) {
      pipeline.push(theirs.seconds);
      pipelineOutput = theirs.stdout;
    }
    const once = await run(process.execPath, [readOnce, main]);
    floor.push(once.seconds);
    floorLines = Number(once.stdout);
    // The census reads a UTF-8 dump as bytes and decodes only the lines it cannot read so: its own floor.
    bytesFloor.push((await run(process.execPath, [readOnce, '--bytes', main])).seconds);
    tokensFloor.push((await run(process.execPath, [readOnce, '--tokens', main])).seconds);
  }
  const c = stats(census);
  const f = stats(floor);
  console.log(`  node dist/cli.js census FILE (JSON, piped):         ${seconds(c)} (${(reference.bytes / 1e6 / c.median).toFixed(0)} MB/s)`);
  console.log(`    counts equal to the reference: ${agreement(censusCounts, reference.counts)}`);
  if (pipeline.length) {
    const p = stats(pipeline);
    const grepCounts = {};
    const other = [];
    for (const line of pipelineOutput.split('\n')) {
      const m = /^\s*(\d+) (\S+)$/.exec(line);
      if (!m) continue;
      const state = canonicalOf(m[2]);
      if (state) grepCounts[state] = (grepCounts[state] ?? 0) + Number(m[1]);
      else other.push(`${m[2]} ${m[1]}`);
    }
    console.log(`  sh -c "grep -oE '<states>' FILE | sort | uniq -c":  ${seconds(p)} (LANG=${process.env.LC_ALL || process.env.LANG || 'unset'})`);
    console.log(`    its spellings mapped to states, totals equal to the reference: ${agreement(grepCounts, reference.counts)}${other.length ? `; not TCP states: ${other.join(', ')}` : ''}`);
    console.log(`  ratio pipeline / census: ${(p.median / c.median).toFixed(2)}× (target ≥ 5)`);
  } else {
    console.log('  grep | sort | uniq -c: could not run');
  }
  console.log(`  read-once floor (node, createReadStream + the CLI's decoding, counting ${floorLines} newlines): ${seconds(f)}`);
  const b = stats(bytesFloor);
  console.log(`  read-once floor, bytes only (the same chunks, newlines counted in the bytes: what the census's byte path cannot go below): ${seconds(b)}`);
  const t = stats(tokensFloor);
  console.log(`  tokens floor (the same bytes, every line cut into its tokens and each token hashed, nothing counted: the least a census of the columns does, in one JavaScript thread): ${seconds(t)}`);
  console.log(`  census / floor: ${(c.median / f.median).toFixed(2)}× the read-once floor (text), ${(c.median / b.median).toFixed(2)}× the bytes-only floor, ${(c.median / t.median).toFixed(2)}× the tokens floor`);
  if (pipeline.length) console.log(`  ratio pipeline / tokens floor: ${(stats(pipeline).median / t.median).toFixed(2)}× (what a census as fast as the tokens floor would reach)`);

  // Peak memory: flat in the file size when the census streams.
  const probe = memoryProbe(root);
  const peaks = [];
  for (const mb of memoryMbs) {
    const path = dumpOf(mb);
    const ref = await generateDump(path, mb);
    const [command, commandArgs] = probe.command([cli, 'census', path]);
    const measured = await run(command, commandArgs, { stderr: true });
    const peakKb = probe.peakKb(measured.stderr);
    const equal = measured.status === 0 ? agreement(JSON.parse(measured.stdout).counts, ref.counts) : `exit ${measured.status}`;
    peaks.push({ mb: ref.bytes / 1e6, peakKb });
    console.log(`  peak memory, census of ${(ref.bytes / 1e6).toFixed(0).padStart(3)} MB: ${(peakKb / 1024).toFixed(1)} MB RSS (counts equal to the reference: ${equal})`);
  }
  if (peaks.length >= 2) {
    const [small, large] = [peaks[0], peaks[peaks.length - 1]];
    console.log(`  peak at ${large.mb.toFixed(0)} MB / peak at ${small.mb.toFixed(0)} MB: ${(large.peakKb / small.peakKb).toFixed(2)}× for ${(large.mb / small.mb).toFixed(0)}× the size (target ≤ 1.5: flat; read with ${probe.name})`);
  }
}
