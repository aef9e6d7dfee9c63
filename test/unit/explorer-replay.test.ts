// Which part of an explorer history real sockets on loopback can replay (src/kernel-replay/),
// without a socket: each application call, followed by the network delivering what is in
// flight, oldest first; the first event loopback cannot make happen stops it, with words a
// learner can read. And the two readings the replay makes of the kernel: /proc/net/tcp's rows
// and Linux's state names. The replay itself runs in test/kernel/explorer-replay.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linuxToRfcState, parseProcNetTcp, replayableEvents } from '../../src/kernel-replay/index';
import { runEvents, scenarioById, SCENARIOS, type SimEvent } from '../../src/core/simulation';

const listen: SimEvent = { kind: 'user', endpoint: 'server', call: 'passive-open' };
const connect: SimEvent = { kind: 'user', endpoint: 'client', call: 'active-open' };
const to = (endpoint: 'client' | 'server'): SimEvent => ({ kind: 'deliver', to: endpoint });
const HANDSHAKE: readonly SimEvent[] = [listen, connect, to('server'), to('client'), to('server')];
const eventsOf = (id: string): readonly SimEvent[] => {
  const scenario = scenarioById(id);
  assert.ok(scenario, id);
  return scenario.events;
};

test('scenario 1: five calls, each with the deliveries after it, then a stop at the TIME-WAIT timer', () => {
  const events = (SCENARIOS[0] ?? assert.fail('no scenario 1')).events;
  const plan = replayableEvents(events);
  assert.deepEqual(plan.calls.map((c) => [c.step, c.label, c.deliveries]), [
    [1, 'listen(server)', []],
    [2, 'connect(client)', [3, 4, 5]],
    [6, 'write(client, 100)', [7, 8]],
    [9, 'close(client)', [10, 11]],
    [12, 'close(server)', [13, 14]],
  ]);
  assert.equal(plan.stoppedAt?.step, 15);
  assert.match(plan.stoppedAt?.reason.en ?? '', /^the client's TIME-WAIT timer fires; Linux keeps TIME-WAIT for 60 s/);
  assert.match(plan.stoppedAt?.reason['zh-cn'] ?? '', /^客户端的 TIME-WAIT 定时器到期；Linux 让 TIME-WAIT 保持 60 秒/);
  // What the kernel should show after each call: the simulator (linux) just before the next call.
  const sim = runEvents(events, { profile: 'linux' });
  for (const call of plan.calls) {
    const last = sim[call.deliveries.at(-1) ?? call.step];
    assert.deepEqual(call.settled, last?.states, call.label);
    assert.equal(call.complete, true, call.label);
  }
  assert.deepEqual(plan.calls.at(-1)?.settled, { client: 'TIME-WAIT', server: 'CLOSED' });
});

test('a loss stops the replay at its step; the call before it still settles as loopback would', () => {
  const plan = replayableEvents([listen, connect, { kind: 'lose', to: 'server' }]);
  assert.deepEqual(plan.stoppedAt, {
    step: 3,
    reason: { en: 'the network loses SYN seq=100 on its way to the server; loopback never loses one', 'zh-cn': '网络丢弃了发往服务器的 SYN seq=100；环回从不丢包' },
  });
  assert.deepEqual(plan.calls.map((c) => c.step), [1, 2]);
  const connectCall = plan.calls[1];
  assert.equal(connectCall?.complete, false);
  assert.deepEqual(connectCall?.settled, { client: 'ESTABLISHED', server: 'ESTABLISHED' });
});

test('every event loopback cannot produce stops the replay, and says why', () => {
  const cases: [string, readonly SimEvent[], number, RegExp][] = [
    ['a call while a segment is in flight', [listen, connect, { kind: 'user', endpoint: 'client', call: 'close' }], 3, /the client calls close\(client\) while a segment is still on the way; on loopback it would have arrived already/],
    ['a delayed ACK (scenario 4)', eventsOf('fin-ack-combined'), 7, /the server holds back the ACK it owes/],
    ['the newest segment first', [listen, connect, { kind: 'deliver', to: 'server', newest: true }], 3, /overtakes older ones; loopback delivers segments in the order they were sent/],
    ['a copy', [listen, connect, { kind: 'duplicate', to: 'server', segment: 1 }], 3, /the network duplicates SYN seq=100 on its way to the server; loopback never makes copies/],
    ['an old duplicate (scenario 10)', eventsOf('old-duplicate-syn'), 3, /an old segment of an earlier connection \(SYN seq=90\) appears/],
    ['a retransmission timeout', [listen, connect, { kind: 'timer', endpoint: 'client', timer: 'retransmission' }], 3, /the client's retransmission timer fires/],
    ["Linux's FIN-WAIT-2 timeout (scenario 11)", eventsOf('close-wait-leak'), 9, /the client's FIN-WAIT-2 timer fires; Linux waits net\.ipv4\.tcp_fin_timeout \(60 s by default\)/],
    ['the server connecting (scenario 6)', eventsOf('simultaneous-open'), 2, /the server connects to the client; the replay lets only the client connect/],
    ['a client listening', [{ kind: 'user', endpoint: 'client', call: 'passive-open' }], 1, /the client listens/],
    ['an event the simulator refuses', [{ kind: 'user', endpoint: 'client', call: 'close' }], 1, /the simulator cannot play this event/],
  ];
  for (const [what, events, step, reason] of cases) {
    const plan = replayableEvents(events);
    assert.equal(plan.stoppedAt?.step, step, what);
    assert.match(plan.stoppedAt?.reason.en ?? '', reason, what);
    assert.match(plan.stoppedAt?.reason['zh-cn'] ?? '', /[\u4e00-\u9fff]/, what);
    assert.ok(plan.calls.every((c) => c.step < step), what);
  }
});

test('a history loopback can replay to its end has no stop: the RST of scenario 12, the refused connect of scenario 8', () => {
  const unread = replayableEvents(eventsOf('close-with-unread-data'));
  assert.equal(unread.stoppedAt, undefined);
  assert.deepEqual(unread.calls.map((c) => c.label), ['listen(server)', 'connect(client)', 'stop-reading(server)', 'write(client, 100)', 'close(server)']);
  // From the stop-reading call on, the server's application reads no more, until close() ends
  // the connection (CLOSED deletes the TCB: a next one reads again).
  assert.deepEqual(unread.calls.map((c) => c.reading.server), [true, true, false, false, true]);
  assert.deepEqual(unread.calls.at(-1)?.settled, { client: 'CLOSED', server: 'CLOSED' });
  const reset = replayableEvents(eventsOf('reset'));
  assert.equal(reset.stoppedAt, undefined);
  assert.deepEqual(reset.calls.map((c) => [c.step, c.label, c.settled.client, c.settled.server]), [
    [1, 'listen(server)', 'CLOSED', 'LISTEN'],
    [2, 'connect(client)', 'ESTABLISHED', 'ESTABLISHED'],
    [6, 'abort(client)', 'CLOSED', 'CLOSED'],
    [8, 'connect(client)', 'CLOSED', 'CLOSED'],
  ]);
});

test("deliveries the explorer names by segment id are loopback's when they take the oldest in flight", () => {
  const plan = replayableEvents([listen, connect, { kind: 'deliver', to: 'server', segment: 1 }, { kind: 'deliver', to: 'client', segment: 2 }, { kind: 'deliver', to: 'server', segment: 3 }]);
  assert.equal(plan.stoppedAt, undefined);
  assert.deepEqual(plan.calls.map((c) => [c.step, c.deliveries, c.complete]), [[1, [], true], [2, [3, 4, 5], true]]);
});

test("the stop's words name the segments with the ISS the explorer ran", () => {
  const plan = replayableEvents([listen, connect, { kind: 'lose', to: 'server' }], { iss: { client: 1000, server: 5000 } });
  assert.match(plan.stoppedAt?.reason.en ?? '', /loses SYN seq=1000 /);
});

test('replayableEvents is pure: the same events, the same plan, and the events untouched', () => {
  const events = [...HANDSHAKE, { kind: 'user', endpoint: 'client', call: 'close' } as const, to('server'), to('client')];
  const copy = JSON.parse(JSON.stringify(events)) as unknown;
  assert.deepEqual(replayableEvents(events), replayableEvents(events));
  assert.deepEqual(events, copy);
});

test("Linux's state names -> RFC 9293's; no socket is CLOSED", () => {
  const pairs: [string, string][] = [
    ['ESTABLISHED', 'ESTABLISHED'], ['SYN_SENT', 'SYN-SENT'], ['SYN_RECV', 'SYN-RECEIVED'], ['FIN_WAIT1', 'FIN-WAIT-1'],
    ['FIN_WAIT2', 'FIN-WAIT-2'], ['TIME_WAIT', 'TIME-WAIT'], ['CLOSE', 'CLOSED'], ['CLOSE_WAIT', 'CLOSE-WAIT'],
    ['LAST_ACK', 'LAST-ACK'], ['LISTEN', 'LISTEN'], ['CLOSING', 'CLOSING'], ['NEW_SYN_RECV', 'SYN-RECEIVED'],
    ['-', 'CLOSED'], ['TCP_TIME_WAIT', 'TIME-WAIT'],
  ];
  for (const [linux, rfc] of pairs) assert.equal(linuxToRfcState(linux), rfc, linux);
  assert.throws(() => linuxToRfcState('ESTAB'), RangeError);
});

test('/proc/net/tcp: ports, addresses and state codes, on little- and big-endian hosts', () => {
  const text = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:89D9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0',
    '   1: 0100007F:B1E2 0100007F:89D9 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000',
    '   2: 0100007F:89D9 0100007F:B1E2 0C 00000000:00000000 00:00000000 00000000     0        0 0 1 0000000000000000',
    '   3: 0100007F:0016 0100007F:0017 0D 00000000:00000000 00:00000000 00000000     0        0 0 1 0000000000000000',
    '',
  ].join('\n');
  assert.deepEqual(parseProcNetTcp(text, true), [
    { localAddress: '127.0.0.1', localPort: 35289, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN' },
    { localAddress: '127.0.0.1', localPort: 45538, remoteAddress: '127.0.0.1', remotePort: 35289, state: 'TIME_WAIT' },
    { localAddress: '127.0.0.1', localPort: 35289, remoteAddress: '127.0.0.1', remotePort: 45538, state: 'NEW_SYN_RECV' },
    // 0D (BOUND_INACTIVE) is no state a connection of the replay is in: left out
  ]);
  assert.equal(parseProcNetTcp('   0: 7F000001:89D9 7F000001:B1E2 01 00000000:00000000 00:00000000 00000000     0        0 1 1 0', false)[0]?.remoteAddress, '127.0.0.1');
});
