// The simulator against RFC 9293: every step is a row of the transition table, every scenario
// follows the RFC's figures, and the numbers are the ones the figures print.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCENARIOS, scenarioById, simulate, type Scenario, type SimEvent, type Step } from '../../src/core/simulation';
import { TRANSITIONS } from '../../src/core/model/transitions';
import { walkthroughView } from '../../src/core/views/walkthrough-view';

const ROWS = new Map(TRANSITIONS.map((row) => [row.id, row]));
const path = (steps: readonly Step[], endpoint: 'client' | 'server'): string =>
  steps.map((step) => step.states[endpoint]).filter((state, i, all) => i === 0 || all[i - 1] !== state).join(' > ');
const run = (id: string): readonly Step[] => simulate(scenarioById(id) as Scenario);
const numbers = (step: Step | undefined): string[] => (step?.sent ?? []).map((s) => `${s.flags.join(',')} ${s.seq}${s.ack === undefined ? '' : `/${s.ack}`}`);

test('twelve scenarios, numbered in order, each with a title and summary in both languages', () => {
  assert.deepEqual(SCENARIOS.map((s) => s.number), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  for (const s of SCENARIOS) for (const text of [s.title.en, s.title['zh-cn'], s.summary.en, s.summary['zh-cn']]) assert.ok(text.length > 2, s.id);
});

test('every step of every scenario is a row of the transition table that applies', () => {
  for (const scenario of SCENARIOS) {
    for (const step of simulate(scenario).slice(1)) {
      const where = `${scenario.id} step ${step.index}`;
      const event = step.event as SimEvent;
      if (event.kind === 'lose' || event.kind === 'inject') {
        assert.deepEqual(step.rows, [], where);
        assert.deepEqual(step.states, step.before, where);
        continue;
      }
      if (event.kind === 'user' && event.call === 'stop-reading') {
        // No RFC call: the application stops reading; nothing is sent, no row fires.
        assert.deepEqual([step.rows, step.sent, step.states], [[], [], step.before], where);
        continue;
      }
      assert.ok(step.rows.length > 0, `${where}: no row fired`);
      const rows = step.rows.map((id) => ROWS.get(id));
      assert.ok(rows.every(Boolean), `${where}: unknown row in ${step.rows}`);
      const actor = step.actor as 'client' | 'server';
      const first = rows[0]!;
      assert.ok(first.from.includes(step.before[actor]), `${where}: ${first.id} does not apply in ${step.before[actor]}`);
      const kind = event.kind === 'deliver' ? 'segment' : event.kind;
      assert.equal(first.eventKind === 'timer' ? 'timer' : first.eventKind, kind === 'timer' ? 'timer' : kind, `${where}: ${first.id} is not a ${kind} row`);
      if (step.states[actor] !== step.before[actor]) {
        const changing = rows.filter((row) => row!.to !== null && row!.to !== step.before[actor]);
        assert.equal(changing.at(-1)?.to, step.states[actor], `${where}: rows ${step.rows} do not lead to ${step.states[actor]}`);
      }
      // Only the actor's own state can change in one step: the other side learns by segments.
      const peer = actor === 'client' ? 'server' : 'client';
      assert.equal(step.states[peer], step.before[peer], where);
    }
  }
});

test("each scenario's state sequence is the one RFC 9293's figures give", () => {
  const client = 'CLOSED > SYN-SENT > ESTABLISHED > FIN-WAIT-1 > FIN-WAIT-2 > TIME-WAIT > CLOSED';
  const server = 'CLOSED > LISTEN > SYN-RECEIVED > ESTABLISHED > CLOSE-WAIT > LAST-ACK > CLOSED';
  const expected: Record<string, [string, string]> = {
    'handshake-and-teardown': [client, server],
    'server-closes-first': [
      'CLOSED > SYN-SENT > ESTABLISHED > CLOSE-WAIT > LAST-ACK > CLOSED',
      'CLOSED > LISTEN > SYN-RECEIVED > ESTABLISHED > FIN-WAIT-1 > FIN-WAIT-2 > TIME-WAIT > CLOSED',
    ],
    'half-close': [client, server],
    'fin-ack-combined': ['CLOSED > SYN-SENT > ESTABLISHED > FIN-WAIT-1 > TIME-WAIT > CLOSED', server],
    'simultaneous-close': [
      'CLOSED > SYN-SENT > ESTABLISHED > FIN-WAIT-1 > CLOSING > TIME-WAIT > CLOSED',
      'CLOSED > LISTEN > SYN-RECEIVED > ESTABLISHED > FIN-WAIT-1 > CLOSING > TIME-WAIT > CLOSED',
    ],
    'simultaneous-open': ['CLOSED > SYN-SENT > SYN-RECEIVED > ESTABLISHED', 'CLOSED > SYN-SENT > SYN-RECEIVED > ESTABLISHED'],
    'last-ack-lost': [client, server],
    reset: ['CLOSED > SYN-SENT > ESTABLISHED > CLOSED > SYN-SENT > CLOSED', 'CLOSED > LISTEN > SYN-RECEIVED > ESTABLISHED > CLOSED'],
    'syn-lost': ['CLOSED > SYN-SENT > CLOSED', 'CLOSED > LISTEN'],
    'old-duplicate-syn': ['CLOSED > SYN-SENT > ESTABLISHED', 'CLOSED > LISTEN > SYN-RECEIVED > LISTEN > SYN-RECEIVED > ESTABLISHED'],
    'close-wait-leak': ['CLOSED > SYN-SENT > ESTABLISHED > FIN-WAIT-1 > FIN-WAIT-2 > CLOSED', 'CLOSED > LISTEN > SYN-RECEIVED > ESTABLISHED > CLOSE-WAIT > LAST-ACK > CLOSED'],
    // Linux's profile (RFC 9293 §3.6.1 SHLD-3): the RST of an abort, not a FIN.
    'close-with-unread-data': ['CLOSED > SYN-SENT > ESTABLISHED > CLOSED', 'CLOSED > LISTEN > SYN-RECEIVED > ESTABLISHED > CLOSED'],
  };
  for (const scenario of SCENARIOS) {
    const steps = simulate(scenario);
    assert.deepEqual([path(steps, 'client'), path(steps, 'server')], expected[scenario.id], scenario.id);
  }
});

test('the handshake and teardown carry the numbers of RFC 9293 Figures 6 and 12 (ISS 100 and 300)', () => {
  const steps = run('handshake-and-teardown');
  assert.deepEqual(numbers(steps[2]), ['SYN 100']);
  assert.deepEqual(numbers(steps[3]), ['SYN,ACK 300/101']);
  assert.deepEqual(numbers(steps[4]), ['ACK 101/301']);
  // 100 bytes at 101, acknowledged with 201; the FIN takes 201 and is acknowledged with 202.
  assert.deepEqual(numbers(steps[6]), ['ACK 101/301']);
  assert.equal(steps[6]?.sent[0]?.len, 100);
  assert.deepEqual(numbers(steps[7]), ['ACK 301/201']);
  assert.deepEqual(numbers(steps[9]), ['FIN,ACK 201/301']);
  assert.deepEqual(numbers(steps[10]), ['ACK 301/202']);
  assert.deepEqual(numbers(steps[12]), ['FIN,ACK 301/202']);
  assert.deepEqual(numbers(steps[13]), ['ACK 202/302']);
});

test('simultaneous open and close carry the numbers of Figures 7 and 13', () => {
  const open = run('simultaneous-open');
  assert.deepEqual(open.flatMap(numbers), ['SYN 100', 'SYN 300', 'SYN,ACK 100/301', 'SYN,ACK 300/101']);
  assert.deepEqual(open.at(-2)?.rows, ['R23'], 'the SYN,ACK is accepted for its ACK once its SYN is trimmed');
  const close = run('simultaneous-close');
  assert.deepEqual(close.slice(6).flatMap(numbers), ['FIN,ACK 101/301', 'FIN,ACK 301/101', 'ACK 102/302', 'ACK 302/102']);
});

test('the same FIN,ACK gives TIME-WAIT when its ACK covers our FIN and CLOSING when it does not', () => {
  assert.ok(run('fin-ack-combined').some((step) => step.rows.includes('R38') && step.states.client === 'TIME-WAIT'));
  assert.ok(run('simultaneous-close').some((step) => step.rows.includes('R37') && step.states.client === 'CLOSING'));
});

test('timers: retransmission stops when the SYN is acknowledged; a lost SYN is sent again with the same SEQ', () => {
  const open = run('handshake-and-teardown');
  assert.ok(open[2]?.timersStarted.some((t) => t.endpoint === 'client' && t.kind === 'retransmission'));
  assert.ok(open[4]?.timersStopped.some((t) => t.endpoint === 'client' && t.kind === 'retransmission'));
  const lost = run('syn-lost');
  const resent = lost.flatMap((step) => step.sent).filter((s) => s.flags.includes('SYN'));
  assert.deepEqual(resent.map((s) => [s.seq, Boolean(s.retransmission)]), [[100, false], [100, true], [100, true]]);
  assert.deepEqual(lost.at(-1)?.rows, ['T02']);
  assert.deepEqual(lost.at(-1)?.timers, []);
});

test("Linux's FIN-WAIT-2 timer runs only for a socket its application closed, and stops in TIME-WAIT", () => {
  const closed = run('handshake-and-teardown');
  const fw2 = (step: Step | undefined): boolean => Boolean(step?.timers.some((t) => t.kind === 'fin-wait-2' && t.endpoint === 'client'));
  const entered = closed.findIndex((step) => step.states.client === 'FIN-WAIT-2');
  assert.ok(fw2(closed[entered]));
  assert.ok(!fw2(closed.find((step) => step.states.client === 'TIME-WAIT')));
  assert.ok(!run('half-close').some(fw2), 'shutdown(SHUT_WR) keeps the socket, so no timer');
  const leak = run('close-wait-leak');
  assert.ok(leak.some((step) => step.rows.includes('R42') && step.states.client === 'CLOSED'));
  assert.ok(leak.some((step) => step.rows.includes('R03')), 'the late FIN meets no TCB and gets a RST');
  assert.ok(leak.some((step) => step.rows.includes('R34') && step.states.server === 'CLOSED'));
});

test('a retransmitted FIN restarts TIME-WAIT (scenario 7) and the client is still there to answer it', () => {
  const steps = run('last-ack-lost');
  const answer = steps.find((step) => step.rows.includes('R49'));
  assert.ok(answer, 'R49 fired');
  assert.ok(answer.timersStopped.some((t) => t.kind === 'time-wait') && answer.timersStarted.some((t) => t.kind === 'time-wait'));
  assert.deepEqual(numbers(answer), ['ACK 102/302']);
  assert.ok(steps.some((step) => step.rows.includes('R39') && step.sent[0]?.retransmission));
});

test('ABORT sends RST at SND.NXT and goes to CLOSED (§3.10.5), and a SYN to no listener gets RST,ACK', () => {
  const steps = run('reset');
  const abort = steps.find((step) => step.rows.includes('U14'));
  assert.deepEqual(numbers(abort), ['RST 101']);
  assert.equal(abort?.states.client, 'CLOSED');
  assert.ok(steps.some((step) => step.rows.includes('R33') && step.states.server === 'CLOSED'));
  assert.ok(steps.some((step) => step.rows.includes('R02') && numbers(step)[0] === 'RST,ACK 0/101'));
  assert.ok(steps.some((step) => step.rows.includes('R11')));
});

test('impossible events fail with a clear error', () => {
  const base = { id: 'x', number: 0, title: { en: 'x', 'zh-cn': 'x' }, summary: { en: 'x', 'zh-cn': 'x' }, iss: { client: 1, server: 2 } };
  assert.throws(() => simulate({ ...base, events: [{ kind: 'deliver', to: 'server' }] }), /in flight to the server, and there is none/);
  assert.throws(() => simulate({ ...base, events: [{ kind: 'timer', endpoint: 'client', timer: 'time-wait' }] }), /no time-wait timer running/);
  assert.throws(() => simulate({ ...base, events: [{ kind: 'user', endpoint: 'client', call: 'close' }] }), /cannot close in CLOSED/);
});

test('narrations exist in both languages, the Chinese one in Chinese; runs are deterministic', () => {
  for (const scenario of SCENARIOS) {
    const steps = simulate(scenario);
    for (const step of steps) {
      assert.ok(step.narration.en.length > 10, `${scenario.id} ${step.index}`);
      assert.match(step.narration['zh-cn'], /[\u4e00-\u9fff]/, `${scenario.id} ${step.index}`);
    }
    assert.deepEqual(simulate(scenario), steps);
  }
});

test('the walkthrough view reveals one sequence diagram step by step; its last arrow is the last segment that arrived', () => {
  const view = walkthroughView(scenarioById('handshake-and-teardown') as Scenario, 'en');
  assert.match(view.sequenceSource, /^sequenceDiagram\n/);
  assert.equal(view.steps.length, 16);
  assert.equal(view.steps[0]?.arrows, 0);
  assert.equal(view.steps[3]?.lastArrow, 'SYN seq=100');
  assert.equal(view.steps[4]?.lastArrow, 'SYN,ACK seq=300 ack=101');
  assert.equal(view.steps[14]?.lastArrow, 'ACK seq=202 ack=302');
  // Counts never shrink, and each step shows something new.
  for (let i = 1; i < view.steps.length; i++) {
    const [a, b] = [view.steps[i - 1]!, view.steps[i]!];
    assert.ok(b.notes + b.arrows > a.notes + a.arrows, `step ${i} adds nothing`);
  }
  const arrows = view.sequenceSource.split('\n').filter((line) => /^ {2}[CSO]-(>>|x)[CSO]:/.test(line));
  assert.equal(arrows.length, view.steps.at(-1)?.arrows);
  // The seeds' markers ride on the classic paths' transitions.
  const markers = view.items.filter((item) => item.kind === 'note').map((item) => item.text.match(/[②-⑦]|☐\d/)?.[0]).filter(Boolean);
  assert.deepEqual(markers, ['☐2', '②', '☐3', '③', '☐4', '④', '☐5', '⑤', '☐6', '⑥', '☐7', '⑦']);
  const lost = walkthroughView(scenarioById('last-ack-lost') as Scenario, 'zh-cn');
  assert.match(lost.sequenceSource, /C-xS: ACK seq=102 ack=302（丢失）/);
  assert.ok(lost.steps.some((step) => step.timers.some((t) => /2MSL/.test(t.what))));
});
