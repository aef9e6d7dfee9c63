// The explorer's exports against the readers they are for. Every scenario's capture, read back
// by the project's own capture timeline, must show the simulator's states wherever a capture
// can show them; every frame's lengths and checksums are recomputed here; the packetdrill
// scripts follow packetdrill's grammar and numbering, with one line for each segment the system
// under test receives or sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCENARIOS, runEvents, type EndpointId, type Scenario, type SimEvent, type StepFacts } from '../../src/core/simulation';
import { timelineOfCapture, type TimelineConnection } from '../../src/core/timeline';
import { exchangePcap, packetdrillScript, PCAP_EPOCH_SECONDS, STEP_MICROSECONDS, WIRE_ENDPOINTS } from '../../src/core/explorer/export';

const run = (scenario: Scenario): readonly StepFacts[] => runEvents(scenario.events, { iss: scenario.iss, synRetries: scenario.synRetries, profile: scenario.profile });
const scenario = (id: string): Scenario => SCENARIOS.find((s) => s.id === id)!;
const distinct = (states: readonly string[]): string[] => states.filter((s, i) => i === 0 || states[i - 1] !== s);
const CLIENT_LABEL = `${WIRE_ENDPOINTS.client.address.join('.')}:${WIRE_ENDPOINTS.client.port}`;

/** The handshake, then the client sends 100 bytes that the network duplicates; both copies arrive. No scenario has a duplicate. */
const DUPLICATED: readonly SimEvent[] = [
  { kind: 'user', endpoint: 'server', call: 'passive-open' },
  { kind: 'user', endpoint: 'client', call: 'active-open' },
  { kind: 'deliver', to: 'server' },
  { kind: 'deliver', to: 'client' },
  { kind: 'deliver', to: 'server' },
  { kind: 'user', endpoint: 'client', call: 'send', bytes: 100 },
  { kind: 'duplicate', to: 'server', segment: 4 },
  { kind: 'deliver', to: 'server' },
  { kind: 'deliver', to: 'server' },
  { kind: 'deliver', to: 'client' },
];

// ---- reading the pcap back, by hand ----

interface Frame {
  readonly seconds: number;
  readonly micros: number;
  readonly data: Uint8Array;
}

function framesOf(file: Uint8Array): Frame[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  assert.equal(view.getUint32(0, true), 0xa1b2c3d4, 'little-endian microsecond magic');
  assert.deepEqual([view.getUint16(4, true), view.getUint16(6, true)], [2, 4]);
  assert.equal(view.getUint32(20, true), 101, 'LINKTYPE_RAW');
  const frames: Frame[] = [];
  for (let at = 24; at < file.length; ) {
    const length = view.getUint32(at + 8, true);
    assert.equal(view.getUint32(at + 12, true), length, 'nothing cut off');
    frames.push({ seconds: view.getUint32(at, true), micros: view.getUint32(at + 4, true), data: file.subarray(at + 16, at + 16 + length) });
    at += 16 + length;
  }
  return frames;
}

/** RFC 1071: the one's-complement sum of 16-bit words; over data that holds its own checksum it is 0xffff. */
function sum16(...parts: Uint8Array[]): number {
  let sum = 0;
  for (const part of parts) for (let i = 0; i < part.length; i += 2) sum += (part[i]! << 8) | (part[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

const u16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/** What the pcap export promises to put on the wire for each step, in order: stale segments, segments sent, the network's copies. */
function expectedFrames(steps: readonly StepFacts[]): { step: number; from: EndpointId; seq: number; ack: number | undefined; len: number; flags: readonly string[] }[] {
  return steps.flatMap((step) => {
    const event = step.event;
    const injected = event?.kind === 'inject' ? [{ step: step.index, from: (event.to === 'client' ? 'server' : 'client') as EndpointId, seq: event.seq, ack: event.ack, len: 0, flags: event.flags }] : [];
    const segments = [...step.sent, ...(step.duplicated ? [step.duplicated] : [])].map((s) => ({ step: step.index, from: (s.to === 'client' ? 'server' : 'client') as EndpointId, seq: s.seq, ack: s.ack, len: s.len, flags: s.flags }));
    return [...injected, ...segments];
  });
}

test('pcap: every frame of every exchange is a whole IPv4/TCP packet whose lengths and checksums add up', () => {
  const exchanges: [string, readonly StepFacts[]][] = [...SCENARIOS.map((s): [string, readonly StepFacts[]] => [s.id, run(s)]), ['duplicated', runEvents(DUPLICATED)]];
  for (const [name, steps] of exchanges) {
    const frames = framesOf(exchangePcap(steps));
    const expected = expectedFrames(steps);
    assert.equal(frames.length, expected.length, `${name}: one frame per segment put in flight`);
    frames.forEach(({ seconds, micros, data }, i) => {
      const want = expected[i]!;
      const where = `${name} frame ${i + 1}`;
      assert.equal(seconds * 1_000_000 + micros, PCAP_EPOCH_SECONDS * 1_000_000 + want.step * STEP_MICROSECONDS, `${where}: step × 100 ms`);
      // IPv4: version 4, 20-byte header, total length the frame's, DF, TCP; the header sums to 0xffff with its checksum.
      assert.equal(data[0], 0x45, where);
      assert.equal(u16(data, 2), data.length, `${where}: IP total length`);
      assert.equal(u16(data, 6), 0x4000, where);
      assert.equal(data[9], 6, where);
      assert.equal(sum16(data.subarray(0, 20)), 0xffff, `${where}: IPv4 header checksum`);
      const [from, to] = want.from === 'client' ? [WIRE_ENDPOINTS.client, WIRE_ENDPOINTS.server] : [WIRE_ENDPOINTS.server, WIRE_ENDPOINTS.client];
      assert.deepEqual([...data.subarray(12, 16), ...data.subarray(16, 20)], [...from.address, ...to.address], where);
      // TCP: ports, numbers as the simulator's, header length (the MSS option on a SYN), window, zeros for data.
      const tcp = data.subarray(20);
      const headerLength = (tcp[12]! >> 4) * 4;
      assert.equal(headerLength, want.flags.includes('SYN') ? 24 : 20, where);
      assert.equal(tcp.length - headerLength, want.len, `${where}: payload length`);
      assert.deepEqual([u16(tcp, 0), u16(tcp, 2), u32(tcp, 4), u32(tcp, 8), u16(tcp, 14)], [from.port, to.port, want.seq, want.ack ?? 0, 65535], where);
      const bits = { FIN: 0x01, SYN: 0x02, RST: 0x04, ACK: 0x10 } as Record<string, number>;
      assert.equal(tcp[13], want.flags.reduce((b, f) => b | bits[f]!, want.len > 0 ? 0x08 : 0), `${where}: flags (PSH on data)`);
      assert.ok(tcp.subarray(headerLength).every((b) => b === 0), where);
      const pseudo = Uint8Array.of(...data.subarray(12, 20), 0, 6, tcp.length >> 8, tcp.length & 0xff);
      assert.equal(sum16(pseudo, tcp), 0xffff, `${where}: TCP checksum over the pseudo-header`);
    });
  }
});

test('pcap: a copy the network makes is a second frame of the same segment; a lost segment is on the wire once', () => {
  const frames = framesOf(exchangePcap(runEvents(DUPLICATED)));
  // Frames 4 and 5: the data as sent (step 6) and its copy (step 7); the same TCP bytes, the IP id apart.
  assert.deepEqual([frames[3]!.micros, frames[4]!.micros], [600_000, 700_000]);
  assert.deepEqual(frames[4]!.data.subarray(20), frames[3]!.data.subarray(20));
  // Scenario 9: three SYNs sent, all lost past the capture point: three frames, none answered.
  const synLost = framesOf(exchangePcap(run(scenario('syn-lost'))));
  assert.deepEqual(synLost.map((f) => f.data[33]), [0x02, 0x02, 0x02]);
});

// ---- the pcap read back by the capture timeline ----

interface Paths {
  readonly client: readonly string[];
  readonly server: readonly string[];
}

/**
 * The endpoint's path as a capture can show it: the states it passes through, without the
 * CLOSED it starts in (nothing is seen before its first segment) and without a state entered
 * by a timer that sent nothing (the end of TIME-WAIT, the FIN-WAIT-2 timeout, a connect()
 * giving up): nothing of those is on the wire.
 */
function capturePath(steps: readonly StepFacts[], endpoint: EndpointId): string[] {
  const seen: string[] = [];
  for (const step of steps.slice(1)) {
    if (step.states[endpoint] === step.before[endpoint]) continue;
    const event = step.event!;
    if (event.kind === 'timer' && event.endpoint === endpoint && step.sent.length === 0) continue;
    seen.push(step.states[endpoint]);
  }
  return distinct(seen);
}

function pathsOf(connection: TimelineConnection): Paths {
  const client = connection.endpoints.findIndex((e) => e.label === CLIENT_LABEL);
  assert.ok(client >= 0, `the client's ${CLIENT_LABEL} is one of the endpoints`);
  return { client: connection.states[client]!, server: connection.states[client === 0 ? 1 : 0]! };
}

/**
 * Where the capture legitimately shows something else than `capturePath`, by scenario: what it
 * does show, exactly.
 */
const CAPTURE_SEES: Readonly<Record<string, readonly Paths[]>> = {
  // The second connect() reuses the client's port after the RST ended the first connection: a
  // SYN on an ended 4-tuple is a new connection (timeline/builder.ts), so two connections. Their
  // paths joined are capturePath's (checked in the test).
  reset: [
    { client: ['SYN-SENT', 'ESTABLISHED', 'CLOSED'], server: ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSED'] },
    { client: ['SYN-SENT', 'CLOSED'], server: ['CLOSED'] },
  ],
  // Every SYN is lost past the capture point: nothing shows that the server listens, and the
  // timeline does not guess LISTEN from silence (the client's give-up is a timer, not seen either).
  'syn-lost': [{ client: ['SYN-SENT'], server: ['UNKNOWN'] }],
  // The stale SYN (seq 90) comes from the client's address and port with another ISN while the
  // client's own SYN is unanswered: a capture cannot tell it from a new connect() on a reused
  // port (builder.ts startsNewConnection), so the client's real SYN stays a connection never
  // answered, and the stale SYN opens a second one that takes the rest. There the SYN,ACK that
  // answers it looks like the answer the client asked for (ESTABLISHED), the client's RST an
  // abort (CLOSED) taken by the server (LISTEN again); the real handshake after it finds both
  // already ended.
  'old-duplicate-syn': [
    { client: ['SYN-SENT'], server: ['UNKNOWN'] },
    { client: ['SYN-SENT', 'ESTABLISHED', 'CLOSED'], server: ['LISTEN', 'SYN-RECEIVED', 'LISTEN'] },
  ],
  // The FIN-WAIT-2 timer deletes the client's socket, which no segment shows: the capture takes
  // the server's FIN as received in FIN-WAIT-2 (TIME-WAIT), and the client's RST answering it as
  // an abort (CLOSED), where the simulator's client was CLOSED already and answered a FIN for no
  // connection.
  'close-wait-leak': [{ client: ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSED'], server: ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED'] }],
};

for (const s of SCENARIOS) {
  test(`pcap → capture timeline: scenario ${s.number} (${s.id}) shows the simulator's states`, () => {
    const steps = run(s);
    const timeline = timelineOfCapture(exchangePcap(steps), { profile: s.profile === 'linux' ? 'linux' : 'rfc9293' });
    assert.equal(timeline.error, undefined);
    assert.equal(timeline.tcpSegments, expectedFrames(steps).length);
    const seen = timeline.connections.map(pathsOf);
    const path: Paths = { client: capturePath(steps, 'client'), server: capturePath(steps, 'server') };
    const exception = CAPTURE_SEES[s.id];
    if (exception === undefined) {
      assert.deepEqual(seen, [path], 'one connection, each endpoint through the simulator\'s states');
      return;
    }
    assert.deepEqual(seen, exception);
    if (s.id === 'reset') {
      const joined = (e: keyof Paths): string[] => distinct(seen.flatMap((p) => p[e]));
      assert.deepEqual({ client: joined('client'), server: joined('server') }, path);
    }
  });
}

// ---- packetdrill ----

/** event_time: 0 for the first line, then +T, or +T~+T (a range, on outbound packets only). */
const TIME = String.raw`(?:0|\+(?:\d+|\d*\.\d+)(?:~\+(?:\d+|\d*\.\d+))?)`;
/** Syntax.md's tcp_packet_spec, as this export writes it: direction, flags, start:end(len), ack, win, options. */
const PACKET = new RegExp(String.raw`^ *(${TIME}) ([<>]) ([SFRP]+\.?|\.) (\d+):(\d+)\((\d+)\)(?: ack (\d+))?(?: win (\d+))?(?: <(\.\.\.|[a-zA-Z]+(?: \d+)?(?:,[a-zA-Z]+(?: \d+)?)*)>)?$`);
/** syscall_spec: name(arguments) = result [ERRNO (note)]. */
const SYSCALL = new RegExp(String.raw`^ *(?:0|\+(?:\d+|\d*\.\d+)) [a-z_]+\(.*\) = -?\d+(?: E[A-Z]+ \([^)]*\))?$`);

function checkGrammar(script: string, where: string): { inbound: number; outbound: number } {
  let inbound = 0;
  let outbound = 0;
  for (const line of script.trimEnd().split('\n')) {
    if (line.startsWith('//')) continue;
    const packet = PACKET.exec(line);
    if (!packet) {
      assert.match(line, SYSCALL, `${where}: neither a comment, a packet nor a system call`);
      continue;
    }
    const [, time, direction, flags, start, end, len, ack, win, options] = packet;
    if (time!.includes('~')) assert.equal(direction, '>', `${where}: a time range only on what the kernel sends: ${line}`);
    assert.equal(Number(end), Number(start) + Number(len), `${where}: ${line}`);
    assert.equal(ack !== undefined, flags!.endsWith('.'), `${where}: ack exactly with the ACK flag: ${line}`);
    assert.equal(win !== undefined, direction === '<', `${where}: a window on what is injected only: ${line}`);
    assert.equal(options !== undefined, flags!.includes('S'), `${where}: options on a SYN: ${line}`);
    if (options === '...') assert.equal(direction, '>', `${where}: <...> only on what the kernel sends`);
    if (direction === '<') inbound++;
    else outbound++;
  }
  return { inbound, outbound };
}

test('packetdrill: scenario 1 with the client as the system under test', () => {
  const script = packetdrillScript(run(scenario('handshake-and-teardown')), 'client');
  const [first, second] = script.split('\n');
  assert.match(first!, /^\/\/ packetdrill script generated by TCP State Lens/);
  assert.match(second!, /System under test: the client/);
  assert.match(script, /^\/\/ Profile hint: Linux/m);
  assert.deepEqual(script.split('\n').filter((l) => l !== '' && !l.startsWith('//')), [
    '    0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '   +0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
    '   +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation is now in progress)',
    '   +0 > S 0:0(0) <...>',
    '  +.2 < S. 300:300(0) ack 1 win 65535 <mss 1460>',
    '   +0 > . 1:1(0) ack 1',
    '  +.2 write(3, ..., 100) = 100',
    '   +0 > P. 1:101(100) ack 1',
    '  +.2 < . 1:1(0) ack 101 win 65535',
    '  +.1 close(3) = 0',
    '   +0 > F. 101:101(0) ack 1',
    '  +.2 < . 1:1(0) ack 102 win 65535',
    '  +.2 < F. 1:1(0) ack 102 win 65535',
    '   +0 > . 102:102(0) ack 2',
  ]);
  assert.match(script, /^\/\/ the client's TIME-WAIT timer \(TCP_TIMEWAIT_LEN, 60 s\) fires: TIME-WAIT → CLOSED$/m);
});

test('packetdrill: scenario 1 with the server as the system under test', () => {
  const script = packetdrillScript(run(scenario('handshake-and-teardown')), 'server');
  assert.match(script.split('\n')[1]!, /System under test: the server/);
  assert.deepEqual(script.split('\n').filter((l) => l !== '' && !l.startsWith('//')), [
    '    0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '   +0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0',
    '   +0 bind(3, ..., ...) = 0',
    '   +0 listen(3, 1) = 0',
    '  +.2 < S 100:100(0) win 65535 <mss 1460>',
    // In a SYN the ack is absolute: the client's ISS 100, plus one.
    '   +0 > S. 0:0(0) ack 101 <...>',
    '  +.2 < . 1:1(0) ack 1 win 65535',
    '   +0 accept(3, ..., ...) = 4',
    '  +.2 < P. 1:101(100) ack 1 win 65535',
    '   +0 > . 1:1(0) ack 101',
    '   +0 read(4, ..., 100) = 100',
    '  +.3 < F. 101:101(0) ack 1 win 65535',
    '   +0 > . 1:1(0) ack 102',
    '  +.2 close(4) = 0',
    '   +0 > F. 1:1(0) ack 102',
    '  +.2 < . 102:102(0) ack 2 win 65535',
  ]);
});

test('packetdrill: an abort, a lost segment, a timer and a copy are written as packetdrill has them', () => {
  const reset = packetdrillScript(run(scenario('reset')), 'client');
  assert.match(reset, /^ {2}\+\.2 setsockopt\(3, SOL_SOCKET, SO_LINGER, \{onoff=1, linger=0\}, 8\) = 0\n {3}\+0 close\(3\) = 0\n {3}\+0 > R 1:1\(0\)$/m);
  const lastAck = packetdrillScript(run(scenario('last-ack-lost')), 'server');
  // The client's ACK is lost on its way to the server: never injected. The FIN comes again when
  // the RTO runs out: from TCP_RTO_MIN to the initial RTO after it was first sent, a range.
  assert.match(lastAck, /^\/\/ the network loses the client's segment ACK seq=102 ack=302: it never arrives\n\/\/ the server's retransmission timer fires[^\n]*\n\+\.2~\+1 > F\. 1:1\(0\) ack 2$/m);
  // A SYN's timeout is TCP_TIMEOUT_INIT, 1 s, for the first few (tcp_syn_linear_timeouts): an exact time.
  const synLost = packetdrillScript(run(scenario('syn-lost')), 'client');
  assert.equal(synLost.match(/^ {3}\+1 > S 0:0\(0\) <\.\.\.>$/gm)?.length, 2);
  assert.match(synLost, /no retries left: connect\(\) fails, ETIMEDOUT/);
  const copy = packetdrillScript(runEvents(DUPLICATED), 'server');
  assert.match(copy, /^\/\/ the network duplicates the client's segment ACK seq=101 ack=301 len=100: the server receives it twice$/m);
  assert.equal(copy.match(/< P\. 1:101\(100\) ack 1 win 65535/g)?.length, 2);
});

test('packetdrill: every line parses, and there is one < per segment received and one > per segment sent', () => {
  const exchanges: [string, readonly StepFacts[]][] = [...SCENARIOS.map((s): [string, readonly StepFacts[]] => [s.id, run(s)]), ['duplicated', runEvents(DUPLICATED)]];
  for (const [name, steps] of exchanges) {
    for (const endpoint of ['client', 'server'] as const) {
      const where = `${name} as ${endpoint}`;
      const { inbound, outbound } = checkGrammar(packetdrillScript(steps, endpoint), where);
      assert.equal(inbound, steps.filter((s) => s.delivered?.to === endpoint).length, `${where}: received`);
      assert.equal(outbound, steps.flatMap((s) => s.sent).filter((s) => s.from === endpoint).length, `${where}: sent`);
    }
  }
});
