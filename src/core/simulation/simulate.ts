// The driver: plays a scenario's events on a World, one step each, and reads each step's facts
// off it (segments sent, arrived, lost; rows fired; timers started, stopped, running; both
// TCBs). Facts only: the words are text/'s. Deterministic: no clock, no randomness.
// Pure: no `vscode`, no DOM.
import { transitionById } from '../model/transitions';
import { arrive } from './arrival/arrive';
import { expireTimer } from './timer-expiry';
import type { EndpointId, Scenario, Segment, SimEvent, StepFacts } from './types';
import { userCall } from './user-calls';
import { World } from './world';

/** Linux's default number of SYN retransmissions (net.ipv4.tcp_syn_retries). */
const DEFAULT_SYN_RETRIES = 6;

/** What playing one event touched, besides what the world records. */
interface Played {
  readonly actor: EndpointId;
  readonly delivered?: Segment;
  readonly lost?: Segment;
}

function takeInFlight(world: World, to: EndpointId, event: SimEvent, newest = false): Segment {
  const segment = world.takeInFlight(to, newest);
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
      const delivered = takeInFlight(world, event.to, event, event.newest ?? false);
      arrive(world, event.to, delivered, event.delayAck ?? false);
      return { actor: event.to, delivered };
    }
    case 'lose':
      return { actor: event.to, lost: takeInFlight(world, event.to, event) };
    case 'inject':
      // Ids from 1000 on, so they never meet the ids of segments the endpoints send.
      world.inject({ id: 1000 + stepIndex, from: 'old-duplicate', to: event.to, flags: event.flags, seq: event.seq, len: 0, ...(event.ack !== undefined ? { ack: event.ack } : {}) });
      return { actor: event.to };
  }
}

/** Runs a scenario: step 0 is the start (both CLOSED), then one step per event. */
export function runScenario(scenario: Scenario): readonly StepFacts[] {
  const world = new World({ iss: scenario.iss, synRetries: scenario.synRetries ?? DEFAULT_SYN_RETRIES });
  const states = (): StepFacts['states'] => ({ client: world.stateOf('client'), server: world.stateOf('server') });
  const tcbs = (): StepFacts['tcb'] => ({ client: world.snapshot('client'), server: world.snapshot('server') });
  const steps: StepFacts[] = [
    { index: 0, sent: [], before: states(), states: states(), tcb: tcbs(), timers: [], timersStarted: [], timersStopped: [], rows: [], rfc: [], inFlight: [] },
  ];
  for (const event of scenario.events) {
    const before = states();
    world.beginStep();
    const { actor, delivered, lost } = play(world, event, steps.length);
    const { sent, rows, started, stopped } = world.step;
    steps.push({
      index: steps.length,
      event,
      actor,
      sent,
      delivered,
      lost,
      before,
      states: states(),
      tcb: tcbs(),
      timers: world.runningTimers(),
      timersStarted: started,
      timersStopped: stopped,
      rows,
      rfc: [...new Set(rows.map((id) => transitionById(id).rfc))],
      inFlight: [...world.network],
    });
  }
  return steps;
}
