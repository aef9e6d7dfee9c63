// The driver: plays a scenario's events on a World, one step each, and reads each step's facts
// off it (segments sent, arrived, lost; rows fired; timers started, stopped, running; both
// TCBs). Facts only: the words are text/'s. Deterministic: no clock, no randomness.
// Pure: no `vscode`, no DOM.
import { transitionById } from '../model/transitions';
import { arrive } from './arrival/arrive';
import { expireTimer } from './timer-expiry';
import type { EndpointId, RunOptions, Scenario, Segment, SimEvent, StepFacts, UserCall } from './types';
import { userCall } from './user-calls';
import { seqLength, World } from './world';

/** Linux's default number of SYN retransmissions (net.ipv4.tcp_syn_retries). */
const DEFAULT_SYN_RETRIES = 6;

/** What playing one event touched, besides what the world records. */
interface Played {
  readonly actor: EndpointId;
  readonly delivered?: Segment;
  readonly lost?: Segment;
  readonly duplicated?: Segment;
}

function takeInFlight(world: World, to: EndpointId, event: SimEvent, newest = false, id?: number): Segment {
  const segment = world.takeInFlight(to, newest, id);
  if (!segment) throw new Error(`simulator: event ${JSON.stringify(event)} needs a segment in flight to the ${to}, and there is none`);
  return segment;
}

function play(world: World, event: SimEvent, stepIndex: number): Played {
  switch (event.kind) {
    case 'user':
      userCall(world, event.endpoint, event.call, event.bytes ?? 0);
      return { actor: event.endpoint };
    case 'timer':
      expireTimer(world, event.endpoint, event.timer);
      return { actor: event.endpoint };
    case 'deliver': {
      const delivered = takeInFlight(world, event.to, event, event.newest ?? false, event.segment);
      arrive(world, event.to, delivered, event.delayAck ?? false);
      return { actor: event.to, delivered };
    }
    case 'lose':
      return { actor: event.to, lost: takeInFlight(world, event.to, event, false, event.segment) };
    case 'duplicate': {
      const copy = world.duplicateInFlight(event.to, event.segment);
      if (!copy) throw new Error(`simulator: event ${JSON.stringify(event)} needs segment ${event.segment} in flight to the ${event.to}, and it is not`);
      return { actor: event.to, duplicated: copy };
    }
    case 'inject':
      // Ids from 1000 on, so they never meet the ids of segments the endpoints send.
      world.inject({ id: 1000 + stepIndex, from: 'old-duplicate', to: event.to, flags: event.flags, seq: event.seq, len: 0, ...(event.ack !== undefined ? { ack: event.ack } : {}) });
      return { actor: event.to };
  }
}

/**
 * One run's world and the steps played on it so far. The explorer (src/core/explorer/) plays
 * events one at a time and forks a run to try an event without touching the original.
 */
export class Run {
  readonly world: World;
  readonly steps: StepFacts[];

  constructor(scenario: Pick<Scenario, 'iss' | 'synRetries' | 'profile'>, options: RunOptions, from?: { readonly world: World; readonly steps: readonly StepFacts[] }) {
    if (from) {
      this.world = from.world.clone();
      this.steps = [...from.steps];
      return;
    }
    this.world = new World({
      iss: scenario.iss,
      synRetries: scenario.synRetries ?? DEFAULT_SYN_RETRIES,
      profile: options.profile ?? scenario.profile ?? 'rfc9293',
      rfc1337: options.sysctl?.tcp_rfc1337 ?? 0,
    });
    this.steps = [{ index: 0, sent: [], before: this.states(), states: this.states(), tcb: this.tcbs(), timers: [], timersStarted: [], timersStopped: [], rows: [], rfc: [], inFlight: [], differences: [] }];
  }

  /** An independent copy: events played on it leave this run as it is (steps are facts, shared). */
  fork(): Run {
    return new Run({ iss: this.world.config.iss }, {}, this);
  }

  private states(): StepFacts['states'] {
    return { client: this.world.stateOf('client'), server: this.world.stateOf('server') };
  }

  private tcbs(): StepFacts['tcb'] {
    return { client: this.world.snapshot('client'), server: this.world.snapshot('server') };
  }

  /** Plays one event as the next step and returns its facts. */
  play(event: SimEvent): StepFacts {
    const world = this.world;
    const before = this.states();
    world.beginStep();
    const { actor, delivered, lost, duplicated } = play(world, event, this.steps.length);
    const { sent, rows, started, stopped, differences } = world.step;
    const step: StepFacts = {
      index: this.steps.length,
      event,
      actor,
      sent,
      delivered,
      lost,
      duplicated,
      before,
      states: this.states(),
      tcb: this.tcbs(),
      timers: world.runningTimers(),
      timersStarted: started,
      timersStopped: stopped,
      rows,
      rfc: [...new Set(rows.map((id) => transitionById(id).rfc))],
      inFlight: [...world.network],
      differences,
    };
    this.steps.push(step);
    return step;
  }
}

/**
 * Runs a scenario: step 0 is the start (both CLOSED), then one step per event. `options.profile`
 * (else the scenario's, else 'rfc9293') chooses RFC 9293's or Linux's behaviour where they differ.
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): readonly StepFacts[] {
  const run = new Run(scenario, options);
  for (const event of scenario.events) run.play(event);
  return run.steps;
}

/** Where `runEvents` starts: the ISS of each side (default 100 and 300, as RFC 9293 Figures 6–8). */
export type EventRunOptions = RunOptions & { readonly iss?: Scenario['iss']; readonly synRetries?: number };

/** A run of no scenario: step 0, ready for events played one by one (the explorer's). */
export function startRun(options: EventRunOptions = {}): Run {
  return new Run({ iss: options.iss ?? { client: 100, server: 300 }, ...(options.synRetries !== undefined ? { synRetries: options.synRetries } : {}) }, options);
}

/** Plays `events` from the start, as `runScenario` does; throws at the first event that cannot happen. */
export function runEvents(events: readonly SimEvent[], options: EventRunOptions = {}): readonly StepFacts[] {
  const run = startRun(options);
  for (const event of events) run.play(event);
  return run.steps;
}

/**
 * One application call for `runSettled`, or none (`call` left out: the network only settles,
 * e.g. once a shut receive window opens again).
 */
export interface SettledCall {
  readonly endpoint?: EndpointId;
  readonly call?: UserCall;
  readonly bytes?: number;
  /**
   * While the network settles after this call, segments that take sequence space (data, FIN)
   * to this endpoint stay in flight: its receive window is shut, so the sender keeps them
   * queued. Bare ACKs and RSTs still arrive.
   */
  readonly windowShut?: EndpointId;
}

/** What one settled call did: its own step and the deliveries after it, and where it left both endpoints. */
export interface SettledStep {
  readonly call: SettledCall;
  readonly steps: readonly StepFacts[];
  readonly states: StepFacts['states'];
}

/** Deliveries after one call before the network counts as never settling (a bug, not a scenario). */
const MAX_DELIVERIES = 100;

/**
 * The driver a real stack is compared with: each application call, then every segment in
 * flight delivered, oldest first, until the network is quiet (no timer fires: a scenario that
 * needs one says so with its own event). Returns one entry per call.
 */
export function runSettled(calls: readonly SettledCall[], options: RunOptions & { readonly iss?: Scenario['iss'] } = {}): readonly SettledStep[] {
  const run = new Run({ iss: options.iss ?? { client: 100, server: 300 } }, options);
  return calls.map((call) => {
    const steps: StepFacts[] = [];
    if (call.call) {
      if (!call.endpoint) throw new Error(`simulator: ${call.call} needs an endpoint`);
      steps.push(run.play({ kind: 'user', endpoint: call.endpoint, call: call.call, ...(call.bytes ? { bytes: call.bytes } : {}) }));
    }
    for (let n = 0; ; n++) {
      if (n > MAX_DELIVERIES) throw new Error('simulator: the network never settled');
      const held = (segment: Segment): boolean => segment.to === call.windowShut && seqLength(segment) > 0;
      const next = run.world.network.find((segment) => !held(segment));
      if (!next) break;
      // The oldest deliverable segment to its receiver: bring it to the front of that receiver's queue.
      run.world.network.splice(run.world.network.indexOf(next), 1);
      run.world.inject(next);
      steps.push(run.play({ kind: 'deliver', to: next.to }));
    }
    return { call, steps, states: { client: run.world.stateOf('client'), server: run.world.stateOf('server') } };
  });
}
