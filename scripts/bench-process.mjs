// What the benchmark's sections share: running a whole process as a user would (its output read
// through a pipe), summarising repeated timings, and reading a child's peak memory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs a process and collects its stdout through a pipe (and stderr when asked); resolves with
 * the wall time from spawn to exit.
 */
export function run(command, commandArgs, { stderr = false } = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', stderr ? 'pipe' : 'inherit'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr?.on('data', (chunk) => err.push(chunk));
    child.on('error', (error) => resolve({ error }));
    child.on('close', (status) => {
      resolve({ status, seconds: Number(process.hrtime.bigint() - started) / 1e9, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  // Of an even count, the mean of the two in the middle.
  const median = Number.isInteger(mid) ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[Math.floor(mid)];
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

export const seconds = (s) => `min ${s.min.toFixed(2)} s, median ${s.median.toFixed(2)} s, max ${s.max.toFixed(2)} s`;

/** How the peak RSS of a child is read here: GNU time's -v, else a preloaded script. */
export function memoryProbe(root) {
  if (existsSync('/usr/bin/time') && /Maximum resident set size/.test(spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' }).stderr ?? '')) {
    return {
      name: '/usr/bin/time -v',
      command: (args) => ['/usr/bin/time', ['-v', process.execPath, ...args]],
      peakKb: (stderr) => Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]),
    };
  }
  const preload = pathToFileURL(join(root, 'scripts', 'bench-maxrss.mjs')).href;
  return {
    name: 'process.resourceUsage().maxRSS (preloaded)',
    command: (args) => [process.execPath, ['--import', preload, ...args]],
    peakKb: (stderr) => Number(/bench-maxrss-kb (\d+)/.exec(stderr)?.[1]),
  };
}
