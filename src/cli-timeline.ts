// `node dist/cli.js timeline FILE|-`: the capture timeline in the terminal. FILE is a pcap or
// pcapng capture or tcpdump text, told apart by its first bytes; it is read as a stream (the
// capture reader takes chunks), so a large file is never in memory at once. Damaged input is
// reported with its byte offset after what was read before it, exit code 1; never a throw.
// Runs in plain Node; never loads `vscode`.
import { createReadStream, statSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { skippedLinkTypesText } from './core/capture/link-layer';
import { CaptureReader } from './core/capture/reader';
import { TcpdumpTextReader } from './core/capture/tcpdump-text';
import { CLI_WORDS, type CliWords } from './cli-words';
import { isLocale, type Locale } from './core/model/locales';
import { connectionJson, inputKind, INPUT_KIND_BYTES, timelineJson, TimelineBuilder, TIME_WAIT_NOTE, type Timeline, type TimelineConnection, type TimelineOptions, type TimelineSegment } from './core/timeline';
import { SEQUENCE_WORDS } from './core/views/sequence-diagram';

interface TimelineArgs {
  readonly path: string;
  readonly json: boolean;
  /** `--connection ID`: print only that connection (the others are still tracked, to number them). */
  readonly only: number | undefined;
  readonly options: TimelineOptions;
  readonly locale: Locale;
}

/**
 * Runs `timeline` with the arguments after the command, its messages and text in `locale` (a
 * `--lang` among them says it again); resolves with the exit code. Each
 * connection is printed once it is done (TimelineOptions.onConnection), so memory follows the
 * connections open at once, and the totals come last.
 */
export async function timelineCommand(argv: readonly string[], locale: Locale): Promise<number> {
  const words = CLI_WORDS[locale];
  const args = parseTimelineArgs(argv, locale);
  if (typeof args === 'string') return usage(args, words);
  const input = openInput(args.path, words);
  if (typeof input === 'string') return failWith(input);
  const out = new Output();
  let count = 0;
  out.add(args.json ? '{"connections":[' : '');
  const onConnection = (connection: TimelineConnection): void => {
    if (args.only !== undefined && connection.id !== args.only) return;
    out.add(args.json ? `${count > 0 ? ',' : ''}${JSON.stringify(connectionJson(connection, locale))}` : `${connectionText(connection, locale).join('\n')}\n\n`);
    count++;
  };
  const timeline = await readTimeline(input.stream, input.name, { ...args.options, onConnection }, () => out.flush(), locale);
  const { source, profile, tcpSegments, error, skippedLinkTypes } = timelineJson(timeline, locale);
  const skipped = skippedLinkTypesText(skippedLinkTypes, locale);
  out.add(args.json ? `],${JSON.stringify({ source, profile, tcpSegments, error, skippedLinkTypes }).slice(1)}\n` : `${words.timeline.totals(count, timeline.tcpSegments, timeline.source, timeline.profile)}\n${skipped ? `(${skipped})\n` : ''}`);
  await out.flush(true);
  // Said on standard error too: where the output is piped on, the file's frames were not just TCP-less.
  if (skipped) process.stderr.write(`tcp-state-lens: ${input.name}: ${skipped}\n`);
  if (timeline.error === undefined) return 0;
  process.stderr.write(`tcp-state-lens: ${input.name}: ${timeline.error}\n`);
  return 1;
}

/** Standard output in large pieces, waiting when the reader is slower (back-pressure). */
class Output {
  private parts: string[] = [];
  private size = 0;

  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  async flush(all = false): Promise<void> {
    if (this.size === 0 || (!all && this.size < 1 << 16)) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}

function parseTimelineArgs(argv: readonly string[], defaultLocale: Locale): TimelineArgs | string {
  const say = CLI_WORDS[defaultLocale];
  const positional: string[] = [];
  let locale = defaultLocale;
  let json = false;
  let summary = false;
  let connection: number | undefined;
  let profile: 'linux' | 'rfc9293' = 'linux';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--summary') summary = true;
    else if (arg === '--connection') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) return say.timeline.connectionTakes;
      connection = value;
    } else if (arg === '--profile') {
      const value = argv[++i];
      if (value !== 'linux' && value !== 'rfc9293') return say.timeline.profileTakes;
      profile = value;
    } else if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? argv[++i] : arg.slice('--lang='.length);
      if (!isLocale(value)) return say.langTakes;
      locale = value;
    } else if (arg.startsWith('--')) return say.timeline.unknownOption(arg);
    else positional.push(arg);
  }
  if (positional.length !== 1) return say.timeline.oneFile;
  const keepSegments = connection !== undefined ? (id: number) => id === connection : !summary;
  return { path: positional[0]!, json, only: connection, options: { profile, keepSegments }, locale };
}

function usage(message: string, words: CliWords): number {
  process.stderr.write(`tcp-state-lens: ${message}\n\n${words.usageHeading}\n${words.timelineUsage}`);
  return 2;
}

function failWith(message: string): number {
  process.stderr.write(`tcp-state-lens: ${message}\n`);
  return 1;
}

function openInput(path: string, words: CliWords): { stream: NodeJS.ReadableStream; name: string } | string {
  if (path === '-') return { stream: process.stdin, name: words.standardInput };
  try {
    if (!statSync(path).isFile()) return words.notRegularFile(path);
  } catch {
    return words.noSuchFile(path);
  }
  return { stream: createReadStream(path, { highWaterMark: 1 << 20 }), name: path };
}

/**
 * Text has no NUL bytes and few control characters (tab, line ends, form feed and escape
 * aside); a file that is neither a capture nor text goes to the capture reader, whose message
 * names its magic number and byte offset.
 */
function looksBinary(head: Uint8Array): boolean {
  const sample = head.subarray(0, 512);
  const control = sample.filter((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b).length;
  return sample.includes(0) || control > sample.length / 10;
}

async function readTimeline(stream: NodeJS.ReadableStream, name: string, options: TimelineOptions, afterChunk: () => Promise<void>, locale: Locale): Promise<Timeline> {
  const say = CLI_WORDS[locale].timeline;
  const builder = new TimelineBuilder(options);
  let head = Buffer.alloc(0);
  let feed: ((chunk: Buffer) => void) | undefined;
  let finish: () => Timeline = () => builder.end({ source: 'tcpdump-text', error: say.empty(name) });
  const choose = (): void => {
    if (inputKind(head) === 'capture' || looksBinary(head)) {
      const reader = new CaptureReader();
      feed = (chunk) => reader.push(chunk).forEach((s) => builder.push(s));
      finish = () => {
        const end = reader.end();
        return builder.end({ source: end.format ?? 'pcap', error: end.error?.describe(locale), skippedLinkTypes: end.skippedLinkTypes });
      };
    } else {
      const reader = new TcpdumpTextReader();
      const decoder = new TextDecoder('utf-8');
      feed = (chunk) => reader.push(decoder.decode(chunk, { stream: true })).forEach((s) => builder.push(s));
      finish = () => {
        reader.push(decoder.decode()).forEach((s) => builder.push(s));
        const end = reader.end();
        end.last.forEach((s) => builder.push(s));
        const error = end.segments === 0 ? say.notTcpdump(end.lines) : undefined;
        return builder.end({ source: 'tcpdump-text', error });
      };
    }
    feed(head);
  };
  for await (const data of stream) {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    if (feed) feed(chunk);
    else {
      head = Buffer.concat([head, chunk]);
      if (head.length >= INPUT_KIND_BYTES) choose();
    }
    await afterChunk();
  }
  if (!feed && head.length > 0) choose();
  return finish();
}

// ---- The readable form ----

function connectionText(c: TimelineConnection, locale: Locale): string[] {
  const say = CLI_WORDS[locale].timeline;
  const [a, b] = c.endpoints;
  const name = (i: 0 | 1 | undefined): string => (i === undefined ? '-' : i === 0 ? 'A' : 'B');
  const lines = [
    `#${c.id}  A ${a.label}  B ${b.label}`,
    `    ${say.opened(say.ending[c.ending], c.joinedMidStream ? say.joinedOpener : name(c.opener), name(c.firstCloser))}`,
    `    ${say.sizes(startText(c.startNs), msText(c.durationNs), c.segments[0], c.bytes[0], c.segments[1], c.bytes[1], c.retransmissions)}`,
    `    A: ${c.states[0].join(' > ')}`,
    `    B: ${c.states[1].join(' > ')}`,
  ];
  if (c.states.some((s) => s.at(-1) === 'TIME-WAIT')) lines.push(`    (${TIME_WAIT_NOTE[locale]})`);
  if (c.segmentList.length > 0) {
    const h = say.columns;
    lines.push(`    ${padStart(h.ms, 10)}  ${padStart(h.frame, 6)}      ${padEnd(h.flags, 12)}${padStart(h.seq, 10)}${padStart(h.ack, 10)}${padStart(h.len, 6)}  ${h.after}`);
    for (const s of c.segmentList) lines.push(segmentText(s, locale));
  }
  return lines;
}

// A line per segment: the large capture's output is mostly these, so the parts that repeat
// (flags, a pair of states) are padded or joined once, and no list is built for a segment
// without marks.
const padded = new Map<string, string>();
const statesText = new WeakMap<readonly string[], string>();

/** Columns as a terminal shows them: a CJK character takes two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1;
  return width;
}
const padStart = (text: string, width: number): string => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** A mark in the segment table: its id in English (as in --json), its short name in another language. */
function markText(mark: TimelineSegment['marks'][number], locale: Locale): string {
  return locale === 'en' ? mark : SEQUENCE_WORDS[locale].marks[mark].short;
}

function segmentText(s: TimelineSegment, locale: Locale): string {
  const arrow = s.from === 0 ? 'A→B' : 'B→A';
  let flags = padded.get(s.flags);
  if (flags === undefined) padded.set(s.flags, (flags = s.flags.padEnd(12)));
  // The timeline shares one states pair per combination (core/timeline/record-lists.ts).
  let states = statesText.get(s.states);
  if (states === undefined) statesText.set(s.states, (states = s.states.join(' / ')));
  const differences = s.linuxDifferences ?? [];
  const extra = s.marks.length === 0 && differences.length === 0 ? '' : `  [${[...s.marks.map((m) => markText(m, locale)), ...differences.map((d) => `linux: ${d}`)].join(', ')}]`;
  const rows = s.rows.length === 1 ? s.rows[0] : s.rows.join(' ');
  return `    ${msText(s.offsetNs).padStart(10)}  ${String(s.index).padStart(6)}  ${arrow} ${flags}${numText(s.relSeq ?? s.seq)}${numText(s.relAck ?? s.ack)}${String(s.len).padStart(6)}  ${states}  ${rows}${extra}`;
}

function numText(n: number | undefined): string {
  return (n === undefined ? '-' : String(n)).padStart(10);
}

function msText(ns: number | undefined): string {
  if (ns === undefined) return '-';
  // A whole number of microseconds (every pcap in µs) has at most three decimals in ms, which
  // toFixed(3) prints exactly: the same digits without it, which is slow. Others go through it.
  if (ns >= 0 && ns % 1000 === 0 && ns < Number.MAX_SAFE_INTEGER) {
    const us = ns / 1000;
    const fraction = us % 1000;
    return `${(us - fraction) / 1000}.${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}`;
  }
  return (ns / 1e6).toFixed(3);
}

function startText(ns: string | undefined): string {
  if (ns === undefined) return '-';
  const value = BigInt(ns);
  const iso = new Date(Number(value / 1_000_000n)).toISOString();
  return `${iso.slice(0, 19)}.${(value % 1_000_000_000n).toString().padStart(9, '0')}Z`;
}
