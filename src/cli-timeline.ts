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
import { ConnectionLines, msText, TextOutput } from './cli-text-output';
import { CLI_WORDS, type CliWords } from './cli-words';
import { isLocale, type Locale } from './core/model/locales';
import { connectionJson, inputKind, INPUT_KIND_BYTES, timelineJson, TimelineBuilder, TIME_WAIT_NOTE, type Timeline, type TimelineConnection, type TimelineOptions, type TimelineSegment } from './core/timeline';

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
  const out = new TextOutput();
  let count = 0;
  out.add(args.json ? '{"connections":[' : '');
  // The text's segment lines are written as each segment is final, into its connection's
  // bytes (the segments are not kept as objects until the connection is done).
  // Done connections' lines are cleared and reused: as many are made as connections are open at once.
  const lines = new Map<number, ConnectionLines>();
  const unused: ConnectionLines[] = [];
  const onSegment = (id: number, segment: TimelineSegment): void => {
    let connectionLines = lines.get(id);
    if (connectionLines === undefined) lines.set(id, (connectionLines = unused.pop() ?? new ConnectionLines()));
    connectionLines.segment(segment, locale);
  };
  const onConnection = (connection: TimelineConnection): void => {
    const connectionLines = lines.get(connection.id);
    if (connectionLines !== undefined) lines.delete(connection.id);
    if (args.only === undefined || connection.id === args.only) {
      if (args.json) out.add(`${count > 0 ? ',' : ''}${JSON.stringify(connectionJson(connection, locale))}`);
      else {
        // Its heading lines, a line per segment, an empty line.
        out.add(`${connectionText(connection, connectionLines !== undefined, locale).join('\n')}\n`);
        if (connectionLines !== undefined) out.lines(connectionLines);
        out.add('\n');
      }
      count++;
    }
    if (connectionLines !== undefined) {
      connectionLines.clear();
      unused.push(connectionLines);
    }
  };
  const options: TimelineOptions = { ...args.options, onConnection, ...(args.json ? {} : { onSegment }) };
  const timeline = await readTimeline(input.stream, input.name, options, () => out.flush(), locale);
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

/** A connection's heading lines, and the segment table's column names when it has segments (ConnectionLines wrote their lines). */
function connectionText(c: TimelineConnection, hasSegments: boolean, locale: Locale): string[] {
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
  if (hasSegments) lines.push(columnsLine(locale));
  return lines;
}

/** The segment table's column names, padded once per language (not per connection). */
const COLUMNS_LINES = new Map<Locale, string>();

function columnsLine(locale: Locale): string {
  let line = COLUMNS_LINES.get(locale);
  if (line === undefined) {
    const h = CLI_WORDS[locale].timeline.columns;
    line = `    ${padStart(h.ms, 10)}  ${padStart(h.frame, 6)}      ${padEnd(h.flags, 12)}${padStart(h.seq, 10)}${padStart(h.ack, 10)}${padStart(h.len, 6)}  ${h.after}`;
    COLUMNS_LINES.set(locale, line);
  }
  return line;
}

/** Columns as a terminal shows them: a CJK character takes two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1;
  return width;
}
const padStart = (text: string, width: number): string => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** The last startText's whole seconds and their ISO text: a capture starts many connections in the same second. */
let startSecond = '';
let startSecondText = '';

function startText(ns: string | undefined): string {
  if (ns === undefined) return '-';
  // Up to 21 digits the whole seconds (12 digits at most) are exact as a number: cut from the
  // text, no BigInt (a connection's heading is written 4 498 times in the bench capture).
  if (!/^\d{1,21}$/.test(ns)) {
    const value = BigInt(ns);
    const iso = new Date(Number(value / 1_000_000n)).toISOString();
    return `${iso.slice(0, 19)}.${(value % 1_000_000_000n).toString().padStart(9, '0')}Z`;
  }
  const second = ns.length > 9 ? ns.slice(0, -9) : '0';
  if (second !== startSecond) {
    startSecondText = new Date(Number(second) * 1000).toISOString().slice(0, 19);
    startSecond = second;
  }
  return `${startSecondText}.${ns.length > 9 ? ns.slice(-9) : ns.padStart(9, '0')}Z`;
}
