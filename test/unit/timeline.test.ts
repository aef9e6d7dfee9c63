// The capture timeline on segment lists written by hand (timeline-script.ts): every way a
// connection ends, a capture that joins mid-stream, and the marks. Each endpoint's states come
// from the §3.10 engine in observer mode; these are the sequences RFC 9293 Figure 5 draws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TimelineBuilder, timelineJson, timelineOfText, type Timeline, type TimelineConnection, type TimelineOptions } from '../../src/core/timeline';
import { HANDSHAKE, script } from './timeline-script';

function timeline(lines: readonly string[], options: TimelineOptions = {}): Timeline {
  const builder = new TimelineBuilder({ keepSegments: true, ...options });
  for (const segment of script(lines)) builder.push(segment);
  return builder.end({ source: 'pcap' });
}

function only(lines: readonly string[], options: TimelineOptions = {}): TimelineConnection {
  const { connections } = timeline(lines, options);
  assert.equal(connections.length, 1);
  return connections[0]!;
}

const OPENER = ['SYN-SENT', 'ESTABLISHED'];
const LISTENER = ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED'];

test('the client closes first: FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT; the server CLOSE-WAIT, LAST-ACK, CLOSED', () => {
  const c = only([...HANDSHAKE, 'c P. 101 301 len=10', 's . 301 111', 'c F. 111 301', 's . 301 112', 's F. 301 112', 'c . 112 302']);
  assert.deepEqual(c.states[0], [...OPENER, 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
  assert.deepEqual(c.states[1], [...LISTENER, 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  assert.equal(c.ending, 'fin');
  assert.equal(c.opener, 0);
  assert.equal(c.firstCloser, 0);
  assert.equal(c.joinedMidStream, false);
  assert.deepEqual(c.segments, [5, 4]);
  assert.deepEqual(c.bytes, [10, 0]);
  assert.deepEqual(c.segmentList.map((s) => s.rows), [['U02', 'U01', 'R06'], ['R12'], ['R23'], ['U17', 'R29'], ['R27'], ['U08', 'R30'], ['R35'], ['U09', 'R41'], ['R47']]);
  assert.deepEqual(c.segmentList.at(-1)!.states, ['TIME-WAIT', 'CLOSED']);
});

test('the server closes first: the roles of the close swap, the opener ends in LAST-ACK then CLOSED', () => {
  const c = only([...HANDSHAKE, 's F. 301 101', 'c . 101 302', 'c F. 101 302', 's . 302 102']);
  assert.deepEqual(c.states[0], [...OPENER, 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  assert.deepEqual(c.states[1], [...LISTENER, 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
  assert.equal(c.firstCloser, 1);
  assert.equal(c.ending, 'fin');
});

test('a FIN,ACK that acknowledges our FIN goes from FIN-WAIT-1 straight to TIME-WAIT (Figure 5 note 2, R38)', () => {
  const c = only([...HANDSHAKE, 'c F. 101 301', 's F. 301 102', 'c . 102 302']);
  assert.deepEqual(c.states[0], [...OPENER, 'FIN-WAIT-1', 'TIME-WAIT']);
  assert.deepEqual(c.states[1], [...LISTENER, 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  assert.ok(c.segmentList[4]!.rows.includes('R38'));
});

test('simultaneous close: the FINs cross, both go through CLOSING to TIME-WAIT (Figure 13)', () => {
  const c = only([...HANDSHAKE, 'c F. 101 301', 's F. 301 101', 'c . 102 302', 's . 302 102']);
  assert.deepEqual(c.states[0], [...OPENER, 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT']);
  assert.deepEqual(c.states[1], [...LISTENER, 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT']);
  assert.equal(c.ending, 'fin');
});

test('half-close: data flows to the endpoint in FIN-WAIT-2; one FIN only ends as half-closed', () => {
  const lines = [...HANDSHAKE, 'c F. 101 301', 's . 301 102', 's P. 301 102 len=100', 'c . 102 401'];
  const half = only(lines);
  assert.equal(half.ending, 'half-closed');
  assert.deepEqual(half.states[0], [...OPENER, 'FIN-WAIT-1', 'FIN-WAIT-2']);
  assert.deepEqual(half.states[1], [...LISTENER, 'CLOSE-WAIT']);
  assert.deepEqual(half.segmentList[5]!.rows, ['U17', 'R40']);
  const whole = only([...lines, 's F. 401 102', 'c . 102 402']);
  assert.equal(whole.ending, 'fin');
  assert.deepEqual(whole.states[0], [...OPENER, 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
  assert.deepEqual(whole.states[1], [...LISTENER, 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
});

test('abort: the RST closes both; with the linux profile its ACK is a Linux difference', () => {
  const linux = only([...HANDSHAKE, 'c R. 101 301']);
  assert.deepEqual(linux.states[0], [...OPENER, 'CLOSED']);
  assert.deepEqual(linux.states[1], [...LISTENER, 'CLOSED']);
  assert.equal(linux.ending, 'rst');
  assert.equal(linux.firstCloser, 0);
  assert.deepEqual(linux.segmentList[3]!.rows, ['U14', 'R33']);
  assert.deepEqual(linux.segmentList[3]!.linuxDifferences, ['abort-rst-carries-ack']);
  const rfc = only([...HANDSHAKE, 'c R 101'], { profile: 'rfc9293' });
  assert.deepEqual(rfc.states[0], [...OPENER, 'CLOSED']);
  assert.equal(rfc.segmentList[3]!.linuxDifferences, undefined);
});

test('a RST after data arrived: Linux also sends it on close() with unread data', () => {
  const c = only([...HANDSHAKE, 'c P. 101 301 len=100', 's . 301 201', 's R. 301 201']);
  assert.deepEqual(c.states[1], [...LISTENER, 'CLOSED']);
  assert.deepEqual(c.segmentList[5]!.linuxDifferences, ['close-with-unread-data', 'abort-rst-carries-ack']);
});

test('refused: a SYN answered by RST,ACK; the responder was CLOSED (no listener, §3.10.7.1)', () => {
  const c = only(['c S 100', 's R. 0 101']);
  assert.deepEqual(c.states, [['SYN-SENT', 'CLOSED'], ['CLOSED']]);
  assert.equal(c.ending, 'refused');
  assert.deepEqual(c.segmentList.map((s) => s.rows), [['U02', 'R02'], ['R11']]);
  assert.equal(c.firstCloser, 1);
});

test('no answer: SYNs retransmitted (T01), the responder stays UNKNOWN', () => {
  const c = only(['c S 100', 'c S 100 t=1', 'c S 100 t=3']);
  assert.equal(c.ending, 'no-answer');
  assert.deepEqual(c.states, [['SYN-SENT'], ['UNKNOWN']]);
  assert.deepEqual(c.segmentList.map((s) => s.marks), [[], ['retransmission'], ['retransmission']]);
  assert.deepEqual(c.segmentList.map((s) => s.rows), [['U02'], ['T01'], ['T01']]);
  assert.equal(c.retransmissions, 2);
  assert.equal(c.durationNs, 3_000_000_000);
});

test('a capture that joins mid-stream: UNKNOWN until the FINs show both states, then exact', () => {
  const c = only(['c P. 5000 9000 len=100', 's . 9000 5100', 'c F. 5100 9000', 's F. 9000 5101', 'c . 5101 9001']);
  assert.equal(c.joinedMidStream, true);
  assert.equal(c.opener, undefined);
  assert.deepEqual(c.states[0], ['UNKNOWN', 'FIN-WAIT-1', 'TIME-WAIT']);
  assert.deepEqual(c.states[1], ['UNKNOWN', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  assert.deepEqual(c.segmentList[0]!.states, ['UNKNOWN', 'UNKNOWN']);
  assert.equal(c.segmentList[0]!.relSeq, undefined);
});

test('the capture began after the SYN: a SYN,ACK first still shows who opened and both states', () => {
  const c = only(['s S. 300 101', 'c . 101 301', 'c F. 101 301', 's F. 301 102', 'c . 102 302']);
  assert.equal(c.opener, 1);
  assert.equal(c.joinedMidStream, false);
  assert.deepEqual(c.states[1], [...OPENER, 'FIN-WAIT-1', 'TIME-WAIT']);
  assert.deepEqual(c.states[0], [...LISTENER, 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  assert.equal(c.segmentList[1]!.relAck, 1);
});

test('retransmissions and duplicate ACKs; a FIN sent again fires the retransmission timeout (R39)', () => {
  const c = only([...HANDSHAKE, 'c P. 101 301 len=10', 'c P. 111 301 len=10', 's . 301 111', 's . 301 111', 's . 301 111', 'c P. 111 301 len=10', 's . 301 121', 'c F. 121 301', 'c F. 121 301 t=2']);
  assert.deepEqual(c.segmentList.map((s) => s.marks), [[], [], [], [], [], [], ['duplicate-ack'], ['duplicate-ack'], ['retransmission'], [], [], ['retransmission']]);
  assert.deepEqual(c.segmentList.at(-1)!.rows, ['R39', 'R43']);
  assert.equal(c.retransmissions, 2);
  assert.deepEqual(c.states[0], [...OPENER, 'FIN-WAIT-1']);
});

test('keep-alive: SEQ = SND.NXT − 1 is marked as such, not as a retransmission or out of window', () => {
  const c = only([...HANDSHAKE, 'c . 100 301 t=60', 's . 301 101 t=60.001']);
  assert.deepEqual(c.segmentList[3]!.marks, ['keep-alive']);
  assert.deepEqual(c.segmentList[4]!.marks, []);
  assert.deepEqual(c.states[0], OPENER);
});

test('zero window and truncated segments are marked', () => {
  const c = only([...HANDSHAKE, 'c P. 101 301 len=1000 cut=1', 's . 301 1101 win=0']);
  assert.deepEqual(c.segmentList[3]!.marks, ['truncated']);
  assert.deepEqual(c.segmentList[4]!.marks, ['zero-window']);
});

test('out of window, and challenge ACKs for an inexact RST and for a SYN on a synchronized connection (RFC 5961)', () => {
  // Each answer with another window, so that none is a duplicate ACK.
  const c = only([...HANDSHAKE, 'c R 150', 's . 301 101 win=1001', 'c S 7000', 's . 301 101 win=1002', 'c P. 200000 301 len=10', 's . 301 101 win=1003']);
  const marks = c.segmentList.map((s) => s.marks);
  assert.deepEqual(marks.slice(3), [[], ['challenge-ack'], [], ['challenge-ack'], ['out-of-window'], []]);
  assert.deepEqual(c.segmentList[3]!.rows, ['R20']);
  assert.deepEqual(c.segmentList[5]!.rows, ['R31']);
  assert.deepEqual(c.segmentList[7]!.rows, ['U17', 'R16']);
  assert.deepEqual(c.states, [OPENER, LISTENER]);
  assert.equal(c.ending, 'open');
});

test('a new SYN on a tuple whose connection ended starts a new connection', () => {
  const { connections } = timeline([...HANDSHAKE, 'c F. 101 301', 's F. 301 102', 'c . 102 302', 'c S 5000 t=1', 's S. 7000 5001 t=1.001', 'c . 5001 7001 t=1.002']);
  assert.deepEqual(connections.map((c) => [c.id, c.ending, c.segments.join('+')]), [[0, 'fin', '4+2'], [1, 'open', '2+1']]);
  assert.deepEqual(connections[1]!.states[0], OPENER);
});

test('keepSegments as a function keeps only the chosen connection; summaries are the same', () => {
  const lines = [...HANDSHAKE, 'c R. 101 301', 'c S 5000 t=1', 's S. 7000 5001 t=1.001'];
  const all = timeline(lines);
  const one = timeline(lines, { keepSegments: (id) => id === 1 });
  assert.deepEqual(one.connections.map((c) => c.segmentList.length), [0, 2]);
  assert.deepEqual(one.connections.map((c) => c.states), all.connections.map((c) => c.states));
  assert.deepEqual(timeline(lines, { keepSegments: false }).connections.map((c) => c.segmentList.length), [0, 0]);
});

test('sequence numbers that wrap past 2^32 stay in order', () => {
  const c = only(['c S 4294967290', 's S. 300 4294967291', 'c . 4294967291 301', 'c P. 4294967291 301 len=10', 's . 301 5', 'c F. 5 301', 's F. 301 6', 'c . 6 302']);
  assert.deepEqual(c.segmentList.map((s) => s.relSeq), [0, 0, 1, 1, 1, 11, 1, 12]);
  assert.deepEqual(c.segmentList.map((s) => s.marks.length), [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(c.states[0], [...OPENER, 'FIN-WAIT-1', 'TIME-WAIT']);
});

test('flags are written in the contract order; the JSON view names endpoints by IP:PORT', () => {
  const t = timeline([...HANDSHAKE, 'c FP. 101 301 len=3', 's F. 301 105', 'c . 105 302']);
  const c = t.connections[0]!;
  assert.deepEqual(c.segmentList.map((s) => s.flags), ['SYN', 'SYN,ACK', 'ACK', 'FIN,PSH,ACK', 'FIN,ACK', 'ACK']);
  const json = timelineJson(t);
  const [client, server] = json.connections[0]!.endpoints;
  assert.deepEqual(client, { address: '10.0.0.1:40000', states: [...OPENER, 'FIN-WAIT-1', 'TIME-WAIT'], segmentsSent: 4, bytesSent: 3, note: client.note });
  assert.match(client.note!, /60 s/);
  assert.deepEqual(server, { address: '10.0.0.2:80', states: [...LISTENER, 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED'], segmentsSent: 2, bytesSent: 0 });
  assert.equal(json.connections[0]!.segments[0]!.from, '10.0.0.1:40000');
  assert.equal(json.connections[0]!.segments[0]!.ack, null);
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
});

test('simultaneous open: both SYN-SENT, then SYN-RECEIVED, then ESTABLISHED (Figure 7); the crossing SYN is no new connection', () => {
  const c = only(['c S 100', 's S 300', 's S. 300 101', 'c S. 100 301', 'c . 101 301', 's . 301 101']);
  assert.deepEqual(c.states, [['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED'], ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED']]);
  assert.deepEqual(c.segmentList.map((s) => s.rows), [['U02', 'U02', 'R13'], ['R13'], ['R23'], ['R23'], [], []]);
});

test('a SYN,ACK sent again fires the responder\'s retransmission timeout (T03)', () => {
  const c = only(['c S 100', 's S. 300 101', 's S. 300 101 t=1', 'c . 101 301 t=1.001']);
  assert.deepEqual(c.segmentList[2]!.rows, ['T03']);
  assert.deepEqual(c.segmentList[2]!.marks, ['retransmission']);
  assert.deepEqual(c.states, [OPENER, LISTENER]);
});

test('data after close: the RST that answers it (<SEQ=SEG.ACK><CTL=RST>) comes after the data arrived', () => {
  const c = only([...HANDSHAKE, 'c F. 101 301', 's . 301 102', 's P. 301 102 len=10', 'c R 102']);
  assert.deepEqual(c.states, [[...OPENER, 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSED'], [...LISTENER, 'CLOSE-WAIT', 'CLOSED']]);
  assert.deepEqual(c.segmentList[5]!.rows, ['U17', 'R40']);
  assert.deepEqual(c.segmentList[6]!.rows, ['U14', 'R33']);
  assert.deepEqual(c.segmentList[6]!.linuxDifferences, ['data-after-close']);
  assert.equal(c.ending, 'rst');
});

test('a retransmitted FIN in TIME-WAIT restarts the wait (R49); the last ACK closes LAST-ACK', () => {
  const c = only([...HANDSHAKE, 'c F. 101 301', 's . 301 102', 's F. 301 102', 's F. 301 102 t=1', 'c . 102 302 t=1.001']);
  assert.deepEqual(c.segmentList[6]!.rows, ['R39', 'R49']);
  assert.deepEqual(c.states, [[...OPENER, 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT'], [...LISTENER, 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']]);
});

test('onConnection hands out each connection once it is done: memory follows the connections open at once', () => {
  const handed: number[] = [];
  const builder = new TimelineBuilder({ keepSegments: true, onConnection: (c) => handed.push(c.id) });
  const done = [...HANDSHAKE, 'c F. 101 301', 's F. 301 102', 'c . 102 302'];
  for (let i = 0; i < 300; i++) for (const s of script(done, { client: { address: '10.0.0.1', port: 10000 + i } })) builder.push(s);
  // At most 256 ended connections wait for late segments; the older ones are already out.
  assert.equal(handed.length, 300 - 256);
  // A segment more than Linux's TIME-WAIT length (60 s) later: nothing of the ended ones can come any more.
  for (const s of script(['c S 100 t=100'], { client: { address: '10.0.0.9', port: 9 } })) builder.push(s);
  assert.equal(handed.length, 300);
  const timeline = builder.end();
  assert.deepEqual(timeline.connections, []);
  assert.deepEqual(handed, Array.from({ length: 301 }, (_, i) => i));
});

test('any segment list, however odd, gives a timeline: no throw, every endpoint with a state list', () => {
  const flags = ['S', 'S.', '.', 'P.', 'F.', 'R', 'R.', 'FP.', 'SF', ''];
  const numbers = [0, 1, 100, 101, 102, 111, 300, 301, 302, 4294967295, 2147483648];
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom('c', 's'), fc.constantFrom(...flags), fc.constantFrom(...numbers), fc.constantFrom(...numbers), fc.constantFrom(0, 1, 10, 1000)), { maxLength: 40 }),
      fc.constantFrom<'linux' | 'rfc9293'>('linux', 'rfc9293'),
      (lines, profile) => {
        const t = timeline(lines.map(([who, f, seq, ack, len]) => `${who} ${f || '-'} ${seq} ${ack} len=${len}`), { profile });
        for (const c of t.connections) {
          assert.ok(c.states[0].length > 0 && c.states[1].length > 0);
          assert.equal(c.segmentList.length, c.segments[0] + c.segments[1]);
        }
        assert.equal(t.connections.reduce((n, c) => n + c.segmentList.length, 0), lines.length);
      },
    ),
    { numRuns: 2000 },
  );
});

test("a capture whose clock steps back gives a connection a duration of zero or more, never negative (the webview's validator rejects that)", () => {
  const text = [
    '10:00:01.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 100, win 64240, length 0',
    '10:00:00.000000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 300, ack 101, win 65160, length 0',
    '10:00:00.500000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 301, win 502, length 0',
  ].join('\n');
  const [connection] = timelineOfText(text).connections;
  assert.ok(connection);
  assert.equal(connection.durationNs, 0);
});
