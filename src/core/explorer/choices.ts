// What can happen next, at any step of the explorer: each endpoint's application calls, each
// running timer, and for every segment in flight deliver, drop or duplicate it (a segment the
// learner leaves alone is held: it stays in flight while other events go first, so segments
// cross). Every candidate is tried on a fork of the run, and offered only when the simulator
// plays it: the calls the transition table refuses in the endpoint's state (simulation/
// user-calls.ts asks the table) are left out, and the rows each choice fires are known before
// it is picked. Pure.
import type { RowId } from '../model/transitions';
import type { EndpointId, Run, Segment, SimEvent, StepFacts, TimerKind, UserCall } from '../simulation';
import { timerLength, type ExplorerProfile } from './profiles';

export type ChoiceKind = 'call' | 'timer' | 'deliver' | 'drop' | 'duplicate';

export interface Choice {
  /** Stable within a step: 'call:client:close', 'timer:server:retransmission', 'deliver:12'. The webview sends it back. */
  readonly id: string;
  readonly kind: ChoiceKind;
  readonly endpoint: EndpointId;
  readonly event: SimEvent;
  readonly call?: UserCall;
  readonly timer?: TimerKind;
  /** The segment in flight it acts on. */
  readonly segment?: Segment;
  /** What playing it does: the step it makes (rows, states, segments sent). */
  readonly outcome: StepFacts;
}

/** The calls the explorer offers, in the order a learner meets them. */
export const EXPLORER_CALLS: readonly UserCall[] = ['passive-open', 'active-open', 'send', 'shutdown', 'close', 'abort', 'stop-reading'];
/** Bytes an explorer SEND writes. */
export const SEND_BYTES = 100;
/** Segments in flight beyond which the network makes no more copies: the space of choices stays finite. */
export const MAX_IN_FLIGHT_FOR_COPIES = 4;

const ENDPOINTS: readonly EndpointId[] = ['client', 'server'];

function tryPlay(run: Run, event: SimEvent): StepFacts | undefined {
  try {
    return run.fork().play(event);
  } catch {
    return undefined;
  }
}

/** Whether an endpoint has a connection whose data it could stop reading. */
function canStopReading(run: Run, endpoint: EndpointId): boolean {
  const state = run.world.stateOf(endpoint);
  return run.world.tcb[endpoint].reading && state !== 'CLOSED' && state !== 'LISTEN' && state !== 'TIME-WAIT';
}

function candidates(run: Run, profile: ExplorerProfile): Omit<Choice, 'outcome'>[] {
  const list: Omit<Choice, 'outcome'>[] = [];
  for (const endpoint of ENDPOINTS) {
    for (const call of EXPLORER_CALLS) {
      if (call === 'stop-reading' && !canStopReading(run, endpoint)) continue;
      const event: SimEvent = { kind: 'user', endpoint, call, ...(call === 'send' ? { bytes: SEND_BYTES } : {}) };
      list.push({ id: `call:${endpoint}:${call}`, kind: 'call', endpoint, event, call });
    }
  }
  for (const endpoint of ENDPOINTS) {
    for (const timer of run.world.tcb[endpoint].timers) {
      // RFC 9293 has no FIN-WAIT-2 timer: under its profile the orphan waits for ever.
      if (profileRefusal({ kind: 'timer', endpoint, timer }, profile)) continue;
      list.push({ id: `timer:${endpoint}:${timer}`, kind: 'timer', endpoint, event: { kind: 'timer', endpoint, timer }, timer });
    }
  }
  const network = run.world.network;
  for (const segment of network) {
    const to = segment.to;
    list.push({ id: `deliver:${segment.id}`, kind: 'deliver', endpoint: to, event: { kind: 'deliver', to, segment: segment.id }, segment });
    list.push({ id: `drop:${segment.id}`, kind: 'drop', endpoint: to, event: { kind: 'lose', to, segment: segment.id }, segment });
    if (!segment.duplicate && network.length < MAX_IN_FLIGHT_FOR_COPIES) {
      list.push({ id: `duplicate:${segment.id}`, kind: 'duplicate', endpoint: to, event: { kind: 'duplicate', to, segment: segment.id }, segment });
    }
  }
  return list;
}

/**
 * Why `profile` refuses an event the engine could play, or undefined: a timer the profile does
 * not run (RFC 9293 has no FIN-WAIT-2 timer, §3.10.8; the engine keeps one for Linux).
 */
export function profileRefusal(event: SimEvent, profile: ExplorerProfile): UnplayableReason | undefined {
  if (event.kind !== 'timer') return undefined;
  const length = timerLength(profile, event.timer);
  return length.seconds === undefined ? { kind: 'no-timer', endpoint: event.endpoint, timer: event.timer, source: length.source } : undefined;
}

/** Why a step of a path cannot be played: said in words by the view (explorer-words.ts). */
export type UnplayableReason =
  /** The profile runs no such timer (RFC 9293 has no FIN-WAIT-2 timer). */
  | { readonly kind: 'no-timer'; readonly endpoint: EndpointId; readonly timer: TimerKind; readonly source: string }
  /** The simulator refused the event (its message, in English: an event the explorer should not have offered). */
  | { readonly kind: 'refused'; readonly message: string }
  /** The history has no such step. */
  | { readonly kind: 'no-step'; readonly id: number };

/** Every event that can happen next on `run` under `profile`, each with the step it would make. */
export function choicesOf(run: Run, profile: ExplorerProfile): Choice[] {
  const offered: Choice[] = [];
  for (const candidate of candidates(run, profile)) {
    const outcome = tryPlay(run, candidate.event);
    if (outcome) offered.push({ ...candidate, outcome });
  }
  return offered;
}

/** The running timer that expires first (its length under the profile; ties: client first, retransmission first). */
export function nextTimer(choices: readonly Choice[], profile: ExplorerProfile): Choice | undefined {
  let best: Choice | undefined;
  let bestSeconds = Infinity;
  for (const choice of choices) {
    if (choice.kind !== 'timer' || !choice.timer) continue;
    const seconds = timerLength(profile, choice.timer).seconds ?? Infinity;
    if (seconds < bestSeconds) [best, bestSeconds] = [choice, seconds];
  }
  return best;
}

/** The rows a choice fires. */
export const rowsOf = (choice: Choice): readonly RowId[] => choice.outcome.rows;
