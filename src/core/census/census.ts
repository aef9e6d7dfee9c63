// The census of a socket dump: how many mentions of each canonical state, and, where a line is a
// row of a socket table (ss, Linux/macOS/Windows netstat), which local ports, peers and processes
// hold them. Streaming: fed one line at a time (its number, its text and the mentions the
// LineScanner found on it), it keeps only bounded structures, so a 200 MB dump is counted in
// flat memory. Pure: no `vscode`, no Node APIs.
import { LineScanner, type LocatedMention } from '../recognition/line-scanner';
import type { StateId } from '../model/states';

/** Line numbers kept per state so a view can link back to lines. */
export const SAMPLE_LINES = 20;
/** Entries of each ranking (ports, peers, processes) reported per state. */
export const TOP_GROUPS = 50;
/** Keys each ranking tracks (Space-Saving): counts are exact while a state has at most this many distinct keys. */
export const GROUP_CAPACITY = 4 * TOP_GROUPS;
/** Listeners kept for their accept queue (Recv-Q on LISTEN rows). */
export const TOP_LISTENERS = 20;
/** Characters of a line kept for row parsing: socket-table rows are far shorter. */
export const ROW_CHARS = 4096;
/** Words in a dump's text that a diagnosis calls out (old advice). */
export const NOTED_WORDS = ['tcp_tw_recycle'] as const;
export type NotedWord = (typeof NOTED_WORDS)[number];

/** One entry of a ranking. `count` may overestimate by at most `error` (0: exact). */
export interface GroupEntry {
  readonly key: string;
  readonly count: number;
  readonly error: number;
}

export interface StateCensus {
  /** Every mention of the state. */
  readonly count: number;
  /** Mentions that were the state column of a socket-table row. */
  readonly rows: number;
  /** The first SAMPLE_LINES line numbers (1-based) that mention the state. */
  readonly sampleLines: readonly number[];
  /** Rows by local port ('443', '*'), most first, at most TOP_GROUPS. */
  readonly localPorts: readonly GroupEntry[];
  /** Rows by peer address (host, without its port), most first. */
  readonly peers: readonly GroupEntry[];
  /** Rows by process ('nginx'; 'pid 1234' when only the PID is printed), most first. */
  readonly processes: readonly GroupEntry[];
}

/** A LISTEN row with a non-empty accept queue. */
export interface ListenerQueue {
  readonly localPort: string;
  /** Connections waiting for accept(). */
  readonly recvQ: number;
  /** ss prints the backlog (the queue's limit) here on LISTEN rows; netstat prints 0. */
  readonly sendQ: number;
  readonly line: number;
}

export interface CensusResult {
  readonly lines: number;
  readonly mentions: number;
  readonly rows: number;
  /** Every mention per canonical state, only states seen. */
  readonly counts: Readonly<Partial<Record<StateId, number>>>;
  readonly states: Readonly<Partial<Record<StateId, StateCensus>>>;
  /** LISTEN rows whose Recv-Q is not 0, largest first, at most TOP_LISTENERS. */
  readonly listenQueues: readonly ListenerQueue[];
  /** How often each noted word occurs in the text, and its first line. */
  readonly words: Readonly<Partial<Record<NotedWord, { readonly count: number; readonly firstLine: number }>>>;
}

/** A key Space-Saving tracks. `queued` is its count when last placed in the heap (never above `count`). */
interface Slot {
  readonly key: string;
  count: number;
  readonly error: number;
  /** When the key was (last) taken in: the earliest among the smallest counts is replaced first. */
  readonly order: number;
  queued: number;
}

/**
 * The top keys of a stream in bounded memory: Space-Saving (Metwally, Agrawal, El Abbadi 2005).
 * It tracks at most `capacity` keys; a new key when full replaces the smallest (of equal counts,
 * the one taken in first), inheriting its count as its possible error. Any key occurring more
 * than total/capacity times is kept. The smallest is found in a min-heap whose places are brought
 * up to date only when the heap's top is read (a count only grows), so a key already tracked
 * costs one map look-up and a replacement O(log capacity), not a scan of every key: a dump of
 * ephemeral ports replaces on almost every row.
 */
export class TopKeys {
  private readonly counts = new Map<string, Slot>();
  /** Min-heap by (queued, order). */
  private readonly heap: Slot[] = [];
  private taken = 0;

  constructor(private readonly capacity: number) {}

  /** Keys tracked now: never more than the capacity. */
  get size(): number {
    return this.counts.size;
  }

  add(key: string): void {
    const entry = this.counts.get(key);
    if (entry) {
      entry.count++;
      return;
    }
    const heap = this.heap;
    if (this.counts.size < this.capacity) {
      const slot: Slot = { key, count: 1, error: 0, order: this.taken++, queued: 1 };
      this.counts.set(key, slot);
      heap.push(slot);
      this.siftUp(heap.length - 1);
      return;
    }
    // Bring the top up to date until it is: then it is the smallest (count, order) of all.
    let top = heap[0]!;
    while (top.queued !== top.count) {
      top.queued = top.count;
      this.siftDown(0);
      top = heap[0]!;
    }
    const min = top.count;
    this.counts.delete(top.key);
    const slot: Slot = { key, count: min + 1, error: min, order: this.taken++, queued: min + 1 };
    this.counts.set(key, slot);
    heap[0] = slot;
    this.siftDown(0);
  }

  top(n: number): GroupEntry[] {
    return [...this.counts.values()]
      .map((v) => ({ key: v.key, count: v.count, error: v.error }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, n);
  }

  private siftUp(at: number): void {
    const heap = this.heap;
    const slot = heap[at]!;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = heap[parent]!;
      if (above.queued < slot.queued || (above.queued === slot.queued && above.order < slot.order)) break;
      heap[at] = above;
      at = parent;
    }
    heap[at] = slot;
  }

  private siftDown(at: number): void {
    const heap = this.heap;
    const length = heap.length;
    const slot = heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= length) break;
      let below = heap[child]!;
      const right = child + 1 < length ? heap[child + 1]! : undefined;
      if (right && (right.queued < below.queued || (right.queued === below.queued && right.order < below.order))) {
        child++;
        below = right;
      }
      if (slot.queued < below.queued || (slot.queued === below.queued && slot.order < below.order)) break;
      heap[at] = below;
      at = child;
    }
    heap[at] = slot;
  }
}

/** A socket-table row as the census reads it. */
export interface SocketRow {
  readonly localPort: string;
  readonly peer: string;
  readonly process?: string;
  readonly recvQ?: number;
  readonly sendQ?: number;
}

const PORT = /^(?:\d{1,5}|\*)$/;
const HOST = /^(?:\*|[0-9A-Fa-f:.]+(?:%[\w.-]+)?)$/;

/**
 * Splits `host:port` (ss, Linux and Windows netstat: `10.0.2.15:22`, `[::1]:22`, `:::22`,
 * `2001:db8::5:443`, `127.0.0.53%lo:53`, `*:*`) or `host.port` (macOS: `127.0.0.1.8080`,
 * `2001:db8:a::10.52350`, `*.*`).
 */
export function splitAddress(token: string): { host: string; port: string } | undefined {
  if (token.startsWith('[')) {
    const close = token.indexOf(']');
    if (close < 0 || token[close + 1] !== ':') return undefined;
    const host = token.slice(1, close);
    const port = token.slice(close + 2);
    return HOST.test(host) && PORT.test(port) ? { host, port } : undefined;
  }
  for (const separator of [':', '.']) {
    const at = token.lastIndexOf(separator);
    if (at <= 0) continue;
    const host = token.slice(0, at);
    const port = token.slice(at + 1);
    if (PORT.test(port) && HOST.test(host)) {
      // An IPv4 address split at its last dot ('10.0.2' + '15') is not an address with a port.
      if (separator === '.' && !host.includes(':') && host !== '*' && host.split('.').length !== 4) continue;
      return { host, port };
    }
  }
  return undefined;
}

/** ss's `users:(("nginx",pid=812,fd=5),…)`: the first process's name. */
const SS_USERS = /users:\(\("((?:[^"\\]|\\.)*)",pid=(\d+)/;
/** Linux netstat's `812/sshd` (the name may be cut, and followed by `: args`). */
const PID_PROGRAM = /^(\d+)\/([^:\s]*)/;

/** What `\s` matches (and `\S` does not): ASCII and Unicode white space and line terminators. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `/^\d+$/` on `line.slice(start, end)`, without the slice. */
function isNumber(line: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const code = line.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

// The `\S+` tokens of the line being parsed: token i is line.slice(starts[i], ends[i]). Reused
// from row to row (a row is parsed for every mention in a dump), grown for a longer line.
let starts = new Int32Array(1024);
let ends = new Int32Array(1024);

/** Splits `line` into its `\S+` tokens (into `starts`/`ends`) and returns how many there are. */
function tokenize(line: string): number {
  const length = line.length;
  if (starts.length < (length >> 1) + 1) {
    starts = new Int32Array((length >> 1) + 1);
    ends = new Int32Array((length >> 1) + 1);
  }
  let count = 0;
  let i = 0;
  while (i < length) {
    while (i < length && isSpace(line.charCodeAt(i))) i++;
    if (i >= length) break;
    starts[count] = i;
    while (i < length && !isSpace(line.charCodeAt(i))) i++;
    ends[count++] = i;
  }
  return count;
}

/** ss's process column: `users:((…` in the tokens after the peer, joined by single spaces. */
function ssProcess(line: string, first: number, count: number): string | undefined {
  if (first >= count) return undefined;
  const raw = line.slice(starts[first]!, ends[count - 1]!);
  // The expression needs `users:(("` whole, and joining tokens neither makes nor breaks one.
  if (!raw.includes('users:(("')) return undefined;
  const user = SS_USERS.exec(raw.replace(/\s+/g, ' '));
  return user ? user[1] || `pid ${user[2]}` : undefined;
}

/**
 * Reads `line` as a socket-table row whose state column is the mention at `offset`, or
 * undefined when it is not one. ss: `State Recv-Q Send-Q Local Peer Process` (optionally after
 * Netid); netstat: `… Local Foreign State [PID/Program | PID]`.
 */
export function parseRow(line: string, offset: number): SocketRow | undefined {
  const count = tokenize(line);
  let s = 0;
  while (s < count && starts[s]! < offset) s++;
  if (s >= count || starts[s] !== offset) return undefined;
  const text = (i: number): string => line.slice(starts[i]!, ends[i]!);
  // ss: the state first (or after Netid), then Recv-Q, Send-Q, local, peer, process.
  if (s <= 1 && count >= s + 5 && isNumber(line, starts[s + 1]!, ends[s + 1]!) && isNumber(line, starts[s + 2]!, ends[s + 2]!)) {
    const local = splitAddress(text(s + 3));
    const peer = splitAddress(text(s + 4));
    if (local && peer) {
      return {
        localPort: local.port,
        peer: peer.host,
        process: ssProcess(line, s + 5, count),
        recvQ: Number(text(s + 1)),
        sendQ: Number(text(s + 2)),
      };
    }
  }
  // netstat: local and foreign just before the state.
  if (s >= 2) {
    const local = splitAddress(text(s - 2));
    const peer = splitAddress(text(s - 1));
    if (!local || !peer) return undefined;
    let process: string | undefined;
    if (s + 1 < count) {
      const after = text(s + 1);
      const pidProgram = PID_PROGRAM.exec(after);
      if (pidProgram) process = pidProgram[2] || `pid ${pidProgram[1]}`;
      else if (isNumber(after, 0, after.length)) process = `pid ${after}`; // Windows netstat -ano
    }
    // Linux and macOS print Proto Recv-Q Send-Q before the addresses; Windows prints only Proto.
    const queues = s >= 4 && isNumber(line, starts[s - 4]!, ends[s - 4]!) && isNumber(line, starts[s - 3]!, ends[s - 3]!);
    return { localPort: local.port, peer: peer.host, process, recvQ: queues ? Number(text(s - 4)) : undefined, sendQ: queues ? Number(text(s - 3)) : undefined };
  }
  return undefined;
}

class StateCounter {
  count = 0;
  rows = 0;
  readonly sampleLines: number[] = [];
  readonly localPorts = new TopKeys(GROUP_CAPACITY);
  readonly peers = new TopKeys(GROUP_CAPACITY);
  readonly processes = new TopKeys(GROUP_CAPACITY);

  result(): StateCensus {
    return {
      count: this.count,
      rows: this.rows,
      sampleLines: [...this.sampleLines],
      localPorts: this.localPorts.top(TOP_GROUPS),
      peers: this.peers.top(TOP_GROUPS),
      processes: this.processes.top(TOP_GROUPS),
    };
  }
}

/** The streaming counter. Feed every line once, in order; read `result()` at any time. */
export class Census {
  private lines = 0;
  private mentions = 0;
  private rows = 0;
  private readonly states = new Map<StateId, StateCounter>();
  private readonly listeners = new Map<string, ListenerQueue>();
  private readonly words = new Map<NotedWord, { count: number; firstLine: number }>();

  /**
   * One line: its 1-based number, its text (only the first ROW_CHARS characters are read), and
   * the mentions found on it (LocatedMention or any StateMention: `offset` is into `lineText`).
   */
  addLine(lineNumber: number, lineText: string, mentions: readonly Pick<LocatedMention, 'offset' | 'state'>[]): void {
    this.lines++;
    const text = lineText.length > ROW_CHARS ? lineText.slice(0, ROW_CHARS) : lineText;
    for (const word of NOTED_WORDS) {
      let at = text.indexOf(word);
      while (at >= 0) {
        const seen = this.words.get(word);
        if (seen) seen.count++;
        else this.words.set(word, { count: 1, firstLine: lineNumber });
        at = text.indexOf(word, at + word.length);
      }
    }
    let rowFound = false;
    for (const m of mentions) {
      this.mentions++;
      let counter = this.states.get(m.state);
      if (!counter) this.states.set(m.state, (counter = new StateCounter()));
      counter.count++;
      const samples = counter.sampleLines;
      if (samples.length < SAMPLE_LINES && samples[samples.length - 1] !== lineNumber) samples.push(lineNumber);
      if (rowFound || m.offset >= text.length) continue;
      const row = parseRow(text, m.offset);
      if (!row) continue;
      rowFound = true;
      this.rows++;
      counter.rows++;
      counter.localPorts.add(row.localPort);
      counter.peers.add(row.peer);
      if (row.process !== undefined) counter.processes.add(row.process);
      if (m.state === 'LISTEN' && row.recvQ) this.addListener({ localPort: row.localPort, recvQ: row.recvQ, sendQ: row.sendQ ?? 0, line: lineNumber });
    }
  }

  private addListener(queue: ListenerQueue): void {
    const key = `${queue.localPort}@${queue.line}`;
    this.listeners.set(key, queue);
    if (this.listeners.size <= TOP_LISTENERS) return;
    let smallest = '';
    let min = Infinity;
    for (const [k, v] of this.listeners) {
      if (v.recvQ < min) {
        min = v.recvQ;
        smallest = k;
      }
    }
    this.listeners.delete(smallest);
  }

  result(): CensusResult {
    const counts: Partial<Record<StateId, number>> = {};
    const states: Partial<Record<StateId, StateCensus>> = {};
    const ordered = [...this.states].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
    for (const [state, counter] of ordered) {
      counts[state] = counter.count;
      states[state] = counter.result();
    }
    const words: Partial<Record<NotedWord, { count: number; firstLine: number }>> = {};
    for (const [word, seen] of this.words) words[word] = { ...seen };
    return {
      lines: this.lines,
      mentions: this.mentions,
      rows: this.rows,
      counts,
      states,
      listenQueues: [...this.listeners.values()].sort((a, b) => b.recvQ - a.recvQ || a.line - b.line),
      words,
    };
  }
}

/**
 * Streams text in chunks through the LineScanner and a Census: `push(chunk)` as it arrives,
 * `end()`, then `result()`. The scanner tells of each line as it ends (its number, its first
 * ROW_CHARS characters, its mentions), with lines broken as it breaks them, so memory stays flat.
 */
export class CensusScanner {
  readonly census = new Census();
  private readonly scanner: LineScanner;

  constructor(maxLineChars?: number) {
    this.scanner = new LineScanner(
      () => {},
      maxLineChars,
      { startChars: ROW_CHARS, onLine: (line, start, mentions) => this.census.addLine(line, start, mentions) },
    );
  }

  push(chunk: string): void {
    this.scanner.push(chunk);
  }

  end(): CensusResult {
    this.scanner.end();
    return this.census.result();
  }

  result(): CensusResult {
    return this.census.result();
  }
}
