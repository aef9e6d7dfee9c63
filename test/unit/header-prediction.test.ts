// The timeline observer's header prediction (src/core/timeline/header-prediction.ts) gives what
// the full §3.10 steps give: every connection's states, marks, rows, Linux differences and
// segments, read both ways (TimelineOptions.headerPrediction true and false) and compared whole,
// on the benchmark's generated capture, the shipped sample capture, and fuzzed segment sequences
// (retransmissions, out-of-window data and ACKs, RSTs exact and not, SYNs in a synchronized
// state, zero windows, gaps, data after FIN); and the fast path is really taken for the common
// segment, with the TCB it leaves equal to the full path's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { arrive } from '../../src/core/simulation/arrival/arrive';
import { World } from '../../src/core/simulation/world';
import { timelineOfCapture, TimelineBuilder, type Timeline } from '../../src/core/timeline';
import type { TimelineProfile } from '../../src/core/timeline/builder';
import { predictArrival, predictSend } from '../../src/core/timeline/header-prediction';
import { fuzz } from './fuzz-harness';
import { generatedCapture } from './generated-capture';
import { HANDSHAKE, script } from './timeline-script';

const PROFILES: readonly TimelineProfile[] = ['linux', 'rfc9293'];
const ROOT = join(__dirname, '..', '..', '..');

function bothWays(read: (headerPrediction: boolean) => Timeline): void {
  const full = read(false);
  const predicted = read(true);
  assert.deepStrictEqual(predicted, full);
}

test('header prediction: the generated benchmark capture reads the same, both profiles', async () => {
  const bytes = await generatedCapture(3);
  for (const profile of PROFILES) {
    const full = timelineOfCapture(bytes, { keepSegments: true, profile, headerPrediction: false });
    assert.ok(full.connections.length > 50 && full.connections.every((c) => c.segmentList.length > 0), 'a capture of many connections, segments kept');
    assert.deepStrictEqual(timelineOfCapture(bytes, { keepSegments: true, profile }), full, profile);
  }
});

test('header prediction: the shipped sample capture reads the same, both profiles', () => {
  const bytes = new Uint8Array(readFileSync(join(ROOT, 'samples', 'handshake-teardown.pcap')));
  for (const profile of PROFILES) bothWays((headerPrediction) => timelineOfCapture(bytes, { keepSegments: true, profile, headerPrediction }));
});

/** One segment of a fuzzed connection after the handshake (client ISN 100, server ISN 300): who, flags, where its numbers sit. */
const segmentSpec = fc.record({
  client: fc.boolean(),
  flags: fc.constantFrom('.', '.', 'P.', 'P.', 'P.', 'F.', 'R', 'R.', 'S', 'S.', 'FP.'),
  // Relative to what the sender has sent and what it has received: in order, behind (a
  // retransmission, a stale ACK), ahead (a gap), far outside the window.
  seqShift: fc.constantFrom(0, 0, 0, -1, -50, 30, 100_000),
  ackShift: fc.constantFrom(0, 0, 0, -1, -20, 10, 200_000),
  len: fc.constantFrom(0, 0, 1, 20, 50),
  win: fc.constantFrom(65535, 65535, 0),
});

/** The fuzzed segments as script lines, their numbers following what each side sent so far. */
type SegmentSpec = typeof segmentSpec extends fc.Arbitrary<infer T> ? T : never;

function lines(specs: readonly SegmentSpec[]): string[] {
  const sent = { c: 101, s: 301 };
  return specs.map((spec) => {
    const [who, peer] = spec.client ? (['c', 's'] as const) : (['s', 'c'] as const);
    const seq = sent[who] + spec.seqShift;
    const ack = sent[peer] + spec.ackShift;
    const len = spec.flags.includes('R') || spec.flags.includes('S') ? 0 : spec.len;
    if (spec.seqShift === 0) sent[who] += len + (spec.flags.includes('F') ? 1 : 0);
    return `${who} ${spec.flags} ${seq >>> 0} ${ack >>> 0} len=${len} win=${spec.win}`;
  });
}

function readScript(scriptLines: readonly string[], profile: TimelineProfile, headerPrediction: boolean): Timeline {
  const builder = new TimelineBuilder({ keepSegments: true, profile, headerPrediction });
  for (const segment of script(scriptLines)) builder.push(segment);
  return builder.end();
}

fuzz(
  'header prediction: fuzzed connections (retransmissions, gaps, out-of-window, RST, SYN, zero window) read the same',
  400,
  fc.property(fc.array(segmentSpec, { minLength: 1, maxLength: 40 }), fc.boolean(), fc.constantFrom(...PROFILES), (specs, handshake, profile) => {
    // With and without the handshake: a capture joined mid-stream starts from assumed numbers.
    const scriptLines = [...(handshake ? HANDSHAKE : []), ...lines(specs)];
    assert.deepStrictEqual(readScript(scriptLines, profile, true), readScript(scriptLines, profile, false));
  }),
);

/** Both endpoints of an observer's world in ESTABLISHED after the handshake the observer would have run. */
function establishedWorld(): World {
  const world = new World({ iss: { client: 0, server: 0 }, synRetries: Number.MAX_SAFE_INTEGER, profile: 'linux', rfc1337: 0, timerFacts: false, observing: true });
  for (const endpoint of ['client', 'server'] as const) {
    world.assumeEstablished(endpoint);
    Object.assign(world.tcb[endpoint], { sndUna: 1, sndNxt: 1, rcvNxt: 1 });
  }
  return world;
}

const placed = (len: number, fin = false) => ({ syn: false, fin, rst: false, ackFlag: true, seq: 1, ack: 1, len, window: 65535, truncated: false });

test('header prediction: in-order data in ESTABLISHED is predicted, with the rows and TCB of the full steps', () => {
  const [fast, full] = [establishedWorld(), establishedWorld()];
  for (const world of [fast, full]) world.transmit('client', ['ACK'], { len: 10 });
  // The client sent 10 bytes (SND.NXT = 11); it receives 5 at RCV.NXT that acknowledge them.
  const predicted = predictArrival(fast, 'client', { ...placed(5), ack: 11 }, 1, 11);
  full.beginStep();
  arrive(full, 'client', { id: 0, from: 'server', to: 'client', flags: ['ACK'], seq: 1, ack: 11, len: 5 }, false);
  assert.ok(predicted, 'predicted');
  assert.deepEqual(predicted.rows, full.step.rows);
  assert.deepEqual(predicted.rows, ['R27', 'R29']);
  assert.deepEqual(
    predicted.sent.map(({ flags, seq, ack, len }) => ({ flags, seq, ack, len })),
    full.step.sent.map(({ flags, seq, ack, len }) => ({ flags, seq, ack, len })),
  );
  assert.deepEqual(fast.tcb.client, full.tcb.client);
  assert.equal(fast.stateOf('client'), 'ESTABLISHED');
});

test('header prediction: SEND in ESTABLISHED is U17; a FIN, data out of order, an ACK beyond SND.NXT are left to the full steps', () => {
  const world = establishedWorld();
  assert.deepEqual(predictSend(world, 'client', 7), ['U17']);
  assert.equal(world.tcb.client.sndNxt, 8);
  assert.equal(world.tcb.client.queue.length, 1);
  const before = structuredClone({ ...world.tcb.server, timers: [...world.tcb.server.timers] });
  assert.equal(predictArrival(world, 'server', placed(0, true), 1, 1), undefined, 'FIN');
  assert.equal(predictArrival(world, 'server', placed(5), 3, 1), undefined, 'beyond RCV.NXT');
  assert.equal(predictArrival(world, 'server', placed(0), 1, 50), undefined, 'ACK beyond SND.NXT (R28)');
  assert.deepEqual({ ...world.tcb.server, timers: [...world.tcb.server.timers] }, before, 'nothing changed');
});
