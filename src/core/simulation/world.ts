// The world of one run: the two endpoints and the network between them. An endpoint is its
// state and its TCB (RFC 9293 §3.3.1: ISS, IRS, SND.UNA, SND.NXT, RCV.NXT), its retransmission
// queue and its timers; the network is the segments in flight. They share one module because
// every move touches both: a send puts a segment in flight, queues it and may start a timer; an
// acknowledgment empties the queue and stops the timer.
// The world also records what the current step did (segments sent, rows fired, timers started
// and stopped): facts, never words. An endpoint's state is private and changes in one place,
// `fire`, which applies a row of the transition table. Pure: no `vscode`, no DOM.
import type { RfcState } from '../model/states';
import { transitionById, type RowId } from '../model/transitions';
import { firstRowIn } from './first-row';
import { orderedFlags } from './flag-lists';
import type { EndpointId, Flag, LinuxDifference, Profile, Segment, TcbView, TimerFact, TimerKind } from './types';

/** The variables of a TCB; its state is kept apart, where only `fire` writes it. */
export interface Tcb {
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
  /** Connections accepted so far, so that a listener's next ISS differs (RFC 9293 §3.4.1). */
  incarnation: number;
  /** The application closed the socket (close(), not shutdown()): it is orphaned. */
  orphaned: boolean;
  /** The application reads what arrives (until it makes the 'stop-reading' call). */
  reading: boolean;
  /** Bytes received and not read by the application (RFC 9293 §3.6.1 "data pending"). */
  unread: number;
}

/** What the current step has done so far. */
export interface StepRecord {
  readonly sent: Segment[];
  readonly rows: RowId[];
  readonly started: TimerFact[];
  readonly stopped: TimerFact[];
  readonly differences: LinuxDifference[];
}

/** What `send` may be told instead of its defaults (SND.NXT, RCV.NXT, no data). */
interface SendOptions {
  readonly len?: number;
  readonly seq?: number;
  readonly ack?: number;
}

/** The defaults, shared: one object fewer for each ACK the engine sends. */
const DEFAULT_SEND: SendOptions = Object.freeze({});
const ACK_ONLY: readonly Flag[] = ['ACK'];

const other = (endpoint: EndpointId): EndpointId => (endpoint === 'client' ? 'server' : 'client');

/** The sequence space a segment takes: its data, plus one each for SYN and FIN. */
export function seqLength(segment: Pick<Segment, 'flags' | 'len'>): number {
  return segment.len + (segment.flags.includes('SYN') ? 1 : 0) + (segment.flags.includes('FIN') ? 1 : 0);
}

/** Whether `ack` leaves part of the segment unacknowledged: it stays on the retransmission queue. */
const outstanding = (segment: Segment, ack: number): boolean => segment.seq + seqLength(segment) > ack;

/** Whether `ack` covers one of the queued segments (a loop: it runs for every ACK the timeline reads). */
function acknowledgesAny(queue: readonly Segment[], ack: number): boolean {
  for (let i = 0; i < queue.length; i++) if (!outstanding(queue[i]!, ack)) return true;
  return false;
}

/**
 * ISS and IRS are there from the start, undefined until known: a TCB keeps one shape all its
 * life. Deleting them (as a reset once did) turns the object into a dictionary in V8, and every
 * later read of every TCB field gets slower; the capture timeline reads them per segment.
 */
function emptyTcb(): Tcb {
  return { iss: undefined, irs: undefined, sndUna: 0, sndNxt: 0, rcvNxt: 0, passive: false, queue: [], timers: new Set(), synRetries: 0, incarnation: 0, orphaned: false, reading: true, unread: 0 };
}

/** The timer lists of a step whose timers are not recorded (observer mode): always empty, shared. */
const NO_TIMER_FACTS: TimerFact[] = [];

function emptyRecord(timerFacts: boolean): StepRecord {
  return timerFacts ? { sent: [], rows: [], started: [], stopped: [], differences: [] } : { sent: [], rows: [], started: NO_TIMER_FACTS, stopped: NO_TIMER_FACTS, differences: [] };
}

/** What a scenario fixes about its endpoints. */
export interface WorldConfig {
  /** The ISS of each endpoint's first connection (RFC 9293 Figures 6–8: 100 and 300). */
  readonly iss: Readonly<Record<EndpointId, number>>;
  /** SYN retransmissions before an active open gives up (Linux tcp_syn_retries). */
  readonly synRetries: number;
  /** Whose behaviour where Linux and RFC 9293 differ. */
  readonly profile: Profile;
  /** net.ipv4.tcp_rfc1337 (the 'linux' profile only): 1 ignores a RST in TIME-WAIT. */
  readonly rfc1337: 0 | 1;
  /**
   * Record the timers each step starts and stops (default true). The capture timeline's observer
   * (src/core/timeline/observer.ts) reads only a step's rows, segments and differences, and runs
   * a step for every captured segment: it turns this off, so no timer fact is built. The timers
   * themselves run the same either way.
   */
  readonly timerFacts?: boolean;
  /**
   * The capture timeline's observer (src/core/timeline/observer.ts): the engine explains segments
   * a capture saw, and a capture can miss some, so a segment beyond RCV.NXT is not dropped (R55).
   */
  readonly observing?: boolean;
}

export class World {
  readonly tcb: Readonly<Record<EndpointId, Tcb>> = { client: emptyTcb(), server: emptyTcb() };
  /** Segments in flight, in the order they entered the network. */
  readonly network: Segment[] = [];
  private readonly states: Record<EndpointId, RfcState> = { client: 'CLOSED', server: 'CLOSED' };
  private nextId = 1;
  private readonly timerFacts: boolean;
  private record: StepRecord;

  constructor(readonly config: WorldConfig) {
    this.timerFacts = config.timerFacts ?? true;
    this.record = emptyRecord(this.timerFacts);
  }

  /**
   * A deep copy (TCBs, queues, timers, the network, the next segment id), for the explorer's
   * forks: what is played on the copy never reaches this world. Segments are immutable, so shared.
   */
  clone(): World {
    const copy = new World(this.config);
    for (const endpoint of ['client', 'server'] as const) {
      const tcb = this.tcb[endpoint];
      Object.assign(copy.tcb[endpoint], { ...tcb, queue: [...tcb.queue], timers: new Set(tcb.timers) });
    }
    // The states as they are, copied whole: no state changes here (only `fire` changes one).
    Object.assign(copy.states, this.states);
    copy.network.push(...this.network);
    copy.nextId = this.nextId;
    return copy;
  }

  stateOf(endpoint: EndpointId): RfcState {
    return this.states[endpoint];
  }

  /** Whether row `id` applies to the endpoint now: its `from` holds the endpoint's state. */
  applies(endpoint: EndpointId, id: RowId): boolean {
    return transitionById(id).from.includes(this.states[endpoint]);
  }

  /** Starts recording a new step. */
  beginStep(): void {
    this.record = emptyRecord(this.timerFacts);
  }

  /** What the step begun last has done. */
  get step(): StepRecord {
    return this.record;
  }

  /** Whether the endpoints behave as Linux does where it and RFC 9293 differ. */
  get linux(): boolean {
    return this.config.profile === 'linux';
  }

  /** Records a place where the 'linux' profile departed from RFC 9293. */
  differ(difference: LinuxDifference): void {
    this.record.differences.push(difference);
  }

  // ---- The transition table applied ----

  /**
   * Applies row `id` to `endpoint`: refuses a row whose `from` does not hold the endpoint's
   * state, records it, and moves the endpoint to the row's `to` (`null`: the state stays).
   * The only place a state changes.
   */
  fire(endpoint: EndpointId, id: RowId): void {
    const row = transitionById(id);
    const state = this.states[endpoint];
    if (!row.from.includes(state)) {
      throw new Error(`simulator: row ${id} (${row.event}) applies in ${row.from.join(', ')}, not to the ${endpoint} in ${state}`);
    }
    this.record.rows.push(id);
    if (row.to !== null && row.to !== state) this.enter(endpoint, row.to);
  }

  /**
   * Observer mode only (the capture timeline, src/core/timeline/observer.ts): places an endpoint
   * in ESTABLISHED although no row led there, because the capture joined the connection after
   * its handshake. No row is recorded; the caller sets the TCB from the observed numbers. The
   * simulator never calls it: every state it reaches comes from `fire`.
   */
  assumeEstablished(endpoint: EndpointId): void {
    this.enter(endpoint, 'ESTABLISHED');
  }

  /**
   * Fires the first of `candidates` that applies in the endpoint's state and returns its id, or
   * `undefined` when none does. The caller lists the rows the RFC gives for one processing step;
   * the table says where each applies.
   */
  fireFirst(endpoint: EndpointId, candidates: readonly RowId[]): RowId | undefined {
    const row = firstRowIn(this.states[endpoint], candidates);
    if (row) this.fire(endpoint, row.id);
    return row?.id;
  }

  /**
   * What entering a state does by itself, whichever row leads there: CLOSED deletes the TCB
   * (queues flushed, timers stopped); LISTEN keeps only the listener (the half-made connection
   * is forgotten); TIME-WAIT stops the other timers and starts 2MSL (§3.10.7.4, eighth); an
   * orphaned socket in FIN-WAIT-2 starts Linux's tcp_fin_timeout.
   */
  private enter(endpoint: EndpointId, state: RfcState): void {
    if (state === 'CLOSED') this.resetTcb(endpoint, { listener: false });
    else if (state === 'LISTEN') this.resetTcb(endpoint, { listener: true });
    else if (state === 'TIME-WAIT') this.stopAllTimers(endpoint);
    this.states[endpoint] = state;
    if (state === 'TIME-WAIT') this.startTimer(endpoint, 'time-wait');
    else if (state === 'FIN-WAIT-2' && this.tcb[endpoint].orphaned) this.startTimer(endpoint, 'fin-wait-2');
  }

  /**
   * Forgets the connection: timers stopped, queue and numbers cleared; the incarnation count
   * stays. A listener's next SYN-RECEIVED will be passive (Figure 5 note 1).
   */
  private resetTcb(endpoint: EndpointId, { listener }: { listener: boolean }): void {
    this.stopAllTimers(endpoint);
    const tcb = this.tcb[endpoint];
    Object.assign(tcb, { ...emptyTcb(), incarnation: tcb.incarnation, passive: listener });
  }

  // ---- Timers ----

  hasTimer(endpoint: EndpointId, kind: TimerKind): boolean {
    return this.tcb[endpoint].timers.has(kind);
  }

  /** Starts a timer; one already running is restarted (recorded as stopped, then started). */
  startTimer(endpoint: EndpointId, kind: TimerKind): void {
    const tcb = this.tcb[endpoint];
    if (tcb.timers.has(kind) && this.timerFacts) this.record.stopped.push(this.timerFact(endpoint, kind));
    tcb.timers.add(kind);
    if (this.timerFacts) this.record.started.push(this.timerFact(endpoint, kind));
  }

  stopTimer(endpoint: EndpointId, kind: TimerKind): void {
    if (!this.tcb[endpoint].timers.delete(kind)) return;
    if (this.timerFacts) this.record.stopped.push(this.timerFact(endpoint, kind));
  }

  stopAllTimers(endpoint: EndpointId): void {
    const timers = this.tcb[endpoint].timers;
    if (timers.size === 0) return;
    for (const kind of [...timers]) this.stopTimer(endpoint, kind);
  }

  /** Every running timer, client first. */
  runningTimers(): TimerFact[] {
    return (['client', 'server'] as const).flatMap((endpoint) => [...this.tcb[endpoint].timers].map((kind) => this.timerFact(endpoint, kind)));
  }

  private timerFact(endpoint: EndpointId, kind: TimerKind): TimerFact {
    const front = this.tcb[endpoint].queue[0];
    const state = this.states[endpoint];
    // No conditional spread, for the same reason as in `send`.
    return kind === 'retransmission' && front ? { endpoint, kind, state, resends: { flags: front.flags, seq: front.seq, len: front.len } } : { endpoint, kind, state };
  }

  // ---- Segments: sending, acknowledging, the network ----

  /**
   * Puts a segment in flight, with SEQ = SND.NXT and ACK = RCV.NXT unless told otherwise. One
   * that takes sequence space (SYN, data, FIN) and no explicit SEQ advances SND.NXT, joins the
   * retransmission queue and starts the retransmission timer if it is not running.
   */
  send(from: EndpointId, flags: readonly Flag[], options: SendOptions = DEFAULT_SEND): Segment {
    const segment = this.transmit(from, flags, options);
    this.network.push(segment);
    this.record.sent.push(segment);
    return segment;
  }

  /**
   * What `send` does to the sender (the segment numbered and built, SND.NXT advanced, queued,
   * the retransmission timer started), without putting the segment in flight or recording it in
   * the step: for the capture timeline's header prediction (timeline/header-prediction.ts),
   * which runs no step and keeps the segment itself. `send` is this plus the recording.
   */
  transmit(from: EndpointId, flags: readonly Flag[], options: SendOptions = DEFAULT_SEND): Segment {
    const tcb = this.tcb[from];
    const id = this.nextId++;
    const to = other(from);
    const ordered = orderedFlags(flags);
    const seq = options.seq ?? tcb.sndNxt;
    const len = options.len ?? 0;
    // Two literals rather than a conditional spread, which V8 builds slowly: the capture
    // timeline's observer (src/core/timeline/observer.ts) sends for every captured segment.
    const segment: Segment = flags.includes('ACK') ? { id, from, to, flags: ordered, seq, ack: options.ack ?? tcb.rcvNxt, len } : { id, from, to, flags: ordered, seq, len };
    if (options.seq === undefined && seqLength(segment) > 0) {
      tcb.sndNxt += seqLength(segment);
      tcb.queue.push(segment);
      if (!tcb.timers.has('retransmission')) this.startTimer(from, 'retransmission');
    }
    return segment;
  }

  /**
   * Sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, unless `delay`: then the ACK is held back
   * (§3.8.6.3) and the endpoint's next segment carries it, as every segment it sends has ACK = RCV.NXT.
   */
  sendAck(endpoint: EndpointId, delay = false): void {
    if (!delay) this.send(endpoint, ACK_ONLY);
  }

  /** The front of the retransmission queue sent again: same SEQ, the current ACK; the timer restarts (backed off). */
  retransmit(endpoint: EndpointId, front: Segment): void {
    const again: Segment = { ...front, id: this.nextId++, retransmission: true, ...(front.flags.includes('ACK') ? { ack: this.tcb[endpoint].rcvNxt } : {}) };
    this.network.push(again);
    this.record.sent.push(again);
    this.startTimer(endpoint, 'retransmission');
  }

  /** SND.UNA = `ack`: acknowledged segments leave the retransmission queue; the timer stops once it is empty. */
  acknowledge(endpoint: EndpointId, ack: number): void {
    const tcb = this.tcb[endpoint];
    tcb.sndUna = ack;
    // A new list only when something leaves it (the capture timeline acknowledges on every segment).
    if (acknowledgesAny(tcb.queue, ack)) tcb.queue = tcb.queue.filter((segment) => outstanding(segment, ack));
    if (tcb.queue.length === 0) this.stopTimer(endpoint, 'retransmission');
  }

  /**
   * Takes the oldest (or the newest) segment in flight to `to` off the network, or the one of
   * id `id` when given; undefined when there is none.
   */
  takeInFlight(to: EndpointId, newest = false, id?: number): Segment | undefined {
    if (id !== undefined) {
      const at = this.network.findIndex((segment) => segment.id === id && segment.to === to);
      return at < 0 ? undefined : this.network.splice(at, 1)[0];
    }
    const heading = this.network.flatMap((segment, index) => (segment.to === to ? [index] : []));
    const index = newest ? heading.at(-1) : heading[0];
    return index === undefined ? undefined : this.network.splice(index, 1)[0];
  }

  /** The network copies segment `id` in flight to `to`: the copy (a new id) travels last. Undefined when it is not in flight. */
  duplicateInFlight(to: EndpointId, id: number): Segment | undefined {
    const original = this.network.find((segment) => segment.id === id && segment.to === to);
    if (!original) return undefined;
    const copy: Segment = { ...original, id: this.nextId++, duplicate: true };
    this.network.push(copy);
    return copy;
  }

  /** A stale segment appears in flight, ahead of everything sent after it. */
  inject(segment: Segment): void {
    this.network.unshift(segment);
  }

  /** The TCB as the walkthrough shows it: CLOSED and LISTEN hold no connection, so no numbers. */
  snapshot(endpoint: EndpointId): TcbView {
    const state = this.states[endpoint];
    if (state === 'CLOSED' || state === 'LISTEN') return { state };
    const tcb = this.tcb[endpoint];
    return { state, iss: tcb.iss, irs: tcb.irs, sndUna: tcb.sndUna, sndNxt: tcb.sndNxt, rcvNxt: tcb.rcvNxt };
  }
}
