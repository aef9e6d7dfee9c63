// The benchmark's generated socket dump: a deterministic mix of Linux netstat, ss and Windows
// netstat rows, and, beside it (`<dump>.counts.json`), how many rows of each canonical state the
// generator wrote: the reference a census must equal. A cached dump keeps its reference; a dump
// without one (or of another size or generator version) is written again, byte for byte the same.
import { createWriteStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/** Bumped whenever the generator's output changes, so a cached dump is never taken for another. */
const GENERATOR_VERSION = 1;

/** Each list: [spelling the tool prints, the core's StateId]. */
const LINUX = [
  ['ESTABLISHED', 'ESTABLISHED'],
  ['TIME_WAIT', 'TIME-WAIT'],
  ['CLOSE_WAIT', 'CLOSE-WAIT'],
  ['LISTEN', 'LISTEN'],
  ['SYN_SENT', 'SYN-SENT'],
  ['SYN_RECV', 'SYN-RECEIVED'],
  ['FIN_WAIT1', 'FIN-WAIT-1'],
  ['FIN_WAIT2', 'FIN-WAIT-2'],
  ['LAST_ACK', 'LAST-ACK'],
  ['CLOSING', 'CLOSING'],
];
const SS = [
  ['ESTAB', 'ESTABLISHED'],
  ['TIME-WAIT', 'TIME-WAIT'],
  ['CLOSE-WAIT', 'CLOSE-WAIT'],
  ['LISTEN', 'LISTEN'],
  ['SYN-SENT', 'SYN-SENT'],
  ['SYN-RECV', 'SYN-RECEIVED'],
  ['FIN-WAIT-1', 'FIN-WAIT-1'],
  ['FIN-WAIT-2', 'FIN-WAIT-2'],
  ['LAST-ACK', 'LAST-ACK'],
  ['CLOSING', 'CLOSING'],
];
const WINDOWS = [
  ['ESTABLISHED', 'ESTABLISHED'],
  ['TIME_WAIT', 'TIME-WAIT'],
  ['CLOSE_WAIT', 'CLOSE-WAIT'],
  ['LISTENING', 'LISTEN'],
  ['SYN_SENT', 'SYN-SENT'],
  ['FIN_WAIT_2', 'FIN-WAIT-2'],
];

/**
 * @typedef {{ version: number, bytes: number, lines: number, rows: number, counts: Record<string, number> }} DumpReference
 */

/** Where a dump's reference count is kept. */
export function referencePath(path) {
  return `${path}.counts.json`;
}

/**
 * Writes (or reuses) a dump of about `mb` megabytes at `path` and returns its reference: every
 * row the generator wrote, per canonical state (each row prints exactly one state).
 * @returns {Promise<DumpReference>}
 */
export async function generateDump(path, mb) {
  const cached = readReference(path);
  if (cached && Math.abs(cached.bytes - mb * 1e6) < 1e6) return cached;
  // mulberry32: every state and port turns up (the low bits of the former LCG skipped LISTEN and FIN-WAIT-2).
  let seed = 7;
  const rnd = (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  /** @type {Record<string, number>} */
  const counts = {};
  const pick = (list) => {
    const [spelling, state] = list[rnd(list.length)];
    counts[state] = (counts[state] ?? 0) + 1;
    return spelling;
  };
  const out = createWriteStream(path);
  let written = 0;
  let lines = 0;
  let rows = 0;
  const target = mb * 1e6;
  const header = 'Active Internet connections (servers and established)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n';
  out.write(header);
  written += header.length;
  lines += 2;
  while (written < target) {
    let block = '';
    for (let i = 0; i < 2000; i++) {
      const a = `10.${rnd(256)}.${rnd(256)}.${rnd(256)}:${rnd(65536)}`;
      const b = `203.0.113.${rnd(256)}:${rnd(65536)}`;
      const kind = rnd(3);
      if (kind === 0) {
        const state = pick(LINUX);
        block += `tcp        0      0 ${a.padEnd(23)} ${b.padEnd(23)} ${state.padEnd(11)} ${rnd(40000)}/nginx\n`;
      } else if (kind === 1) {
        const state = pick(SS);
        block += `${state.padEnd(10)} 0      128    ${a.padEnd(22)} ${b.padEnd(22)} users:(("java",pid=${rnd(40000)},fd=${rnd(900)}))\n`;
      } else {
        const state = pick(WINDOWS);
        block += `  TCP    ${a.padEnd(22)} ${b.padEnd(22)} ${state.padEnd(15)} ${rnd(9000)}\n`;
      }
    }
    rows += 2000;
    lines += 2000;
    written += block.length; // ASCII: characters are bytes
    if (!out.write(block)) await new Promise((r) => out.once('drain', () => r(undefined)));
  }
  await new Promise((r) => out.end(r));
  /** @type {DumpReference} */
  const reference = { version: GENERATOR_VERSION, bytes: written, lines, rows, counts: sorted(counts) };
  if (statSync(path).size !== written) throw new Error(`the dump has ${statSync(path).size} bytes, the generator wrote ${written}`);
  writeFileSync(referencePath(path), `${JSON.stringify(reference, null, 2)}\n`);
  return reference;
}

/** The reference of a cached dump, when it is still the dump it describes. */
function readReference(path) {
  if (!existsSync(path) || !existsSync(referencePath(path))) return undefined;
  try {
    const reference = JSON.parse(readFileSync(referencePath(path), 'utf8'));
    return reference.version === GENERATOR_VERSION && reference.bytes === statSync(path).size ? reference : undefined;
  } catch {
    return undefined;
  }
}

/** Most first, then by name: the order the census prints. */
function sorted(counts) {
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}
