// The census of a socket dump: how many mentions of each canonical state, and, where a line is a
// row of a socket table (ss, Linux/macOS/Windows netstat), which local ports, peers and processes
// hold them. Streaming: fed one line at a time (its number, its text and the mentions the
// LineScanner found on it), it keeps only bounded structures, so a 200 MB dump is counted in
// flat memory. Pure: no `vscode`, no Node APIs.
import { LineScanner, type LocatedMention } from '../recognition/line-scanner';
import type { StateId } from '../model/states';
import type { Spelling } from '../recognition/spellings';
import { fastMentionIn, type FastMention } from './fast-row';
import { asciiString, TopKeys, type GroupEntry } from './top-keys';
import { PortRanking } from './port-ranking';
import { NO_PROCESS, PID_ONLY, type ByteLine } from './byte-row';
import { parseRow, rowOfTokens, type SocketRow } from './socket-row';

export { TopKeys, type GroupEntry } from './top-keys';
export { parseRow, splitAddress, type SocketRow } from './socket-row';

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

class StateCounter {
  count = 0;
  rows = 0;
  readonly sampleLines: number[] = [];
  readonly localPorts = new PortRanking(GROUP_CAPACITY);
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
      const counter = this.mention(m.state, lineNumber);
      if (rowFound || m.offset >= text.length) continue;
      rowFound = this.row(counter, m.state, parseRow(text, m.offset), lineNumber);
    }
  }

  /**
   * A line of at most ROW_CHARS characters whose only mention is `state` at `offset` and which
   * holds no noted word (the fast path shows both), its `tokens` in ROW_TOKENS: what `addLine`
   * does with it, without the mention objects. `text` may be the chunk the line is in (`offset`
   * and the tokens are then offsets into it).
   */
  addSingle(lineNumber: number, text: string, offset: number, state: StateId, tokens: number): void {
    this.lines++;
    const counter = this.mention(state, lineNumber);
    this.row(counter, state, rowOfTokens(text, offset, tokens), lineNumber);
  }

  /** What `addSingle` does with a line the byte path read (byte-row.ts), its row's parts as byte ranges. */
  addByteLine(lineNumber: number, bytes: Uint8Array, line: ByteLine): void {
    this.lines++;
    const state = line.spelling.state;
    const counter = this.mention(state, lineNumber);
    if (!line.row) return;
    this.rows++;
    counter.rows++;
    counter.localPorts.addBytes(bytes, line.portStart, line.portEnd, line.portCode);
    counter.peers.addBytes(bytes, line.peerStart, line.peerEnd, false, line.peerCode);
    if (line.process !== NO_PROCESS) counter.processes.addBytes(bytes, line.processStart, line.processEnd, line.process === PID_ONLY, line.processCode);
    if (state === 'LISTEN' && line.recvQ > 0) {
      this.addListener({ localPort: asciiString(bytes, line.portStart, line.portEnd), recvQ: line.recvQ, sendQ: line.sendQ, line: lineNumber });
    }
  }

  private mention(state: StateId, lineNumber: number): StateCounter {
    this.mentions++;
    let counter = this.states.get(state);
    if (!counter) this.states.set(state, (counter = new StateCounter()));
    counter.count++;
    const samples = counter.sampleLines;
    if (samples.length < SAMPLE_LINES && samples[samples.length - 1] !== lineNumber) samples.push(lineNumber);
    return counter;
  }

  /** Counts the row a mention of `state` is the state column of, if any; true when there is one. */
  private row(counter: StateCounter, state: StateId, row: SocketRow | undefined, lineNumber: number): boolean {
    if (!row) return false;
    this.rows++;
    counter.rows++;
    counter.localPorts.add(row.localPort);
    counter.peers.add(row.peer);
    if (row.process !== undefined) counter.processes.add(row.process);
    if (state === 'LISTEN' && row.recvQ) this.addListener({ localPort: row.localPort, recvQ: row.recvQ, sendQ: row.sendQ ?? 0, line: lineNumber });
    return true;
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
 * A line the fast path (fast-row.ts) can vouch for, a socket-table row with one state on it, is
 * counted without the recogniser: the same counts, several times faster on a dump.
 */
export class CensusScanner {
  readonly census = new Census();
  /** The scanner the text goes through (the byte path, byte-scanner.ts, passes its lines by it). */
  readonly lineScanner: LineScanner;

  constructor(maxLineChars?: number) {
    const fast: FastMention = { offset: 0, spelling: undefined as unknown as Spelling, tokens: 0 };
    this.lineScanner = new LineScanner(
      () => {},
      maxLineChars,
      {
        startChars: ROW_CHARS,
        onLine: (line, start, mentions) => this.census.addLine(line, start, mentions),
        // A line of at most LINE_HEAD_CHARS (< ROW_CHARS): counted whole. With its one mention's
        // token the only one holding `_`, it holds no noted word (each has one, no spelling does).
        quick: (line, text, from, to, doc) => {
          if (!fastMentionIn(text, from, to, doc, fast)) return false;
          this.census.addSingle(line, text, fast.offset, fast.spelling.state, fast.tokens);
          return true;
        },
      },
    );
  }

  push(chunk: string): void {
    this.lineScanner.push(chunk);
  }

  end(): CensusResult {
    this.lineScanner.end();
    return this.census.result();
  }

  result(): CensusResult {
    return this.census.result();
  }
}
