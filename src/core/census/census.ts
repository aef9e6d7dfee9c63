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

/**
 * The top keys of a stream in bounded memory: Space-Saving (Metwally, Agrawal, El Abbadi 2005).
 * It tracks at most `capacity` keys; a new key when full replaces the smallest, inheriting its
 * count as its possible error. Any key occurring more than total/capacity times is kept.
 */
export class TopKeys {
  private readonly counts = new Map<string, { count: number; error: number }>();

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
    if (this.counts.size < this.capacity) {
      this.counts.set(key, { count: 1, error: 0 });
      return;
    }
    let minKey = '';
    let min = Infinity;
    for (const [k, v] of this.counts) {
      if (v.count < min) {
        min = v.count;
        minKey = k;
      }
    }
    this.counts.delete(minKey);
    this.counts.set(key, { count: min + 1, error: min });
  }

  top(n: number): GroupEntry[] {
    return [...this.counts]
      .map(([key, v]) => ({ key, count: v.count, error: v.error }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, n);
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
const NUMBER = /^\d+$/;

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

interface Token {
  readonly text: string;
  readonly start: number;
}

function tokens(line: string): Token[] {
  const found: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) found.push({ text: m[0], start: m.index });
  return found;
}

/**
 * Reads `line` as a socket-table row whose state column is the mention at `offset`, or
 * undefined when it is not one. ss: `State Recv-Q Send-Q Local Peer Process` (optionally after
 * Netid); netstat: `… Local Foreign State [PID/Program | PID]`.
 */
export function parseRow(line: string, offset: number): SocketRow | undefined {
  const all = tokens(line);
  const s = all.findIndex((t) => t.start === offset);
  if (s < 0) return undefined;
  // ss: the state first (or after Netid), then Recv-Q, Send-Q, local, peer, process.
  if (s <= 1 && all.length >= s + 5 && NUMBER.test(all[s + 1]!.text) && NUMBER.test(all[s + 2]!.text)) {
    const local = splitAddress(all[s + 3]!.text);
    const peer = splitAddress(all[s + 4]!.text);
    if (local && peer) {
      const rest = all.slice(s + 5).map((t) => t.text).join(' ');
      const user = SS_USERS.exec(rest);
      return {
        localPort: local.port,
        peer: peer.host,
        process: user ? user[1] || `pid ${user[2]}` : undefined,
        recvQ: Number(all[s + 1]!.text),
        sendQ: Number(all[s + 2]!.text),
      };
    }
  }
  // netstat: local and foreign just before the state.
  if (s >= 2) {
    const local = splitAddress(all[s - 2]!.text);
    const peer = splitAddress(all[s - 1]!.text);
    if (!local || !peer) return undefined;
    const after = all[s + 1]?.text;
    let process: string | undefined;
    if (after !== undefined) {
      const pidProgram = PID_PROGRAM.exec(after);
      if (pidProgram) process = pidProgram[2] || `pid ${pidProgram[1]}`;
      else if (NUMBER.test(after)) process = `pid ${after}`; // Windows netstat -ano
    }
    // Linux and macOS print Proto Recv-Q Send-Q before the addresses; Windows prints only Proto.
    const recv = all[s - 4]?.text;
    const send = all[s - 3]?.text;
    const queues = s >= 4 && recv !== undefined && send !== undefined && NUMBER.test(recv) && NUMBER.test(send);
    return { localPort: local.port, peer: peer.host, process, recvQ: queues ? Number(recv) : undefined, sendQ: queues ? Number(send) : undefined };
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
