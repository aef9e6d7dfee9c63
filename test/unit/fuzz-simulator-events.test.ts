// Fuzz: the simulator fed raw random events (runEvents), not only the ones the explorer offers:
// any call in any state, deliveries and losses of segments that may not exist, timers that may
// not run, stale segments of earlier connections injected with random flags and numbers. What it
// protects: a scenario, a saved explorer history or a message from a webview is data, and data
// can be wrong: the engine may refuse an event with its own `simulator:` error, but must never
// fail otherwise (a TypeError or RangeError is a bug in the engine, not in the event); what it
// plays still follows the transition table; and the same events always give the same steps.
// Replay a failure: TSL_FUZZ_SEED=<seed printed> [TSL_FUZZ_PATH=<path>] node --test out/test/unit/fuzz-simulator-events.test.js
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzz, type Fuzz } from './fuzz-harness';
import { transitionById } from '../../src/core/model/transitions';
import { runEvents, startRun, type EndpointId, type Flag, type SimEvent, type StepFacts, type TimerKind, type UserCall } from '../../src/core/simulation';

// ----

const endpoint = fc.constantFrom<EndpointId>('client', 'server');
const CALLS: readonly UserCall[] = ['passive-open', 'active-open', 'send', 'close', 'shutdown', 'abort', 'stop-reading'];
const TIMERS: readonly TimerKind[] = ['retransmission', 'time-wait', 'fin-wait-2'];
const FLAGS: readonly Flag[] = ['SYN', 'FIN', 'RST', 'ACK'];
const segmentId = fc.integer({ min: 1, max: 40 });
/** Numbers near the default ISSs (100, 300) and the data the calls send, so injected segments land in windows too. */
const seqNumber = fc.oneof(fc.integer({ min: 0, max: 1200 }), fc.nat({ max: 2 ** 32 - 1 }));
const event: fc.Arbitrary<SimEvent> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('user' as const), endpoint, call: fc.constantFrom(...CALLS, 'send', 'send'), bytes: fc.option(fc.nat({ max: 3000 }), { nil: undefined }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('deliver' as const), to: endpoint, delayAck: fc.option(fc.boolean(), { nil: undefined }), newest: fc.option(fc.boolean(), { nil: undefined }), segment: fc.option(segmentId, { nil: undefined, freq: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lose' as const), to: endpoint, segment: fc.option(segmentId, { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), to: endpoint, segment: segmentId }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('timer' as const), endpoint, timer: fc.constantFrom(...TIMERS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('inject' as const), to: endpoint, flags: fc.subarray([...FLAGS], { minLength: 1 }), seq: seqNumber, ack: fc.option(seqNumber, { nil: undefined }) }) },
);
/** Half the lists start with a handshake, so the random events meet synchronized states too. */
const HANDSHAKE: readonly SimEvent[] = [
  { kind: 'user', endpoint: 'server', call: 'passive-open' },
  { kind: 'user', endpoint: 'client', call: 'active-open' },
  { kind: 'deliver', to: 'server' },
  { kind: 'deliver', to: 'client' },
  { kind: 'deliver', to: 'server' },
];
const events = fc.tuple(fc.boolean(), fc.array(event, { maxLength: 60, size: 'max' })).map(([established, list]) => [...(established ? HANDSHAKE : []), ...list.map((e) => JSON.parse(JSON.stringify(e)) as SimEvent)]);
const runOptions = fc.record({
  profile: fc.constantFrom<'rfc9293' | 'linux'>('rfc9293', 'linux'),
  sysctl: fc.record({ tcp_rfc1337: fc.constantFrom<0 | 1>(0, 1) }),
  iss: fc.oneof(fc.constant({ client: 100, server: 300 }), fc.record({ client: fc.nat({ max: 2 ** 31 }), server: fc.nat({ max: 2 ** 31 }) })),
  synRetries: fc.nat({ max: 6 }),
});

/** A refusal of an event that cannot happen: the engine's own error. Anything else thrown is a bug. */
function refusal(error: unknown): string {
  if (error instanceof Error && error.constructor === Error && error.message.startsWith('simulator: ')) return error.message;
  throw error;
}

/** The states shown after a step are where its rows lead from the state before; only the actor moves. */
function alongRows(previous: StepFacts, step: StepFacts): void {
  const actor = step.actor!;
  let state = previous.states[actor];
  for (const id of step.rows) {
    const row = transitionById(id);
    assert.ok(row.from.includes(state), `${id} fired in ${state}`);
    if (row.to !== null) state = row.to;
  }
  assert.equal(step.states[actor], state);
  assert.equal(step.states[actor === 'client' ? 'server' : 'client'], previous.states[actor === 'client' ? 'server' : 'client']);
  for (const e of ['client', 'server'] as const) {
    const t = step.tcb[e];
    if (t.sndUna !== undefined) assert.ok(Number.isFinite(t.sndUna) && t.sndUna <= t.sndNxt! && Number.isFinite(t.rcvNxt), `${e}: ${JSON.stringify(t)}`);
  }
}

export const FUZZ: readonly Fuzz[] = [
  fuzz(
    'fuzz simulator events: random events end in steps or a simulator: refusal, never another error; what is taken follows the table, the same twice',
    300,
    fc.property(events, runOptions, (list, opts) => {
      try {
        runEvents(list, opts);
      } catch (error) {
        refusal(error);
      }
      // To get past the first refusal: each event tried on a fork first, played only when the
      // engine takes it; what it plays is checked, and runEvents of the events taken agrees.
      const run = startRun(opts);
      const taken: SimEvent[] = [];
      for (const e of list) {
        try {
          run.fork().play(e);
        } catch (error) {
          refusal(error);
          continue;
        }
        alongRows(run.steps.at(-1)!, run.play(e));
        taken.push(e);
      }
      assert.deepEqual(runEvents(taken, opts), run.steps, 'the events taken, played again by runEvents, give the same steps');
    }),
  ),
];
