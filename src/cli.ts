// The terminal face of the core: `node dist/cli.js find FILE|-` and `node dist/cli.js explain TOKEN`.
// Runs in plain Node; never loads `vscode`.
import { createReadStream, statSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { explainState, isLocale, LineScanner, LOCALES, resolveToken, sniffEncoding, SNIFF_BYTES, toLocale, toPlainText, type Locale, type LocatedMention } from './core';

/** The --lang choices, from the core's one list of locales: 'en|zh-cn' in the help, 'en or zh-cn' in errors. */
const LANG_OPTION = `--lang ${LOCALES.join('|')}`;
const LANG_CHOICES = LOCALES.length > 1 ? `${LOCALES.slice(0, -1).join(', ')} or ${LOCALES[LOCALES.length - 1]}` : LOCALES[0];

const USAGE = `TCP State Lens — explains TCP connection states.

Usage:
  node dist/cli.js find FILE         print each TCP state mention in FILE as one JSON line
  node dist/cli.js find -            the same for standard input
  node dist/cli.js explain TOKEN     explain a state, e.g. TIME_WAIT, SYN-RECV, TcpState.LastAck

Options:
  ${LANG_OPTION.padEnd(34)} language of explanations (default: from LANG)
  -h, --help                         this help

Each JSON line: {"line":1,"column":45,"text":"SYN_RECV","state":"SYN-RECEIVED","source":"linux-netstat"}
(line and column 1-based; state is the RFC 9293 name, or a platform-only state's own name).
`;

class UsageError extends Error {}

function fail(message: string, code = 1): never {
  process.stderr.write(`tcp-state-lens: ${message}\n`);
  process.exit(code);
}

/** One JSON line; built by hand because it runs millions of times on a large dump. */
function toJsonLine(m: LocatedMention): string {
  return `{"line":${m.line},"column":${m.column},"text":${JSON.stringify(m.text)},"state":"${m.state}","source":"${m.source}"}\n`;
}

/** Streams the input through the recogniser and writes JSON lines in large batches. */
async function find(path: string): Promise<void> {
  if (path !== '-') {
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      fail(`cannot read ${path}: no such file`);
    }
    if (!isFile) fail(`cannot read ${path}: not a regular file`);
  }
  const input = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  const name = path === '-' ? 'standard input' : path;
  let decoder: TextDecoder | undefined;
  let head = Buffer.alloc(0);
  let out = '';
  let sawBinary = false;
  const flush = async (): Promise<void> => {
    if (!out) return;
    const text = out;
    out = '';
    if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  };
  const scanner = new LineScanner((m) => {
    out += toJsonLine(m);
  });
  const decode = (bytes: Buffer): void => {
    // UTF-16 text is full of zero bytes; only in UTF-8 does a zero byte mean binary content.
    if (!sawBinary && decoder?.encoding === 'utf-8' && bytes.includes(0)) {
      sawBinary = true;
      process.stderr.write(`tcp-state-lens: ${name} looks binary; scanning its text parts\n`);
    }
    scanner.push(decoder!.decode(bytes, { stream: true }));
  };
  for await (const chunk of input as AsyncIterable<Buffer>) {
    if (!decoder) {
      // The encoding is judged from the first bytes (a pipe may hand them over a few at a time).
      head = Buffer.concat([head, chunk]);
      if (head.length < SNIFF_BYTES) continue;
      decoder = startDecoder(head, name);
      decode(head);
    } else {
      decode(chunk);
    }
    if (out.length > 1 << 16) await flush();
  }
  if (!decoder) {
    decoder = startDecoder(head, name);
    decode(head);
  }
  scanner.push(decoder.decode());
  scanner.end();
  await flush();
}

/** A decoder for the encoding the first bytes show; a byte order mark is dropped, as editors do. */
function startDecoder(head: Buffer, name: string): TextDecoder {
  const encoding = sniffEncoding(head);
  if (encoding !== 'utf-8') process.stderr.write(`tcp-state-lens: reading ${name} as ${encoding.toUpperCase()}\n`);
  return new TextDecoder(encoding);
}

function explain(token: string, locale: Locale): void {
  const found = resolveToken(token);
  if (!found) fail(`"${token}" is not a TCP state spelling this tool knows (try TIME_WAIT, ESTAB, SYN-RECEIVED)`);
  const seen = found.source ? { text: token.trim(), source: found.source } : undefined;
  process.stdout.write(toPlainText(explainState(found.state, locale, seen)));
}

function parseArgs(argv: readonly string[]): { command: string; operand: string; locale: Locale } {
  let locale = toLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? argv[++i] : arg.slice('--lang='.length);
      if (!isLocale(value)) throw new UsageError(`--lang takes ${LANG_CHOICES}`);
      locale = value;
    } else {
      positional.push(arg);
    }
  }
  const [command, operand, ...extra] = positional;
  if (!command || operand === undefined || extra.length) throw new UsageError('expected a command and one operand');
  return { command, operand, locale };
}

async function main(): Promise<void> {
  try {
    const { command, operand, locale } = parseArgs(process.argv.slice(2));
    if (command === 'find') await find(operand);
    else if (command === 'explain') explain(operand, locale);
    else throw new UsageError(`unknown command "${command}"`);
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

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
