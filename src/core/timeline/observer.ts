// Observer mode: each endpoint's state inferred by running the project's own RFC 9293 §3.10
// engine (simulation/) on what the capture shows, never a lookup by flags. A segment from X to
// Y at the capture point means two things, in this order: X made the call (or its timer fired)
// that sent it — active open, close, abort, send, a retransmission — and then Y receives it
// through the §3.10.7 arrival steps, the same code the simulator runs, so the same rows of the
// transition table fire. Y receives it when Y's own next segment shows it had (in-flight.ts),
// so crossing segments are received in the order they really were. What the engine sends in
// answer is not put on its network (the capture shows what was really sent); it is remembered
// only to tell an RST that answers from one that aborts, and an ACK that answers a challenge.
// Pure: no `vscode`, no DOM, no Node APIs.
import type { RowId } from '../model/transitions';
import { firstRowIn } from '../simulation/first-row';
import type { EndpointId, LinuxDifferenceId, Profile, Segment, UserCall } from '../simulation/types';
import { expireTimer } from '../simulation/timer-expiry';
import { userCall } from '../simulation/user-calls';
import { World } from '../simulation/world';
import { arrive } from '../simulation/arrival/arrive';
import { engineAck, engineSegment, engineSeq, isPureAck, isSynchronizedState, sameSegment } from './engine-segment';
import { predictArrival, predictSend } from './header-prediction';
import { takesSequenceSpace } from './direction';
import { arrivedBefore, MAX_IN_FLIGHT, type InFlight } from './in-flight';
import type { PlacedSegment } from './marks';
import { learnFromSender, learnBeforeArrival } from './observed-numbers';
import { statePair, withMark, withRows, withState } from './record-lists';
import type { EndpointIndex, InferredState, SegmentMark, TimelineSegment } from './types';

/** A TimelineSegment while it is being built: the observer fills in states, rows and marks (also after the segment was taken, when it arrives). */
export type SegmentRecord = Omit<TimelineSegment, 'marks' | 'states' | 'rows' | 'linuxDifferences'> & {
  /** Replaced, never written into: they may be shared (record-lists.ts). */
  marks: readonly SegmentMark[];
  states: readonly [InferredState, InferredState];
  rows: readonly string[];
  linuxDifferences?: LinuxDifferenceId[];
};

const ENGINE: readonly [EndpointId, EndpointId] = ['client', 'server'];
const other = (e: EndpointIndex): EndpointIndex => (e === 0 ? 1 : 0);

/** A retransmission timeout, by what is sent again: the SYN (T01), the SYN,ACK (T03), a FIN (R39) (timer-expiry.ts). */
const RETRANSMISSION_ROWS: readonly RowId[] = ['T01', 'T03', 'R39'];
/** The receiver's acceptability test failed (§3.10.7.4 first): an ACK in answer (R16), a RST dropped (R17). */
const OUT_OF_WINDOW_ROWS: ReadonlySet<string> = new Set(['R16', 'R17']);
/** A RST not taken: outside the window (R17), inexact (R20, answered by a challenge ACK). */
const REFUSED_RST_ROWS: ReadonlySet<string> = new Set(['R17', 'R20']);
/** Rows whose answer is a challenge ACK: a RST not exact (RFC 5961 §3.2), a SYN in a synchronized state (§4.2). */
const CHALLENGE_ROWS: ReadonlySet<string> = new Set(['R20', 'R22', 'R31']);
/** The rows of the user calls an observed segment shows (user-calls.ts carries them out). */
const CLOSE_ROWS: readonly RowId[] = ['U07', 'U08', 'U09'];
const SEND_ROW: readonly RowId[] = ['U17'];
/** Where Linux answers new data after close() with RST (simulation/arrival/text.ts). */
const CLOSING_STATES: ReadonlySet<string> = new Set(['FIN-WAIT-1', 'FIN-WAIT-2']);
/** What an endpoint that has received nothing yet has answered: shared, never written into. */
const NO_ANSWERS: readonly Segment[] = Object.freeze([]);
/** Whether one of `rows` is in `set`: a loop, not `some` with a callback, as it runs three times per segment. */
function anyIn(rows: readonly string[], set: ReadonlySet<string>): boolean {
  for (let i = 0; i < rows.length; i++) if (set.has(rows[i]!)) return true;
  return false;
}

export class Observer {
  private readonly world: World;
  /** Whether the endpoint's engine state is shown, or only assumed (a connection joined mid-stream). */
  private readonly known: [boolean, boolean] = [true, true];
  /** The engine could not explain a segment for this endpoint: its state is UNKNOWN from then on. */
  private readonly lost: [boolean, boolean] = [false, false];
  /** No row has fired for the endpoint yet: a SYN to it waits for its answer (see `release`). */
  private readonly fresh: [boolean, boolean] = [true, true];
  private readonly lists: [InferredState[], InferredState[]] = [[], []];
  /** Segments on their way to each endpoint, oldest first. */
  private readonly inFlight: [InFlight[], InFlight[]] = [[], []];
  /** The endpoint a SYN is held for: its answer says whether it was listening. */
  private heldFor: EndpointIndex | undefined;
  /** What the engine sent in answer to the last segment the endpoint received (not put on the wire). */
  private readonly answers: [readonly Segment[], readonly Segment[]] = [NO_ANSWERS, NO_ANSWERS];
  /** The engine, on the last segment the endpoint received, owes a challenge ACK. */
  private readonly owesChallengeAck: [boolean, boolean] = [false, false];
  private readonly receivedData: [boolean, boolean] = [false, false];
  private started = false;
  private order = 0;
  /** A RST was taken: an abort, or accepted by its receiver. */
  reset = false;

  /**
   * `headerPrediction` (default true): the common segment of an established connection takes the
   * fast path (header-prediction.ts), which does what the full §3.10 steps do; false runs every
   * segment through them, the reference the fast path is tested against.
   */
  constructor(
    profile: Profile,
    private readonly headerPrediction = true,
  ) {
    // ISS 0: each direction's sequence line has its ISN at 0 (sequence-space.ts), so the ISS the
    // engine picks on an open is the one observed. No SYN retry budget: the capture decides.
    this.world = new World({ iss: { client: 0, server: 0 }, synRetries: Number.MAX_SAFE_INTEGER, profile, rfc1337: 0, timerFacts: false, observing: true });
  }

  take(from: EndpointIndex, segment: PlacedSegment, record: SegmentRecord): void {
    if (!this.started) this.start(from, segment);
    if (this.heldFor === from) this.release(segment);
    this.receiveBefore(from, segment);
    const abort = this.send(from, segment, record);
    const to = other(from);
    this.inFlight[to].push({ segment, record, order: this.order++, abort });
    if (segment.syn && !segment.ackFlag && this.fresh[to] && this.world.stateOf(ENGINE[to]) === 'CLOSED') this.heldFor = to;
    record.states = statePair(this.shown(0), this.shown(1));
    this.receiveInOrder(to);
  }

  /** The capture has ended: what is still on its way is taken to have arrived, in capture order. A SYN never answered stays undelivered. */
  finish(): void {
    const [a, b] = this.inFlight;
    for (;;) {
      const next = [a[0], b[0]].filter((x, i) => x !== undefined && this.heldFor !== i) as InFlight[];
      if (next.length === 0) return;
      const first = next.reduce((x, y) => (x.order < y.order ? x : y));
      this.deliverHead(a[0] === first ? 0 : 1);
    }
  }

  /** The oldest segment still on its way to `e` (its record), if any. */
  waitingFor(e: EndpointIndex): SegmentRecord | undefined {
    return this.inFlight[e][0]?.record;
  }

  /** Each endpoint's states in order, repeats removed; UNKNOWN where nothing showed it. */
  stateLists(): [InferredState[], InferredState[]] {
    return [this.listOf(0), this.listOf(1)];
  }

  private listOf(e: EndpointIndex): InferredState[] {
    const list = [...this.lists[e]];
    if (this.heldFor === e || list.length === 0) list.push('UNKNOWN');
    return list.filter((s, i) => i === 0 || list[i - 1] !== s);
  }

  private shown(e: EndpointIndex): InferredState {
    return this.known[e] && !this.lost[e] && this.heldFor !== e ? this.world.stateOf(ENGINE[e]) : 'UNKNOWN';
  }

  private note(e: EndpointIndex): void {
    const state = this.shown(e);
    if (this.lists[e].at(-1) !== state) this.lists[e].push(state);
  }

  /**
   * The first segment decides where the engine starts. A SYN: both CLOSED, as every connection
   * starts. A SYN,ACK: the opener's SYN was not captured; the opener is taken to have opened
   * actively and the responder to have listened and received it. Anything else: the capture
   * joined mid-stream, both are taken as ESTABLISHED with the numbers this segment shows, and
   * shown as UNKNOWN until a transition shows their state.
   */
  private start(from: EndpointIndex, s: PlacedSegment): void {
    this.started = true;
    if (s.syn && !s.ackFlag) return;
    const to = other(from);
    if (s.syn) {
      this.call(to, 'active-open', 0);
      this.call(from, 'passive-open', 0);
      this.note(from);
      this.run(from, () => arrive(this.world, ENGINE[from], { id: 0, from: ENGINE[to], to: ENGINE[from], flags: ['SYN'], seq: 0, len: 0 }, false));
      this.note(to);
      this.note(from);
      return;
    }
    this.known[0] = this.known[1] = false;
    this.assumeEstablished(from, s.seq ?? 0, s.ack ?? 0);
    this.assumeEstablished(to, s.ack ?? 0, s.seq ?? 0);
  }

  private assumeEstablished(e: EndpointIndex, sndNxt: number, rcvNxt: number): void {
    this.world.assumeEstablished(ENGINE[e]);
    Object.assign(this.world.tcb[ENGINE[e]], { sndUna: sndNxt, sndNxt, rcvNxt });
    this.fresh[e] = false;
    this.note(e);
  }

  /**
   * The endpoint a SYN was held for answers: a SYN,ACK shows it listened (passive OPEN, U01), a
   * SYN that it opened too (simultaneous open, U02), a RST that nothing listened (it stays
   * CLOSED, §3.10.7.1); anything else that it had a connection the capture did not show (taken
   * as ESTABLISHED, so the SYN gets the challenge ACK of RFC 5961 §4).
   */
  private release(answer: PlacedSegment): void {
    const y = this.heldFor!;
    this.heldFor = undefined;
    const syn = this.inFlight[y][0]!.record;
    if (answer.syn) {
      syn.rows = withRows(syn.rows, this.call(y, answer.ackFlag ? 'passive-open' : 'active-open', 0));
      this.note(y);
    } else if (!answer.rst) {
      this.known[y] = false;
      this.assumeEstablished(y, answer.seq ?? 0, answer.ack ?? 0);
    }
  }

  /** Before Y sends: what Y's segment shows it had received arrives first. */
  private receiveBefore(y: EndpointIndex, answer: PlacedSegment): void {
    const queue = this.inFlight[y];
    while (queue[0] !== undefined && arrivedBefore(queue[0].segment, answer)) this.deliverHead(y);
  }

  /** What shows nothing of its arrival arrives in capture order, unless something waits before it. */
  private receiveInOrder(y: EndpointIndex): void {
    const queue = this.inFlight[y];
    if (this.heldFor === y) return;
    while (queue[0] !== undefined && (queue.length > MAX_IN_FLIGHT || !takesSequenceSpace(queue[0].segment))) this.deliverHead(y);
  }

  /**
   * X's side: which call or timer sent this segment, fired in X's state. A RST the engine did
   * not send in answer is an abort, decided once it arrives (see `deliverHead`): the result.
   */
  private send(from: EndpointIndex, s: PlacedSegment, record: SegmentRecord): boolean {
    const e = ENGINE[from];
    const tcb = this.world.tcb[e];
    if (this.owesChallengeAck[from] && isPureAck(s)) record.marks = withMark(record.marks, 'challenge-ack');
    const answers = this.answers[from];
    this.answers[from] = NO_ANSWERS;
    this.owesChallengeAck[from] = false;
    // The segment the engine itself sent in answer (a RST to a refused SYN or to a segment for no
    // connection, a SYN,ACK to a crossing SYN) fired its row on arrival; none fires here.
    const answering = answers.length > 0 && answersWith(answers, s);
    learnFromSender(tcb, this.world.stateOf(e), s);
    if (s.rst) return !answering && this.world.stateOf(e) !== 'CLOSED';
    if (!answering && record.marks.includes('retransmission') && this.world.hasTimer(e, 'retransmission') && tcb.queue.length > 0 && firstRowIn(this.world.stateOf(e), RETRANSMISSION_ROWS)) {
      record.rows = withRows(record.rows, this.run(from, () => expireTimer(this.world, e, 'retransmission')));
    }
    if (s.syn && !s.ackFlag && this.world.stateOf(e) === 'CLOSED') record.rows = withRows(record.rows, this.call(from, 'active-open', 0));
    if (s.seq !== undefined) {
      const dataStart = s.seq + (s.syn ? 1 : 0);
      const dataEnd = dataStart + s.len;
      // A gap: what the capture missed was sent all the same.
      if (s.len > 0 && dataStart > tcb.sndNxt && isSynchronizedState(this.world.stateOf(e))) tcb.sndNxt = dataStart;
      if (s.len > 0 && dataEnd > tcb.sndNxt) {
        if (firstRowIn(this.world.stateOf(e), SEND_ROW)) record.rows = withRows(record.rows, this.sendData(from, dataEnd - tcb.sndNxt));
        else tcb.sndNxt = dataEnd;
      }
      // A FIN not sent before: the application closed (or shut down) its side. Which of the two
      // the wire does not say; 'shutdown' keeps receiving, as a half-closed socket does.
      if (s.fin && dataEnd >= tcb.sndNxt && firstRowIn(this.world.stateOf(e), CLOSE_ROWS)) record.rows = withRows(record.rows, this.call(from, 'shutdown', 0));
    }
    this.note(from);
    return false;
  }

  /** An abort: ABORT's row in X's state (U12–U15, RFC 9293 §3.10.5), with the Linux readings of the RST; returns its rows. */
  private abort(from: EndpointIndex, s: PlacedSegment, record: SegmentRecord): string[] {
    const state = this.world.stateOf(ENGINE[from]);
    const differences: LinuxDifferenceId[] = [];
    if (this.world.linux && this.receivedData[from]) {
      // The capture cannot show whether the data was read: Linux resets on close() with unread
      // data (tcp_close()) and on new data after close() (tcp_rcv_state_process()).
      differences.push(CLOSING_STATES.has(state) ? 'data-after-close' : 'close-with-unread-data');
    }
    const rows = this.call(from, 'abort', 0);
    if (s.ackFlag) differences.push(...this.world.step.differences.map((d) => d.id).filter((id) => id === 'abort-rst-carries-ack'));
    if (differences.length > 0) record.linuxDifferences = differences;
    this.note(from);
    return rows;
  }

  /** The oldest segment on its way to Y arrives: the §3.10.7 arrival steps in Y's state. */
  private deliverHead(to: EndpointIndex): void {
    const { segment: s, record, abort } = this.inFlight[to].shift()!;
    const from = other(to);
    const e = ENGINE[to];
    const sender = this.world.tcb[ENGINE[from]];
    const seq = engineSeq(s, sender);
    const ack = engineAck(s, sender);
    learnBeforeArrival(this.world.tcb[e], this.world.stateOf(e), s, seq, ack);
    const predicted = this.headerPrediction && ack !== undefined ? predictArrival(this.world, e, s, seq, ack) : undefined;
    let rows: readonly string[];
    let sent: readonly Segment[];
    if (predicted !== undefined) {
      rows = this.predicted(to, predicted.rows);
      sent = predicted.sent;
    } else {
      const segment = engineSegment(s, ENGINE[from], e, seq, ack);
      rows = this.run(to, () => arrive(this.world, e, segment, false));
      sent = this.world.step.sent;
    }
    // A RST its receiver does not take (RFC 5961 §3.2 challenge, or outside the window) is not
    // taken as its sender's abort either: a blind RST, or one of an earlier connection.
    const taken = s.rst && !anyIn(rows, REFUSED_RST_ROWS);
    if (taken) this.reset = true;
    if (taken && abort) {
      record.rows = withRows(record.rows, this.abort(from, s, record));
      record.states = withState(record.states, from, this.shown(from));
    }
    record.rows = withRows(record.rows, rows);
    if (anyIn(rows, OUT_OF_WINDOW_ROWS) && !record.marks.includes('retransmission') && !record.marks.includes('keep-alive')) record.marks = withMark(record.marks, 'out-of-window');
    this.answers[to] = sent;
    this.owesChallengeAck[to] = anyIn(rows, CHALLENGE_ROWS);
    if (s.len > 0) this.receivedData[to] = true;
    record.states = withState(record.states, to, this.shown(to));
    this.note(to);
  }

  /** SEND of `bytes` new data: predicted where the table allows (header-prediction.ts), else the full call. */
  private sendData(e: EndpointIndex, bytes: number): readonly string[] {
    const predicted = this.headerPrediction ? predictSend(this.world, ENGINE[e], bytes) : undefined;
    return predicted !== undefined ? this.predicted(e, predicted) : this.call(e, 'send', bytes);
  }

  /** A predicted step's rows, with what `run` notes of a step: a row fired. No predicted row changes the state. */
  private predicted(e: EndpointIndex, rows: readonly string[]): readonly string[] {
    if (rows.length > 0) this.fresh[e] = false;
    return rows;
  }

  private call(e: EndpointIndex, call: UserCall, bytes: number): string[] {
    return this.run(e, () => userCall(this.world, ENGINE[e], call, bytes));
  }

  /**
   * Runs one engine step for endpoint `e` and returns the rows it fired. A row that changes the
   * state shows the state: an endpoint assumed ESTABLISHED becomes known. Should the engine
   * refuse (a segment no row explains), the endpoint is UNKNOWN from then on, never a throw.
   */
  private run(e: EndpointIndex, step: () => void): string[] {
    const before = this.world.stateOf(ENGINE[e]);
    this.world.beginStep();
    try {
      step();
    } catch {
      this.lost[e] = true;
    }
    // The engine's own answers are not sent: the capture shows what was.
    this.world.network.length = 0;
    // beginStep gave the step fresh lists: they are this step's alone, no copy needed.
    const rows = this.world.step.rows;
    if (rows.length > 0) this.fresh[e] = false;
    if (this.world.stateOf(ENGINE[e]) !== before) this.known[e] = true;
    return rows;
  }
}

/** Whether the engine's answers hold this segment: its RST, or the same segment (a loop, not `some` with a closure: it runs per segment). */
function answersWith(answers: readonly Segment[], s: PlacedSegment): boolean {
  for (const a of answers) if (s.rst ? a.flags.includes('RST') : sameSegment(a, s)) return true;
  return false;
}
