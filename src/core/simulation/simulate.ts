// The simulator: two TCBs and the segments in flight between them, driven by a scenario's
// events. A segment's arrival is processed in RFC 9293 §3.10.7's order (sequence check, RST,
// SYN, ACK, text, FIN), never looked up by its flags, and every step records the rows of the
// transition table (transitions.ts) that fired. Deterministic: no clock, no randomness.
// Pure: no `vscode`, no DOM.
import type { RfcState } from '../states';
import { TRANSITIONS } from '../transitions';
import { narrate } from './narration';
import { timerView } from './timers';
import type { EndpointId, Flag, Scenario, Segment, SimEvent, Step, TcbView, TimerKind, TimerView } from './types';

/** Receive window: large enough that no scenario is limited by it. */
const RCV_WND = 65535;
/** Linux's default number of SYN retransmissions (net.ipv4.tcp_syn_retries). */
const DEFAULT_SYN_RETRIES = 6;

interface Tcb {
  state: RfcState;
  iss?: number;
  irs?: number;
  sndUna: number;
  sndNxt: number;
  rcvNxt: number;
  /** Whether SYN-RECEIVED was reached from LISTEN (RFC 9293 Figure 5 note 1). */
  passive: boolean;
  /** Segments sent and not yet acknowledged, oldest first. */
  queue: Segment[];
  timers: Set<TimerKind>;
  synRetries: number;
  /** An ACK owed but held back (delayed ACK), sent with the next segment. */
  ackOwed: boolean;
  /** Connections accepted so far, so that a listener's next ISS differs (RFC 9293 §3.4.1). */
  incarnation: number;
  /** The application closed the socket (close(), not shutdown()): it is orphaned. */
  orphaned: boolean;
}

const ROW_SECTION = new Map(TRANSITIONS.map((row) => [row.id, row.rfc]));
const FLAG_ORDER: readonly Flag[] = ['SYN', 'FIN', 'RST', 'ACK'];
const other = (endpoint: EndpointId): EndpointId => (endpoint === 'client' ? 'server' : 'client');
const seqLength = (segment: Segment): number => segment.len + (segment.flags.includes('SYN') ? 1 : 0) + (segment.flags.includes('FIN') ? 1 : 0);

function newTcb(): Tcb {
  return { state: 'CLOSED', sndUna: 0, sndNxt: 0, rcvNxt: 0, passive: false, queue: [], timers: new Set(), synRetries: 0, ackOwed: false, incarnation: 0, orphaned: false };
}

/** One run of a scenario: the mutable world and what the current step has done so far. */
class Run {
  readonly tcb: Record<EndpointId, Tcb> = { client: newTcb(), server: newTcb() };
  readonly network: Segment[] = [];
  private nextId = 1;
  // What the current step did.
  sent: Segment[] = [];
  rows: string[] = [];
  started: TimerView[] = [];
  stopped: TimerView[] = [];

  constructor(private readonly scenario: Scenario) {}

  fire(row: string): void {
    if (!ROW_SECTION.has(row)) throw new Error(`simulator: unknown transition row ${row}`);
    this.rows.push(row);
  }

  startTimer(endpoint: EndpointId, kind: TimerKind): void {
    const tcb = this.tcb[endpoint];
    if (tcb.timers.has(kind)) this.stopped.push(timerView(endpoint, kind, tcb)); // a restart
    tcb.timers.add(kind);
    this.started.push(timerView(endpoint, kind, tcb));
  }

  stopTimer(endpoint: EndpointId, kind: TimerKind): void {
    const tcb = this.tcb[endpoint];
    if (!tcb.timers.delete(kind)) return;
    this.stopped.push(timerView(endpoint, kind, tcb));
  }

  stopAllTimers(endpoint: EndpointId): void {
    for (const kind of [...this.tcb[endpoint].timers]) this.stopTimer(endpoint, kind);
  }

  /** Deletes the TCB (→ CLOSED): queues flushed, timers stopped. */
  deleteTcb(endpoint: EndpointId): void {
    this.stopAllTimers(endpoint);
    const incarnation = this.tcb[endpoint].incarnation;
    this.tcb[endpoint] = { ...newTcb(), incarnation };
  }

  /** Puts a segment in flight. Sequence space taken (SYN, data, FIN) advances SND.NXT and is queued for retransmission. */
  send(from: EndpointId, flags: readonly Flag[], options: { len?: number; seq?: number; ack?: number } = {}): Segment {
    const tcb = this.tcb[from];
    const withAck = flags.includes('ACK');
    const segment: Segment = {
      id: this.nextId++,
      from,
      to: other(from),
      flags: FLAG_ORDER.filter((flag) => flags.includes(flag)),
      seq: options.seq ?? tcb.sndNxt,
      ...(withAck ? { ack: options.ack ?? tcb.rcvNxt } : {}),
      len: options.len ?? 0,
    };
    if (withAck) tcb.ackOwed = false;
    if (options.seq === undefined && seqLength(segment) > 0) {
      tcb.sndNxt += seqLength(segment);
      tcb.queue.push(segment);
      if (!tcb.timers.has('retransmission')) this.startTimer(from, 'retransmission');
    }
    this.network.push(segment);
    this.sent.push(segment);
    return segment;
  }

  /** Sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, unless the step asked to delay it. */
  sendAck(endpoint: EndpointId, delay = false): void {
    if (delay) this.tcb[endpoint].ackOwed = true;
    else this.send(endpoint, ['ACK']);
  }

  /** Drops acknowledged segments from the retransmission queue; stops the timer once it is empty. */
  acknowledge(endpoint: EndpointId, ack: number): void {
    const tcb = this.tcb[endpoint];
    tcb.sndUna = ack;
    tcb.queue = tcb.queue.filter((segment) => segment.seq + seqLength(segment) > ack);
    if (tcb.queue.length === 0) this.stopTimer(endpoint, 'retransmission');
  }

  enterTimeWait(endpoint: EndpointId): void {
    this.stopAllTimers(endpoint);
    this.tcb[endpoint].state = 'TIME-WAIT';
    this.startTimer(endpoint, 'time-wait');
  }

  // ---- Application calls (RFC 9293 §3.10.1–§3.10.5) ----

  user(endpoint: EndpointId, call: string, bytes = 0): void {
    const tcb = this.tcb[endpoint];
    const state = tcb.state;
    const fail = (): never => {
      throw new Error(`simulator: ${endpoint} cannot ${call} in ${state}`);
    };
    switch (call) {
      case 'passive-open':
        if (state !== 'CLOSED') fail();
        this.fire('U01');
        tcb.state = 'LISTEN';
        tcb.passive = true;
        return;
      case 'active-open': {
        if (state !== 'CLOSED') fail();
        this.fire('U02');
        const iss = this.scenario.iss[endpoint];
        Object.assign(tcb, { iss, sndUna: iss, sndNxt: iss, state: 'SYN-SENT' as RfcState, passive: false, synRetries: 0 });
        this.send(endpoint, ['SYN']);
        return;
      }
      case 'send':
        if (state !== 'ESTABLISHED' && state !== 'CLOSE-WAIT') fail();
        this.fire('U17');
        this.send(endpoint, ['ACK'], { len: bytes });
        return;
      case 'close':
      case 'shutdown':
        tcb.orphaned = call === 'close';
        if (state === 'LISTEN') {
          this.fire('U05');
          this.deleteTcb(endpoint);
        } else if (state === 'SYN-SENT') {
          this.fire('U06');
          this.deleteTcb(endpoint);
        } else if (state === 'SYN-RECEIVED' || state === 'ESTABLISHED' || state === 'CLOSE-WAIT') {
          this.fire(state === 'SYN-RECEIVED' ? 'U07' : state === 'ESTABLISHED' ? 'U08' : 'U09');
          tcb.state = state === 'CLOSE-WAIT' ? 'LAST-ACK' : 'FIN-WAIT-1';
          this.send(endpoint, ['FIN', 'ACK']);
        } else fail();
        return;
      case 'abort':
        // RFC 9293 §3.10.5 (ABORT): in SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1/2 and CLOSE-WAIT send
        // <SEQ=SND.NXT><CTL=RST> and delete the TCB, i.e. go to CLOSED. §3.5.2 says a reset
        // connection "should" enter TIME-WAIT; we follow §3.10.5, the normative event
        // processing, as every stack does for close() with SO_LINGER 0 (transitions.ts U14).
        if (state === 'LISTEN') this.fire('U12');
        else if (state === 'SYN-SENT') this.fire('U13');
        else if (['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'].includes(state)) {
          this.fire('U14');
          this.send(endpoint, ['RST'], { seq: tcb.sndNxt });
        } else if (['CLOSING', 'LAST-ACK', 'TIME-WAIT'].includes(state)) this.fire('U15');
        else fail();
        this.deleteTcb(endpoint);
        return;
      default:
        fail();
    }
  }

  // ---- Timers (RFC 9293 §3.8.1, §3.10.8) ----

  timer(endpoint: EndpointId, kind: TimerKind): void {
    const tcb = this.tcb[endpoint];
    if (!tcb.timers.has(kind)) throw new Error(`simulator: ${endpoint} has no ${kind} timer running`);
    if (kind === 'time-wait' || kind === 'fin-wait-2') {
      this.fire(kind === 'time-wait' ? 'R50' : 'R42');
      this.deleteTcb(endpoint);
      return;
    }
    if (tcb.state === 'SYN-SENT' && tcb.synRetries >= (this.scenario.synRetries ?? DEFAULT_SYN_RETRIES)) {
      this.fire('T02');
      this.deleteTcb(endpoint);
      return;
    }
    const front = tcb.queue[0];
    if (!front) throw new Error(`simulator: ${endpoint}'s retransmission queue is empty`);
    if (tcb.state === 'SYN-SENT') {
      this.fire('T01');
      tcb.synRetries++;
    } else if (tcb.state === 'SYN-RECEIVED') this.fire('T03');
    else if (['FIN-WAIT-1', 'CLOSING', 'LAST-ACK'].includes(tcb.state)) this.fire('R39');
    else throw new Error(`simulator: no retransmission row for ${tcb.state}`);
    // Same sequence number, current ACK: a retransmission is the front of the queue sent again.
    const again: Segment = { ...front, id: this.nextId++, retransmission: true, ...(front.flags.includes('ACK') ? { ack: tcb.rcvNxt } : {}) };
    this.network.push(again);
    this.sent.push(again);
    this.startTimer(endpoint, 'retransmission'); // restarted, with the timeout doubled
  }

  // ---- Segment arrival (RFC 9293 §3.10.7) ----

  arrive(to: EndpointId, segment: Segment, delayAck: boolean): void {
    const state = this.tcb[to].state;
    if (state === 'CLOSED') this.inClosed(to, segment);
    else if (state === 'LISTEN') this.inListen(to, segment);
    else if (state === 'SYN-SENT') this.inSynSent(to, segment);
    else this.otherwise(to, segment, delayAck);
  }

  /** §3.10.7.1: no TCB. Anything but a RST is answered with a RST. */
  private inClosed(to: EndpointId, segment: Segment): void {
    if (segment.flags.includes('RST')) return this.fire('R01');
    if (segment.ack === undefined) {
      this.fire('R02');
      this.send(to, ['RST', 'ACK'], { seq: 0, ack: segment.seq + seqLength(segment) });
    } else {
      this.fire('R03');
      this.send(to, ['RST'], { seq: segment.ack });
    }
  }

  /** §3.10.7.2: a listener answers a SYN with SYN,ACK and goes to SYN-RECEIVED. */
  private inListen(to: EndpointId, segment: Segment): void {
    const tcb = this.tcb[to];
    if (segment.flags.includes('RST')) return this.fire('R04');
    if (segment.ack !== undefined) {
      this.fire('R05');
      this.send(to, ['RST'], { seq: segment.ack });
      return;
    }
    if (!segment.flags.includes('SYN')) return this.fire('R08');
    this.fire('R06');
    // A new ISS for each connection the listener accepts (RFC 9293 Figure 8 uses 300, then 400).
    const iss = this.scenario.iss[to] + 100 * tcb.incarnation++;
    Object.assign(tcb, { irs: segment.seq, rcvNxt: segment.seq + 1, iss, sndUna: iss, sndNxt: iss, state: 'SYN-RECEIVED' as RfcState, passive: true });
    this.send(to, ['SYN', 'ACK']);
  }

  /** §3.10.7.3: check the ACK first, then RST, then SYN. */
  private inSynSent(to: EndpointId, segment: Segment): void {
    const tcb = this.tcb[to];
    const iss = tcb.iss ?? 0;
    const ackOk = segment.ack !== undefined && segment.ack > iss && segment.ack <= tcb.sndNxt;
    if (segment.ack !== undefined && !ackOk) {
      if (segment.flags.includes('RST')) return this.fire('R10');
      this.fire('R09');
      this.send(to, ['RST'], { seq: segment.ack });
      return;
    }
    if (segment.flags.includes('RST')) {
      if (!ackOk) return this.fire('R10');
      this.fire('R11');
      this.deleteTcb(to);
      return;
    }
    if (!segment.flags.includes('SYN')) return this.fire('R15');
    tcb.irs = segment.seq;
    tcb.rcvNxt = segment.seq + 1;
    if (ackOk) {
      this.acknowledge(to, segment.ack ?? iss);
      const fin = segment.flags.includes('FIN');
      this.fire(fin ? 'R14' : 'R12');
      if (fin) tcb.rcvNxt += 1;
      tcb.state = fin ? 'CLOSE-WAIT' : 'ESTABLISHED';
      this.sendAck(to);
    } else {
      // Simultaneous open: our SYN crossed theirs. Answer with SYN,ACK reusing our ISS.
      this.fire('R13');
      tcb.state = 'SYN-RECEIVED';
      this.send(to, ['SYN', 'ACK'], { seq: iss });
    }
  }

  /**
   * §3.10.7.4, every other state. First the sequence-number test, after trimming what we have
   * already received off the front ("including SYN and FIN"): that is what lets the peer's
   * SYN,ACK of a simultaneous open, whose SYN we already have, be accepted for its ACK.
   */
  private otherwise(to: EndpointId, segment: Segment, delayAck: boolean): void {
    const tcb = this.tcb[to];
    let seq = segment.seq;
    let syn = segment.flags.includes('SYN');
    let len = segment.len;
    const fin = segment.flags.includes('FIN');
    if (seq < tcb.rcvNxt && syn) {
      syn = false;
      seq += 1;
    }
    if (seq < tcb.rcvNxt && len > 0) {
      const cut = Math.min(len, tcb.rcvNxt - seq);
      len -= cut;
      seq += cut;
    }
    const acceptable = seq >= tcb.rcvNxt && seq < tcb.rcvNxt + RCV_WND;
    const rst = segment.flags.includes('RST');
    if (!acceptable) {
      if (rst) return this.fire('R17');
      // The peer sent its FIN again (our ACK of it was lost): answer it, and in TIME-WAIT
      // restart the 2MSL wait (§3.10.7.4, FIN processing) — why TIME-WAIT exists.
      const finAgain = fin && len === 0 && seq + 1 === tcb.rcvNxt;
      const again: Partial<Record<RfcState, string>> = { 'CLOSE-WAIT': 'R43', CLOSING: 'R46', 'LAST-ACK': 'R48', 'TIME-WAIT': 'R49' };
      const row = finAgain ? again[tcb.state] : undefined;
      this.fire(row ?? 'R16');
      this.sendAck(to);
      if (row === 'R49') this.startTimer(to, 'time-wait');
      return;
    }
    // Second, the RST bit (RFC 5961 §3.2: only an exact SEQ = RCV.NXT resets).
    if (rst) {
      if (seq !== tcb.rcvNxt) {
        this.fire('R20');
        this.sendAck(to);
        return;
      }
      const state = tcb.state;
      if (state === 'SYN-RECEIVED') {
        this.fire(tcb.passive ? 'R18' : 'R19');
        if (tcb.passive) {
          // Back to LISTEN: the half-made connection is forgotten, the listener stays.
          this.stopAllTimers(to);
          Object.assign(tcb, { state: 'LISTEN' as RfcState, queue: [], irs: undefined, iss: undefined, sndUna: 0, sndNxt: 0, rcvNxt: 0 });
        } else this.deleteTcb(to);
      } else {
        this.fire(state === 'CLOSING' || state === 'LAST-ACK' ? 'R34' : state === 'TIME-WAIT' ? 'R51' : 'R33');
        this.deleteTcb(to);
      }
      return;
    }
    // Fourth, a SYN still inside the window (RFC 5961 §4: challenge ACK).
    if (syn) {
      this.fire('R31');
      this.sendAck(to);
      return;
    }
    // Fifth, the ACK field.
    if (segment.ack === undefined) return this.fire('R26');
    const ack = segment.ack;
    if (tcb.state === 'SYN-RECEIVED') {
      if (ack > tcb.sndUna && ack <= tcb.sndNxt) {
        this.fire('R23');
        tcb.state = 'ESTABLISHED';
        this.acknowledge(to, ack);
      } else {
        this.fire('R24');
        this.send(to, ['RST'], { seq: ack });
        return;
      }
    } else if (ack > tcb.sndNxt) {
      this.fire('R28');
      this.sendAck(to);
      return;
    } else if (ack > tcb.sndUna) {
      this.acknowledge(to, ack);
      const finAcked = ack === tcb.sndNxt;
      switch (tcb.state) {
        case 'ESTABLISHED':
        case 'CLOSE-WAIT':
          this.fire('R27');
          break;
        case 'FIN-WAIT-1':
          // With a FIN on the same segment this is R38 (straight to TIME-WAIT), decided below.
          if (!finAcked) this.fire('R36');
          else if (!fin) {
            this.fire('R35');
            tcb.state = 'FIN-WAIT-2';
            if (tcb.orphaned) this.startTimer(to, 'fin-wait-2');
          }
          break;
        case 'CLOSING':
          if (finAcked) {
            this.fire('R44');
            this.enterTimeWait(to);
          } else this.fire('R45');
          break;
        case 'LAST-ACK':
          if (finAcked) {
            this.fire('R47');
            this.deleteTcb(to);
            return;
          }
          break;
      }
    }
    // Seventh, the segment text.
    if (len > 0 && ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2'].includes(tcb.state)) {
      this.fire(tcb.state === 'FIN-WAIT-2' ? 'R40' : 'R29');
      tcb.rcvNxt += len;
      if (!fin) this.sendAck(to, delayAck);
    }
    // Eighth, the FIN.
    if (fin) {
      tcb.rcvNxt += 1;
      switch (tcb.state) {
        case 'ESTABLISHED':
          this.fire('R30');
          tcb.state = 'CLOSE-WAIT';
          break;
        case 'FIN-WAIT-1':
          if (tcb.sndUna === tcb.sndNxt) {
            this.fire('R38');
            this.enterTimeWait(to);
          } else {
            this.fire('R37');
            tcb.state = 'CLOSING';
          }
          break;
        case 'FIN-WAIT-2':
          this.fire('R41');
          this.enterTimeWait(to);
          break;
      }
      this.sendAck(to, delayAck);
    }
  }
}

function snapshot(tcb: Tcb): TcbView {
  if (tcb.state === 'CLOSED') return { state: 'CLOSED' };
  if (tcb.state === 'LISTEN') return { state: 'LISTEN' };
  return { state: tcb.state, iss: tcb.iss, irs: tcb.irs, sndUna: tcb.sndUna, sndNxt: tcb.sndNxt, rcvNxt: tcb.rcvNxt };
}

function runningTimers(run: Run): TimerView[] {
  return (['client', 'server'] as const).flatMap((endpoint) => [...run.tcb[endpoint].timers].map((kind) => timerView(endpoint, kind, run.tcb[endpoint])));
}

/** Takes the oldest (or the newest) segment in flight to `to` off the network. */
function takeInFlight(run: Run, to: EndpointId, event: SimEvent, newest = false): Segment {
  const heading = run.network.flatMap((segment, index) => (segment.to === to ? [index] : []));
  const index = newest ? heading.at(-1) : heading[0];
  if (index === undefined) throw new Error(`simulator: event ${JSON.stringify(event)} needs a segment in flight to the ${to}, and there is none`);
  return run.network.splice(index, 1)[0] as Segment;
}

/** Runs a scenario: step 0 is the start (both CLOSED), then one step per event. */
export function simulate(scenario: Scenario): readonly Step[] {
  const run = new Run(scenario);
  const states = (): Step['states'] => ({ client: run.tcb.client.state, server: run.tcb.server.state });
  const steps: Step[] = [
    {
      index: 0,
      sent: [],
      before: states(),
      states: states(),
      tcb: { client: snapshot(run.tcb.client), server: snapshot(run.tcb.server) },
      timers: [],
      timersStarted: [],
      timersStopped: [],
      rows: [],
      rfc: [],
      inFlight: [],
      narration: { en: scenario.summary.en, 'zh-cn': scenario.summary['zh-cn'] },
    },
  ];
  for (const event of scenario.events) {
    const before = states();
    run.sent = [];
    run.rows = [];
    run.started = [];
    run.stopped = [];
    let delivered: Segment | undefined;
    let lost: Segment | undefined;
    let actor: EndpointId;
    switch (event.kind) {
      case 'user':
        actor = event.endpoint;
        run.user(event.endpoint, event.call, event.bytes);
        break;
      case 'timer':
        actor = event.endpoint;
        run.timer(event.endpoint, event.timer);
        break;
      case 'deliver':
        actor = event.to;
        delivered = takeInFlight(run, event.to, event, event.newest ?? false);
        run.arrive(event.to, delivered, event.delayAck ?? false);
        break;
      case 'lose':
        actor = event.to;
        lost = takeInFlight(run, event.to, event);
        break;
      case 'inject': {
        actor = event.to;
        const segment: Segment = { id: 1000 + steps.length, from: 'old-duplicate', to: event.to, flags: event.flags, seq: event.seq, len: 0, ...(event.ack !== undefined ? { ack: event.ack } : {}) };
        run.network.unshift(segment); // it arrives before anything sent after it
        break;
      }
    }
    const step: Omit<Step, 'narration'> = {
      index: steps.length,
      event,
      actor,
      sent: run.sent,
      delivered,
      lost,
      before,
      states: states(),
      tcb: { client: snapshot(run.tcb.client), server: snapshot(run.tcb.server) },
      timers: runningTimers(run),
      timersStarted: run.started,
      timersStopped: run.stopped,
      rows: run.rows,
      rfc: [...new Set(run.rows.map((row) => ROW_SECTION.get(row) ?? ''))],
      inFlight: [...run.network],
    };
    steps.push({ ...step, narration: narrate(step) });
  }
  return steps;
}
