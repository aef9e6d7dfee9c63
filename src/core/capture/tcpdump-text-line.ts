// One line of tcpdump's text output, taken apart without a regular expression over the whole
// line: a short anchored pattern for the timestamp, then indexOf and a bracket-depth scan for
// the rest, so any line (binary, random text, a megabyte long) costs time linear in its length.
import { flagsFromBits } from './tcp-segment';
import type { SackBlock, TcpFlags, TcpOptions } from './types';

/** How the line's time was printed (tcpdump's -t flags). */
export type TextClockKind = 'epoch' | 'date-time' | 'time-of-day' | 'relative' | 'none';

export interface LineTime {
  readonly kind: TextClockKind;
  /**
   * epoch: ns since 1970; date-time: ns since 1970 of the printed wall clock read as UTC;
   * time-of-day: ns since midnight; relative: the printed offset in ns, signed.
   */
  readonly ns: bigint;
  /** 6 (µs) or 9 (ns) fraction digits. */
  readonly digits: number;
}

/** The TCP part of a line, numbers exactly as printed. */
export interface TcpText {
  readonly ipVersion: 4 | 6;
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  /** undefined for `-q` output (`tcp 1448`), which prints no flags. */
  readonly flags: TcpFlags | undefined;
  readonly flagBits: number | undefined;
  /** `seq A` or the A of `seq A:B`. */
  readonly seq: number | undefined;
  /** The B of `seq A:B`. */
  readonly seqEnd: number | undefined;
  readonly ack: number | undefined;
  readonly window: number | undefined;
  readonly urgent: number | undefined;
  readonly options: TcpOptions;
  readonly payloadLength: number | undefined;
  /** `cksum 0x… (correct)` / `(incorrect -> 0x…)` under -v; undefined when not printed. */
  readonly checksumOk: boolean | undefined;
  /** Bracketed remarks tcpdump adds, e.g. `bad hdr length 4 - too short, < 20`, `|tcp`. */
  readonly remarks: readonly string[];
}

export type LineOutcome =
  | { readonly kind: 'empty' }
  | { readonly kind: 'tcp'; readonly time: LineTime | undefined; readonly prefix: LinePrefix; readonly tcp: TcpText }
  /** A -v IPv4 header line whose TCP part is on the next, indented line. */
  | { readonly kind: 'header'; readonly time: LineTime | undefined; readonly prefix: LinePrefix; readonly ipVersion: 4 | 6 }
  /** An indented line: the second half of a -v packet, or a dump of its payload. */
  | { readonly kind: 'continuation'; readonly text: string }
  | { readonly kind: 'skip'; readonly time: LineTime | undefined; readonly reason: string };

export interface LinePrefix {
  /** `-i any`: the interface name and the direction tcpdump prints (In, Out, B, M, P). */
  readonly interfaceName: string | undefined;
  readonly direction: string | undefined;
}

const FRACTION = '(\\d{6}|\\d{9})';
const EPOCH = new RegExp(`^(\\d{1,12})\\.${FRACTION}(?= )`);
const DATE_TIME = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})\\.${FRACTION}(?= )`);
const TIME_OF_DAY = new RegExp(`^(\\d{2}):(\\d{2}):(\\d{2})\\.${FRACTION}(?= )`);
const RELATIVE = new RegExp(`^([ -])(\\d{2}):(\\d{2}):(\\d{2})\\.${FRACTION}(?= )`);
const DIRECTIONS = new Set(['In', 'Out', 'B', 'M', 'P', '?']);
const MAX_TOKEN = 80;
const ETHERTYPE_V4 = 'ethertype IPv4 (0x0800), ';
const ETHERTYPE_V6 = 'ethertype IPv6 (0x86dd), ';

const NS_PER_S = 1_000_000_000n;

function fractionNs(text: string): bigint {
  return BigInt(text) * (text.length === 6 ? 1000n : 1n);
}

function hms(h: string, m: string, s: string): bigint {
  return BigInt(Number(h) * 3600 + Number(m) * 60 + Number(s)) * NS_PER_S;
}

export function parseTime(line: string): { time: LineTime; rest: string } | undefined {
  let m = EPOCH.exec(line);
  if (m) return { time: { kind: 'epoch', ns: BigInt(m[1]!) * NS_PER_S + fractionNs(m[2]!), digits: m[2]!.length }, rest: line.slice(m[0].length + 1) };
  m = DATE_TIME.exec(line);
  if (m) {
    const days = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
    const ns = BigInt(days) * 86_400n * NS_PER_S + hms(m[4]!, m[5]!, m[6]!) + fractionNs(m[7]!);
    return { time: { kind: 'date-time', ns, digits: m[7]!.length }, rest: line.slice(m[0].length + 1) };
  }
  m = TIME_OF_DAY.exec(line);
  if (m) return { time: { kind: 'time-of-day', ns: hms(m[1]!, m[2]!, m[3]!) + fractionNs(m[4]!), digits: m[4]!.length }, rest: line.slice(m[0].length + 1) };
  m = RELATIVE.exec(line);
  if (m) {
    const ns = hms(m[2]!, m[3]!, m[4]!) + fractionNs(m[5]!);
    return { time: { kind: 'relative', ns: m[1] === '-' ? -ns : ns, digits: m[5]!.length }, rest: line.slice(m[0].length + 1) };
  }
  return undefined;
}

/** The next space-separated word from `at` (bounded length), and where the text after it starts. */
function word(text: string, at: number): { word: string; next: number } {
  let end = text.indexOf(' ', at);
  if (end < 0) end = text.length;
  const next = skipSpaces(text, end);
  return { word: end - at > MAX_TOKEN ? '' : text.slice(at, end), next };
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && text.charCodeAt(at) === 32) at++;
  return at;
}

/** Index just past the bracket that closes the one at `open`, or -1. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

export function parseLine(raw: string): LineOutcome {
  if (raw.trim() === '') return { kind: 'empty' };
  const timed = parseTime(raw);
  if (timed === undefined && (raw[0] === ' ' || raw[0] === '\t')) return { kind: 'continuation', text: raw.trim() };
  const time = timed?.time;
  let text = timed === undefined ? raw : timed.rest;
  text = text.slice(skipSpaces(text, 0)); // Linux cooked v1 with -e: "12:00:00.000001  In 00:00:…"

  const skip = (reason: string): LineOutcome => ({ kind: 'skip', time, reason });

  // -i any: "lo    In  IP …", "eth0  Out IP6 …".
  let interfaceName: string | undefined;
  let direction: string | undefined;
  const first = word(text, 0);
  const second = word(text, first.next);
  if (first.word !== '' && DIRECTIONS.has(second.word) && first.word !== 'IP' && first.word !== 'IP6') {
    interfaceName = first.word;
    direction = second.word;
    text = text.slice(second.next);
  } else if (DIRECTIONS.has(first.word) && first.word !== 'P') {
    direction = first.word; // Linux cooked v1 without -e: no interface name
    text = text.slice(first.next);
  }
  const prefix: LinePrefix = { interfaceName, direction };

  let ipVersion: 4 | 6;
  let at: number;
  if (text.startsWith('IP ')) [ipVersion, at] = [4, 3];
  else if (text.startsWith('IP6 ')) [ipVersion, at] = [6, 4];
  else {
    // -e: "… ethertype IPv4 (0x0800), length 74: 127.0.0.1.1 > …"; behind a VLAN tag the inner
    // one has no length: "… length 78: vlan 10, p 0, ethertype IPv4 (0x0800), 10.0.0.1.1 > …".
    const v4 = text.lastIndexOf(ETHERTYPE_V4);
    const v6 = text.lastIndexOf(ETHERTYPE_V6);
    if (v4 < 0 && v6 < 0) return skip(notTcpReason(text, timed !== undefined));
    ipVersion = v4 > v6 ? 4 : 6;
    at = Math.max(v4, v6) + ETHERTYPE_V4.length;
    if (text.startsWith('length ', at)) {
      const colon = text.indexOf(': ', at);
      if (colon < 0) return skip('link-level header without a packet');
      at = colon + 2;
    }
  }
  at = skipSpaces(text, at);
  if (text[at] === '(') {
    // -v: "(tos 0x0, ttl 64, …, proto TCP (6), length 60)" or IPv6's "(…, next-header TCP (6) payload length: 40)".
    const end = closing(text, at);
    if (end < 0) return skip('IP header without its closing parenthesis');
    const header = text.slice(at, end);
    const proto = /(?:proto|next-header) (\S{1,20}) \((\d{1,3})\)/.exec(header);
    if (proto && proto[2] !== '6') return skip(`not TCP: IP protocol ${proto[1]} (${proto[2]})`);
    at = skipSpaces(text, end);
    if (at >= text.length) return { kind: 'header', time, prefix, ipVersion };
  }
  const tcp = parseTcp(text.slice(at), ipVersion);
  if (typeof tcp === 'string') return skip(tcp);
  return { kind: 'tcp', time, prefix, tcp };
}

function notTcpReason(text: string, timed: boolean): string {
  const w = word(text, 0).word.replace(/,$/, '');
  if (w === 'listening' || w === 'reading') return `tcpdump's banner ("${w} …")`;
  if (/^\d+$/.test(w) && /packets? (captured|received by filter|dropped by kernel)/.test(text.slice(0, 200))) return "tcpdump's closing counts";
  if (w === 'ARP' || w === 'STP' || w === 'LLDP' || w === 'IPX' || w === '802.1d') return `not IP: ${w}`;
  if (w === 'tcpdump:' || w === 'Warning:') return "tcpdump's message";
  return timed ? `not IP: ${w === '' ? 'unrecognised packet' : w.slice(0, 20)}` : 'not a tcpdump packet line';
}

/** Splits "A.B.C.D.port" or "v6addr.port" at the last dot. */
function endpoint(text: string, ipVersion: 4 | 6): { address: string; port: number } | undefined {
  if (text.length === 0 || text.length > MAX_TOKEN) return undefined;
  const dot = text.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const address = text.slice(0, dot);
  const portText = text.slice(dot + 1);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) return undefined;
  const ok = ipVersion === 4 ? /^\d{1,3}(\.\d{1,3}){3}$/.test(address) : /^[0-9a-fA-F:.]{2,45}$/.test(address) && address.includes(':');
  return ok ? { address, port: Number(portText) } : undefined;
}

/** "src.port > dst.port: rest" → the TCP fields, or the reason it is not a TCP segment. */
export function parseTcp(text: string, ipVersion: 4 | 6): TcpText | string {
  const gt = text.indexOf(' > ');
  if (gt < 0 || gt > MAX_TOKEN) return 'no "src > dst" addresses';
  const colon = text.indexOf(': ', gt + 3);
  const dstEnd = colon < 0 ? (text.endsWith(':') ? text.length - 1 : -1) : colon;
  if (dstEnd < 0 || dstEnd - gt > MAX_TOKEN + 3) return 'no "src > dst:" addresses';
  const rest = colon < 0 ? '' : text.slice(colon + 2);
  const src = endpoint(text.slice(0, gt), ipVersion);
  const dst = endpoint(text.slice(gt + 3, dstEnd), ipVersion);
  if (src === undefined || dst === undefined) {
    const what = word(rest, 0).word.replace(/,$/, '');
    return /^[A-Za-z][\w-]{0,15}$/.test(what) ? `not TCP: ${what}` : 'no ports in "src > dst"';
  }
  const base = { ipVersion, src: src.address, dst: dst.address, srcPort: src.port, dstPort: dst.port };
  const quick = /^tcp (\d{1,10})\b/.exec(rest);
  if (quick) {
    return { ...base, flags: undefined, flagBits: undefined, seq: undefined, seqEnd: undefined, ack: undefined, window: undefined, urgent: undefined, options: {}, payloadLength: Number(quick[1]), checksumOk: undefined, remarks: [] };
  }
  if (!rest.startsWith('Flags [')) {
    const what = word(rest, 0).word.replace(/,$/, '');
    return /^[A-Za-z][\w-]{0,15}$/.test(what) ? `not TCP: ${what}` : 'no "Flags [" after the ports';
  }
  return tcpFields(rest, base);
}

const FLAG_LETTERS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, '.': 0x10, U: 0x20, E: 0x40, W: 0x80, e: 0x100 };

/** The comma-separated fields after the addresses, split outside brackets. */
function topLevelFields(text: string): string[] {
  const fields: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ',' && depth === 0 && text[i + 1] === ' ') {
      fields.push(text.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  fields.push(text.slice(start));
  return fields;
}

const U32 = '(\\d{1,10})';
const SEQ = new RegExp(`^seq ${U32}(?::${U32})?$`);
const NUMBER_FIELD = new RegExp(`^(ack|win|urg) ${U32}$`);
// Not followed by another digit: `length 12345678901` is no length (its first ten digits are not one).
const LENGTH = new RegExp(`^length ${U32}(?!\\d)`);

function u32(text: string): number | undefined {
  const n = Number(text);
  return n <= 0xffffffff ? n : undefined;
}

function tcpFields(rest: string, base: Pick<TcpText, 'ipVersion' | 'src' | 'dst' | 'srcPort' | 'dstPort'>): TcpText | string {
  const close = rest.indexOf(']');
  const letters = rest.slice(7, close);
  if (close < 0 || letters.length > 10) return 'unreadable "Flags [" field';
  let bits = 0;
  if (letters !== 'none') {
    for (const letter of letters) {
      const bit = FLAG_LETTERS[letter];
      if (bit === undefined) return `unknown flag letter "${letter}"`;
      bits |= bit;
    }
  }
  let seq: number | undefined;
  let seqEnd: number | undefined;
  let ack: number | undefined;
  let window: number | undefined;
  let urgent: number | undefined;
  let options: TcpOptions = {};
  let payloadLength: number | undefined;
  let checksumOk: boolean | undefined;
  const remarks: string[] = [];
  for (const field of topLevelFields(rest.slice(close + 1).replace(/^, /, ''))) {
    let f = field;
    // Remarks in brackets anywhere in a field: "[bad hdr length 4 - too short, < 20]", "[|tcp]".
    if (f.startsWith('[') && f.endsWith(']')) {
      remarks.push(f.slice(1, -1).slice(0, 100));
      continue;
    }
    const bracket = f.lastIndexOf(' [');
    if (bracket > 0 && f.endsWith(']') && !f.startsWith('options')) {
      remarks.push(f.slice(bracket + 2, -1).slice(0, 100));
      f = f.slice(0, bracket);
    }
    let m = SEQ.exec(f);
    if (m) {
      seq = u32(m[1]!);
      seqEnd = m[2] === undefined ? undefined : u32(m[2]);
      continue;
    }
    m = NUMBER_FIELD.exec(f);
    if (m) {
      const n = u32(m[2]!);
      if (m[1] === 'ack') ack = n;
      else if (m[1] === 'win') window = n;
      else urgent = n;
      continue;
    }
    if (f.startsWith('options [') && f.endsWith(']')) {
      options = parseOptions(f.slice(9, -1));
      continue;
    }
    if (f.startsWith('cksum ')) {
      checksumOk = f.includes('(correct)') ? true : f.includes('(incorrect') ? false : undefined;
      continue;
    }
    m = LENGTH.exec(f);
    if (m) payloadLength = Number(m[1]);
  }
  return { ...base, flags: flagsFromBits(bits), flagBits: bits, seq, seqEnd, ack, window, urgent, options, payloadLength, checksumOk, remarks };
}

const SACK_BLOCK = /\{(\d{1,10}):(\d{1,10})\}/g;

/** "mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7,sack 1 {1:101}" → TcpOptions. */
export function parseOptions(text: string): TcpOptions {
  const options: { -readonly [K in keyof TcpOptions]: TcpOptions[K] } & { other?: number[] } = {};
  for (const item of text.split(',')) {
    let m: RegExpExecArray | null;
    if (item === 'nop' || item === 'eol') continue;
    if (item === 'sackOK') options.sackPermitted = true;
    else if ((m = /^mss (\d{1,5})$/.exec(item))) options.mss = Number(m[1]);
    else if ((m = /^wscale (\d{1,3})$/.exec(item))) options.windowScale = Number(m[1]);
    else if ((m = /^TS val (\d{1,10}) ecr (\d{1,10})$/.exec(item))) options.timestamp = { value: Number(m[1]), echoReply: Number(m[2]) };
    else if (item.startsWith('sack ') && item.length < 200) {
      const blocks: SackBlock[] = [];
      for (const b of item.matchAll(SACK_BLOCK)) blocks.push({ left: Number(b[1]), right: Number(b[2]) });
      options.sack = blocks;
    } else if ((m = /^unknown-(\d{1,3})/.exec(item))) (options.other ??= []).push(Number(m[1]));
    else if (item.startsWith('mptcp')) (options.other ??= []).push(30);
    else if (item.startsWith('tfo')) (options.other ??= []).push(34);
    else if (item.startsWith('md5')) (options.other ??= []).push(19);
    else if (item.startsWith('eol')) continue;
    else options.malformed = true;
  }
  return options;
}
