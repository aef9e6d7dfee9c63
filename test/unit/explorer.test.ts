// The explorer's session (src/core/explorer): the choices come from the transition table and
// the running timers and the network; picking one plays it and records the rows; going back
// to a step and choosing differently makes a branch, and restoring a step restores exactly the
// TCBs it had; a profile switch marks each step whose outcome changed, with its reason and
// source; predict mode scores right and wrong answers; the saved history comes back whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Explorer, History, judge, pinnedEvents, sameEvent, type Choice } from '../../src/core/explorer';
import { runEvents, SCENARIOS, scenarioById, type Run, type SimEvent } from '../../src/core/simulation';
import { explorerView, verdictText } from '../../src/core/views/explorer-view';
import { unplayableText } from '../../src/core/views/explorer-words';
import { parseExplorerMessage, parseExplorerState, parseSimEvent } from '../../src/shared/explorer-protocol';

const scenario1 = SCENARIOS[0] as (typeof SCENARIOS)[number];
const fromScenario = (id = scenario1.id, profile: 'rfc9293' | 'linux' = 'rfc9293'): Explorer => {
  const scenario = scenarioById(id);
  assert.ok(scenario);
  return new Explorer({ iss: scenario.iss, profile, ...(scenario.synRetries !== undefined ? { synRetries: scenario.synRetries } : {}) }, pinnedEvents(scenario, profile));
};
const ids = (choices: readonly Choice[]): string[] => choices.map((c) => c.id);
/** Everything of both TCBs, the network and the states: what "exactly the earlier TCBs" means. */
const worldOf = (run: Run): unknown => JSON.parse(JSON.stringify({ tcb: run.world.tcb, timers: [run.world.tcb.client.timers, run.world.tcb.server.timers].map((t) => [...t]), network: run.world.network, states: [run.world.stateOf('client'), run.world.stateOf('server')] }));

/** Delivers the oldest segment in flight (the explorer's first deliver choice); fails when none is offered. */
function deliverNext(explorer: Explorer): void {
  const d = explorer.choices().find((c) => c.kind === 'deliver');
  assert.ok(d, 'a segment to deliver');
  explorer.choose(d.id);
}

/** A session through the three-way handshake by the explorer's own choices: both ESTABLISHED. */
function established(start: ConstructorParameters<typeof Explorer>[0] = {}): Explorer {
  const explorer = new Explorer(start);
  for (const id of ['call:server:passive-open', 'call:client:active-open']) explorer.choose(id);
  for (let i = 0; i < 3; i++) deliverNext(explorer);
  assert.deepEqual(explorer.steps.at(-1)?.states, { client: 'ESTABLISHED', server: 'ESTABLISHED' });
  return explorer;
}

test('at the start only the OPEN calls apply (U01, U02): the table, not a list, decides', () => {
  const explorer = new Explorer();
  assert.deepEqual(ids(explorer.choices()), ['call:client:passive-open', 'call:client:active-open', 'call:server:passive-open', 'call:server:active-open']);
  const connect = explorer.choices().find((c) => c.id === 'call:client:active-open');
  assert.deepEqual(connect?.outcome.rows, ['U02']);
  assert.deepEqual(connect?.outcome.sent.map((s) => s.flags.join(',')), ['SYN']);
});

test('every segment in flight can be delivered, dropped or duplicated; a running timer can fire', () => {
  const explorer = new Explorer();
  explorer.choose('call:server:passive-open');
  explorer.choose('call:client:active-open');
  const choices = explorer.choices();
  const syn = explorer.steps.at(-1)?.inFlight[0];
  assert.ok(syn);
  for (const kind of ['deliver', 'drop', 'duplicate']) assert.ok(choices.some((c) => c.id === `${kind}:${syn.id}`), kind);
  assert.ok(choices.some((c) => c.id === 'timer:client:retransmission'));
  // A call the table refuses in the state is not offered: no second connect in SYN-SENT, no SEND before ESTABLISHED.
  assert.ok(!choices.some((c) => c.id === 'call:client:active-open' || c.id === 'call:client:send'));
  // Duplicating then delivering both copies: the second SYN arrives in SYN-RECEIVED.
  explorer.choose(`duplicate:${syn.id}`);
  assert.equal(explorer.steps.at(-1)?.inFlight.length, 2);
  const copy = explorer.steps.at(-1)?.inFlight[1];
  assert.equal(copy?.duplicate, true);
  explorer.choose(`deliver:${syn.id}`);
  assert.equal(explorer.steps.at(-1)?.states.server, 'SYN-RECEIVED');
  const second = explorer.choose(`deliver:${copy?.id}`);
  assert.ok(second && second.step.rows.length > 0, 'the copy fires a row in SYN-RECEIVED');
});

test('segments cross: a held segment stays in flight while others go first', () => {
  const explorer = fromScenario('simultaneous-close');
  // In the scenario both FINs are in flight at once; deliver the newest first by id.
  const flight = explorer.steps.map((s) => s.inFlight.length);
  assert.ok(Math.max(...flight) >= 2, 'two segments in flight at once');
});

test('from scenario 1, drop the last ACK: the FIN is retransmitted and re-acknowledged from TIME-WAIT, 2MSL restarted (R39, R49)', () => {
  const explorer = fromScenario();
  assert.equal(explorer.steps.length, scenario1.events.length + 1);
  assert.equal(explorer.goTo(13), undefined);
  assert.deepEqual(explorer.steps.at(-1)?.states, { client: 'TIME-WAIT', server: 'LAST-ACK' });
  const drop = explorer.choices().find((c) => c.kind === 'drop');
  assert.ok(drop);
  assert.equal(drop.segment?.flags.join(','), 'ACK');
  explorer.choose(drop.id);
  const retransmit = explorer.choose('timer:server:retransmission');
  assert.deepEqual(retransmit?.step.rows, ['R39']);
  assert.equal(retransmit?.step.sent[0]?.retransmission, true);
  const again = explorer.choices().find((c) => c.kind === 'deliver');
  assert.ok(again);
  const answered = explorer.choose(again.id);
  assert.deepEqual(answered?.step.rows, ['R49']);
  assert.ok(answered?.step.timersStopped.some((t) => t.kind === 'time-wait') && answered.step.timersStarted.some((t) => t.kind === 'time-wait'), '2MSL restarted');
  assert.deepEqual(answered?.step.sent.map((s) => s.flags.join(',')), ['ACK']);
  assert.ok(explorer.visitedRows.has('R49') && explorer.visitedRows.has('R47'), 'both branches count');
});

test('going back and choosing differently branches; restoring a step restores exactly its TCBs', () => {
  const explorer = fromScenario();
  explorer.goTo(13);
  const at13 = worldOf(explorer.fork());
  const steps13 = explorer.steps;
  const drop = explorer.choices().find((c) => c.kind === 'drop');
  assert.ok(drop);
  explorer.choose(drop.id);
  explorer.choose('timer:server:retransmission');
  const dropBranch = explorer.current;
  assert.deepEqual(explorer.history.branchPoints(), [13]);
  explorer.goTo(13);
  assert.deepEqual(worldOf(explorer.fork()), at13);
  assert.deepEqual(explorer.steps, steps13);
  // Delivering the ACK now is the scenario's own step 14: the same node, not a twin.
  const deliver = explorer.choices().find((c) => c.kind === 'deliver');
  assert.ok(deliver);
  explorer.choose(deliver.id);
  assert.equal(explorer.current, 14);
  assert.equal(explorer.steps.at(-1)?.states.server, 'CLOSED');
  explorer.goTo(dropBranch);
  assert.equal(explorer.steps.at(-1)?.rows[0], 'R39');
  assert.deepEqual(explorer.steps, runEvents(explorer.history.events(), { iss: scenario1.iss }));
});

test('switching to Linux marks the steps whose outcome changed, with the reason and its source', () => {
  const explorer = fromScenario();
  const change = explorer.setProfile('linux');
  const byStep = new Map(change.changes.map((c) => [c.step, c.reasons]));
  const finWait2 = explorer.steps.findIndex((s) => s.timersStarted.some((t) => t.kind === 'fin-wait-2'));
  const timeWait = explorer.steps.findIndex((s) => s.states.client === 'TIME-WAIT');
  assert.deepEqual([...byStep.keys()], [finWait2, timeWait]);
  const tw = byStep.get(timeWait)?.[0];
  assert.ok(tw && tw.kind === 'timer' && tw.before === 240 && tw.after === 60 && /TCP_TIMEWAIT_LEN/.test(tw.source));
  // Close with unread data: Linux sends RST (a behaviour difference the engine reports).
  const unread = established();
  unread.choose('call:server:stop-reading');
  unread.choose('call:client:send');
  deliverNext(unread);
  deliverNext(unread);
  unread.choose('call:server:close');
  const linux = unread.setProfile('linux');
  const reason = linux.changes.at(-1)?.reasons.find((r) => r.kind === 'behaviour');
  assert.ok(reason && reason.kind === 'behaviour' && reason.id === 'close-with-unread-data' && /tcp_close|__tcp_close/.test(reason.source));
  assert.equal(unread.steps.at(-1)?.states.server, 'CLOSED');
});

test('a step a profile cannot play ends the path there, with the reason', () => {
  const explorer = established({ profile: 'linux' });
  explorer.choose('call:client:close');
  const d = explorer.choices().find((c) => c.kind === 'deliver' && c.endpoint === 'server');
  assert.ok(d);
  explorer.choose(d.id);
  const ack = explorer.choices().find((c) => c.kind === 'deliver');
  assert.ok(ack);
  explorer.choose(ack.id);
  assert.equal(explorer.steps.at(-1)?.states.client, 'FIN-WAIT-2');
  assert.ok(explorer.choose('timer:client:fin-wait-2'), 'Linux reaps the orphan (R42)');
  const steps = explorer.steps.length;
  const change = explorer.setProfile('rfc9293');
  assert.equal(change.unplayable?.step, steps - 1);
  assert.deepEqual(change.unplayable?.reason, { kind: 'no-timer', endpoint: 'client', timer: 'fin-wait-2', source: 'RFC 9293 §3.10.8' });
  assert.match(unplayableText(change.unplayable!, 'en'), /^step \d+: the client's FIN-WAIT-2 timer does not exist under this profile \(RFC 9293 §3\.10\.8\)$/);
  assert.match(unplayableText(change.unplayable!, 'zh-cn'), /^第 \d+ 步：在这个行为配置下，客户端没有FIN-WAIT-2 定时器/);
  assert.equal(explorer.steps.length, steps - 1);
  assert.ok(!explorer.choices().some((c) => c.id === 'timer:client:fin-wait-2'), 'RFC 9293 has no FIN-WAIT-2 timer to fire');
});

test('predict mode: right and wrong answers are scored, and the verdict names the row that decided', () => {
  const explorer = new Explorer();
  const right = explorer.choose('call:server:passive-open', { client: 'CLOSED', server: 'LISTEN' });
  assert.equal(right?.verdict?.right, true);
  const wrong = explorer.choose('call:client:active-open', { client: 'ESTABLISHED', server: 'LISTEN', flags: 'SYN', seq: 100 });
  assert.equal(wrong?.verdict?.right, false);
  assert.equal(wrong?.verdict?.client.right, false);
  assert.equal(wrong?.verdict?.flags?.right, true);
  assert.equal(wrong?.verdict?.seq?.right, true);
  assert.deepEqual(explorer.predictionScore, { right: 1, asked: 2 });
  const synAck = explorer.choices().find((c) => c.kind === 'deliver');
  assert.ok(synAck);
  const third = explorer.choose(synAck.id, { client: 'SYN-SENT', server: 'SYN-RECEIVED', flags: 'SYN,ACK', seq: 300, ack: 100 });
  assert.equal(third?.verdict?.ack?.right, false, 'the SYN,ACK acknowledges 101, not 100');
  assert.equal(third?.verdict?.ack?.actual, 101);
  assert.deepEqual(explorer.predictionScore, { right: 1, asked: 3 });
  assert.match(verdictText(third.verdict!, 'en'), /^Not quite: .*ACK ✗ 100 → 101.*R06 \(§3\.10\.7\.2\)/);
  // The deciding row in full words, in each language: the table's own in English, its Chinese words in Chinese (not the figure's label 'rcv SYN / snd SYN,ACK').
  assert.match(verdictText(third.verdict!, 'en'), /R06 \(§3\.10\.7\.2\): receive a SYN without ACK → IRS=SEG\.SEQ, RCV\.NXT=SEG\.SEQ\+1; choose ISS; send <SEQ=ISS><ACK=RCV\.NXT><CTL=SYN,ACK>;/);
  const zh = verdictText(third.verdict!, 'zh-cn');
  assert.match(zh, /^不完全对：.*R06（§3\.10\.7\.2）：收到不带 ACK 的 SYN → IRS=SEG\.SEQ，RCV\.NXT=SEG\.SEQ\+1；选择 ISS；发送 <SEQ=ISS><ACK=RCV\.NXT><CTL=SYN,ACK>；/);
  assert.ok(!zh.includes('rcv SYN') && !zh.includes('receive'), zh);
  assert.equal(judge({ client: 'CLOSED', server: 'CLOSED', flags: '' }, explorer.steps[0]!).right, true, '"sends nothing" is right when nothing is sent');
});

test('the saved history comes back whole, and a tampered one is refused', () => {
  const explorer = fromScenario();
  explorer.goTo(13);
  const drop = explorer.choices().find((c) => c.kind === 'drop');
  assert.ok(drop);
  explorer.choose(drop.id);
  const saved = JSON.parse(JSON.stringify({ profile: 'linux', predict: true, history: explorer.history.data() }));
  const parsed = parseExplorerState(saved);
  assert.ok(parsed);
  const back = Explorer.fromData({ profile: parsed.profile }, parsed.history);
  assert.ok(back);
  assert.equal(back.current, explorer.current);
  assert.deepEqual(back.history.events(), explorer.history.events());
  assert.equal(parseExplorerState({ ...saved, history: { ...saved.history, current: 99999 } }), undefined);
  assert.equal(parseExplorerState({ ...saved, history: { nodes: [saved.history.nodes[0], { id: 1, parent: 5, event: { kind: 'user', endpoint: 'client', call: 'active-open' } }], current: 0 } }), undefined);
  assert.equal(parseSimEvent({ kind: 'user', endpoint: 'client', call: 'rm -rf' }), undefined);
  assert.equal(History.from({ nodes: [{ id: 0, parent: undefined, event: undefined }, { id: 1, parent: 0, event: { kind: 'timer', endpoint: 'client', timer: 'time-wait' } }], current: 1 }) instanceof History, true, 'History.from checks shape, the explorer checks playability');
});

test('webview messages are checked: only offered shapes pass', () => {
  assert.deepEqual(parseExplorerMessage({ type: 'choose', id: 'deliver:12' }), { type: 'choose', id: 'deliver:12' });
  assert.equal(parseExplorerMessage({ type: 'choose', id: '<img src=x>' }), undefined);
  assert.equal(parseExplorerMessage({ type: 'choose', id: 'call:client:close', prediction: { client: 'NOPE', server: 'LISTEN' } }), undefined);
  assert.equal(parseExplorerMessage({ type: 'goTo', node: -1 }), undefined);
  assert.equal(parseExplorerMessage({ type: 'profile', profile: 'windows' }), undefined);
  assert.equal(parseExplorerMessage({ type: 'reach', row: 'R49' })?.type, 'reach');
  assert.equal(parseExplorerMessage({ type: 'reach', row: 'R499' }), undefined);
  assert.equal(parseExplorerMessage({ type: 'export', format: 'exe' }), undefined);
  assert.equal(parseExplorerMessage(null), undefined);
  // A choice id that is not offered at this step plays nothing.
  assert.equal(new Explorer().choose('deliver:1'), undefined);
});

test('the view: choices in words, the next timer first, the tree with its branch point, coverage of every row', () => {
  const explorer = fromScenario();
  explorer.goTo(13);
  const drop = explorer.choices().find((c) => c.kind === 'drop');
  assert.ok(drop);
  explorer.choose(drop.id);
  const view = explorerView({ explorer, locale: 'en' });
  assert.equal(view.choices[0]?.kind, 'next-timer');
  assert.match(view.choices[0]?.label ?? '', /^Advance time to the next timer: Server: retransmission timeout/);
  assert.ok(view.history.some((entry) => entry.id === 13 && entry.branches === 2));
  // Each entry names the segment its step moved, on the current branch and off it.
  assert.equal(view.history.find((entry) => entry.current)?.label, '14 · Drop ACK seq=202 ack=302 on its way to the server');
  assert.equal(view.history.find((entry) => entry.id === 14)?.label, '14 · Deliver ACK seq=202 ack=302 to the server');
  assert.equal(view.history.find((entry) => entry.id === 14)?.onPath, false);
  assert.equal(view.history.filter((entry) => entry.current).length, 1);
  assert.equal(view.coverage.length, new Set(view.coverage.map((r) => r.id)).size);
  assert.ok(view.coverage.find((r) => r.id === 'R47')?.visited);
  assert.match(view.sequenceSource, /ACK seq=202 ack=302 \(lost\)/);
  const zh = explorerView({ explorer, locale: 'zh-cn' });
  assert.match(zh.choices[0]?.label ?? '', /^时间推进到下一个定时器/);
  // The coverage list names each row by its event in full words: English the table's, Chinese its Chinese words.
  assert.equal(view.coverage.find((r) => r.id === 'R47')?.event, 'receive an ACK that acknowledges our FIN');
  assert.equal(zh.coverage.find((r) => r.id === 'R47')?.event, '收到确认了我方 FIN 的 ACK');
  assert.equal(zh.coverage.find((r) => r.id === 'U01')?.event, '被动 OPEN 调用');
  assert.ok(zh.coverage.every((r) => /[\u4e00-\u9fff]/.test(r.event)), 'every row of the Chinese coverage list says its event in Chinese');
});

test('sameEvent ignores only absent fields', () => {
  const a: SimEvent = { kind: 'deliver', to: 'server', segment: 3 };
  assert.ok(sameEvent(a, { kind: 'deliver', to: 'server', segment: 3, delayAck: undefined } as SimEvent));
  assert.ok(!sameEvent(a, { kind: 'deliver', to: 'server', segment: 4 }));
});

test('a copy of data already received fails the acceptability test: answered with an ACK (R16, §3.10.7.4)', () => {
  const explorer = established();
  explorer.choose('call:client:send');
  const data = explorer.steps.at(-1)?.inFlight[0];
  assert.ok(data && data.len === 100);
  explorer.choose(`duplicate:${data.id}`);
  const first = explorer.choose(`deliver:${data.id}`);
  assert.deepEqual(first?.step.rows, ['R29']);
  const copy = explorer.steps.at(-1)?.inFlight.find((s) => s.duplicate);
  assert.ok(copy);
  const second = explorer.choose(`deliver:${copy.id}`);
  assert.deepEqual(second?.step.rows, ['R16']);
  assert.deepEqual(second?.step.sent.map((s) => `${s.flags.join(',')} ${s.seq}/${s.ack}`), ['ACK 301/201']);
  assert.equal(second?.step.states.server, 'ESTABLISHED');
});

test("each of the Linux profile's documented differences shows up as a marked step, with its source", () => {
  const user = (endpoint: 'client' | 'server', call: 'passive-open' | 'active-open' | 'send' | 'close' | 'abort' | 'stop-reading', bytes?: number): SimEvent => ({ kind: 'user', endpoint, call, ...(bytes ? { bytes } : {}) });
  const to = (endpoint: 'client' | 'server'): SimEvent => ({ kind: 'deliver', to: endpoint });
  const handshake: SimEvent[] = [user('server', 'passive-open'), user('client', 'active-open'), to('server'), to('client'), to('server')];
  const teardown: SimEvent[] = [...handshake, user('client', 'close'), to('server'), to('client'), user('server', 'close'), to('client'), to('server')];
  const cases: { id: string; to: 'linux' | 'linux-rfc1337'; events: SimEvent[] }[] = [
    { id: 'close-with-unread-data', to: 'linux', events: [...handshake, user('server', 'stop-reading'), user('client', 'send', 100), to('server'), to('client'), user('server', 'close')] },
    { id: 'data-after-close', to: 'linux', events: [...handshake, user('client', 'close'), to('server'), to('client'), user('server', 'send', 50), to('client')] },
    { id: 'abort-rst-carries-ack', to: 'linux', events: [...handshake, user('client', 'abort')] },
    { id: 'syn-ack-fin-in-syn-sent', to: 'linux', events: [user('client', 'active-open'), { kind: 'inject', to: 'client', flags: ['SYN', 'FIN', 'ACK'], seq: 300, ack: 101 }, to('client')] },
    { id: 'rst-in-time-wait-ignored', to: 'linux-rfc1337', events: [...teardown, { kind: 'inject', to: 'client', flags: ['RST'], seq: 302 }, to('client')] },
  ];
  for (const { id, to: profile, events } of cases) {
    const explorer = new Explorer({}, events);
    const change = explorer.setProfile(profile);
    const last = change.changes.find((c) => c.step === events.length);
    const reason = last?.reasons.find((r) => r.kind === 'behaviour');
    assert.ok(reason && reason.kind === 'behaviour', `${id}: the last step is marked with a behaviour (${JSON.stringify(change.changes)})`);
    assert.equal(reason.id, id);
    assert.match(reason.source, /RFC|Linux/, id);
    // And back: the RFC's own outcome, marked again.
    assert.ok(explorer.setProfile('rfc9293').changes.some((c) => c.step === events.length), `${id}: switching back marks it too`);
  }
});

test('data lost on the way is sent again when the retransmission timer fires (T07, §3.10.8)', () => {
  const explorer = established();
  explorer.choose('call:client:send');
  const data = explorer.steps.at(-1)?.inFlight[0];
  assert.ok(data);
  explorer.choose(`drop:${data.id}`);
  const again = explorer.choose('timer:client:retransmission');
  assert.deepEqual(again?.step.rows, ['T07']);
  assert.deepEqual(again?.step.sent.map((s) => [s.seq, s.len, s.retransmission]), [[101, 100, true]]);
  const arrives = explorer.choices().find((c) => c.kind === 'deliver');
  assert.ok(arrives);
  assert.deepEqual(explorer.choose(arrives.id)?.step.rows, ['R29']);
});

test('the FreeBSD profile: a RST in TIME-WAIT is ignored (RFC 1337), 2MSL is 60 s (MSL 30 s); marked with FreeBSD sources', () => {
  const user = (endpoint: 'client' | 'server', call: 'passive-open' | 'active-open' | 'close'): SimEvent => ({ kind: 'user', endpoint, call });
  const to = (endpoint: 'client' | 'server'): SimEvent => ({ kind: 'deliver', to: endpoint });
  const events: SimEvent[] = [user('server', 'passive-open'), user('client', 'active-open'), to('server'), to('client'), to('server'), user('client', 'close'), to('server'), to('client'), user('server', 'close'), to('client'), to('server'), { kind: 'inject', to: 'client', flags: ['RST'], seq: 302 }, to('client')];
  const explorer = new Explorer({}, events);
  assert.equal(explorer.steps.at(-1)?.states.client, 'CLOSED', 'RFC 9293: the RST ends TIME-WAIT (R51)');
  const change = explorer.setProfile('freebsd');
  assert.equal(explorer.steps.at(-1)?.states.client, 'TIME-WAIT');
  const rst = change.changes.find((c) => c.step === events.length)?.reasons[0];
  assert.ok(rst && rst.kind === 'behaviour' && rst.id === 'freebsd-rst-in-time-wait-ignored' && /tcp_twcheck/.test(rst.source));
  const tw = change.changes.find((c) => c.reasons.some((r) => r.kind === 'timer' && r.timer === 'time-wait'))?.reasons.find((r) => r.kind === 'timer');
  assert.ok(tw && tw.kind === 'timer' && tw.before === 240 && tw.after === 60 && /TCPTV_MSL/.test(tw.source));
  const view = explorerView({ explorer, locale: 'en' });
  assert.match(view.steps.at(-1)?.narration ?? '', /^.*FreeBSD differs here: a RST in TIME-WAIT is ignored/);
  assert.ok(view.profiles.some((p) => p.id === 'freebsd'));
});

test('a segment delivered before the one ahead of it is not taken: a duplicate ACK (R55), then the sender sends it again (T07)', () => {
  const explorer = established();
  explorer.choose('call:client:send');
  explorer.choose('call:client:send');
  const [first, second] = explorer.steps.at(-1)?.inFlight ?? [];
  assert.ok(first && second && second.seq === 201);
  const early = explorer.choose(`deliver:${second.id}`);
  assert.deepEqual(early?.step.rows, ['R55']);
  assert.deepEqual(early?.step.sent.map((s) => `${s.flags.join(',')} ${s.seq}/${s.ack}`), ['ACK 301/101'], 'RCV.NXT stays 101: bytes 101–200 never arrived');
  assert.equal(early?.step.tcb.server.rcvNxt, 101);
  assert.deepEqual(explorer.choose(`deliver:${first.id}`)?.step.tcb.server.rcvNxt, 201);
  const dupAck = explorer.choices().find((c) => c.kind === 'deliver' && c.segment?.ack === 101);
  assert.ok(dupAck);
  explorer.choose(dupAck.id);
  const ack201 = explorer.choices().find((c) => c.kind === 'deliver' && c.segment?.ack === 201);
  assert.ok(ack201);
  explorer.choose(ack201.id);
  const again = explorer.choose('timer:client:retransmission');
  assert.deepEqual(again?.step.rows, ['T07']);
  assert.deepEqual(again?.step.sent.map((s) => [s.seq, s.len]), [[201, 100]]);
  const resent = explorer.choices().find((c) => c.kind === 'deliver');
  assert.ok(resent);
  assert.equal(explorer.choose(resent.id)?.step.tcb.server.rcvNxt, 301);
});
