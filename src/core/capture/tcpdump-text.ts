// A reader for tcpdump's text output: what `tcpdump -nn [-tt|-ttt|-tttt|-ttttt] [-S] [-v] [-e]
// -r FILE` or a live `tcpdump -nn -i any` prints, pasted or streamed in chunks of any size.
// `push` returns the segments the chunk completed; `end` says what was read and what was
// skipped (non-TCP packets, banners, lines it could not read), never a throw.
//
// Time. tcpdump prints one of five clocks and the text does not say which of the two relative
// ones it is, so every segment carries `clock` and two times:
// - `timestampNs`: ns since 1970 UTC, only when the text says so: `-tt` (epoch seconds, exact)
//   and `-tttt` (date and time; tcpdump prints local time, which the text does not name, so it
//   is read as UTC plus the option `utcOffsetMinutes`). Otherwise undefined.
// - `timeNs`: the segment's place on this reader's timeline, for ordering and durations: the
//   epoch time above; for the default time-of-day clock, ns since the first line's midnight (a
//   clock that goes back by more than 12 hours is taken as the next day); for `-ttt` (since the
//   previous packet, the default of the `relative` option) the running sum of the deltas of
//   every packet line, TCP or not; for `-ttttt` (`relative: 'first'`) the printed offset.
//   Relative clocks print hours modulo 24, so a gap of a day or more is lost. `-t`: undefined.
// Sequence numbers. With -S tcpdump prints them as they are; without it, it keeps one entry per
// connection, made by the first segment with ACK set that it sees (normally the SYN-ACK), which
// is printed absolute: that segment's seq is its direction's base and its ack−1 the other's;
// later ACK segments print seq − base and ack − other base (mod 2^32); segments without ACK are
// always absolute. This reader replays the same bookkeeping, so `seq`/`ack` are absolute
// wherever that entry was seen; `printed` says how the line had them. Whether -S was given is
// inferred per connection from the first ACK line after the entry (are its numbers nearer 0 or
// the bases?) unless the option `sequenceNumbers` says. A text that starts mid-connection without
// -S shows small numbers on its first ACK line: those stay relative (`seq`/`ack` undefined,
// `printedSeq`/`printedAck` set).
// Lines break on `\n` or `\r\n`; a line over MAX_LINE_CHARS is skipped without being kept, so
// memory stays bounded and every line is read in time linear in its length.
import { parseLine, type LinePrefix, type LineTime, type TcpText, type TextClockKind } from './tcpdump-text-line';
import type { CapturedSegment, TcpFlags, TcpOptions } from './types';

export type TextClock = TextClockKind;

export interface TextSegment extends Pick<CapturedSegment, 'ipVersion' | 'src' | 'dst' | 'srcPort' | 'dstPort'> {
  /** The 1-based line of the packet (the IP header line for a two-line -v packet). */
  readonly line: number;
  /** Packet lines counted so far, TCP or not: tcpdump's frame number when the text is whole. */
  readonly packet: number;
  readonly clock: TextClock;
  readonly timestampNs: bigint | undefined;
  readonly timeNs: bigint | undefined;
  /** Fraction digits printed: 6 (µs) or 9 (ns); 0 without a clock. */
  readonly clockDigits: number;
  /** `-i any`: the interface and direction printed before the packet. */
  readonly interfaceName: string | undefined;
  readonly direction: string | undefined;
  /** undefined for `-q` lines (`tcp 1448`), which print no flags. */
  readonly flags: TcpFlags | undefined;
  readonly flagBits: number | undefined;
  /** Absolute; undefined when not printed (tcpdump prints seq only with data, SYN, FIN or RST) or when a relative number has no known base. */
  readonly seq: number | undefined;
  readonly ack: number | undefined;
  /** How tcpdump printed seq and ack on this line. */
  readonly printed: 'absolute' | 'relative';
  readonly printedSeq: number | undefined;
  readonly printedAck: number | undefined;
  readonly window: number | undefined;
  readonly urgent: number | undefined;
  /** SACK blocks are converted to absolute like ack when possible. */
  readonly options: TcpOptions;
  /** `length N`; undefined when not printed (e.g. `[bad hdr length …]`). */
  readonly payloadLength: number | undefined;
  readonly checksumOk: boolean | undefined;
  readonly remarks: readonly string[];
}

export interface TextReaderOptions {
  /** Which relative clock a ` 00:00:00.000123` line is: -ttt ('previous', default) or -ttttt ('first'). */
  readonly relative?: 'previous' | 'first';
  /** Minutes east of UTC of the machine that printed `-tttt` dates (tcpdump prints local time). */
  readonly utcOffsetMinutes?: number;
  /** 'auto' (default) infers -S per connection; 'absolute' = -S was given; 'relative' = it was not. */
  readonly sequenceNumbers?: 'auto' | 'absolute' | 'relative';
}

export interface SkippedLine {
  readonly line: number;
  readonly reason: string;
}

export interface TextSummary {
  readonly lines: number;
  readonly segments: number;
  /** Lines neither empty nor part of a segment. */
  readonly skipped: number;
  /** The first few skipped lines and why. */
  readonly firstSkipped: readonly SkippedLine[];
  /** Skipped lines per reason (bounded: rare reasons beyond the first 50 are counted as "other"). */
  readonly reasons: Readonly<Record<string, number>>;
  /** The clock of the first timed line; undefined when no line had one. */
  readonly clock: TextClock | undefined;
}

/** Longer lines are skipped without being kept: tcpdump's TCP lines are a few hundred characters. */
export const MAX_LINE_CHARS = 16_384;
const FIRST_SKIPPED = 10;
const MAX_REASONS = 50;
const DAY_NS = 86_400_000_000_000n;
const HALF_DAY_NS = DAY_NS / 2n;
const SMALL = 1 << 20;

interface Pending {
  readonly line: number;
  readonly packet: number;
  readonly time: Timeline;
  readonly prefix: LinePrefix;
}

interface Timeline {
  readonly clock: TextClock;
  readonly timestampNs: bigint | undefined;
  readonly timeNs: bigint | undefined;
  readonly digits: number;
}

interface Conversation {
  /** Base of the lower endpoint's seq and of the higher endpoint's seq. */
  readonly baseA: number;
  readonly baseB: number;
  /** -S or not, once decided for this connection. */
  printed: 'absolute' | 'relative' | undefined;
}

export class TcpdumpTextReader {
  private tail = '';
  private overlong = false;
  private lines = 0;
  private segments = 0;
  private skipped = 0;
  private packets = 0;
  private readonly firstSkipped: SkippedLine[] = [];
  private readonly reasons: Record<string, number> = {};
  private reasonCount = 0;
  private clock: TextClock | undefined;
  private pending: Pending | undefined;
  /** Whether the last packet line was skipped, so its indented lines are too. */
  private lastPacketSkipped = false;
  private relativeSum = 0n;
  private dayOffset = 0n;
  private lastTimeOfDay: bigint | undefined;
  private readonly conversations = new Map<string, Conversation>();
  private readonly relative: 'previous' | 'first';
  private readonly utcOffsetNs: bigint;
  private readonly numbering: 'auto' | 'absolute' | 'relative';

  constructor(options: TextReaderOptions = {}) {
    this.relative = options.relative ?? 'previous';
    this.utcOffsetNs = BigInt(Math.trunc(options.utcOffsetMinutes ?? 0)) * 60_000_000_000n;
    this.numbering = options.sequenceNumbers ?? 'auto';
  }

  push(chunk: string): TextSegment[] {
    const out: TextSegment[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      if (newline < 0) break;
      if (this.overlong) {
        this.overlong = false;
        this.overlongLine();
      } else {
        const line = this.tail + chunk.slice(start, newline);
        this.tail = '';
        if (tooLong(line)) this.overlongLine();
        else this.take(line, out);
      }
      start = newline + 1;
    }
    if (!this.overlong) {
      if (this.tail.length + chunk.length - start > MAX_LINE_CHARS + 1) {
        this.overlong = true;
        this.tail = '';
      } else this.tail += chunk.slice(start);
    }
    return out;
  }

  /** The segments of a last line without a newline, and the summary. */
  end(): TextSummary & { readonly last: TextSegment[] } {
    const last: TextSegment[] = [];
    if (this.overlong) {
      this.overlong = false;
      this.overlongLine();
    } else if (this.tail !== '') {
      const line = this.tail;
      this.tail = '';
      if (tooLong(line)) this.overlongLine();
      else this.take(line, last);
    }
    this.pendingLost();
    return { lines: this.lines, segments: this.segments, skipped: this.skipped, firstSkipped: [...this.firstSkipped], reasons: { ...this.reasons }, clock: this.clock, last };
  }

  /** A line too long to be tcpdump's: skipped unread (not counted as a packet, which it may have been). */
  private overlongLine(): void {
    this.lines++;
    this.pendingLost();
    this.skip(this.lines, `line longer than ${MAX_LINE_CHARS} characters`);
    this.lastPacketSkipped = true;
  }

  private skip(line: number, reason: string): void {
    this.skipped++;
    if (this.firstSkipped.length < FIRST_SKIPPED) this.firstSkipped.push({ line, reason });
    const key = this.reasons[reason] !== undefined || this.reasonCount < MAX_REASONS ? reason : 'other';
    if (this.reasons[key] === undefined) this.reasonCount++;
    this.reasons[key] = (this.reasons[key] ?? 0) + 1;
  }

  private pendingLost(): void {
    if (this.pending === undefined) return;
    this.skip(this.pending.line, 'IP header line (-v) without its TCP line');
    this.pending = undefined;
  }

  private take(rawLine: string, out: TextSegment[]): void {
    this.lines++;
    const number = this.lines;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const parsed = parseLine(line);
    if (parsed.kind === 'empty') return;
    if (parsed.kind === 'continuation') {
      const pending = this.pending;
      if (pending === undefined) {
        const dump = /^0x[0-9a-f]{4}:/.test(parsed.text);
        this.skip(number, dump ? 'hex dump line (-x/-X)' : this.lastPacketSkipped ? 'continuation of a skipped packet' : 'indented line that is not part of a TCP packet');
        return;
      }
      this.pending = undefined;
      const ipVersion = parsed.text.includes(' > ') && parsed.text.split(' > ', 1)[0]!.includes(':') ? 6 : 4;
      const inner = parseLine(`IP${ipVersion === 6 ? '6' : ''} ${parsed.text}`);
      if (inner.kind !== 'tcp') {
        this.skip(number, inner.kind === 'skip' ? inner.reason : 'unreadable TCP line after a -v IP header');
        this.skip(pending.line, 'IP header line (-v) without its TCP line');
        this.lastPacketSkipped = true;
        return;
      }
      this.emit(pending.line, pending.packet, pending.time, pending.prefix, inner.tcp, out);
      return;
    }
    this.pendingLost();
    const isPacket = parsed.time !== undefined || parsed.kind !== 'skip' || parsed.reason.startsWith('not IP') || parsed.reason.startsWith('not TCP');
    const time = isPacket ? this.timeline(parsed.time) : undefined;
    if (isPacket) this.packets++;
    if (parsed.kind === 'skip') {
      this.lastPacketSkipped = isPacket;
      this.skip(number, parsed.reason);
      return;
    }
    this.lastPacketSkipped = false;
    if (parsed.kind === 'header') {
      this.pending = { line: number, packet: this.packets, time: time!, prefix: parsed.prefix };
      return;
    }
    this.emit(number, this.packets, time!, parsed.prefix, parsed.tcp, out);
  }

  private timeline(time: LineTime | undefined): Timeline {
    if (time === undefined) return { clock: 'none', timestampNs: undefined, timeNs: undefined, digits: 0 };
    this.clock ??= time.kind;
    switch (time.kind) {
      case 'epoch':
        return { clock: 'epoch', timestampNs: time.ns, timeNs: time.ns, digits: time.digits };
      case 'date-time': {
        const ns = time.ns - this.utcOffsetNs;
        return { clock: 'date-time', timestampNs: ns, timeNs: ns, digits: time.digits };
      }
      case 'time-of-day': {
        if (this.lastTimeOfDay !== undefined && this.lastTimeOfDay - time.ns > HALF_DAY_NS) this.dayOffset += DAY_NS;
        this.lastTimeOfDay = time.ns;
        return { clock: 'time-of-day', timestampNs: undefined, timeNs: time.ns + this.dayOffset, digits: time.digits };
      }
      case 'relative': {
        const ns = this.relative === 'first' ? time.ns : (this.relativeSum += time.ns);
        return { clock: 'relative', timestampNs: undefined, timeNs: ns, digits: time.digits };
      }
      default:
        return { clock: 'none', timestampNs: undefined, timeNs: undefined, digits: 0 };
    }
  }

  private emit(line: number, packet: number, time: Timeline, prefix: LinePrefix, tcp: TcpText, out: TextSegment[]): void {
    const numbers = this.absolute(tcp);
    this.segments++;
    out.push({
      line,
      packet,
      clock: time.clock,
      timestampNs: time.timestampNs,
      timeNs: time.timeNs,
      clockDigits: time.digits,
      interfaceName: prefix.interfaceName,
      direction: prefix.direction,
      ipVersion: tcp.ipVersion,
      src: tcp.src,
      dst: tcp.dst,
      srcPort: tcp.srcPort,
      dstPort: tcp.dstPort,
      flags: tcp.flags,
      flagBits: tcp.flagBits,
      seq: numbers.seq,
      ack: numbers.ack,
      printed: numbers.printed,
      printedSeq: tcp.seq,
      printedAck: tcp.ack,
      window: tcp.window,
      urgent: tcp.urgent,
      options: numbers.options,
      payloadLength: tcp.payloadLength ?? (tcp.seq !== undefined && tcp.seqEnd !== undefined ? (tcp.seqEnd - tcp.seq) >>> 0 : undefined),
      checksumOk: tcp.checksumOk,
      remarks: tcp.remarks,
    });
  }

  /** tcpdump's relative-sequence bookkeeping (print-tcp.c), replayed to undo it. */
  private absolute(tcp: TcpText): { seq: number | undefined; ack: number | undefined; printed: 'absolute' | 'relative'; options: TcpOptions } {
    const same = { seq: tcp.seq, ack: tcp.ack, options: tcp.options };
    if (tcp.flags === undefined || !tcp.flags.ack || this.numbering === 'absolute') return { ...same, printed: 'absolute' };
    const a = `${tcp.src}.${tcp.srcPort}`;
    const b = `${tcp.dst}.${tcp.dstPort}`;
    const reversed = a > b;
    const key = reversed ? `${b} ${a}` : `${a} ${b}`;
    const known = this.conversations.get(key);
    if (known === undefined || tcp.flags.syn) {
      const seq = tcp.seq ?? 0;
      const ack = tcp.ack ?? 0;
      // A capture that starts mid-connection, printed without -S: small numbers on the first
      // ACK line are relative to a base this text never showed.
      if (!tcp.flags.syn && seq < SMALL && ack < SMALL && known === undefined && tcp.seq !== undefined) {
        return { seq: undefined, ack: undefined, options: tcp.options, printed: 'relative' };
      }
      const own = seq;
      const other = (ack - 1) >>> 0;
      this.conversations.set(key, { baseA: reversed ? other : own, baseB: reversed ? own : other, printed: this.numbering === 'relative' ? 'relative' : undefined });
      return { ...same, printed: 'absolute' };
    }
    const seqBase = reversed ? known.baseB : known.baseA;
    const ackBase = reversed ? known.baseA : known.baseB;
    if (known.printed === undefined) known.printed = looksRelative(tcp, seqBase, ackBase) ? 'relative' : 'absolute';
    if (known.printed === 'absolute') return { ...same, printed: 'absolute' };
    const add = (n: number | undefined, base: number): number | undefined => (n === undefined ? undefined : (n + base) >>> 0);
    let options = tcp.options;
    if (options.sack !== undefined) options = { ...options, sack: options.sack.map((s) => ({ left: add(s.left, ackBase)!, right: add(s.right, ackBase)! })) };
    return { seq: add(tcp.seq, seqBase), ack: add(tcp.ack, ackBase), options, printed: 'relative' };
  }
}

function tooLong(line: string): boolean {
  return line.length - (line.endsWith('\r') ? 1 : 0) > MAX_LINE_CHARS;
}

/** Whether printed numbers are nearer to 0 (relative) than to the bases just ahead (absolute, -S). */
function looksRelative(tcp: TcpText, seqBase: number, ackBase: number): boolean {
  const n = tcp.seq ?? tcp.ack;
  if (n === undefined) return true;
  const base = tcp.seq !== undefined ? seqBase : ackBase;
  const asAbsolute = Math.min((n - base) >>> 0, (base - n) >>> 0);
  const asRelative = Math.min(n, 2 ** 32 - n);
  return asRelative <= asAbsolute;
}

/** A whole text at once. */
export function readTcpdumpText(text: string, options?: TextReaderOptions): { readonly segments: TextSegment[]; readonly summary: TextSummary } {
  const reader = new TcpdumpTextReader(options);
  const segments = reader.push(text);
  const { last, ...summary } = reader.end();
  segments.push(...last);
  return { segments, summary };
}

