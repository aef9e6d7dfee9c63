// The explorer's history played on the real Linux kernel: two loopback sockets make the same
// application calls, and after each one the kernel's states are read back, so a learner sees
// what Linux itself does with the steps they chose. Host side, Node only (node:net, node:fs),
// never `vscode`: the extension's explorer panel calls it, the CLI could.
//
// Loopback can only replay part of a history. There, a segment is processed inside the call
// that sends it: nothing is lost, copied, reordered or held back, and no timer of ours gets to
// fire. So a history is replayed up to the first event real sockets cannot make happen
// (`replayableEvents`, pure): each application call, followed by the network delivering what
// is in flight, oldest first. The rest of the hard-won details come from the kernel test's
// replayer (test/kernel/kernel-trace.mjs): a server that neither reads nor closes behind our
// back (allowHalfOpen, pauseOnConnect), stop-reading that really stops reading, abort as
// resetAndDestroy(), TIME-WAIT seen only in the socket tables.
//
// States are read from /proc/net/tcp, no process started: it lists full sockets, request
// sockets and timewait sockets alike, with the state code of include/net/tcp_states.h. Every
// port is the kernel's choice (listen on 127.0.0.1 port 0). Every socket and listener is closed
// in a `finally`, also when the caller aborts (the panel closes), and what is left is reported.
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { endianness } from 'node:os';
import { LINUX } from './core/model/explanation-facts';
import type { RfcState } from './core/model/states';
import { startRun, type EndpointId, type EventRunOptions, type Run, type SimEvent, type UserCall } from './core/simulation';
import { segmentText } from './core/simulation/text/segment-text';

// ---- Linux's states and their RFC 9293 names ----

/** include/net/tcp_states.h, without `TCP_`, by the number /proc/net/tcp prints in hex. */
const LINUX_STATES: Readonly<Record<number, string>> = {
  1: 'ESTABLISHED', 2: 'SYN_SENT', 3: 'SYN_RECV', 4: 'FIN_WAIT1', 5: 'FIN_WAIT2', 6: 'TIME_WAIT',
  7: 'CLOSE', 8: 'CLOSE_WAIT', 9: 'LAST_ACK', 10: 'LISTEN', 11: 'CLOSING', 12: 'NEW_SYN_RECV',
};

/** NEW_SYN_RECV is Linux's request socket of a half-made connection: RFC SYN-RECEIVED. */
const LINUX_TO_RFC: Readonly<Record<string, RfcState>> = {
  ESTABLISHED: 'ESTABLISHED', SYN_SENT: 'SYN-SENT', SYN_RECV: 'SYN-RECEIVED', FIN_WAIT1: 'FIN-WAIT-1',
  FIN_WAIT2: 'FIN-WAIT-2', TIME_WAIT: 'TIME-WAIT', CLOSE: 'CLOSED', CLOSE_WAIT: 'CLOSE-WAIT',
  LAST_ACK: 'LAST-ACK', LISTEN: 'LISTEN', CLOSING: 'CLOSING', NEW_SYN_RECV: 'SYN-RECEIVED',
};

/** What a reading shows where there is no socket: to RFC 9293 that is CLOSED too. */
const NO_SOCKET = '-';

/** Linux's name of a state (`TIME_WAIT`, `TCP_TIME_WAIT`, or '-' for no socket) -> RFC 9293's (`TIME-WAIT`, `CLOSED`). */
export function linuxToRfcState(linux: string): string {
  if (linux === NO_SOCKET) return 'CLOSED';
  const rfc = LINUX_TO_RFC[linux.startsWith('TCP_') ? linux.slice(4) : linux];
  if (!rfc) throw new RangeError(`kernel replay: ${linux} is no Linux TCP state`);
  return rfc;
}

/** The states in the middle of a handshake: on loopback they last microseconds, never a resting state. */
const IN_HANDSHAKE = new Set(['SYN_SENT', 'SYN_RECV', 'NEW_SYN_RECV']);

// ---- /proc/net/tcp ----

/** One row of /proc/net/tcp: IPv4 only (127.0.0.1 is all the replay uses). */
export interface ProcTcpEntry {
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  /** 0 for a listener. */
  readonly remotePort: number;
  /** Linux's name, e.g. 'TIME_WAIT'. */
  readonly state: string;
}

/** `0100007F` -> 127.0.0.1: the kernel prints the address as the host reads its four bytes. */
function procAddress(hex: string, littleEndian: boolean): string {
  const n = parseInt(hex, 16) >>> 0;
  const bytes = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return (littleEndian ? bytes.reverse() : bytes).join('.');
}

/** Parses /proc/net/tcp; rows it cannot read (the header, a state it does not know) are left out. Pure. */
export function parseProcNetTcp(text: string, littleEndian = endianness() === 'LE'): ProcTcpEntry[] {
  const out: ProcTcpEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*\d+:\s+([0-9A-Fa-f]{8}):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]{8}):([0-9A-Fa-f]{4})\s+([0-9A-Fa-f]{2})\s/.exec(line);
    const state = m && LINUX_STATES[parseInt(m[5]!, 16)];
    if (!m || !state) continue;
    out.push({ localAddress: procAddress(m[1]!, littleEndian), localPort: parseInt(m[2]!, 16), remoteAddress: procAddress(m[3]!, littleEndian), remotePort: parseInt(m[4]!, 16), state });
  }
  return out;
}

const LOOPBACK = '127.0.0.1';

async function readLoopbackSockets(): Promise<ProcTcpEntry[]> {
  // A listener's remote end is 0.0.0.0:0.
  return parseProcNetTcp(await readFile('/proc/net/tcp', 'utf8')).filter((e) => e.localAddress === LOOPBACK && (e.remoteAddress === LOOPBACK || (e.remoteAddress === '0.0.0.0' && e.remotePort === 0)));
}

// ---- Which prefix of a history loopback can replay (pure) ----

/** One application call to make on real sockets, with what the simulator says it leads to. */
export interface ReplayCall {
  /** The call's step in the explorer's history (its index among the events + 1). */
  readonly step: number;
  readonly endpoint: EndpointId;
  readonly call: UserCall;
  readonly bytes?: number;
  /** As the replay shows it: 'connect(client)', 'write(server, 100)'. */
  readonly label: string;
  /** The steps of the deliveries after it in the history, up to the next call or the stop. */
  readonly deliveries: readonly number[];
  /**
   * The simulator's states (the 'linux' profile unless told otherwise) once everything in flight
   * after the call has arrived, oldest first: what the kernel should show at rest. Where the
   * history stops or ends with segments still in flight, these go past the history, as loopback does.
   */
  readonly settled: { readonly client: RfcState; readonly server: RfcState };
  /** Whether the history itself delivers all of it (no segment left in flight before the next call, the stop or the end). */
  readonly complete: boolean;
  /** Whether each endpoint's application reads what arrives (the 'stop-reading' call ends that), right after the call. */
  readonly reading: { readonly client: boolean; readonly server: boolean };
}

export interface ReplayStop {
  readonly step: number;
  /** Plain English for a learner: "step 11: the network loses ACK seq=102 ack=302 on its way to the server; loopback never loses one". */
  readonly reason: string;
}

export interface ReplayPlan {
  readonly calls: readonly ReplayCall[];
  readonly stoppedAt?: ReplayStop;
}

const LABEL_OF: Readonly<Record<UserCall, string>> = {
  'passive-open': 'listen', 'active-open': 'connect', send: 'write', close: 'close', shutdown: 'shutdown', abort: 'abort', 'stop-reading': 'stop-reading',
};

function labelOf(endpoint: EndpointId, call: UserCall, bytes?: number): string {
  return call === 'send' ? `${LABEL_OF[call]}(${endpoint}, ${bytes ?? 0})` : `${LABEL_OF[call]}(${endpoint})`;
}

/** Why real sockets on loopback cannot make `event` happen next, or undefined when they can. */
function notOnLoopback(run: Run, event: SimEvent, step: number): string | undefined {
  const at = `step ${step}: `;
  const network = run.world.network;
  const segmentTo = (id: number | undefined, to: EndpointId) => network.find((s) => s.to === to && (id === undefined || s.id === id));
  switch (event.kind) {
    case 'user': {
      if (event.endpoint === 'client' && event.call === 'passive-open') return `${at}the client listens; the replay lets only the server listen`;
      if (event.endpoint === 'server' && event.call === 'active-open') return `${at}the server connects to the client; the replay lets only the client connect`;
      if (network.length > 0) {
        const n = network.length === 1 ? 'a segment is' : `${network.length} segments are`;
        return `${at}the ${event.endpoint} calls ${labelOf(event.endpoint, event.call, event.bytes)} while ${n} still on the way; on loopback ${network.length === 1 ? 'it' : 'they'} would have arrived already`;
      }
      return undefined;
    }
    case 'deliver': {
      if (event.delayAck) return `${at}the ${event.to} holds back the ACK it owes (a delayed ACK); the replay cannot tell the kernel when to send its ACKs`;
      if (event.newest) return `${at}the newest segment in flight overtakes older ones; loopback delivers segments in the order they were sent`;
      const takes = segmentTo(event.segment, event.to);
      const oldest = network[0];
      if (takes && oldest && takes.id !== oldest.id) return `${at}the network delivers ${segmentText(takes)} to the ${event.to} while the older ${segmentText(oldest)} is still on the way to the ${oldest.to}; loopback delivers segments in the order they were sent`;
      return undefined;
    }
    case 'lose': {
      const lost = segmentTo(event.segment, event.to);
      return `${at}the network loses ${lost ? segmentText(lost) : 'a segment'} on its way to the ${event.to}; loopback never loses one`;
    }
    case 'duplicate': {
      const copied = segmentTo(event.segment, event.to);
      return `${at}the network duplicates ${copied ? segmentText(copied) : 'a segment'} on its way to the ${event.to}; loopback never makes copies`;
    }
    case 'inject':
      return `${at}an old segment of an earlier connection (${event.flags.join(',')} seq=${event.seq}) appears; real sockets cannot forge one on loopback`;
    case 'timer':
      switch (event.timer) {
        case 'time-wait':
          return `${at}the ${event.endpoint}'s TIME-WAIT timer fires; Linux keeps TIME-WAIT for ${LINUX.timeWait.seconds} s (${LINUX.timeWait.constant}), and the replay does not wait that long`;
        case 'fin-wait-2':
          return `${at}the ${event.endpoint}'s FIN-WAIT-2 timer fires; Linux waits net.ipv4.tcp_fin_timeout (${LINUX.finTimeoutSeconds} s by default) for it, and the replay does not wait that long`;
        case 'retransmission':
          return `${at}the ${event.endpoint}'s retransmission timer fires; on loopback every segment arrives and is acknowledged long before the timeout, so the kernel never retransmits here`;
      }
  }
}

/** Deliveries before the network counts as never settling: a bug, not a history. */
const MAX_SETTLE_DELIVERIES = 100;

/** The states once everything in flight arrives, oldest first, played on a fork (the run stays as it is). */
function settledStates(run: Run): ReplayCall['settled'] {
  const fork = run.fork();
  try {
    for (let n = 0; n < MAX_SETTLE_DELIVERIES; n++) {
      const next = fork.world.network[0];
      if (!next) break;
      fork.play({ kind: 'deliver', to: next.to, segment: next.id });
    }
  } catch {
    // The simulator cannot deliver it: the states as far as it got.
  }
  return { client: fork.world.stateOf('client'), server: fork.world.stateOf('server') };
}

/**
 * How the explorer ran the history (its ISS, profile, sysctls; default the 'linux' profile with
 * ISS 100 and 300): which segment is in flight when, and so where the replay must stop, follows
 * the history as the learner made it, and the stop's words name the segments as the explorer shows them.
 */
export type ReplayRunOptions = EventRunOptions;

/**
 * Which calls of `events` real sockets on loopback can replay, and where that ends (the first
 * event they cannot make happen, with why). `settled` is the simulator's under the same
 * options: with the 'linux' profile, what the kernel should show. Pure.
 */
export function replayableEvents(events: readonly SimEvent[], options: ReplayRunOptions = {}): ReplayPlan {
  const run = startRun({ profile: 'linux', ...options });
  const calls: ReplayCall[] = [];
  let open: { readonly call: Omit<ReplayCall, 'deliveries' | 'settled' | 'complete'>; readonly deliveries: number[] } | undefined;
  const finish = (): void => {
    if (open) calls.push({ ...open.call, deliveries: open.deliveries, settled: settledStates(run), complete: run.world.network.length === 0 });
    open = undefined;
  };
  let stoppedAt: ReplayStop | undefined;
  for (const [index, event] of events.entries()) {
    const step = index + 1;
    const reason = notOnLoopback(run, event, step);
    if (reason) {
      stoppedAt = { step, reason };
      break;
    }
    if (event.kind === 'user') finish();
    try {
      run.play(event);
    } catch (e) {
      stoppedAt = { step, reason: `step ${step}: the simulator cannot play this event (${(e as Error).message})` };
      break;
    }
    if (event.kind === 'user') {
      const tcb = run.world.tcb;
      open = {
        call: { step, endpoint: event.endpoint, call: event.call, ...(event.bytes !== undefined ? { bytes: event.bytes } : {}), label: labelOf(event.endpoint, event.call, event.bytes), reading: { client: tcb.client.reading, server: tcb.server.reading } },
        deliveries: [],
      };
    } else open?.deliveries.push(step);
  }
  finish();
  return stoppedAt ? { calls, stoppedAt } : { calls };
}

// ---- Waiting: bounded by a timeout, cut short by the caller's signal ----

/** The error a replay the caller aborted rejects with (name 'AbortError', as fetch's). */
function abortError(signal: AbortSignal): Error {
  const error = new Error('kernel replay: aborted; every socket it opened is closed', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

class Guard {
  constructor(
    private readonly signal: AbortSignal | undefined,
    readonly timeoutMs: number,
  ) {}

  check(): void {
    if (this.signal?.aborted) throw abortError(this.signal);
  }

  /** `work`, unless `timeoutMs` passes first (an error saying `what` never happened) or the signal aborts. */
  within<T>(work: Promise<T>, what: string, ms = this.timeoutMs): Promise<T> {
    const signal = this.signal;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        done();
        reject(abortError(signal!));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`kernel replay: ${what} did not happen within ${ms} ms`));
      }, ms);
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          done();
          resolve(value);
        },
        (e: unknown) => {
          done();
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  sleep(ms: number): Promise<void> {
    return this.within(new Promise<void>((resolve) => setTimeout(resolve, ms)), 'a pause', ms + 1000);
  }
}

// ---- The sockets ----

/** How often the socket table is read while the kernel settles. */
const POLL_MS = 10;
/**
 * States that stay the same this long count as at rest even where they are not the simulator's:
 * Linux delays an ACK by up to 200 ms (TCP_DELACK_MAX), so a shorter quiet time could end
 * between a segment and the ACK it is owed.
 */
const QUIET_MS = 300;
/** How long cleanup waits for Node to report each socket and listener closed. */
const CLEANUP_MS = 2000;

type Handle = net.Socket | net.Server;

/** A socket or listener of ours, and when Node says it is closed. */
interface Tracked {
  readonly what: string;
  readonly handle: Handle;
  readonly closed: Promise<void>;
  isClosed: boolean;
}

/** What one reading of the socket table shows for the two endpoints, in Linux's names. */
interface Reading {
  readonly client: string;
  readonly server: string;
}

/**
 * Stops the application reading, so what arrives stays in the kernel's receive queue. pause()
 * alone only stops 'data' events: Node keeps reading into its own buffer, and a close() with an
 * empty kernel queue sends FIN, not RST. So the libuv handle stops reading too.
 */
function stopReading(socket: net.Socket): void {
  socket.pause();
  const handle = (socket as unknown as { _handle?: { reading?: boolean; readStop?: () => number } })._handle;
  if (handle && typeof handle.readStop === 'function') {
    if (handle.reading) {
      handle.reading = false;
      handle.readStop();
    }
  } else if (!socket.destroyed) {
    throw new Error('kernel replay: cannot stop reading: this Node has no socket._handle.readStop()');
  }
}

/**
 * The two endpoints on loopback. The simulator's server is one TCB, a listener until the SYN
 * arrives and the connection after; Linux keeps the listener apart and clones the connection
 * off it. So the listener stops listening once it has accepted our connection: a later
 * connect() is refused, as the simulator's CLOSED server refuses it.
 */
class Loopback {
  private readonly tracked: Tracked[] = [];
  /** The sockets of ours in the table: `local>remote` (remote 0: a listener). */
  private readonly tuples = new Set<string>();
  private listener: net.Server | undefined;
  private listening = false;
  /** The port the server listens or listened on (0: none yet). */
  serverPort = 0;
  private client: net.Socket | undefined;
  /** The client socket's own port, once connected, and the port it connected to. */
  clientPort: number | undefined;
  private clientTarget = 0;
  /** The connection the server side holds: the accepted socket and the client's port it talks to. */
  private child: net.Socket | undefined;
  private serverPeer: number | undefined;
  private readonly accepted: net.Socket[] = [];
  private acceptWaiter: (() => void) | undefined;
  /** Whether the server's application reads the connection it accepts next. */
  private serverReads = true;

  constructor(private readonly guard: Guard) {}

  private track(handle: Handle, what: string): void {
    const entry: Tracked = { what, handle, isClosed: false, closed: new Promise<void>((resolve) => handle.once('close', () => resolve())) };
    void entry.closed.then(() => (entry.isClosed = true));
    // An 'error' with no listener would throw in the extension host: a RST is an ordinary outcome here.
    handle.on('error', () => undefined);
    this.tracked.push(entry);
  }

  private closedOf(handle: Handle): Promise<void> {
    return this.tracked.find((t) => t.handle === handle)?.closed ?? Promise.resolve();
  }

  private socketOf(endpoint: EndpointId): net.Socket | undefined {
    return endpoint === 'client' ? this.client : this.child;
  }

  /**
   * Makes one call. Returns why it cannot be made where Node has already closed the socket the
   * simulator still writes on (a reason for a stop), else undefined.
   */
  async play(call: ReplayCall): Promise<string | undefined> {
    const { endpoint } = call;
    const where = `step ${call.step}, ${call.label}`;
    switch (call.call) {
      case 'passive-open':
        await this.listen(where, call.reading.server);
        return undefined;
      case 'active-open':
        await this.connect(where, call.reading.client);
        return undefined;
      case 'stop-reading': {
        if (endpoint === 'server') this.serverReads = false;
        const socket = this.socketOf(endpoint);
        if (socket && !socket.destroyed) stopReading(socket);
        return undefined;
      }
      case 'send':
      case 'shutdown': {
        const socket = this.socketOf(endpoint);
        if (!socket || socket.destroyed) return `step ${call.step}: Node has already closed the ${endpoint}'s socket, so ${call.label} cannot be replayed`;
        if (call.call === 'send') {
          const bytes = Buffer.alloc(call.bytes ?? 0, 0x61);
          await this.guard.within(new Promise<void>((resolve, reject) => socket.write(bytes, (e) => (e ? reject(e) : resolve()))), `${where}: the kernel taking the bytes`);
        } else if (!socket.writableEnded) {
          const finished = new Promise<void>((resolve) => socket.once('finish', () => resolve()));
          socket.end();
          await this.guard.within(finished, `${where}: shutdown(SHUT_WR) completing`);
        }
        return undefined;
      }
      case 'close':
      case 'abort': {
        const socket = this.socketOf(endpoint);
        if (socket) {
          // Node may have closed it already (after a RST): then the kernel has nothing left to do.
          if (!socket.destroyed) {
            if (call.call === 'abort') {
              if (typeof socket.resetAndDestroy !== 'function') throw new Error('kernel replay: abort needs socket.resetAndDestroy() (Node 16.17 or 18.3 and later)');
              socket.resetAndDestroy();
            }
            else socket.destroy();
          }
          await this.guard.within(this.closedOf(socket), `${where}: Node closing the socket`);
        } else if (endpoint === 'server') this.stopListening();
        return undefined;
      }
    }
  }

  private async listen(where: string, reads: boolean): Promise<void> {
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
    this.track(server, 'listener');
    server.on('connection', (socket) => this.onConnection(server, socket));
    const port = await this.guard.within(
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: 0, host: LOOPBACK }, () => resolve((server.address() as net.AddressInfo).port));
      }),
      `${where}: listen()`,
    );
    this.listener = server;
    this.listening = true;
    this.serverPort = port;
    this.tuples.add(`${port}>0`);
    this.child = undefined;
    this.serverPeer = undefined;
    this.serverReads = reads;
  }

  /**
   * Node accepts by itself once the listener is readable, maybe before the client's 'connect'
   * has told us its port: every connection waits here until `connect` picks ours.
   */
  private onConnection(server: net.Server, socket: net.Socket): void {
    this.track(socket, 'server');
    if (server !== this.listener) {
      socket.destroy(); // a listener of an earlier passive open: not ours to keep
      return;
    }
    if (this.serverReads) socket.resume();
    else stopReading(socket);
    this.accepted.push(socket);
    this.acceptWaiter?.();
  }

  /**
   * Stops listening at once (the kernel's listener goes with the handle). Node's 'close' of the
   * server waits for its connections too: cleanup waits for that one.
   */
  private stopListening(): void {
    if (!this.listener || !this.listening) return;
    this.listening = false;
    this.listener.close();
  }

  /** A port nobody listens on: the kernel picks one, and it is given back at once. */
  private async freePort(where: string): Promise<number> {
    const server = net.createServer();
    this.track(server, 'port finder');
    const port = await this.guard.within(
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: 0, host: LOOPBACK }, () => resolve((server.address() as net.AddressInfo).port));
      }),
      `${where}: finding a free port`,
    );
    server.close();
    await this.guard.within(this.closedOf(server), `${where}: giving the free port back`);
    return port;
  }

  private async connect(where: string, reads: boolean): Promise<void> {
    const toListener = this.listening;
    const port = this.serverPort || (await this.freePort(where));
    if (!this.serverPort) this.serverPort = port;
    const socket = net.connect({ host: LOOPBACK, port, allowHalfOpen: true });
    this.track(socket, 'client');
    this.client = socket;
    this.clientPort = undefined;
    this.clientTarget = port;
    const connected = await this.guard.within(
      new Promise<boolean>((resolve) => {
        socket.once('connect', () => resolve(true));
        socket.once('error', () => resolve(false)); // refused: a RST answered the SYN
      }),
      `${where}: connect() succeeding or failing`,
    );
    if (!connected) return;
    const clientPort = socket.localPort!;
    this.clientPort = clientPort;
    this.tuples.add(`${clientPort}>${port}`);
    if (reads) socket.resume();
    else stopReading(socket);
    if (!toListener) return;
    this.tuples.add(`${port}>${clientPort}`);
    this.serverPeer = clientPort;
    const mine = (): net.Socket | undefined => this.accepted.find((s) => s.remotePort === clientPort);
    if (!mine()) {
      await this.guard.within(
        new Promise<void>((resolve) => {
          this.acceptWaiter = () => {
            if (mine()) resolve();
          };
        }),
        `${where}: the server accepting the connection`,
      );
    }
    this.acceptWaiter = undefined;
    this.child = mine();
    // The simulator's server is this connection now, no longer a listener (see the class comment).
    this.stopListening();
  }

  /** The two endpoints' states now, in Linux's names ('-': no socket). */
  async read(): Promise<Reading> {
    const table = await readLoopbackSockets();
    const state = (local: number, remote: number): string => {
      const mine = table.filter((e) => e.localPort === local && e.remotePort === remote);
      // Where an old timewait socket shares the 4-tuple, the live socket is ours.
      return (mine.find((e) => e.state !== 'TIME_WAIT') ?? mine[0])?.state ?? NO_SOCKET;
    };
    const client = this.clientPort === undefined ? NO_SOCKET : state(this.clientPort, this.clientTarget);
    const server = this.serverPeer !== undefined ? state(this.serverPort, this.serverPeer) : this.listening ? state(this.serverPort, 0) : NO_SOCKET;
    return { client, server };
  }

  /**
   * Reads until the kernel is at rest: the same states in two reads in a row, none in the middle
   * of a handshake, and either the simulator's (`expected`) or unchanged for QUIET_MS.
   */
  async settle(expected: ReplayCall['settled'], where: string): Promise<Reading> {
    const deadline = Date.now() + this.guard.timeoutMs;
    let last: Reading | undefined;
    let since = Date.now();
    for (;;) {
      this.guard.check();
      const now = await this.read();
      const same = last !== undefined && last.client === now.client && last.server === now.server;
      if (!same) since = Date.now();
      const moving = IN_HANDSHAKE.has(now.client) || IN_HANDSHAKE.has(now.server);
      const asSimulated = linuxToRfcState(now.client) === expected.client && linuxToRfcState(now.server) === expected.server;
      if (same && !moving && (asSimulated || Date.now() - since >= QUIET_MS)) return now;
      if (Date.now() >= deadline) throw new Error(`kernel replay: ${where}: the sockets did not come to rest within ${this.guard.timeoutMs} ms (client ${now.client}, server ${now.server})`);
      last = now;
      await this.guard.sleep(POLL_MS);
    }
  }

  /**
   * Closes everything of ours, whatever happened before; never throws. A RST (resetAndDestroy)
   * rather than close(): no FIN-WAIT or TIME-WAIT is left behind by the cleanup itself.
   */
  async close(): Promise<void> {
    this.listening = false;
    for (const { handle } of this.tracked) {
      if (handle instanceof net.Socket) {
        if (!handle.destroyed) {
          try {
            handle.resetAndDestroy();
          } catch {
            handle.destroy();
          }
        }
      } else if (handle.listening) handle.close(); // also one whose listen() an abort cut short
    }
    const pending = this.tracked.filter((t) => !t.isClosed);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(pending.map((t) => t.closed)), new Promise<void>((resolve) => (timer = setTimeout(resolve, CLEANUP_MS)))]);
    clearTimeout(timer);
  }

  /** What of ours is still open after `close`: Node handles not closed, and our sockets in the table other than TIME_WAIT (that one is the kernel's). */
  async leftovers(): Promise<string[]> {
    const deadline = Date.now() + CLEANUP_MS;
    for (;;) {
      const left = (await readLoopbackSockets().catch(() => []))
        .filter((e) => this.tuples.has(`${e.localPort}>${e.remotePort}`) && e.state !== 'TIME_WAIT')
        .map((e) => `${e.state} ${e.localAddress}:${e.localPort} -> ${e.remoteAddress}:${e.remotePort || '*'}`);
      const open = this.tracked.filter((t) => !t.isClosed).map((t) => `the ${t.what}'s Node ${t.handle instanceof net.Socket ? 'socket' : 'server'} is not closed`);
      if ((left.length === 0 && open.length === 0) || Date.now() >= deadline) return [...open, ...left];
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

// ---- The replay ----

/** The kernel's states after one call, at rest. */
export interface KernelStep {
  /** The index in the explorer's history: the step of the user call (its events index + 1). */
  readonly step: number;
  /** e.g. 'connect(client)'. */
  readonly call: string;
  /** RFC 9293's names of what Linux shows: ESTABLISHED, SYN-SENT, …, TIME-WAIT, CLOSED (no socket, or CLOSE), LISTEN. */
  readonly kernel: { readonly client: string; readonly server: string };
  /** Linux's names as read, e.g. TIME_WAIT; '-' where there is no socket. */
  readonly linux: { readonly client: string; readonly server: string };
  /**
   * server: the port the server listens or listened on, or the free port a connect() was refused
   * on (0 before either); client: the client socket's own port while it has one (not after a refused connect).
   */
  readonly ports: { readonly client?: number; readonly server: number };
}

export interface KernelReplay {
  readonly steps: readonly KernelStep[];
  /** The first event loopback cannot produce (or the first call Node could no longer make), with why. */
  readonly stoppedAt?: ReplayStop;
  /** Our sockets still open after cleanup: must be empty. */
  readonly leftovers: readonly string[];
}

export interface KernelReplayOptions {
  /** How the explorer ran the history (see replayableEvents); default the 'linux' profile. */
  readonly run?: ReplayRunOptions;
  /** Aborting closes every socket and rejects with an error named 'AbortError'. */
  readonly signal?: AbortSignal;
  /** The most any one wait may take (a call, the kernel settling after it); default 5000 ms. */
  readonly timeoutMs?: number;
  /** Told each step as soon as it is read (a panel can show progress). */
  readonly onStep?: (step: KernelStep) => void;
}

/**
 * Plays the replayable prefix of `events` (see `replayableEvents`) on loopback sockets and
 * reads the kernel's states after each call. Rejects (after cleanup) when aborted, when a wait
 * times out, or off Linux.
 */
export async function replayOnKernel(events: readonly SimEvent[], options: KernelReplayOptions = {}): Promise<KernelReplay> {
  const guard = new Guard(options.signal, options.timeoutMs ?? 5000);
  guard.check();
  if (process.platform !== 'linux') throw new Error(`kernel replay: needs Linux's /proc/net/tcp; this is ${process.platform}`);
  const plan = replayableEvents(events, options.run);
  const steps: KernelStep[] = [];
  let stoppedAt = plan.stoppedAt;
  const sockets = new Loopback(guard);
  let failure: unknown;
  try {
    for (const call of plan.calls) {
      guard.check();
      const cannot = await sockets.play(call);
      if (cannot) {
        stoppedAt = { step: call.step, reason: cannot };
        break;
      }
      const linux = await sockets.settle(call.settled, `step ${call.step}, ${call.label}`);
      const step: KernelStep = {
        step: call.step,
        call: call.label,
        kernel: { client: linuxToRfcState(linux.client), server: linuxToRfcState(linux.server) },
        linux,
        ports: { ...(sockets.clientPort !== undefined ? { client: sockets.clientPort } : {}), server: sockets.serverPort },
      };
      steps.push(step);
      options.onStep?.(step);
    }
  } catch (e) {
    failure = e;
  } finally {
    await sockets.close();
  }
  const leftovers = await sockets.leftovers();
  if (failure !== undefined) throw failure;
  return stoppedAt ? { steps, stoppedAt, leftovers } : { steps, leftovers };
}
