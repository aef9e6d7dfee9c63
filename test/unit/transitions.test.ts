// The transition table holds every row of the research table (RFC 9293 §3.10), draws Figure 5's
// twenty arcs, and chains the classic client and server paths end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventsFrom, figureArcs, firstRowFrom, transitionById, TRANSITIONS, transitionsInto, transitionsOutOf } from '../../src/core/model/transitions';
import { isRfcState, RFC_STATES, type RfcState } from '../../src/core/model/states';
import type { Transition } from '../../src/core/model/transition-types';

function row(id: string): Transition {
  const found = TRANSITIONS.find((r) => r.id === id);
  assert.ok(found, `row ${id} exists`);
  return found;
}

function changesState(r: Transition): boolean {
  return r.to !== null && r.from.some((s) => s !== r.to);
}

test('ids are unique, well formed, and every research row is present (79, and T07: data retransmission, §3.10.8; R55: a segment beyond RCV.NXT, §3.10.7.4)', () => {
  const ids = TRANSITIONS.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[URT]\d\d$/);
  assert.equal(TRANSITIONS.length, 81);
  const expected = [
    ...Array.from({ length: 19 }, (_, i) => `U${String(i + 1).padStart(2, '0')}`),
    ...Array.from({ length: 55 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`),
    ...Array.from({ length: 7 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`),
  ];
  assert.deepEqual([...ids].sort(), expected.sort());
});

test('every row names valid RFC states', () => {
  for (const r of TRANSITIONS) {
    assert.ok(r.from.length > 0, `${r.id} has from-states`);
    for (const s of r.from) assert.ok(isRfcState(s), `${r.id}: ${s} is an RFC state`);
    assert.equal(new Set(r.from).size, r.from.length, `${r.id}: no repeated from-state`);
    if (r.to !== null) assert.ok(isRfcState(r.to), `${r.id}: ${r.to} is an RFC state`);
  }
});

test('event kind follows the id prefix, except the three timer-driven R rows', () => {
  const timerRs = new Set(['R39', 'R42', 'R50']);
  for (const r of TRANSITIONS) {
    const expected = r.id.startsWith('U') ? 'user' : r.id.startsWith('T') || timerRs.has(r.id) ? 'timer' : 'segment';
    assert.equal(r.eventKind, expected, r.id);
  }
});

test('Figure 5 has 20 arcs: 19 drawn plainly and R18 under note 1', () => {
  const arcs = figureArcs();
  assert.equal(arcs.length, 20);
  assert.equal(arcs.filter((r) => r.figure === 'arc').length, 19);
  assert.deepEqual(
    arcs.filter((r) => r.figure === 'arc+note1').map((r) => r.id),
    ['R18'],
  );
  // Each drawn arc is one edge of the figure: one from-state, a different to-state.
  for (const r of arcs) {
    assert.equal(r.from.length, 1, r.id);
    assert.ok(changesState(r), r.id);
  }
  const edges = new Set(arcs.map((r) => `${r.from[0]}->${r.to}`));
  assert.equal(edges.size, 20, 'no two arcs share an edge');
});

test('every RFC state is entered by some row and left by some row', () => {
  for (const state of RFC_STATES) {
    assert.ok(transitionsInto(state).length > 0, `${state} is entered`);
    assert.ok(transitionsOutOf(state).length > 0, `${state} is left`);
  }
});

test('the helpers leave out self-loops and rows that keep the state', () => {
  for (const state of RFC_STATES) {
    for (const r of transitionsInto(state)) {
      assert.equal(r.to, state);
      assert.ok(r.from.some((s) => s !== state), r.id);
    }
    for (const r of transitionsOutOf(state)) {
      assert.ok(r.from.includes(state), r.id);
      assert.ok(r.to !== null && r.to !== state, r.id);
    }
  }
  assert.ok(!transitionsInto('TIME-WAIT').some((r) => r.id === 'R49'), 'R49 re-ACK is a self-loop');
  assert.ok(!transitionsOutOf('ESTABLISHED').some((r) => r.id === 'R16'), 'R16 keeps the state');
  // T06 applies in CLOSED too, but there it changes nothing.
  assert.ok(!transitionsOutOf('CLOSED').some((r) => r.id === 'T06'));
  assert.ok(transitionsOutOf('LISTEN').some((r) => r.id === 'T06'));
});

function chain(ids: readonly string[], states: readonly RfcState[]): void {
  assert.equal(ids.length + 1, states.length);
  ids.forEach((id, i) => {
    const r = row(id);
    assert.deepEqual(r.from, [states[i]], `${id} starts in ${states[i]}`);
    assert.equal(r.to, states[i + 1], `${id} ends in ${states[i + 1]}`);
  });
}

test('the client path chains CLOSED → … → CLOSED', () => {
  const ids = ['U02', 'R12', 'U08', 'R35', 'R41', 'R50'];
  chain(ids, ['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSED']);
  assert.deepEqual(
    TRANSITIONS.filter((r) => r.path === 'client').map((r) => r.id).sort(),
    [...ids].sort(),
  );
});

test('the server path chains CLOSED → … → CLOSED', () => {
  const ids = ['U01', 'R06', 'R23', 'R30', 'U09', 'R47'];
  chain(ids, ['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  assert.deepEqual(
    TRANSITIONS.filter((r) => r.path === 'server').map((r) => r.id).sort(),
    [...ids].sort(),
  );
});

test('path is set exactly on the rows that change state', () => {
  for (const r of TRANSITIONS) {
    if (changesState(r)) assert.ok(r.path, `${r.id} has a path`);
    else assert.equal(r.path, undefined, `${r.id} has no path`);
  }
});

test('labels are short enough to sit on a diagram edge', () => {
  for (const r of TRANSITIONS) {
    for (const part of [r.label.event, r.label.action]) {
      assert.ok(part.length > 0 && part.length <= 24, `${r.id}: "${part}"`);
    }
  }
});

test('labels of the drawn arcs are Figure 5\'s own words', () => {
  const expected: Record<string, readonly [string, string]> = {
    U01: ['passive OPEN', 'create TCB'],
    U02: ['active OPEN', 'snd SYN'],
    U04: ['SEND', 'snd SYN'],
    U05: ['CLOSE', 'delete TCB'],
    U06: ['CLOSE', 'delete TCB'],
    U07: ['CLOSE', 'snd FIN'],
    U08: ['CLOSE', 'snd FIN'],
    U09: ['CLOSE', 'snd FIN'],
    R06: ['rcv SYN', 'snd SYN,ACK'],
    R12: ['rcv SYN,ACK', 'snd ACK'],
    R13: ['rcv SYN', 'snd SYN,ACK'],
    R18: ['rcv RST', 'x'],
    R23: ['rcv ACK of SYN', 'x'],
    R30: ['rcv FIN', 'snd ACK'],
    R35: ['rcv ACK of FIN', 'x'],
    R37: ['rcv FIN', 'snd ACK'],
    R38: ['rcv FIN,ACK of FIN', 'snd ACK'],
    R41: ['rcv FIN', 'snd ACK'],
    R44: ['rcv ACK of FIN', 'x'],
    R47: ['rcv ACK of FIN', 'x'],
    R50: ['Timeout=2MSL', 'delete TCB'],
  };
  for (const [id, [event, action]] of Object.entries(expected)) {
    assert.deepEqual(row(id).label, { event, action }, id);
  }
});

test('RFC references are section-sign style', () => {
  for (const r of TRANSITIONS) assert.match(r.rfc, /^§\d+(\.\d+)*/, r.id);
  for (const id of ['R07', 'R42', 'T04']) assert.match(row(id).note ?? '', /[Ii]mplementation behaviour/, id);
});

test('specific facts from RFC 9293', () => {
  const r38 = row('R38');
  assert.deepEqual([r38.from, r38.to, r38.figure], [['FIN-WAIT-1'], 'TIME-WAIT', 'note2']);

  const r18 = row('R18');
  assert.deepEqual([r18.from, r18.to, r18.figure], [['SYN-RECEIVED'], 'LISTEN', 'arc+note1']);
  assert.match(r18.guard ?? '', /passive/);

  const u14 = row('U14');
  assert.equal(u14.event, 'ABORT');
  assert.equal(u14.to, 'CLOSED');
  assert.equal(u14.rfc, '§3.10.5');
  assert.match(u14.note ?? '', /§3\.5\.2/);
  assert.match(u14.note ?? '', /TIME-WAIT/);

  assert.equal(row('R22').to, null);
  assert.match(row('R22').note ?? '', /SYNC/);
  assert.equal(row('R53').to, 'SYN-RECEIVED');
  assert.match(row('R53').note ?? '', /incarnation/);
  assert.equal(row('T04').to, 'LISTEN');
  assert.match(row('T04').note ?? '', /listener carries on/);

  assert.equal(row('T06').from.length, 11);
  // §3.10.1: OPEN in LISTEN is U03 (passive to active); the error starts at SYN-SENT.
  assert.equal(row('U19').from.length, 9);
  assert.ok(!row('U19').from.includes('CLOSED'));
  assert.ok(!row('U19').from.includes('LISTEN'));
  assert.equal(row('U19').from[0], 'SYN-SENT');
  assert.equal(row('R16').from.length, 8);
});

test('row ids are a closed type: a row that is not in the table does not compile, and is refused at run time', () => {
  assert.equal(transitionById('R38').to, 'TIME-WAIT');
  // @ts-expect-error -- 'R99' is not a row of the table; `tsc` fails if this line ever compiles
  assert.throws(() => transitionById('R99'), /no row R99/);
});

test('firstRowFrom asks the table which of the candidate rows applies, the first listed winning', () => {
  assert.equal(firstRowFrom('FIN-WAIT-2', ['R40', 'R29'])?.id, 'R40');
  assert.equal(firstRowFrom('ESTABLISHED', ['R40', 'R29'])?.id, 'R29');
  assert.equal(firstRowFrom('CLOSE-WAIT', ['R40', 'R29']), undefined);
});

test('eventsFrom: what can happen next in a state, read off the table', () => {
  const next = (state: RfcState, kind: Transition['eventKind'], label: string): Transition[] =>
    eventsFrom(state).filter((r) => r.eventKind === kind && r.label.event === label);
  // LISTEN (reached by passive OPEN): a SYN arrives → SYN-RECEIVED; CLOSE → CLOSED.
  assert.deepEqual(next('LISTEN', 'segment', 'rcv SYN').map((r) => [r.id, r.to]), [['R06', 'SYN-RECEIVED']]);
  assert.deepEqual(next('LISTEN', 'user', 'CLOSE').map((r) => [r.id, r.to]), [['U05', 'CLOSED']]);
  // ESTABLISHED: CLOSE → FIN-WAIT-1; a FIN arrives → CLOSE-WAIT.
  assert.deepEqual(next('ESTABLISHED', 'user', 'CLOSE').map((r) => [r.id, r.to]), [['U08', 'FIN-WAIT-1']]);
  assert.deepEqual(next('ESTABLISHED', 'segment', 'rcv FIN').map((r) => [r.id, r.to]), [['R30', 'CLOSE-WAIT']]);
  // TIME-WAIT: the 2MSL timeout → CLOSED; a retransmitted FIN keeps TIME-WAIT.
  assert.deepEqual(next('TIME-WAIT', 'timer', 'Timeout=2MSL').map((r) => [r.id, r.to]), [['R50', 'CLOSED']]);
  assert.deepEqual(next('TIME-WAIT', 'segment', 'rcv FIN').map((r) => [r.id, r.to]), [['R49', 'TIME-WAIT']]);
  // Only the two OPENs leave CLOSED (a segment there is answered, the user timeout changes nothing).
  assert.deepEqual(eventsFrom('CLOSED').filter((r) => r.to !== 'CLOSED').map((r) => r.id), ['U01', 'U02']);
  // Every row is offered in each of its from-states, and nowhere else.
  for (const state of RFC_STATES) {
    assert.deepEqual(eventsFrom(state).map((r) => r.id), TRANSITIONS.filter((r) => r.from.includes(state)).map((r) => r.id), state);
  }
});
