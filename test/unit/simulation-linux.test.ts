// The simulator's 'linux' profile: where Linux and RFC 9293 differ, the engine does what Linux
// does and reports each difference as a fact with its source; the 'rfc9293' profile (the
// default) stays as it was. And the settled driver the kernel test (test/kernel/) compares with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario, runSettled, scenarioById, simulate, SCENARIOS, type Scenario, type SimEvent, type StepFacts } from '../../src/core/simulation';
import { walkthroughView } from '../../src/core/views/walkthrough-view';

const base = { id: 'x', number: 0, title: { en: 'x', 'zh-cn': 'x' }, summary: { en: 'x', 'zh-cn': 'x' }, iss: { client: 100, server: 300 } };
const user = (endpoint: 'client' | 'server', call: 'passive-open' | 'active-open' | 'send' | 'close' | 'shutdown' | 'abort' | 'stop-reading', bytes?: number): SimEvent => ({ kind: 'user', endpoint, call, ...(bytes ? { bytes } : {}) });
const to = (endpoint: 'client' | 'server'): SimEvent => ({ kind: 'deliver', to: endpoint });
const HANDSHAKE: readonly SimEvent[] = [user('server', 'passive-open'), user('client', 'active-open'), to('server'), to('client'), to('server')];
const numbers = (step: StepFacts | undefined): string[] => (step?.sent ?? []).map((s) => `${s.flags.join(',')} ${s.seq}${s.ack === undefined ? '' : `/${s.ack}`}`);
const differences = (steps: readonly StepFacts[]): string[] => steps.flatMap((step) => step.differences.map((d) => `${step.index} ${d.endpoint} ${d.id}`));

test("the default profile is RFC 9293's: every scenario but the Linux one runs as before, with no differences", () => {
  for (const scenario of SCENARIOS) {
    const steps = runScenario(scenario);
    if (scenario.profile === 'linux') continue;
    assert.deepEqual(differences(steps), [], scenario.id);
    assert.deepEqual(runScenario(scenario, { profile: 'rfc9293' }), steps, scenario.id);
  }
});

test('close() with unread data: FIN under RFC 9293, RST (with ACK) under Linux, both CLOSED at once (§3.6.1 SHLD-3)', () => {
  const scenario: Scenario = { ...base, events: [...HANDSHAKE, user('server', 'stop-reading'), user('client', 'send', 100), to('server'), to('client'), user('server', 'close'), to('client')] };
  const rfc = runScenario(scenario);
  assert.deepEqual(numbers(rfc[10]), ['FIN,ACK 301/201']);
  assert.deepEqual([rfc.at(-1)?.states.client, rfc.at(-1)?.states.server], ['CLOSE-WAIT', 'FIN-WAIT-1']);
  const linux = runScenario(scenario, { profile: 'linux' });
  assert.deepEqual(numbers(linux[10]), ['RST,ACK 301/201']);
  assert.deepEqual(linux[10]?.rows, ['U14']);
  assert.deepEqual(linux[10]?.differences.map((d) => [d.id, d.rfcRow]), [['close-with-unread-data', 'U08'], ['abort-rst-carries-ack', 'U14']]);
  assert.match(linux[10]?.differences[0]?.source ?? '', /RFC 9293 §3.6.1.*SHLD-3.*tcp_close/);
  assert.deepEqual([linux.at(-1)?.states.client, linux.at(-1)?.states.server, linux.at(-1)?.rows], ['CLOSED', 'CLOSED', ['R33']]);
  // Data that was read leaves close() alone.
  const read: Scenario = { ...base, events: [...HANDSHAKE, user('client', 'send', 100), to('server'), to('client'), user('server', 'close')] };
  assert.deepEqual(numbers(runScenario(read, { profile: 'linux' }).at(-1)), ['FIN,ACK 301/201']);
});

test('data after close(): accepted in FIN-WAIT-2 under RFC 9293 (R40), answered with RST under Linux', () => {
  const scenario: Scenario = { ...base, events: [...HANDSHAKE, user('client', 'close'), to('server'), to('client'), user('server', 'send', 50), to('client'), to('server')] };
  const rfc = runScenario(scenario);
  assert.deepEqual(rfc[10]?.rows, ['R40']);
  assert.equal(rfc[10]?.states.client, 'FIN-WAIT-2');
  const linux = runScenario(scenario, { profile: 'linux' });
  assert.deepEqual([linux[10]?.rows, linux[10]?.states.client, numbers(linux[10])], [['U14'], 'CLOSED', ['RST 102']]);
  assert.deepEqual(linux[10]?.differences.map((d) => [d.id, d.rfcRow]), [['data-after-close', 'R40']]);
  assert.deepEqual([linux[11]?.rows, linux[11]?.states.server], [['R33'], 'CLOSED']);
  // After shutdown(SHUT_WR) the application still reads: no RST.
  const half: Scenario = { ...scenario, events: scenario.events.map((e) => (e.kind === 'user' && e.call === 'close' ? user('client', 'shutdown') : e)) };
  assert.deepEqual(runScenario(half, { profile: 'linux' })[10]?.rows, ['R40']);
});

test("R14: a SYN,ACK,FIN in SYN-SENT gives CLOSE-WAIT under RFC 9293; Linux ACKs SEQ+1 only and stays ESTABLISHED", () => {
  const scenario: Scenario = { ...base, events: [user('client', 'active-open'), { kind: 'inject', to: 'client', flags: ['SYN', 'FIN', 'ACK'], seq: 300, ack: 101 }, to('client')] };
  const rfc = runScenario(scenario).at(-1);
  assert.deepEqual([rfc?.rows, rfc?.states.client, numbers(rfc)], [['R14'], 'CLOSE-WAIT', ['ACK 101/302']]);
  const linux = runScenario(scenario, { profile: 'linux' }).at(-1);
  assert.deepEqual([linux?.rows, linux?.states.client, numbers(linux)], [['R12'], 'ESTABLISHED', ['ACK 101/301']]);
  assert.deepEqual(linux?.differences.map((d) => [d.id, d.rfcRow]), [['syn-ack-fin-in-syn-sent', 'R14']]);
});

test('RFC 5961 in both profiles: a SYN in ESTABLISHED and an in-window RST off RCV.NXT get a challenge ACK', () => {
  for (const profile of ['rfc9293', 'linux'] as const) {
    const syn: Scenario = { ...base, events: [...HANDSHAKE, { kind: 'inject', to: 'server', flags: ['SYN'], seq: 5000 }, to('server')] };
    const s = runScenario(syn, { profile }).at(-1);
    assert.deepEqual([s?.rows, s?.states.server, numbers(s), s?.differences], [['R31'], 'ESTABLISHED', ['ACK 301/101'], []], profile);
    const rst: Scenario = { ...base, events: [...HANDSHAKE, { kind: 'inject', to: 'server', flags: ['RST'], seq: 150 }, to('server')] };
    const r = runScenario(rst, { profile }).at(-1);
    assert.deepEqual([r?.rows, r?.states.server, numbers(r), r?.differences], [['R20'], 'ESTABLISHED', ['ACK 301/101'], []], profile);
  }
});

test('a RST in TIME-WAIT ends it (R51) under RFC 9293 and Linux with tcp_rfc1337=0, and is ignored with 1', () => {
  const teardown: SimEvent[] = [...HANDSHAKE, user('client', 'close'), to('server'), to('client'), user('server', 'close'), to('client'), to('server')];
  const scenario: Scenario = { ...base, events: [...teardown, { kind: 'inject', to: 'client', flags: ['RST'], seq: 302 }, to('client')] };
  for (const options of [{}, { profile: 'linux' as const }, { profile: 'linux' as const, sysctl: { tcp_rfc1337: 0 as const } }]) {
    const last = runScenario(scenario, options).at(-1);
    assert.deepEqual([last?.rows, last?.states.client, last?.differences], [['R51'], 'CLOSED', []], JSON.stringify(options));
  }
  const ignored = runScenario(scenario, { profile: 'linux', sysctl: { tcp_rfc1337: 1 } }).at(-1);
  assert.deepEqual([ignored?.rows, ignored?.states.client, ignored?.sent, ignored?.timers.map((t) => t.kind)], [[], 'TIME-WAIT', [], ['time-wait']]);
  assert.deepEqual(ignored?.differences.map((d) => [d.id, d.rfcRow]), [['rst-in-time-wait-ignored', 'R51']]);
});

test('an abort under Linux sends RST,ACK; under RFC 9293 a bare RST', () => {
  const scenario: Scenario = { ...base, events: [...HANDSHAKE, user('client', 'abort')] };
  assert.deepEqual(numbers(runScenario(scenario).at(-1)), ['RST 101']);
  assert.deepEqual(numbers(runScenario(scenario, { profile: 'linux' }).at(-1)), ['RST,ACK 101/301']);
});

test('scenario 12 is Linux\'s and the walkthrough says where Linux differs, in both languages', () => {
  const scenario = scenarioById('close-with-unread-data') as Scenario;
  assert.equal(scenario.profile, 'linux');
  const close = simulate(scenario).find((step) => step.differences.length > 0);
  assert.ok(close);
  assert.match(close.narration.en, /Linux differs here: close\(\) with received data the application never read sends RST instead of FIN.*\(RFC 9293 §3\.6\.1/);
  assert.match(close.narration['zh-cn'], /此处 Linux 与 RFC 不同/);
  const view = walkthroughView(scenario, 'en');
  assert.ok(view.steps.some((step) => /Linux differs here/.test(step.narration)));
  assert.ok(view.steps.some((step) => step.lastArrow === 'RST,ACK seq=301 ack=201'), view.steps.map((s) => s.lastArrow).join(' | '));
  // The same events under RFC 9293 close with a FIN.
  assert.ok(simulate(scenario, { profile: 'rfc9293' }).some((step) => step.sent.some((s) => s.flags.includes('FIN'))));
});

test('runSettled delivers everything after each call; a shut window holds data and FIN but not ACKs (forced simultaneous close)', () => {
  const settled = runSettled([
    { endpoint: 'server', call: 'passive-open' },
    { endpoint: 'client', call: 'active-open' },
    { endpoint: 'client', call: 'send', bytes: 1000, windowShut: 'server' },
    { endpoint: 'client', call: 'shutdown', windowShut: 'server' },
    { endpoint: 'server', call: 'shutdown', windowShut: 'server' },
    {},
  ], { profile: 'linux' });
  assert.deepEqual(settled.map((s) => `${s.states.client}/${s.states.server}`), [
    'CLOSED/LISTEN', 'ESTABLISHED/ESTABLISHED', 'ESTABLISHED/ESTABLISHED', 'FIN-WAIT-1/ESTABLISHED', 'CLOSING/FIN-WAIT-2', 'TIME-WAIT/TIME-WAIT',
  ]);
  assert.deepEqual(settled[1]?.steps.map((s) => s.event?.kind), ['user', 'deliver', 'deliver', 'deliver']);
  assert.deepEqual(settled.at(-1)?.steps.at(-1)?.inFlight, []);
});
