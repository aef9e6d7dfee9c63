// Makes the real Linux kernel show which TCP states two loopback sockets go through, so that a
// test can compare them with the project's simulator (src/core/simulation).
//
//   node test/kernel/kernel-trace.mjs                      # every scenario, back-end chosen automatically
//   node test/kernel/kernel-trace.mjs --backend=ss         # force the ss polling fallback
//   TSL_KERNEL_BACKEND=ss node test/kernel/kernel-trace.mjs
//   node test/kernel/kernel-trace.mjs --only=a,f --json    # some scenarios, as JSON
//
// Two back-ends record the states:
// - "tracepoint" (root + tracefs): a private ftrace instance, /sys/kernel/tracing/instances/tsl-<pid>-<n>,
//   with only sock:inet_sock_set_state enabled and filtered to the test's ports; every state change
//   of a full socket arrives in order, with a CLOCK_MONOTONIC time stamp. Nothing global is touched:
//   the instance has its own buffer, clock, options and filter, and is removed afterwards (also on
//   failure, SIGINT, SIGTERM and uncaught exceptions).
// - "ss" (fallback): `ss -tanH state all <port filter>` polled; it sees only what it happens to catch,
//   so it is used to read the states at rest.
//
// What the tracepoint cannot see, and how this file deals with it:
// - TIME-WAIT is not a state change of the socket: Linux replaces the full socket by a small
//   "timewait socket" (tcp_time_wait(): the full socket goes to TCP_CLOSE, the event says
//   FIN_WAIT2 -> CLOSE or CLOSING -> CLOSE); later changes of the timewait socket (an orphaned
//   FIN_WAIT2 receiving the peer's FIN and becoming TIME_WAIT) fire no event at all. The scenario
//   runner therefore also reads ss at rest and reports such sockets as e.g. "TIME_WAIT[tw]".
// - The SYN-RECEIVED request socket (TCP_NEW_SYN_RECV) fires no event either; the child socket that
//   replaces it appears as LISTEN -> SYN_RECV (its state is copied from the listener when it is
//   cloned) and then SYN_RECV -> ESTABLISHED, both within microseconds.
// - connect() sets SYN_SENT before the kernel picks the source port, so that first event has
//   sport=0; it is tied to its socket by the socket address (the `fields` trace option) or, without
//   it, by the next event of a socket towards the same remote port whose old state is SYN_SENT.
//
// No npm dependencies: node:net, node:fs, node:child_process only. Loopback 127.0.0.1 only; every
// port is chosen by the kernel (listen on port 0).

import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

// ---------------------------------------------------------------------------------------------
// States and their spellings
// ---------------------------------------------------------------------------------------------

/**
 * Linux's TCP states (include/net/tcp_states.h), without the `TCP_` prefix.
 * @typedef {'ESTABLISHED'|'SYN_SENT'|'SYN_RECV'|'FIN_WAIT1'|'FIN_WAIT2'|'TIME_WAIT'|'CLOSE'|'CLOSE_WAIT'|'LAST_ACK'|'LISTEN'|'CLOSING'|'NEW_SYN_RECV'} LinuxState
 */

/** @type {Readonly<Record<number, LinuxState>>} the numbers the tracepoint's raw fields carry */
export const LINUX_STATE_BY_NUMBER = Object.freeze({
  1: 'ESTABLISHED', 2: 'SYN_SENT', 3: 'SYN_RECV', 4: 'FIN_WAIT1', 5: 'FIN_WAIT2', 6: 'TIME_WAIT',
  7: 'CLOSE', 8: 'CLOSE_WAIT', 9: 'LAST_ACK', 10: 'LISTEN', 11: 'CLOSING', 12: 'NEW_SYN_RECV',
});

/** @type {Readonly<Record<string, LinuxState>>} ss's state column -> Linux state */
const SS_STATE = Object.freeze({
  ESTAB: 'ESTABLISHED', 'SYN-SENT': 'SYN_SENT', 'SYN-RECV': 'SYN_RECV', 'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2', 'TIME-WAIT': 'TIME_WAIT', UNCONN: 'CLOSE', CLOSE: 'CLOSE',
  'CLOSE-WAIT': 'CLOSE_WAIT', 'LAST-ACK': 'LAST_ACK', LISTEN: 'LISTEN', CLOSING: 'CLOSING',
});

/**
 * Linux state -> RFC 9293 state name, as the simulator spells them (src/core/states.ts).
 * NEW_SYN_RECV is Linux's request socket for a half-open connection: RFC SYN-RECEIVED.
 * @type {Readonly<Record<LinuxState, string>>}
 */
export const LINUX_TO_RFC = Object.freeze({
  ESTABLISHED: 'ESTABLISHED', SYN_SENT: 'SYN-SENT', SYN_RECV: 'SYN-RECEIVED', FIN_WAIT1: 'FIN-WAIT-1',
  FIN_WAIT2: 'FIN-WAIT-2', TIME_WAIT: 'TIME-WAIT', CLOSE: 'CLOSED', CLOSE_WAIT: 'CLOSE-WAIT',
  LAST_ACK: 'LAST-ACK', LISTEN: 'LISTEN', CLOSING: 'CLOSING', NEW_SYN_RECV: 'SYN-RECEIVED',
});

/** @param {string} s a state as the trace prints it: `TCP_FIN_WAIT1`, or a number @returns {LinuxState|undefined} */
function traceState(s) {
  if (/^-?\d+$/.test(s)) return LINUX_STATE_BY_NUMBER[Number(s)];
  const name = s.startsWith('TCP_') ? s.slice(4) : s;
  return Object.values(LINUX_STATE_BY_NUMBER).includes(/** @type {LinuxState} */ (name)) ? /** @type {LinuxState} */ (name) : undefined;
}

/**
 * The key of a socket in a states map: local port and remote port (0 for a listener). The local
 * port alone is not enough: a listener and the sockets it accepted share it.
 * @param {number} localPort @param {number} remotePort @returns {string}
 */
export function sockKey(localPort, remotePort) {
  return `${localPort}>${remotePort}`;
}

// ---------------------------------------------------------------------------------------------
// Parsers (pure; exported for unit tests)
// ---------------------------------------------------------------------------------------------

/**
 * One state change as the tracepoint reported it.
 * @typedef {object} TraceEvent
 * @property {number} time seconds on the trace clock (CLOCK_MONOTONIC when the instance's clock is `mono`)
 * @property {number} localPort `sport` as traced (0 for the SYN_SENT of a connect() not bound yet)
 * @property {number} remotePort `dport` (0 for a listener)
 * @property {string} localAddress
 * @property {string} remoteAddress
 * @property {LinuxState} oldState
 * @property {LinuxState} newState
 * @property {string} [sk] the kernel's socket address (only with the `fields` option): identity
 * @property {number} [pid] the task the event ran in (softirq work runs in whatever task it interrupted)
 * @property {number} [readAt] CLOCK_MONOTONIC seconds when this process read it
 */

/**
 * Parses one line of trace_pipe, in the event's default format
 * (`node-1 [001] ..... 3082.846488: inet_sock_set_state: family=AF_INET protocol=IPPROTO_TCP sport=0 dport=35879 saddr=127.0.0.1 daddr=127.0.0.1 saddrv6=… daddrv6=… oldstate=TCP_CLOSE newstate=TCP_SYN_SENT`)
 * or with the `fields` option (`skaddr=0xffff… (…) oldstate=0x7 (7) … sport=0x8c27 (35879) …`).
 * @param {string} line
 * @returns {TraceEvent|{lost: number}|null} null for lines that are not TCP state changes
 */
export function parseTraceLine(line) {
  const lost = /CPU:\d+ \[LOST (\d+) EVENTS\]/.exec(line);
  if (lost) return { lost: Number(lost[1]) };
  const m = /-(\d+)\s+\[\d+\][^:]*?\s(\d+\.\d+):\s+inet_sock_set_state:\s+(.*)$/.exec(line);
  if (!m) return null;
  /** @type {Record<string, string>} */
  const f = {};
  for (const kv of m[3].matchAll(/(\w+)=(\S+)(?: \(([^)]*)\))?/g)) f[kv[1]] = kv[3] ?? kv[2];
  const num = (/** @type {string|undefined} */ v) => (v === undefined ? NaN : Number(v));
  const protocol = f.protocol;
  if (protocol !== undefined && protocol !== 'IPPROTO_TCP' && protocol !== '6') return null;
  const oldState = traceState(f.oldstate ?? '');
  const newState = traceState(f.newstate ?? '');
  if (!oldState || !newState) return null;
  const ipv4 = (/** @type {string|undefined} */ v) => {
    if (v === undefined) return '';
    if (!/^\d+$/.test(v)) return v; // already dotted
    const n = Number(v) >>> 0; // raw __u8[4] read as a little-endian integer
    return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
  };
  /** @type {TraceEvent} */
  const ev = {
    time: Number(m[2]),
    localPort: num(f.sport),
    remotePort: num(f.dport),
    localAddress: ipv4(f.saddr),
    remoteAddress: ipv4(f.daddr),
    oldState,
    newState,
    pid: Number(m[1]),
  };
  if (f.skaddr !== undefined) ev.sk = /^0x/.test(f.skaddr) ? f.skaddr : `sk:${f.skaddr}`;
  return ev;
}

/**
 * One socket as ss lists it.
 * @typedef {object} SsEntry
 * @property {LinuxState} state
 * @property {number} recvQ
 * @property {number} sendQ
 * @property {string} localAddress
 * @property {number} localPort
 * @property {string} remoteAddress
 * @property {number} remotePort 0 for `*`
 */

/**
 * Parses one line of `ss -tanH state all …` (State Recv-Q Send-Q Local:Port Peer:Port).
 * @param {string} line @returns {SsEntry|null}
 */
export function parseSsLine(line) {
  const cols = line.trim().split(/\s+/);
  if (cols.length < 5) return null;
  const state = SS_STATE[cols[0]];
  if (!state) return null;
  const addr = (/** @type {string} */ s) => {
    const i = s.lastIndexOf(':');
    const port = s.slice(i + 1);
    return { address: s.slice(0, i).replace(/^\[|\]$/g, ''), port: port === '*' ? 0 : Number(port) };
  };
  const l = addr(cols[3]);
  const r = addr(cols[4]);
  return {
    state, recvQ: Number(cols[1]), sendQ: Number(cols[2]),
    localAddress: l.address, localPort: l.port, remoteAddress: r.address, remotePort: r.port,
  };
}

/**
 * Runs ss for the sockets whose local or remote port is one of `ports`, on 127.0.0.1.
 * @param {Iterable<number>} ports @returns {Promise<SsEntry[]>}
 */
export async function ssQuery(ports) {
  const list = [...ports];
  if (list.length === 0) return [];
  const filter = ['('];
  list.forEach((p, i) => filter.push(...(i ? ['or'] : []), 'sport', '=', `:${p}`, 'or', 'dport', '=', `:${p}`));
  filter.push(')');
  const { stdout } = await execFileP('ss', ['-tanH', 'state', 'all', ...filter], { timeout: 5000 });
  return stdout.split('\n').map(parseSsLine).filter(
    /** @returns {e is SsEntry} */ (e) => e !== null && e.localAddress === '127.0.0.1'
      && (list.includes(e.localPort) || list.includes(e.remotePort)),
  );
}

// ---------------------------------------------------------------------------------------------
// Recorders
// ---------------------------------------------------------------------------------------------

/**
 * A socket's current state.
 * @typedef {object} SocketState
 * @property {number} localPort
 * @property {number} remotePort 0 for a listener
 * @property {LinuxState} state
 * @property {'trace'|'ss'} source
 * @property {string} [socket] the recorder's name for the socket (trace back-end: sk1, sk2, … in order of appearance)
 * @property {number} [recvQ] ss only
 * @property {number} [sendQ] ss only
 */

/**
 * A state change, in order.
 * @typedef {object} Transition
 * @property {number} time seconds, CLOCK_MONOTONIC (same clock as process.hrtime)
 * @property {number} localPort the socket's local port (resolved also for connect()'s first event)
 * @property {number} remotePort
 * @property {LinuxState} oldState
 * @property {LinuxState} newState
 * @property {string} socket sk1, sk2, … (one name per kernel socket)
 * @property {number} rawLocalPort sport as the kernel traced it (0 before connect() picks the port)
 */

/** @typedef {Map<string, SocketState>} States keyed by sockKey(localPort, remotePort) */

/**
 * @typedef {object} RecorderOptions
 * @property {'auto'|'tracepoint'|'ss'} [backend] default: TSL_KERNEL_BACKEND, else 'auto'
 * @property {number} [settleMs] quiet time that counts as "at rest" (default 250 ms traced, 300 ms polled)
 * @property {number} [pollMs] how often to read trace_pipe / run ss (default 5 / 10)
 * @property {boolean} [fields] use the trace option `fields` (socket address as identity) when the kernel has it (default true)
 * @property {string} [tracefs] where tracefs is or is to be mounted (default /sys/kernel/tracing)
 */

const nowSeconds = () => Number(process.hrtime.bigint()) / 1e9;
const delay = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The same states grouped by local port (a listener and the sockets it accepted share one).
 * @param {States} states @returns {Map<number, SocketState[]>}
 */
export function statesByLocalPort(states) {
  /** @type {Map<number, SocketState[]>} */
  const out = new Map();
  for (const s of states.values()) out.set(s.localPort, [...(out.get(s.localPort) ?? []), s]);
  return out;
}

/** @param {States} states @returns {string} */
export function describeStates(states) {
  if (states.size === 0) return '(no sockets)';
  return [...states.values()].map((s) => `${s.localPort}->${s.remotePort || '*'} ${s.state}`).join(', ');
}

class Recorder {
  /** @param {RecorderOptions} opts @param {'tracepoint'|'ss'} backend @param {string} reason */
  constructor(opts, backend, reason) {
    /** @type {'tracepoint'|'ss'} which back-end records the states */
    this.backend = backend;
    /** @type {string} why this back-end was chosen */
    this.backendReason = reason;
    /** @type {Set<number>} */
    this.ports = new Set();
    // Linux delays an ACK by up to 200 ms (TCP_DELACK_MAX), and the ACK of a FIN is delayed
    // (tcp_fin() enters pingpong mode) until the peer application reads or the timer fires: a
    // quiet window longer than that cannot end between a segment and the ACK it is owed
    this.settleMs = opts.settleMs ?? (backend === 'tracepoint' ? 250 : 300);
    this.pollMs = opts.pollMs ?? (backend === 'tracepoint' ? 5 : 10);
    this.closed = false;
  }

  /** Adds ports to watch (local or remote). @param {number[]} ports @returns {Promise<void>} */
  async watchPorts(ports) {
    for (const p of ports) this.ports.add(p);
  }

  /** Current state of each watched socket. @returns {Promise<States>} */
  async statesNow() {
    throw new Error('abstract');
  }

  /** What ss lists now for the watched ports (both back-ends). @returns {Promise<States>} */
  async ssStatesNow() {
    /** @type {States} */
    const out = new Map();
    for (const e of await ssQuery(this.ports)) {
      out.set(sockKey(e.localPort, e.remotePort), {
        localPort: e.localPort, remotePort: e.remotePort, state: e.state, source: 'ss', recvQ: e.recvQ, sendQ: e.sendQ,
      });
    }
    return out;
  }

  /** The ordered state changes (trace back-end only). @returns {Transition[]} */
  transitions() {
    throw new Error(`the ${this.backend} back-end does not see transitions, only states at rest`);
  }

  /** Consistency problems found in the recording (missing or lost events). @returns {string[]} */
  anomalies() {
    return [];
  }

  /**
   * Waits until `predicate` holds for the recorded states, re-checking whenever new states can be
   * known (every trace_pipe read / every ss poll). Rejects after `timeoutMs` naming `what`.
   * @param {(states: States) => boolean} predicate
   * @param {string} what a description of the awaited condition, for the error
   * @param {number} [timeoutMs]
   * @returns {Promise<States>}
   */
  async waitFor(predicate, what, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await this.statesNow();
      if (predicate(states)) return states;
      if (Date.now() >= deadline) {
        throw new Error(`kernel-trace (${this.backend}): ${what} never came within ${timeoutMs} ms; states: ${describeStates(states)}`);
      }
      await delay(this.pollMs);
    }
  }

  /**
   * Waits until the kernel is at rest for the watched sockets.
   * @param {{since?: number, settleMs?: number, timeoutMs?: number, onPoll?: (states: States) => void}} [opts]
   *   since: CLOCK_MONOTONIC seconds of the call that started the activity (default: now)
   * @returns {Promise<States>}
   */
  async waitForRest(opts) {
    void opts;
    throw new Error('abstract');
  }

  /** Stops recording and removes what it created. Idempotent. @returns {Promise<void>} */
  async close() {
    this.closed = true;
  }
}

class SsRecorder extends Recorder {
  /** @returns {Promise<States>} */
  async statesNow() {
    return this.ssStatesNow();
  }

  /** @param {{since?: number, settleMs?: number, timeoutMs?: number, onPoll?: (states: States) => void}} [opts] */
  async waitForRest(opts = {}) {
    const settle = (opts.settleMs ?? this.settleMs) / 1000;
    const since = opts.since ?? nowSeconds();
    const deadline = Date.now() + (opts.timeoutMs ?? 10000);
    let last = '';
    let stableSince = 0;
    let polls = 0;
    for (;;) {
      const states = await this.statesNow();
      opts.onPoll?.(states);
      const t = nowSeconds();
      const sig = [...states.values()].map((s) => `${sockKey(s.localPort, s.remotePort)}=${s.state}`).sort().join(',');
      if (sig !== last) { last = sig; stableSince = t; polls = 1; } else polls++;
      // at rest: the same states in >= 3 consecutive polls spanning the settle window, measured
      // from the later of the call and the first poll that saw these states
      if (polls >= 3 && t - Math.max(stableSince, since) >= settle) return states;
      if (Date.now() >= deadline) throw new Error(`kernel-trace (ss): the sockets never came to rest; states: ${describeStates(states)}`);
      await delay(this.pollMs);
    }
  }
}

// --- tracepoint back-end ------------------------------------------------------------------------

const EVENT = 'events/sock/inet_sock_set_state';
let instanceCounter = 0;
/** @type {Set<TraceRecorder>} recorders whose instance still exists, for cleanup on exit/signals */
const liveTraces = new Set();
/** @type {string|null} the tracefs mount point this process mounted (unmounted when the last recorder closes) */
let mountedByUs = null;
let handlersInstalled = false;

/** Synchronous cleanup of every live instance: used by `exit`, SIGINT and SIGTERM. */
function cleanupAllSync() {
  for (const r of [...liveTraces]) r.closeSync();
}

/** @param {NodeJS.Signals} sig */
function onSignal(sig) {
  const dirs = [...liveTraces].map((r) => r.dir);
  cleanupAllSync();
  process.stderr.write(`kernel-trace: ${sig}: ${dirs.length ? `removed ${dirs.join(', ')}; ` : ''}destroying ${liveNodeHandles.size} sockets/servers\n`);
  for (const s of liveNodeHandles) { try { s.destroy?.(); s.close?.(); } catch { /* best effort */ } }
  process.exit(sig === 'SIGINT' ? 130 : 143);
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', cleanupAllSync);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function uninstallHandlersIfIdle() {
  if (!handlersInstalled || liveTraces.size > 0 || liveNodeHandles.size > 0) return;
  handlersInstalled = false;
  process.off('exit', cleanupAllSync);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

/** @param {string} preferred @returns {string|null} the mount point of a tracefs, preferring `preferred` */
function findTracefs(preferred) {
  let mounts = '';
  try { mounts = fs.readFileSync('/proc/mounts', 'utf8'); } catch { return null; }
  const points = mounts.split('\n').map((l) => l.split(' ')).filter((c) => c[2] === 'tracefs').map((c) => c[1]);
  if (points.includes(preferred)) return preferred;
  return points[0] ?? null;
}

class TraceRecorder extends Recorder {
  /** @param {RecorderOptions} opts @param {string} root tracefs mount point @param {string} reason */
  constructor(opts, root, reason) {
    super(opts, 'tracepoint', reason);
    this.root = root;
    /** @type {string} the private instance directory */
    this.dir = `${root}/instances/tsl-${process.pid}-${++instanceCounter}`;
    /** @type {number|null} */
    this.fd = null;
    /** @type {TraceEvent[]} every parsed event, in the order read */
    this.events = [];
    this.partial = '';
    /** @type {number} events the ring buffer dropped (trace_pipe's LOST lines) */
    this.lost = 0;
    this.monoClock = false;
    this.fieldsOption = false;
    this.wantFields = opts.fields ?? true;
    this.enabled = false;
    /** @type {string} the filter currently written */
    this.filter = '';
  }

  /** @param {string} rel @param {string} value */
  write(rel, value) {
    fs.writeFileSync(`${this.dir}/${rel}`, `${value}\n`);
  }

  /** Creates the instance, sets clock, options and filter, enables the event, opens trace_pipe. */
  start() {
    fs.mkdirSync(this.dir);
    liveTraces.add(this);
    installHandlers();
    try {
      const format = fs.readFileSync(`${this.dir}/${EVENT}/format`, 'utf8');
      for (const field of ['oldstate', 'newstate', 'sport', 'dport']) {
        if (!new RegExp(`field:[^;]*\\b${field};`).test(format)) throw new Error(`inet_sock_set_state has no field ${field}`);
      }
      // CLOCK_MONOTONIC: the same clock as process.hrtime, so "quiet since the last event" is measurable
      const clocks = fs.readFileSync(`${this.dir}/trace_clock`, 'utf8');
      if (/\bmono\b/.test(clocks)) { this.write('trace_clock', 'mono'); this.monoClock = true; }
      if (this.wantFields && fs.existsSync(`${this.dir}/options/fields`)) { this.write('options/fields', '1'); this.fieldsOption = true; }
      // never overwrite unread events: a full buffer drops new ones, and trace_pipe says so (LOST)
      if (fs.existsSync(`${this.dir}/options/overwrite`)) this.write('options/overwrite', '0');
      this.writeFilter();
      this.fd = fs.openSync(`${this.dir}/trace_pipe`, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      this.write(`${EVENT}/enable`, '1');
      this.enabled = true;
    } catch (e) {
      this.closeSync();
      throw e;
    }
  }

  /** The kernel filter: the watched ports, plus this process's own listen() calls (port not known yet). */
  writeFilter() {
    const parts = [`(common_pid == ${process.pid} && newstate == 10)`];
    for (const p of [...this.ports].sort((a, b) => a - b)) parts.push(`sport == ${p}`, `dport == ${p}`);
    const filter = parts.join(' || ');
    if (filter === this.filter) return;
    this.write(`${EVENT}/filter`, filter);
    this.filter = filter;
  }

  /** @param {number[]} ports */
  async watchPorts(ports) {
    await super.watchPorts(ports);
    if (!this.closed) this.writeFilter();
  }

  /** Reads everything trace_pipe has now (non-blocking). */
  drain() {
    if (this.fd === null) return;
    const buf = Buffer.alloc(65536);
    for (;;) {
      let n;
      try {
        n = fs.readSync(this.fd, buf, 0, buf.length, null);
      } catch (e) {
        if (/** @type {NodeJS.ErrnoException} */ (e).code === 'EAGAIN') break;
        throw e;
      }
      if (n === 0) break;
      const text = this.partial + buf.toString('utf8', 0, n);
      const lines = text.split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) {
        const ev = parseTraceLine(line);
        if (!ev) continue;
        if ('lost' in ev) this.lost += ev.lost;
        else { ev.readAt = nowSeconds(); this.events.push(ev); }
      }
    }
  }

  /** @param {TraceEvent} ev */
  watched(ev) {
    return this.ports.has(ev.localPort) || this.ports.has(ev.remotePort);
  }

  /**
   * Builds the sockets and their transitions from the watched events, ordered by time stamp
   * (trace_pipe merges the per-CPU buffers by time stamp, but an event still being written on
   * another CPU can be read after a later one).
   * @returns {{transitions: Transition[], sockets: {id: string, localPort: number, remotePort: number, state: LinuxState}[], anomalies: string[]}}
   */
  build() {
    const evs = this.events.filter((e) => this.watched(e)).map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.time - b.e.time || a.i - b.i).map((x) => x.e);
    /** @type {{id: string, sk?: string, localPort: number, remotePort: number, state: LinuxState}[]} */
    const sockets = [];
    /** @type {{ev: TraceEvent, sock: typeof sockets[number]}[]} */
    const rows = [];
    /** @type {string[]} */
    const anomalies = [];
    for (const ev of evs) {
      /** @type {typeof sockets[number]|undefined} */
      let sock;
      const fresh = ev.oldState === 'CLOSE' || ev.oldState === 'LISTEN';
      if (ev.sk !== undefined) {
        sock = sockets.findLast((s) => s.sk === ev.sk);
        // the kernel reuses a freed socket's memory: a CLOSE socket leaving CLOSE again is a new one
        if (sock && sock.state === 'CLOSE' && fresh) sock = undefined;
        // a child cloned from a listener (LISTEN -> SYN_RECV) is a new socket with another address
      } else {
        sock = sockets.findLast((s) => s.localPort === ev.localPort && s.remotePort === ev.remotePort
          && !(s.state === 'CLOSE' && fresh) && !(s.state === 'LISTEN' && ev.newState === 'SYN_RECV'));
        if (!sock && ev.localPort !== 0) {
          // connect()'s SYN_SENT was traced with sport=0: the same socket, now with its port
          sock = sockets.findLast((s) => s.localPort === 0 && s.remotePort === ev.remotePort && s.state === ev.oldState);
        }
      }
      if (!sock) {
        sock = { id: `sk${sockets.length + 1}`, localPort: ev.localPort, remotePort: ev.remotePort, state: ev.oldState };
        if (ev.sk !== undefined) sock.sk = ev.sk;
        sockets.push(sock);
      } else if (sock.state !== ev.oldState) {
        anomalies.push(`${sock.id}: traced ${ev.oldState} -> ${ev.newState} but its last state was ${sock.state} (an event is missing)`);
      }
      if (ev.localPort !== 0) sock.localPort = ev.localPort;
      if (ev.remotePort !== 0 || sock.remotePort === 0) sock.remotePort = ev.remotePort;
      sock.state = ev.newState;
      rows.push({ ev, sock });
    }
    if (this.lost > 0) anomalies.push(`the trace buffer lost ${this.lost} events`);
    const transitions = rows.map(({ ev, sock }) => ({
      time: ev.time, localPort: sock.localPort, remotePort: sock.remotePort, oldState: ev.oldState,
      newState: ev.newState, socket: sock.id, rawLocalPort: ev.localPort,
    }));
    return { transitions, sockets: sockets.map(({ id, localPort, remotePort, state }) => ({ id, localPort, remotePort, state })), anomalies };
  }

  /** @returns {Promise<States>} the last newState of each socket */
  async statesNow() {
    this.drain();
    /** @type {States} */
    const out = new Map();
    for (const s of this.build().sockets) {
      out.set(sockKey(s.localPort, s.remotePort), { localPort: s.localPort, remotePort: s.remotePort, state: s.state, source: 'trace', socket: s.id });
    }
    return out;
  }

  /** @returns {Transition[]} */
  transitions() {
    this.drain();
    return this.build().transitions;
  }

  /** @returns {string[]} consistency problems: missing events, lost events */
  anomalies() {
    this.drain();
    return this.build().anomalies;
  }

  /** @param {{since?: number, settleMs?: number, timeoutMs?: number, onPoll?: (states: States) => void}} [opts] */
  async waitForRest(opts = {}) {
    const settle = (opts.settleMs ?? this.settleMs) / 1000;
    const since = opts.since ?? nowSeconds();
    const deadline = Date.now() + (opts.timeoutMs ?? 10000);
    for (;;) {
      const readAt = nowSeconds(); // everything before this instant has been read (give or take a CPU still committing: the settle window covers it)
      this.drain();
      const mine = this.events.filter((e) => this.watched(e));
      const lastEvent = mine.length ? Math.max(...mine.map((e) => (this.monoClock ? e.time : e.readAt ?? 0))) : 0;
      const quietSince = Math.max(since, lastEvent);
      if (readAt - quietSince >= settle) return this.statesNow();
      if (Date.now() >= deadline) throw new Error(`kernel-trace (tracepoint): the sockets never came to rest; states: ${describeStates(await this.statesNow())}`);
      await delay(Math.max(this.pollMs, Math.min(50, (quietSince + settle - readAt) * 1000)));
    }
  }

  /** Disables the event, closes trace_pipe, removes the instance. Synchronous, idempotent. */
  closeSync() {
    if (this.closed && !liveTraces.has(this)) return;
    this.closed = true;
    /** @type {unknown[]} */
    const errors = [];
    const attempt = (/** @type {() => void} */ f) => { try { f(); } catch (e) { errors.push(e); } };
    if (this.enabled) attempt(() => { this.write(`${EVENT}/enable`, '0'); this.enabled = false; });
    attempt(() => { if (this.fd !== null) this.drain(); });
    if (this.filter) attempt(() => { this.write(`${EVENT}/filter`, '0'); this.filter = ''; });
    if (this.fd !== null) attempt(() => { fs.closeSync(/** @type {number} */ (this.fd)); this.fd = null; });
    attempt(() => { if (fs.existsSync(this.dir)) fs.rmdirSync(this.dir); });
    liveTraces.delete(this);
    if (liveTraces.size === 0 && mountedByUs) {
      const point = mountedByUs;
      mountedByUs = null;
      try { execFileSync('umount', [point], { stdio: 'ignore' }); } catch { /* in use by someone else: leave it */ }
    }
    uninstallHandlersIfIdle();
    if (errors.length) throw new AggregateError(errors, `kernel-trace: cleaning up ${this.dir} failed`);
  }

  async close() {
    this.closeSync();
  }
}

/**
 * Creates a state recorder with the best back-end available.
 * @param {RecorderOptions} [opts]
 * @returns {Promise<SsRecorder|TraceRecorder>}
 */
export async function createRecorder(opts = {}) {
  const want = opts.backend ?? /** @type {'auto'|'tracepoint'|'ss'|undefined} */ (process.env.TSL_KERNEL_BACKEND) ?? 'auto';
  if (!['auto', 'tracepoint', 'ss'].includes(want)) throw new Error(`kernel-trace: unknown back-end ${want} (auto, tracepoint or ss)`);
  if (want === 'ss') return new SsRecorder(opts, 'ss', 'forced (backend=ss)');
  /** @param {string} why */
  const fallback = (why) => {
    if (want === 'tracepoint') throw new Error(`kernel-trace: tracepoint back-end unavailable: ${why}`);
    return new SsRecorder(opts, 'ss', `fallback: ${why}`);
  };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return fallback('not running as root');
  const preferred = opts.tracefs ?? '/sys/kernel/tracing';
  let root = findTracefs(preferred);
  if (!root) {
    if (!fs.existsSync(preferred)) return fallback(`${preferred} does not exist`);
    try {
      await execFileP('mount', ['-t', 'tracefs', 'nodev', preferred], { timeout: 10000 });
    } catch (e) {
      return fallback(`mount -t tracefs failed: ${/** @type {Error} */ (e).message.trim()}`);
    }
    mountedByUs = preferred;
    root = preferred;
  }
  if (!fs.existsSync(`${root}/${EVENT}/format`)) return fallback(`no ${EVENT} in ${root}`);
  if (!fs.existsSync(`${root}/instances`)) return fallback(`${root}/instances missing (kernel without trace instances)`);
  const rec = new TraceRecorder(opts, root, want === 'tracepoint' ? 'forced (backend=tracepoint)' : `root and tracefs at ${root}`);
  try {
    rec.start();
  } catch (e) {
    return fallback(`setting up ${rec.dir} failed: ${/** @type {Error} */ (e).message}`);
  }
  return rec;
}

// ---------------------------------------------------------------------------------------------
// Scenario runner
// ---------------------------------------------------------------------------------------------

/** @type {Set<{destroy?: () => void, close?: () => void}>} Node sockets and servers alive, for signals */
const liveNodeHandles = new Set();

/** @typedef {'client'|'server'} Side */

/**
 * An application call. `side` is whose socket makes it.
 * @typedef {{op: 'listen'}
 *   | {op: 'connect'}
 *   | {op: 'connectRefused'}
 *   | {op: 'accept', read?: boolean}
 *   | {op: 'write', side: Side, bytes: number}
 *   | {op: 'end', side: Side}
 *   | {op: 'endBoth'}
 *   | {op: 'destroy', side: Side}
 *   | {op: 'resetAndDestroy', side: Side}
 *   | {op: 'pause', side: Side}
 *   | {op: 'resume', side: Side}
 *   | {op: 'closeWithUnreadData', side: Side, bytes?: number}
 *   | {op: 'fillPeerWindow', side: Side}} Call
 */

/**
 * @typedef {object} Scenario
 * @property {string} id
 * @property {string} title
 * @property {Call[]} calls
 * @property {(readonly [string, string] | null)[]} [rfc] per call: RFC 9293's [client, server] states after it, for comparison
 */

/**
 * @typedef {object} RoleStates
 * @property {string} client
 * @property {string} server the accepted (child) socket
 * @property {string} listener
 */

/**
 * @typedef {object} StepResult
 * @property {string} call e.g. "end(client)"
 * @property {RoleStates} states the kernel's states at rest ("TIME_WAIT[tw]": a timewait socket, seen by ss only; "-": no such socket)
 * @property {RoleStates} [traced] trace back-end: the last traced state of each socket
 * @property {RoleStates} ss what ss listed at rest
 * @property {Transition[]} [transitions] trace back-end: the state changes during this call
 * @property {string[]} [ssSeen] ss back-end: each distinct set of states the polls caught during this call
 * @property {string} [note]
 * @property {string[]} [rfcDiffs] where the kernel's state differs from rfc[]
 */

/**
 * @typedef {object} ScenarioResult
 * @property {string} id
 * @property {string} title
 * @property {'tracepoint'|'ss'} backend
 * @property {string} backendReason
 * @property {number} port the server's (or refused) port
 * @property {number|null} clientPort
 * @property {StepResult[]} steps
 * @property {Transition[]} [transitions] trace back-end: every transition of the scenario's sockets
 * @property {string[]} anomalies
 * @property {string[]} nodeEvents socket errors and ends Node reported
 * @property {string[]} leftovers sockets of ours ss still lists after cleanup, other than TIME_WAIT
 * @property {string[]} afterCleanup what ss lists for our ports after cleanup
 * @property {string} [error] the failure, if the scenario failed
 */

/** @param {net.Socket} sock @param {string} what @param {number} ms @param {string} event */
function once(sock, event, what, ms = 5000) {
  return /** @type {Promise<unknown>} */ (new Promise((resolve, reject) => {
    const t = setTimeout(() => { cleanup(); reject(new Error(`kernel-trace: ${what} never came within ${ms} ms`)); }, ms);
    const onEvent = (/** @type {unknown} */ v) => { cleanup(); resolve(v); };
    const cleanup = () => { clearTimeout(t); sock.off(event, onEvent); };
    sock.on(event, onEvent);
  }));
}

/**
 * Stops Node from reading the socket (so received data stays in the kernel's receive queue).
 * socket.pause() alone only stops 'data' events: Node keeps reading into its own buffer, and a
 * close() with an empty kernel queue sends FIN, not RST. So the libuv handle stops reading too.
 * @param {net.Socket} sock
 */
function stopReading(sock) {
  sock.pause();
  const handle = /** @type {{_handle?: {reading?: boolean, readStop?: () => number}}} */ (/** @type {unknown} */ (sock))._handle;
  if (handle && typeof handle.readStop === 'function') {
    if (handle.reading) { handle.reading = false; handle.readStop(); }
  } else if (!sock.destroyed) {
    throw new Error('kernel-trace: cannot stop reading: this Node has no socket._handle.readStop()');
  }
}

/**
 * Runs one scenario: each call, then waits until the kernel is at rest and records the states.
 * Always destroys every socket and closes the server, then checks ss for leftovers.
 * @param {Scenario} scenario
 * @param {RecorderOptions} [opts]
 * @returns {Promise<ScenarioResult>}
 */
export async function runScenario(scenario, opts = {}) {
  const rec = await createRecorder(opts);
  /** @type {net.Server|null} */
  let server = null;
  /** @type {net.Socket|null} */
  let client = null;
  /** @type {net.Socket|null} */
  let child = null;
  /** @type {net.Socket[]} */
  const accepted = [];
  /** @type {((s: net.Socket) => void)|null} */
  let acceptWaiter = null;
  let port = 0;
  /** @type {number[]} */
  const ports = [];
  let clientExists = false;
  let serverExists = false;
  let listenerExists = false;
  /** @type {string[]} */
  const nodeEvents = [];
  const bytesRead = { client: 0, server: 0 };
  /** @type {ScenarioResult} */
  const result = {
    id: scenario.id, title: scenario.title, backend: rec.backend, backendReason: rec.backendReason,
    port: 0, clientPort: null, steps: [], anomalies: [], nodeEvents, leftovers: [], afterCleanup: [],
  };
  let consumed = 0;

  /** @type {Map<net.Socket, Promise<unknown>>} resolves on the socket's 'close' */
  const closedOf = new Map();
  /** @type {Set<net.Socket>} sockets this runner destroyed (the others Node closed by itself) */
  const destroyedByUs = new Set();
  /** @param {net.Socket} s @param {Side} side */
  const track = (s, side) => {
    liveNodeHandles.add(s);
    s.on('error', (e) => nodeEvents.push(`${side}: error ${/** @type {NodeJS.ErrnoException} */ (e).code ?? e.message}`));
    s.on('end', () => nodeEvents.push(`${side}: 'end' (peer's FIN read)`));
    s.on('data', (d) => { bytesRead[side] += d.length; });
    closedOf.set(s, new Promise((resolve) => s.once('close', resolve)));
    s.on('close', () => {
      liveNodeHandles.delete(s);
      if (!destroyedByUs.has(s)) nodeEvents.push(`${side}: Node closed the socket by itself (${s.errored ? 'after an error' : 'autoDestroy: both directions ended'})`);
    });
  };
  /** @param {net.Socket} s @param {string} what */
  const closed = (s, what) => new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`kernel-trace: ${what}: 'close' never came within 5000 ms`)), 5000);
    closedOf.get(s)?.then(() => { clearTimeout(t); resolve(undefined); });
  });
  /** @param {Side} side @returns {net.Socket} */
  const sockOf = (side) => {
    const s = side === 'client' ? client : child;
    if (!s) throw new Error(`kernel-trace: ${scenario.id}: no ${side} socket yet`);
    return s;
  };

  /** @param {States} m @param {'client'|'server'|'listener'} role @returns {SocketState|undefined} */
  const pick = (m, role) => {
    const all = [...m.values()];
    if (role === 'listener') return all.findLast((s) => s.localPort === port && s.remotePort === 0);
    // Once the client's port is known, only its own 4-tuple: the kernel may hand out a port an
    // earlier run left a TIME_WAIT socket on, which ss lists as well.
    const cport = result.clientPort;
    if ((role === 'client' && !clientExists) || (role === 'server' && !serverExists)) return undefined;
    if (role === 'server') return all.findLast((s) => s.localPort === port && s.remotePort !== 0 && (cport === null || s.remotePort === cport));
    return all.findLast((s) => s.remotePort === port && s.localPort !== port && (cport === null || s.localPort === cport));
  };
  const exists = { client: () => clientExists, server: () => serverExists, listener: () => listenerExists };

  /** Records the states at rest after `label`. @param {string} label @param {number} since @param {number} index @param {() => string} noteAt */
  const record = async (label, since, index, noteAt) => {
    /** @type {string[]} */
    const seen = [];
    const rest = await rec.waitForRest({
      since,
      onPoll: (m) => {
        const sig = (['client', 'server', 'listener']).map((r) => `${r}=${pick(m, /** @type {'client'} */ (r))?.state ?? '-'}`).join(' ');
        if (seen[seen.length - 1] !== sig) seen.push(sig);
      },
    });
    const ss = rec.backend === 'ss' ? rest : await rec.ssStatesNow();
    /** @type {Partial<RoleStates>} */
    const states = {};
    /** @type {Partial<RoleStates>} */
    const traced = {};
    /** @type {Partial<RoleStates>} */
    const ssStates = {};
    for (const role of /** @type {const} */ (['client', 'server', 'listener'])) {
      const s = pick(ss, role);
      ssStates[role] = s ? s.state : exists[role]() ? 'CLOSE' : '-';
      if (rec.backend === 'tracepoint') {
        const t = pick(rest, role);
        traced[role] = t ? t.state : '-';
        if (t && t.state === 'CLOSE' && s) states[role] = `${s.state}[tw]`; // the timewait socket took over
        else if (t && s && t.state !== s.state) states[role] = `${t.state}(ss:${s.state})`;
        else if (!t && s) states[role] = `${s.state}(ss only)`;
        else states[role] = t ? t.state : '-';
      } else {
        states[role] = ssStates[role];
      }
    }
    /** @type {StepResult} */
    const step = { call: label, states: /** @type {RoleStates} */ (states), ss: /** @type {RoleStates} */ (ssStates) };
    if (rec.backend === 'tracepoint') {
      step.traced = /** @type {RoleStates} */ (traced);
      const all = rec.transitions();
      step.transitions = all.slice(consumed);
      consumed = all.length;
    } else {
      step.ssSeen = seen;
    }
    const note = noteAt();
    if (note) step.note = note;
    if (result.clientPort === null) result.clientPort = pick(rest, 'client')?.localPort || null;
    const rfc = scenario.rfc?.[index];
    if (rfc) {
      // RFC 9293 has one TCB per side: no socket is CLOSED; the server's TCB is the listener's
      // until a connection is accepted (Linux clones a new socket instead)
      const rfcOf = (/** @type {string|undefined} */ s) => {
        const linux = /** @type {LinuxState} */ ((s ?? '-').replace(/[[(].*$/, ''));
        return linux in LINUX_TO_RFC ? LINUX_TO_RFC[linux] : 'CLOSED';
      };
      const kernel = [rfcOf(states.client), rfcOf(states.server === '-' ? states.listener : states.server)];
      const diffs = [];
      for (const [i, role] of /** @type {const} */ ([[0, 'client'], [1, 'server']])) {
        if (kernel[i] !== rfc[i]) diffs.push(`${role}: kernel ${kernel[i]}, RFC ${rfc[i]}`);
      }
      if (diffs.length) step.rfcDiffs = diffs;
    }
    result.steps.push(step);
  };

  /** @param {Call} call @returns {string} */
  const labelOf = (call) => {
    if (call.op === 'write') return `write(${call.side}, ${call.bytes})`;
    if (call.op === 'closeWithUnreadData') return `closeWithUnreadData(${call.side}, ${call.bytes ?? 100})`;
    if ('side' in call) return `${call.op}(${call.side})`;
    if (call.op === 'listen' || call.op === 'accept') return `${call.op}(server)`;
    if (call.op === 'connect' || call.op === 'connectRefused') return `${call.op}(client)`;
    return `${call.op}()`;
  };

  /** @param {number} p */
  const watch = async (p) => { ports.push(p); await rec.watchPorts([p]); };

  const newServer = () => {
    const srv = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
    liveNodeHandles.add(srv);
    srv.on('close', () => liveNodeHandles.delete(srv));
    srv.on('error', (e) => nodeEvents.push(`listener: error ${/** @type {NodeJS.ErrnoException} */ (e).code}`));
    return srv;
  };
  /** @param {net.Server} srv @returns {Promise<number>} */
  const listen = (srv) => new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen({ port: 0, host: '127.0.0.1' }, () => { srv.off('error', reject); resolve(/** @type {net.AddressInfo} */ (srv.address()).port); });
  });

  try {
    for (const [index, call] of scenario.calls.entries()) {
      const label = labelOf(call);
      const since = nowSeconds();
      /** @type {string|undefined} */
      let note;
      switch (call.op) {
        case 'listen': {
          server = newServer();
          server.on('connection', (s) => {
            track(s, 'server');
            accepted.push(s);
            if (acceptWaiter) { acceptWaiter(s); acceptWaiter = null; }
          });
          port = await listen(server);
          listenerExists = true;
          await watch(port);
          result.port = port;
          break;
        }
        case 'connectRefused': {
          // a port no one listens on: take one from the kernel, then give it back
          const tmp = newServer();
          port = await listen(tmp);
          await watch(port);
          result.port = port;
          await new Promise((r) => tmp.close(r));
          await rec.waitForRest();
          consumed = rec.backend === 'tracepoint' ? rec.transitions().length : 0;
        }
        // falls through
        case 'connect': {
          const c = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
          client = c;
          clientExists = true;
          track(c, 'client');
          const outcome = await new Promise((resolve, reject) => {
            const t = setTimeout(() => reject(new Error(`kernel-trace: ${label}: neither connect nor error within 5000 ms`)), 5000);
            c.once('connect', () => { clearTimeout(t); resolve('connected'); });
            c.once('error', (e) => { clearTimeout(t); resolve(/** @type {NodeJS.ErrnoException} */ (e).code); });
          });
          if (call.op === 'connect' && outcome !== 'connected') throw new Error(`kernel-trace: ${label} failed: ${outcome}`);
          if (outcome === 'connected') { result.clientPort = c.localPort ?? null; serverExists = true; }
          note = outcome === 'connected' ? `client port ${c.localPort}, server port ${port}` : `connect() failed: ${outcome}`;
          if (call.op === 'connect') await rec.waitFor((m) => pick(m, 'client')?.state === 'ESTABLISHED' && pick(m, 'server')?.state === 'ESTABLISHED', 'client and server ESTABLISHED');
          break;
        }
        case 'accept': {
          const s = accepted.length ? accepted[0] : await new Promise((resolve, reject) => {
            const t = setTimeout(() => reject(new Error(`kernel-trace: ${label}: no connection accepted within 5000 ms`)), 5000);
            acceptWaiter = (x) => { clearTimeout(t); resolve(x); };
          });
          child = /** @type {net.Socket} */ (s);
          if (call.read !== false) child.resume(); // pauseOnConnect: Node has not read from it yet
          note = 'Node ran accept(2) by itself when the listener became readable';
          break;
        }
        case 'write': {
          const s = sockOf(call.side);
          await new Promise((resolve, reject) => s.write(Buffer.alloc(call.bytes, 0x61), (e) => (e ? reject(e) : resolve(undefined))));
          break;
        }
        case 'end': {
          const s = sockOf(call.side);
          const done = once(s, 'finish', `${label}: 'finish' (shutdown done)`);
          s.end();
          await done;
          break;
        }
        case 'endBoth': {
          const c = sockOf('client');
          const sv = sockOf('server');
          const done = Promise.all([once(c, 'finish', 'client finish'), once(sv, 'finish', 'server finish')]);
          c.end();
          sv.end(); // same tick: both shutdown(SHUT_WR) run in the same libuv loop iteration
          await done;
          break;
        }
        case 'destroy':
        case 'resetAndDestroy': {
          const s = sockOf(call.side);
          if (s.destroyed) note = `Node had already closed the ${call.side} socket: the call does nothing`;
          destroyedByUs.add(s);
          if (call.op === 'destroy') s.destroy();
          else s.resetAndDestroy();
          await closed(s, label);
          break;
        }
        case 'pause':
          stopReading(sockOf(call.side));
          break;
        case 'resume':
          sockOf(call.side).resume();
          break;
        case 'closeWithUnreadData': {
          const s = sockOf(call.side);
          const peer = sockOf(call.side === 'client' ? 'server' : 'client');
          const bytes = call.bytes ?? 100;
          stopReading(s);
          await new Promise((resolve, reject) => peer.write(Buffer.alloc(bytes, 0x62), (e) => (e ? reject(e) : resolve(undefined))));
          const role = /** @type {'client'|'server'} */ (call.side);
          const ss = await waitForSs(rec, (m) => (pick(m, role)?.recvQ ?? 0) >= bytes, `${bytes} unread bytes in the ${role}'s receive queue`);
          note = `${role} Recv-Q ${pick(ss, role)?.recvQ} bytes unread, then close()`;
          destroyedByUs.add(s);
          s.destroy();
          await closed(s, label);
          break;
        }
        case 'fillPeerWindow': {
          // write until data sits in this side's send queue because the peer's receive window is
          // shut (the peer must not be reading); all of it handed to the kernel, none left in Node
          const s = sockOf(call.side);
          const role = /** @type {'client'|'server'} */ (call.side);
          let total = 0;
          for (let i = 0; ; i++) {
            if (i > 2000) throw new Error(`kernel-trace: ${label}: the peer's window never closed`);
            await new Promise((resolve, reject) => s.write(Buffer.alloc(16384, 0x63), (e) => (e ? reject(e) : resolve(undefined))));
            total += 16384;
            const m = await rec.ssStatesNow();
            const sq = pick(m, role)?.sendQ ?? 0;
            if (sq > 0 && s.writableLength === 0) {
              await rec.waitForRest({ settleMs: 50 });
              const m2 = await rec.ssStatesNow();
              if ((pick(m2, role)?.sendQ ?? 0) > 0) {
                const peerRole = role === 'client' ? 'server' : 'client';
                note = `wrote ${total} bytes; ${role} Send-Q ${pick(m2, role)?.sendQ}, ${peerRole} Recv-Q ${pick(m2, peerRole)?.recvQ}: window shut`;
                break;
              }
            }
          }
          break;
        }
        default:
          throw new Error(`kernel-trace: unknown call ${JSON.stringify(call)}`);
      }
      const showBytes = ['write', 'end', 'resume', 'endBoth'].includes(call.op);
      await record(label, since, index, () => {
        const extra = showBytes ? `Node has read: client ${bytesRead.client} B, server ${bytesRead.server} B` : '';
        return [note, extra].filter(Boolean).join('; ');
      });
    }
  } catch (e) {
    result.error = /** @type {Error} */ (e).stack ?? String(e);
  } finally {
    // everything closed and every port freed, also on failure
    for (const s of [client, ...accepted]) if (s && !s.destroyed) { destroyedByUs.add(s); s.destroy(); }
    const srv = /** @type {net.Server|null} */ (server);
    if (srv) await new Promise((r) => { srv.close(() => r(undefined)); });
    try {
      await rec.waitForRest({ timeoutMs: 5000 });
      if (rec.backend === 'tracepoint') {
        result.transitions = rec.transitions();
        result.anomalies = rec.anomalies();
      }
      // the trace cannot see timewait sockets; ss for everyone
      const left = await ssQuery(ports);
      result.afterCleanup = left.map((e) => `${e.state} ${e.localAddress}:${e.localPort} ${e.remoteAddress}:${e.remotePort || '*'}`);
      result.leftovers = result.afterCleanup.filter((l) => !l.startsWith('TIME_WAIT'));
    } catch (e) {
      result.error = (result.error ? `${result.error}\n` : '') + `cleanup: ${/** @type {Error} */ (e).message}`;
    } finally {
      await rec.close();
      uninstallHandlersIfIdle();
    }
  }
  return result;
}

/**
 * Polls ss (whatever the recorder's back-end) until `predicate` holds.
 * @param {Recorder} rec @param {(m: States) => boolean} predicate @param {string} what @param {number} [timeoutMs]
 */
async function waitForSs(rec, predicate, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = await rec.ssStatesNow();
    if (predicate(m)) return m;
    if (Date.now() >= deadline) throw new Error(`kernel-trace: ${what} never came within ${timeoutMs} ms; ss: ${describeStates(m)}`);
    await delay(10);
  }
}

// ---------------------------------------------------------------------------------------------
// The scenarios
// ---------------------------------------------------------------------------------------------

const OPEN = /** @type {Call[]} */ ([{ op: 'listen' }, { op: 'connect' }, { op: 'accept' }]);
const OPEN_RFC = /** @type {const} */ ([['CLOSED', 'LISTEN'], ['ESTABLISHED', 'ESTABLISHED'], ['ESTABLISHED', 'ESTABLISHED']]);

/** @type {Scenario[]} */
export const SCENARIOS = [
  {
    id: 'a', title: 'handshake, then the client closes first (close() on both)',
    calls: [...OPEN, { op: 'destroy', side: 'client' }, { op: 'destroy', side: 'server' }],
    rfc: [...OPEN_RFC, ['FIN-WAIT-2', 'CLOSE-WAIT'], ['TIME-WAIT', 'CLOSED']],
  },
  {
    id: 'b', title: 'handshake, then the server closes first (close() on both)',
    calls: [...OPEN, { op: 'destroy', side: 'server' }, { op: 'destroy', side: 'client' }],
    rfc: [...OPEN_RFC, ['CLOSE-WAIT', 'FIN-WAIT-2'], ['CLOSED', 'TIME-WAIT']],
  },
  {
    id: 'c', title: 'half-close: client shutdown(SHUT_WR), the server keeps writing, then shuts down',
    calls: [...OPEN, { op: 'end', side: 'client' }, { op: 'write', side: 'server', bytes: 1000 },
      { op: 'write', side: 'server', bytes: 1000 }, { op: 'end', side: 'server' },
      { op: 'destroy', side: 'client' }, { op: 'destroy', side: 'server' }],
    rfc: [...OPEN_RFC, ['FIN-WAIT-2', 'CLOSE-WAIT'], ['FIN-WAIT-2', 'CLOSE-WAIT'], ['FIN-WAIT-2', 'CLOSE-WAIT'],
      ['TIME-WAIT', 'CLOSED'], ['TIME-WAIT', 'CLOSED'], ['TIME-WAIT', 'CLOSED']],
  },
  {
    id: 'd', title: 'the client aborts: resetAndDestroy() (SO_LINGER 0 + close(): RST)',
    calls: [...OPEN, { op: 'resetAndDestroy', side: 'client' }, { op: 'destroy', side: 'server' }],
    rfc: [...OPEN_RFC, ['CLOSED', 'CLOSED'], ['CLOSED', 'CLOSED']],
  },
  {
    id: 'e', title: 'connection refused: connect() to a port with no listener',
    calls: [{ op: 'connectRefused' }],
    rfc: [['CLOSED', 'CLOSED']],
  },
  {
    id: 'f', title: 'the server closes with unread data (RST instead of FIN, RFC 9293 §3.6.1 SHLD-3)',
    calls: [...OPEN, { op: 'closeWithUnreadData', side: 'server', bytes: 100 }, { op: 'destroy', side: 'client' }],
    rfc: [...OPEN_RFC, ['CLOSED', 'CLOSED'], ['CLOSED', 'CLOSED']],
  },
  {
    id: 'g', title: 'simultaneous close attempt: client end() and server end() in the same tick',
    calls: [...OPEN, { op: 'endBoth' }, { op: 'destroy', side: 'client' }, { op: 'destroy', side: 'server' }],
    rfc: [...OPEN_RFC, ['TIME-WAIT', 'TIME-WAIT'], ['TIME-WAIT', 'TIME-WAIT'], ['TIME-WAIT', 'TIME-WAIT']],
  },
  {
    id: 'g2', title: 'simultaneous close, forced: the client\'s FIN waits behind data the server\'s shut window holds back',
    calls: [{ op: 'listen' }, { op: 'connect' }, { op: 'accept', read: false }, { op: 'fillPeerWindow', side: 'client' },
      { op: 'end', side: 'client' }, { op: 'end', side: 'server' }, { op: 'resume', side: 'server' },
      { op: 'destroy', side: 'client' }, { op: 'destroy', side: 'server' }],
    rfc: [...OPEN_RFC, ['ESTABLISHED', 'ESTABLISHED'], ['FIN-WAIT-1', 'ESTABLISHED'], ['CLOSING', 'FIN-WAIT-2'],
      ['TIME-WAIT', 'TIME-WAIT'], ['TIME-WAIT', 'TIME-WAIT'], ['TIME-WAIT', 'TIME-WAIT']],
  },
];

// ---------------------------------------------------------------------------------------------
// Printing and the CLI
// ---------------------------------------------------------------------------------------------

/** @param {ScenarioResult} r @returns {string} */
export function formatResult(r) {
  const out = [];
  out.push(`== (${r.id}) ${r.title}`);
  out.push(`   back-end: ${r.backend} (${r.backendReason}); server port ${r.port || '-'}, client port ${r.clientPort ?? '-'}`);
  const w = Math.max(...r.steps.map((s) => s.call.length), 10);
  const col = (/** @type {string} */ s) => s.padEnd(24);
  out.push(`   ${'call'.padEnd(w)}  ${col('client')}${col('server (accepted)')}listener`);
  const t0 = r.transitions?.[0]?.time ?? 0;
  for (const s of r.steps) {
    out.push(`   ${s.call.padEnd(w)}  ${col(s.states.client)}${col(s.states.server)}${s.states.listener}`);
    if (s.transitions?.length) {
      for (const t of s.transitions) out.push(`   ${''.padEnd(w)}    +${((t.time - t0) * 1000).toFixed(3).padStart(8)} ms  ${t.socket} ${t.localPort}->${t.remotePort || '*'}  ${t.oldState} -> ${t.newState}${t.rawLocalPort !== t.localPort ? ` (traced sport=${t.rawLocalPort})` : ''}`);
    }
    if (s.ssSeen && s.ssSeen.length > 1) out.push(`   ${''.padEnd(w)}    ss polls caught: ${s.ssSeen.join(' | ')}`);
    if (s.note) out.push(`   ${''.padEnd(w)}    note: ${s.note}`);
    if (s.rfcDiffs) out.push(`   ${''.padEnd(w)}    differs from RFC 9293: ${s.rfcDiffs.join('; ')}`);
  }
  if (r.transitions) {
    out.push(`   all transitions (${r.transitions.length}):`);
    for (const t of r.transitions) out.push(`     +${((t.time - t0) * 1000).toFixed(3).padStart(8)} ms  ${t.socket} ${String(t.localPort).padStart(5)}->${String(t.remotePort || '*').padEnd(5)} ${t.oldState} -> ${t.newState}`);
  }
  if (r.nodeEvents.length) out.push(`   Node saw: ${r.nodeEvents.join('; ')}`);
  if (r.anomalies.length) out.push(`   ANOMALIES: ${r.anomalies.join('; ')}`);
  out.push(`   after cleanup, ss lists: ${r.afterCleanup.length ? r.afterCleanup.join('; ') : 'nothing'}${r.leftovers.length ? `  LEFTOVER: ${r.leftovers.join('; ')}` : ''}`);
  if (r.error) out.push(`   FAILED: ${r.error}`);
  return out.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  /** @type {RecorderOptions} */
  const opts = {};
  let only = /** @type {string[]|null} */ (null);
  let json = false;
  for (const a of args) {
    if (a.startsWith('--backend=')) opts.backend = /** @type {'auto'|'tracepoint'|'ss'} */ (a.slice(10));
    else if (a.startsWith('--only=')) only = a.slice(7).split(',');
    else if (a === '--no-fields') opts.fields = false;
    else if (a === '--json') json = true;
    else { console.error(`usage: node test/kernel/kernel-trace.mjs [--backend=auto|tracepoint|ss] [--only=a,b,…] [--no-fields] [--json]`); process.exit(2); }
  }
  const chosen = SCENARIOS.filter((s) => !only || only.includes(s.id));
  let failed = 0;
  /** @type {ScenarioResult[]} */
  const results = [];
  for (const sc of chosen) {
    const r = await runScenario(sc, opts);
    results.push(r);
    if (r.error || r.leftovers.length || r.anomalies.length) failed++;
    if (!json) console.log(`${formatResult(r)}\n`);
  }
  if (json) console.log(JSON.stringify(results, null, 2));
  const tsl = fs.existsSync('/sys/kernel/tracing/instances')
    ? fs.readdirSync('/sys/kernel/tracing/instances').filter((d) => d.startsWith(`tsl-${process.pid}-`)) : [];
  if (!json) console.log(`trace instances of this process left: ${tsl.length ? tsl.join(', ') : 'none'}; scenarios with problems: ${failed}`);
  process.exitCode = failed || tsl.length ? 1 : 0;
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
