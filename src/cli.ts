// The terminal face of the core: `node dist/cli.js find FILE|-`, `census FILE|-`, `explain TOKEN`, `timeline FILE|-`
// and `coverage`.
// Runs in plain Node; never loads `vscode`.
import { isAscii } from 'node:buffer';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { TextDecoder } from 'node:util';
import { timelineCommand } from './cli-timeline';
import { cliLocale, CLI_WORDS } from './cli-words';
import { censusOnTwoThreads, isCensusWorker, readAhead } from './census-parallel';
import { CensusByteScanner } from './core/census';
import { coverage } from './core/explorer/coverage';
import { EXPLORER_PROFILES, isExplorerProfile, type ExplorerProfile } from './core/explorer/profiles';
import { CensusScanner, diagnose, explainState, isLocale, LineScanner, resolveToken, sniffEncoding, SNIFF_BYTES, toPlainText, type CensusResult, type Locale, type LocatedMention } from './core';

/** The language of this run (cli-words.ts): its help, messages and text forms, and the explanations. */
const LOCALE = cliLocale(process.argv.slice(2));
const WORDS = CLI_WORDS[LOCALE];
const USAGE = WORDS.usage.replace('{TIMELINE}', WORDS.timelineUsage);

class UsageError extends Error {}

function fail(message: string, code = 1): never {
  process.stderr.write(`tcp-state-lens: ${message}\n`);
  process.exit(code);
}

/** One JSON line; built by hand because it runs millions of times on a large dump. */
function toJsonLine(m: LocatedMention): string {
  return `{"line":${m.line},"column":${m.column},"text":${JSON.stringify(m.text)},"state":"${m.state}","source":"${m.source}"}\n`;
}

/**
 * Reads FILE (or standard input for `-`) as text in chunks, in the encoding its first bytes show,
 * handing each decoded chunk to `consume` (awaited, so output can apply back-pressure). With
 * `consumeUtf8`, a UTF-8 input's chunks go to it undecoded instead, with the decoder to use
 * (which it flushes itself at the end).
 */
async function readText(path: string, consume: (text: string) => void | Promise<void>, consumeUtf8?: (bytes: Buffer, decoder: TextDecoder) => void): Promise<void> {
  if (path !== '-') {
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      fail(WORDS.noSuchFile(path));
    }
    if (!isFile) fail(WORDS.notRegularFile(path));
  }
  const input = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  const name = path === '-' ? WORDS.standardInput : path;
  let decoder: TextDecoder | undefined;
  let head = Buffer.alloc(0);
  let sawBinary = false;
  // While every chunk so far was ASCII, the decoder holds nothing back, and a chunk of ASCII
  // decodes as UTF-8 to the very text Latin-1 gives, at a fraction of the cost (most dumps are ASCII).
  let allAscii = true;
  const decode = async (bytes: Buffer): Promise<void> => {
    // UTF-16 text is full of zero bytes; only in UTF-8 does a zero byte mean binary content.
    const utf8 = decoder!.encoding === 'utf-8';
    if (!sawBinary && utf8 && bytes.includes(0)) {
      sawBinary = true;
      process.stderr.write(`tcp-state-lens: ${WORDS.looksBinary(name)}\n`);
    }
    if (consumeUtf8 && utf8) {
      consumeUtf8(bytes, decoder!);
      return;
    }
    if (allAscii && utf8 && isAscii(bytes)) {
      await consume(bytes.toString('latin1'));
      return;
    }
    allAscii = false;
    await consume(decoder!.decode(bytes, { stream: true }));
  };
  for await (const chunk of input as AsyncIterable<Buffer>) {
    if (!decoder) {
      // The encoding is judged from the first bytes (a pipe may hand them over a few at a time).
      head = Buffer.concat([head, chunk]);
      if (head.length < SNIFF_BYTES) continue;
      decoder = startDecoder(head, name);
      await decode(head);
    } else {
      await decode(chunk);
    }
  }
  if (!decoder) {
    decoder = startDecoder(head, name);
    await decode(head);
  }
  if (!(consumeUtf8 && decoder.encoding === 'utf-8')) await consume(decoder.decode());
}

/** Streams the input through the recogniser and writes JSON lines in large batches. */
async function find(path: string): Promise<void> {
  let out = '';
  const flush = async (): Promise<void> => {
    if (!out) return;
    const text = out;
    out = '';
    if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  };
  const scanner = new LineScanner((m) => {
    out += toJsonLine(m);
  });
  await readText(path, async (text) => {
    scanner.push(text);
    if (out.length > 1 << 16) await flush();
  });
  scanner.end();
  await flush();
}

/**
 * Counts the states of a dump, groups them by local port, peer and process where the lines are
 * socket-table rows, and says what the numbers suggest: one JSON object, or a table with --text.
 */
async function census(path: string, locale: Locale, asText: boolean): Promise<void> {
  const result = await countStates(path);
  const diagnoses = diagnose(result);
  if (!asText) {
    const groups = Object.fromEntries(
      Object.entries(result.states).map(([state, s]) => [state, { rows: s!.rows, localPorts: s!.localPorts, peers: s!.peers, processes: s!.processes, sampleLines: s!.sampleLines }]),
    );
    const told = diagnoses.map((d) => ({ id: d.id, states: d.states, title: d.title[locale], because: d.because[locale], advice: d.advice[locale], numbers: d.numbers, sources: d.sources[locale] }));
    process.stdout.write(`${JSON.stringify({ lines: result.lines, mentions: result.mentions, rows: result.rows, counts: result.counts, groups, diagnoses: told })}\n`);
    return;
  }
  const byCount = Object.entries(result.counts).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  const say = WORDS.census;
  const lines = [say.totals(result.mentions, result.lines, result.rows), ''];
  for (const [state, count] of byCount) {
    const s = result.states[state as keyof typeof result.states];
    const top = (label: string, entries: readonly { key: string; count: number }[] | undefined): string =>
      entries && entries.length ? `  ${label} ${entries.slice(0, 3).map((e) => `${e.key} (${e.count})`).join(say.separator)}` : '';
    lines.push(`${String(count).padStart(9)}  ${state.padEnd(13)}${top(say.ports, s?.localPorts)}${top(say.processes, s?.processes)}${top(say.peers, s?.peers)}`);
  }
  for (const d of diagnoses) lines.push('', `! ${d.title[locale]}`, `  ${d.because[locale]}`, `  ${d.advice[locale]}`, `  (${d.sources[locale].join('; ')})`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Files from this size on are counted on two threads (census-parallel.ts); a thread costs a few tens of ms to start. */
const TWO_THREADS_BYTES = 16 << 20;

/**
 * Whether to count on two threads. The second thread pays only when a core is idle: on a machine
 * already busy (load average at or above the cores) the hand-offs between the threads wait for
 * the scheduler and one thread is faster (measured on 2 cores: 2.0 s against 3.0 s when idle,
 * 3.2 s against 2.6 s at a load of 3). The result is the same either way;
 * TCP_STATE_LENS_CENSUS_THREADS=1 or 2 decides instead (tests, benchmarks).
 */
function twoThreads(): boolean {
  const forced = process.env.TCP_STATE_LENS_CENSUS_THREADS;
  if (forced === '1' || forced === '2') return forced === '2';
  const cores = availableParallelism();
  return cores >= 2 && loadavg()[0]! < cores;
}

/**
 * The census of FILE or standard input. A UTF-8 dump is counted from its bytes (byte-scanner.ts:
 * its ASCII rows are never decoded), a large one on two threads; any other input as text.
 */
async function countStates(path: string): Promise<CensusResult> {
  let size = 0;
  try {
    size = path === '-' ? 0 : statSync(path).isFile() ? statSync(path).size : 0;
  } catch {
    // readText says what is wrong with the path.
  }
  if (size >= TWO_THREADS_BYTES && twoThreads()) {
    const head = Buffer.alloc(SNIFF_BYTES);
    const fd = openSync(path, 'r');
    const headBytes = readSync(fd, head, 0, SNIFF_BYTES, 0);
    closeSync(fd);
    if (sniffEncoding(head.subarray(0, headBytes)) === 'utf-8') {
      const decoder = new TextDecoder('utf-8');
      let sawBinary = false;
      return censusOnTwoThreads(
        path,
        __filename,
        (part) => (part ? decoder.decode(part, { stream: true }) : decoder.decode()),
        (bytes) => {
          // Through a Buffer: its `includes` is a memchr, a Uint8Array's reads byte by byte (about 100 ms on 100 MB).
          if (sawBinary || !Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(0)) return;
          sawBinary = true;
          process.stderr.write(`tcp-state-lens: ${WORDS.looksBinary(path)}\n`);
        },
      );
    }
  }
  const scanner = new CensusScanner();
  let bytes: CensusByteScanner | undefined;
  await readText(
    path,
    (text) => scanner.push(text),
    (chunk, decoder) => {
      bytes ??= new CensusByteScanner((part) => (part ? decoder.decode(part, { stream: true }) : decoder.decode()));
      bytes.push(chunk);
    },
  );
  return bytes ? bytes.end() : scanner.end();
}

/** A decoder for the encoding the first bytes show; a byte order mark is dropped, as editors do. */
function startDecoder(head: Buffer, name: string): TextDecoder {
  const encoding = sniffEncoding(head);
  if (encoding !== 'utf-8') process.stderr.write(`tcp-state-lens: ${WORDS.readingAs(name, encoding.toUpperCase())}\n`);
  return new TextDecoder(encoding);
}

function explain(token: string, locale: Locale): void {
  const found = resolveToken(token);
  if (!found) fail(WORDS.unknownSpelling(token));
  const seen = found.source ? { text: token.trim(), source: found.source } : undefined;
  process.stdout.write(toPlainText(explainState(found.state, locale, seen)));
}

/**
 * `coverage [--profile P]`: the explorer's coverage of the transition table (src/core/explorer/
 * coverage.ts), one JSON object. A search of a few seconds; its bounds are in the report.
 */
function coverageCommand(argv: readonly string[]): void {
  let profile: ExplorerProfile = 'rfc9293';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg === '--lang' || arg.startsWith('--lang=')) {
      // Its messages follow --lang; the report itself is in English (README: the coverage table).
      if (!isLocale(arg === '--lang' ? argv[++i] : arg.slice('--lang='.length))) throw new UsageError(WORDS.langTakes);
    } else if (arg === '--profile' || arg.startsWith('--profile=')) {
      const value = arg === '--profile' ? argv[++i] : arg.slice('--profile='.length);
      if (!isExplorerProfile(value)) throw new UsageError(WORDS.profileTakes(EXPLORER_PROFILES));
      profile = value;
    } else {
      throw new UsageError(WORDS.coverageTakesNo(arg));
    }
  }
  process.stdout.write(`${JSON.stringify(coverage(profile))}\n`);
}

function parseArgs(argv: readonly string[]): { command: string; operand: string; locale: Locale; text: boolean } {
  let locale = LOCALE;
  const positional: string[] = [];
  let text = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--text') {
      text = true;
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? argv[++i] : arg.slice('--lang='.length);
      if (!isLocale(value)) throw new UsageError(WORDS.langTakes);
      locale = value;
    } else {
      positional.push(arg);
    }
  }
  const [command, operand, ...extra] = positional;
  if (!command || operand === undefined || extra.length) throw new UsageError(WORDS.expectedCommand);
  return { command, operand, locale, text };
}

async function main(): Promise<void> {
  // `timeline` has its own options (src/cli-timeline.ts).
  if (process.argv[2] === 'timeline') return void (process.exitCode = await timelineCommand(process.argv.slice(3), LOCALE));
  try {
    if (process.argv[2] === 'coverage') return coverageCommand(process.argv.slice(3));
    const { command, operand, locale, text } = parseArgs(process.argv.slice(2));
    if (command === 'find') await find(operand);
    else if (command === 'census') await census(operand, locale, text);
    else if (command === 'explain') explain(operand, locale);
    else throw new UsageError(WORDS.unknownCommand(command));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`tcp-state-lens: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw error;
  }
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `… | head` closes the pipe early: that is the reader's choice, not a failure.
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// The census's reading thread runs this very file (census-parallel.ts): it reads, it runs no command.
if (isCensusWorker()) readAhead();
else main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
