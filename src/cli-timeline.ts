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
import { connectionJson, inputKind, INPUT_KIND_BYTES, timelineJson, TimelineBuilder, TIME_WAIT_NOTE, type Timeline, type TimelineConnection, type TimelineOptions, type TimelineSegment } from './core/timeline';

export const TIMELINE_USAGE = `  node dist/cli.js timeline FILE|-   each TCP connection of a capture (pcap, pcapng) or of tcpdump
                                     text, and each endpoint's states segment by segment
    --json                           the timeline as one JSON object
    --summary                        connections only, no segments (for large captures)
    --connection ID                  only connection ID, with its segments
    --profile linux|rfc9293          whose behaviour where they differ (default linux)
`;

interface TimelineArgs {
  readonly path: string;
  readonly json: boolean;
  /** `--connection ID`: print only that connection (the others are still tracked, to number them). */
  readonly only: number | undefined;
  readonly options: TimelineOptions;
}

/**
 * Runs `timeline` with the arguments after the command; resolves with the exit code. Each
 * connection is printed once it is done (TimelineOptions.onConnection), so memory follows the
 * connections open at once, and the totals come last.
 */
export async function timelineCommand(argv: readonly string[]): Promise<number> {
  const args = parseTimelineArgs(argv);
  if (typeof args === 'string') return usage(args);
  const input = openInput(args.path);
  if (typeof input === 'string') return failWith(input);
  const out = new Output();
  let count = 0;
  out.add(args.json ? '{"connections":[' : '');
  const onConnection = (connection: TimelineConnection): void => {
    if (args.only !== undefined && connection.id !== args.only) return;
    out.add(args.json ? `${count > 0 ? ',' : ''}${JSON.stringify(connectionJson(connection))}` : `${connectionText(connection).join('\n')}\n\n`);
    count++;
  };
  const timeline = await readTimeline(input.stream, input.name, { ...args.options, onConnection }, () => out.flush());
  const { source, profile, tcpSegments, error, skippedLinkTypes } = timelineJson(timeline);
  const skipped = skippedLinkTypesText(skippedLinkTypes);
  out.add(args.json ? `],${JSON.stringify({ source, profile, tcpSegments, error, skippedLinkTypes }).slice(1)}\n` : `${totalsText(timeline, count)}\n${skipped ? `(${skipped})\n` : ''}`);
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

function parseTimelineArgs(argv: readonly string[]): TimelineArgs | string {
  const positional: string[] = [];
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
      if (!Number.isInteger(value) || value < 0) return '--connection takes a connection id (0, 1, 2…)';
      connection = value;
    } else if (arg === '--profile') {
      const value = argv[++i];
      if (value !== 'linux' && value !== 'rfc9293') return '--profile takes linux or rfc9293';
      profile = value;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1) return 'timeline takes one FILE (or - for standard input)';
  const keepSegments = connection !== undefined ? (id: number) => id === connection : !summary;
  return { path: positional[0]!, json, only: connection, options: { profile, keepSegments } };
}

function usage(message: string): number {
  process.stderr.write(`tcp-state-lens: ${message}\n\nUsage:\n${TIMELINE_USAGE}`);
  return 2;
}

function failWith(message: string): number {
  process.stderr.write(`tcp-state-lens: ${message}\n`);
  return 1;
}

function openInput(path: string): { stream: NodeJS.ReadableStream; name: string } | string {
  if (path === '-') return { stream: process.stdin, name: 'standard input' };
  try {
    if (!statSync(path).isFile()) return `cannot read ${path}: not a regular file`;
  } catch {
    return `cannot read ${path}: no such file`;
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

async function readTimeline(stream: NodeJS.ReadableStream, name: string, options: TimelineOptions, afterChunk: () => Promise<void>): Promise<Timeline> {
  const builder = new TimelineBuilder(options);
  let head = Buffer.alloc(0);
  let feed: ((chunk: Buffer) => void) | undefined;
  let finish: () => Timeline = () => builder.end({ source: 'tcpdump-text', error: `${name} is empty` });
  const choose = (): void => {
    if (inputKind(head) === 'capture' || looksBinary(head)) {
      const reader = new CaptureReader();
      feed = (chunk) => reader.push(chunk).forEach((s) => builder.push(s));
      finish = () => {
        const end = reader.end();
        return builder.end({ source: end.format ?? 'pcap', error: end.error?.message, skippedLinkTypes: end.skippedLinkTypes });
      };
    } else {
      const reader = new TcpdumpTextReader();
      const decoder = new TextDecoder('utf-8');
      feed = (chunk) => reader.push(decoder.decode(chunk, { stream: true })).forEach((s) => builder.push(s));
      finish = () => {
        reader.push(decoder.decode()).forEach((s) => builder.push(s));
        const end = reader.end();
        end.last.forEach((s) => builder.push(s));
        const error = end.segments === 0 ? `not a capture file (no pcap or pcapng magic at byte 0) and no line of it is a tcpdump TCP line (${end.lines} lines read)` : undefined;
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

const ENDING_TEXT: Readonly<Record<TimelineConnection['ending'], string>> = {
  fin: 'closed (both FINs acknowledged)',
  rst: 'reset (RST)',
  refused: 'refused (SYN answered by RST)',
  open: 'still open when the capture ends',
  'half-closed': 'half-closed (a FIN not answered by one)',
  'no-answer': 'SYN never answered',
};

function totalsText(timeline: Timeline, count: number): string {
  return `${count} TCP connection${count === 1 ? '' : 's'} in ${timeline.tcpSegments} TCP segments (${timeline.source}; states inferred at the capture point, ${timeline.profile} profile)`;
}

function connectionText(c: TimelineConnection): string[] {
  const [a, b] = c.endpoints;
  const name = (i: 0 | 1 | undefined): string => (i === undefined ? '-' : i === 0 ? 'A' : 'B');
  const lines = [
    `#${c.id}  A ${a.label}  B ${b.label}`,
    `    ${ENDING_TEXT[c.ending]}; opened by ${c.joinedMidStream ? '? (the capture joined after the handshake)' : name(c.opener)}, first to close ${name(c.firstCloser)}`,
    `    start ${startText(c.startNs)}, duration ${msText(c.durationNs)} ms; A sent ${c.segments[0]} segments (${c.bytes[0]} bytes), B ${c.segments[1]} (${c.bytes[1]} bytes)${c.retransmissions ? `; ${c.retransmissions} retransmissions` : ''}`,
    `    A: ${c.states[0].join(' > ')}`,
    `    B: ${c.states[1].join(' > ')}`,
  ];
  if (c.states.some((s) => s.at(-1) === 'TIME-WAIT')) lines.push(`    (${TIME_WAIT_NOTE})`);
  if (c.segmentList.length > 0) {
    lines.push(`    ${'ms'.padStart(10)}  ${'frame'.padStart(6)}      ${'flags'.padEnd(12)}${'seq'.padStart(10)}${'ack'.padStart(10)}${'len'.padStart(6)}  A / B after it`);
    for (const s of c.segmentList) lines.push(segmentText(s));
  }
  return lines;
}

// A line per segment: the large capture's output is mostly these, so the parts that repeat
// (flags, a pair of states) are padded or joined once, and no list is built for a segment
// without marks.
const padded = new Map<string, string>();
const statesText = new WeakMap<readonly string[], string>();

function segmentText(s: TimelineSegment): string {
  const arrow = s.from === 0 ? 'A→B' : 'B→A';
  let flags = padded.get(s.flags);
  if (flags === undefined) padded.set(s.flags, (flags = s.flags.padEnd(12)));
  // The timeline shares one states pair per combination (core/timeline/record-lists.ts).
  let states = statesText.get(s.states);
  if (states === undefined) statesText.set(s.states, (states = s.states.join(' / ')));
  const differences = s.linuxDifferences ?? [];
  const extra = s.marks.length === 0 && differences.length === 0 ? '' : `  [${[...s.marks, ...differences.map((d) => `linux: ${d}`)].join(', ')}]`;
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
