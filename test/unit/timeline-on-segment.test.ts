// TimelineOptions.onSegment (the CLI's text path): each kept segment handed out once it has
// arrived, in capture order within its connection, is the segment the connection's segmentList
// holds when the segments are kept: copied at the moment it is handed out (so a change made to
// it afterwards would show), compared with the kept list on the benchmark's generated capture,
// the shipped sample and fuzzed connections (crossing data, retransmissions, RSTs, SYNs never
// answered); the connections are otherwise the same, with an empty segmentList.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CaptureReader } from '../../src/core/capture/reader';
import type { CapturedSegment } from '../../src/core/capture';
import { TimelineBuilder, type Timeline, type TimelineOptions, type TimelineSegment } from '../../src/core/timeline';
import { fuzz } from './fuzz-harness';
import { generatedCapture } from './generated-capture';
import { HANDSHAKE, script } from './timeline-script';

const ROOT = join(__dirname, '..', '..', '..');

function read(segments: readonly CapturedSegment[], options: TimelineOptions): Timeline {
  const builder = new TimelineBuilder(options);
  for (const segment of segments) builder.push(segment);
  return builder.end();
}

function segmentsOf(bytes: Uint8Array): CapturedSegment[] {
  return new CaptureReader().push(bytes);
}

/** Kept both ways, compared: the handed-out copies against segmentList, the rest whole. */
function assertHandedOutAsKept(segments: readonly CapturedSegment[], keepSegments: TimelineOptions['keepSegments'] = true): number {
  const kept = read(segments, { keepSegments });
  const handedOut = new Map<number, TimelineSegment[]>();
  const streamed = read(segments, {
    keepSegments,
    onSegment: (id, segment) => {
      const list = handedOut.get(id) ?? [];
      handedOut.set(id, [...list, structuredClone(segment)]);
    },
  });
  assert.deepStrictEqual(
    streamed.connections.map((c) => c.segmentList.length),
    streamed.connections.map(() => 0),
    'segmentList is empty when the segments are handed out',
  );
  const withoutSegments = (timeline: Timeline) => timeline.connections.map((c) => ({ ...c, segmentList: [] }));
  assert.deepStrictEqual(withoutSegments(streamed), withoutSegments(kept));
  let count = 0;
  for (const connection of kept.connections) {
    assert.deepStrictEqual(handedOut.get(connection.id) ?? [], structuredClone(connection.segmentList), `connection ${connection.id}`);
    count += connection.segmentList.length;
  }
  assert.equal([...handedOut.values()].reduce((n, list) => n + list.length, 0), count, 'no segment handed out twice or for a connection not kept');
  return count;
}

test('onSegment: the generated benchmark capture hands out the kept segments, final and in order', async () => {
  const segments = segmentsOf(await generatedCapture(3));
  assert.ok(assertHandedOutAsKept(segments) > 1000, 'many segments handed out');
  // Only the connections keepSegments accepts are handed out (the CLI's --connection ID).
  assert.ok(assertHandedOutAsKept(segments, (id) => id === 7) > 0);
});

test('onSegment: the shipped sample capture', () => {
  const segments = segmentsOf(new Uint8Array(readFileSync(join(ROOT, 'samples', 'handshake-teardown.pcap'))));
  assert.ok(assertHandedOutAsKept(segments) > 0);
});

test('onSegment: a SYN never answered is handed out when the capture ends', () => {
  assert.equal(assertHandedOutAsKept(script(['c S 100', 'c S 100 t=1', 'c S 100 t=3'])), 3);
});

const spec = fc.record({
  client: fc.boolean(),
  flags: fc.constantFrom('.', 'P.', 'P.', 'F.', 'R', 'R.', 'S', 'S.'),
  seqShift: fc.constantFrom(0, 0, 0, -1, -50, 30),
  ackShift: fc.constantFrom(0, 0, -1, -20, 10),
  len: fc.constantFrom(0, 1, 20),
});

fuzz(
  'onSegment: fuzzed connections hand out what they keep',
  300,
  fc.property(fc.array(spec, { minLength: 1, maxLength: 30 }), fc.boolean(), (specs, handshake) => {
    const sent = { c: 101, s: 301 };
    const lines = specs.map((s) => {
      const [who, peer] = s.client ? (['c', 's'] as const) : (['s', 'c'] as const);
      const len = s.flags.includes('R') || s.flags.includes('S') ? 0 : s.len;
      const line = `${who} ${s.flags} ${(sent[who] + s.seqShift) >>> 0} ${(sent[peer] + s.ackShift) >>> 0} len=${len}`;
      if (s.seqShift === 0) sent[who] += len + (s.flags.includes('F') ? 1 : 0);
      return line;
    });
    assertHandedOutAsKept(script([...(handshake ? HANDSHAKE : []), ...lines]));
  }),
);
