// The explorer's coverage of the transition table (src/core/explorer/coverage.ts), checked by
// replaying what the search found: every path really fires its row, with the explorer's own
// choices; the scenarios' rows are among the rows reached; every row not reached says why; the
// profiles differ only where the profile says so; shortestPathTo finds the short way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choicesOf, EXPLORER_CALLS } from '../../src/core/explorer/choices';
import { coverage, shortestPathTo, worldKey, type CoverageReport, type UnreachedRow } from '../../src/core/explorer/coverage';
import { Explorer, pinnedEvents } from '../../src/core/explorer/explorer';
import { sameEvent } from '../../src/core/explorer/history';
import { EXPLORER_PROFILES, profileOptions, timerLength, type ExplorerProfile } from '../../src/core/explorer/profiles';
import { TRANSITIONS, type RowId } from '../../src/core/model/transitions';
import { runEvents, SCENARIOS, startRun, type Run, type SimEvent, type StepFacts } from '../../src/core/simulation';
import { CALL_ROWS } from '../../src/core/simulation/user-calls';

/** One search per profile, shared by the tests (a few seconds each). */
const reports = new Map<ExplorerProfile, CoverageReport>();
function report(profile: ExplorerProfile): CoverageReport {
  let found = reports.get(profile);
  if (!found) reports.set(profile, (found = coverage(profile)));
  return found;
}
const reachedIds = (r: CoverageReport): Set<RowId> => new Set(r.reached.map((x) => x.row));
const unreachedRow = (r: CoverageReport, row: RowId): UnreachedRow | undefined => r.unreached.find((u) => u.row === row);
const reachedRow = (r: CoverageReport, row: RowId): CoverageReport['reached'][number] | undefined => r.reached.find((x) => x.row === row);

test('every row of the table is reached or not, once, in table order, with the bounds it was searched within', () => {
  for (const profile of EXPLORER_PROFILES) {
    const r = report(profile);
    assert.equal(r.profile, profile);
    const ids = TRANSITIONS.map((row) => row.id);
    assert.deepEqual([...r.reached, ...r.unreached].map((x) => x.row).sort(), [...ids].sort(), profile);
    for (const list of [r.reached, r.unreached]) {
      const order = list.map((x) => ids.indexOf(x.row));
      assert.deepEqual(order, [...order].sort((a, b) => a - b), `${profile}: table order`);
    }
    for (const x of [...r.reached, ...r.unreached]) assert.equal(x.event, TRANSITIONS.find((row) => row.id === x.row)?.event);
    assert.ok(r.searched.worlds > 0 && r.searched.worlds <= r.limits.maxWorlds);
    assert.ok(r.searched.completeDepth >= 1 && r.searched.completeDepth <= r.searched.depth && r.searched.depth <= r.limits.maxDepth);
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(r)), 'JSON-friendly');
  }
});

test('every reached row is fired by the last step of its path, replayed from the start under the profile, and by no step before', () => {
  for (const profile of EXPLORER_PROFILES) {
    for (const reached of report(profile).reached) {
      const steps = runEvents(reached.path, profileOptions(profile));
      const last = steps.at(-1) as StepFacts;
      assert.equal(steps.length - 1, reached.steps, `${profile} ${reached.row}`);
      assert.ok(last.rows.includes(reached.row), `${profile} ${reached.row}: the last step fires it (${last.rows.join(', ')})`);
      assert.deepEqual(last.before, reached.from, `${profile} ${reached.row}`);
      assert.equal(last.actor, reached.endpoint, `${profile} ${reached.row}`);
      // First reached: a step before the last firing it would have been found first.
      assert.ok(steps.slice(1, -1).every((step) => !step.rows.includes(reached.row)), `${profile} ${reached.row}: fired before its last step`);
      if (reached.shortest) assert.ok(reached.steps <= report(profile).searched.completeDepth);
    }
  }
});

test("every path is made of the explorer's own choices, each offered at its step", () => {
  const profile = 'rfc9293';
  for (const reached of report(profile).reached) {
    const run = startRun(profileOptions(profile));
    for (const event of reached.path) {
      assert.ok(
        choicesOf(run, profile).some((c) => sameEvent(c.event, event)),
        `${reached.row}: ${JSON.stringify(event)} is a choice at step ${run.steps.length}`,
      );
      run.play(event);
    }
  }
});

/** The rows each scenario's run fires under the profile, split by whether the explorer offers every event up to there. */
function scenarioRows(profile: ExplorerProfile): { offered: Set<RowId>; other: Set<RowId> } {
  const offered = new Set<RowId>();
  const other = new Set<RowId>();
  const explorerEvent = (event: SimEvent): boolean =>
    event.kind === 'inject'
      ? false
      : event.kind === 'deliver'
        ? !event.delayAck
        : event.kind === 'timer'
          ? timerLength(profile, event.timer).seconds !== undefined
          : event.kind !== 'user' || EXPLORER_CALLS.includes(event.call);
  for (const scenario of SCENARIOS) {
    const run = startRun({ ...profileOptions(profile), iss: scenario.iss, ...(scenario.synRetries !== undefined ? { synRetries: scenario.synRetries } : {}) });
    let all = true;
    for (const event of scenario.events) {
      all &&= explorerEvent(event);
      for (const row of run.play(event).rows) (all ? offered : other).add(row);
    }
  }
  return { offered, other };
}

test("the scenarios' rows are all reached, but those only a scenario's non-explorer events lead to, which the report explains", () => {
  const exceptions: Record<string, RowId[]> = {};
  for (const profile of EXPLORER_PROFILES) {
    const r = report(profile);
    const reached = reachedIds(r);
    const { offered, other } = scenarioRows(profile);
    assert.ok(offered.size > 25, `${profile}: the scenarios fire ${offered.size} rows with explorer events`);
    for (const row of offered) assert.ok(reached.has(row), `${profile}: ${row}, which a scenario fires with explorer events only, is reached`);
    exceptions[profile] = [...other].filter((row) => !reached.has(row)).sort();
    for (const row of exceptions[profile]) assert.ok(['profile', 'no-event'].includes(unreachedRow(r, row)?.cause ?? ''), `${profile}: ${row} ${unreachedRow(r, row)?.why}`);
  }
  // What happens: scenario 11 reaches R42 with the FIN-WAIT-2 timer, which RFC 9293 does not run;
  // the old duplicate of scenario 10 and the delayed ACK of scenario 4 lead to rows reached otherwise.
  assert.deepEqual(exceptions, { rfc9293: ['R42'], linux: [], 'linux-rfc1337': [], freebsd: [] });
});

test('every row not reached says why, from its data and from what the search saw', () => {
  const callRows = new Set(EXPLORER_CALLS.flatMap((call) => CALL_ROWS[call]));
  for (const profile of EXPLORER_PROFILES) {
    const r = report(profile);
    for (const u of r.unreached) {
      const row = TRANSITIONS.find((t) => t.id === u.row);
      assert.ok(row);
      assert.ok(u.why.length > 20, `${profile} ${u.row}: a reason`);
      // A user call the simulator carries out for no explorer call, and only that, is 'no-call'.
      assert.equal(u.cause === 'no-call', row.eventKind === 'user' && !callRows.has(row.id), `${profile} ${u.row}: ${u.cause}`);
      if (u.cause === 'guard') assert.ok(row.guard && u.why.includes(row.guard), `${profile} ${u.row}`);
      if (u.cause === 'timer') assert.equal(row.eventKind, 'timer');
      if (u.cause === 'bounds') assert.match(u.why, new RegExp(`every path of up to ${r.searched.completeDepth} events`));
    }
    // The refusals and calls not carried out (U03, U04, U10, U11, U16, U18, U19), computed.
    assert.deepEqual(
      r.unreached.filter((u) => u.cause === 'no-call').map((u) => u.row),
      TRANSITIONS.filter((row) => row.eventKind === 'user' && !callRows.has(row.id)).map((row) => row.id),
    );
    assert.deepEqual(r.unreached.filter((u) => u.cause === 'no-call').map((u) => u.row), ['U03', 'U04', 'U10', 'U11', 'U16', 'U18', 'U19']);
    // Timers the simulator does not run: the user timeout (T06), R2 for data or a FIN (T05),
    // SYN,ACK retries spent (T04). In T05's states the retransmission timer fires R39 or T07
    // (data sent again), never the retry limit: the simulator keeps no retry count for data.
    for (const row of ['T04', 'T05', 'T06'] as const) assert.equal(unreachedRow(r, row)?.cause, 'timer', `${profile} ${row}`);
    assert.match(unreachedRow(r, 'T05')?.why ?? '', /fired R39, T07 but never T05/);
    assert.ok(reachedRow(r, 'T07'), `${profile}: data retransmitted (T07)`);
    // Guards the simulator never makes true: a full backlog (R07), RFC 793's SYN handling (R32).
    for (const row of ['R07', 'R32'] as const) assert.equal(unreachedRow(r, row)?.cause, 'guard', `${profile} ${row}`);
  }
});

test('the profiles reach different rows only where the profile explains it: the FIN-WAIT-2 timer, the RFC 1337 switch', () => {
  const only = (a: ExplorerProfile, b: ExplorerProfile): RowId[] => [...reachedIds(report(a))].filter((row) => !reachedIds(report(b)).has(row));
  for (const a of EXPLORER_PROFILES) {
    for (const b of EXPLORER_PROFILES) {
      for (const row of only(a, b)) assert.equal(unreachedRow(report(b), row)?.cause, 'profile', `${row}: reached under ${a}, not under ${b}: ${unreachedRow(report(b), row)?.why}`);
    }
  }
  // Linux reaps an orphan in FIN-WAIT-2 (R42); RFC 9293 has no such timer: the timer runs, the explorer does not offer it.
  assert.deepEqual(only('linux', 'rfc9293'), ['R42']);
  assert.deepEqual(only('rfc9293', 'linux'), []);
  assert.match(unreachedRow(report('rfc9293'), 'R42')?.why ?? '', /fin-wait-2 timer runs in FIN-WAIT-2 .* rfc9293 has no fin-wait-2 timer \(RFC 9293 §3\.10\.8/);
  const r42 = report('linux').reached.find((x) => x.row === 'R42');
  assert.deepEqual(r42?.path.at(-1), { kind: 'timer', endpoint: r42?.endpoint, timer: 'fin-wait-2' });
  // With net.ipv4.tcp_rfc1337 = 1 a RST in TIME-WAIT is ignored (R51 is RFC 9293's and Linux's default).
  assert.deepEqual(only('linux', 'linux-rfc1337'), ['R51']);
  assert.deepEqual(only('linux-rfc1337', 'linux'), []);
  assert.match(unreachedRow(report('linux-rfc1337'), 'R51')?.why ?? '', /rst-in-time-wait-ignored/);
  assert.deepEqual(report('rfc9293').differences, []);
  assert.ok(report('linux-rfc1337').differences.some((d) => d.id === 'rst-in-time-wait-ignored' && d.rfcRow === 'R51'));
  // FreeBSD ignores that RST always, and reaps an orphaned FIN-WAIT-2 as Linux does.
  assert.deepEqual(only('linux', 'freebsd'), ['R51']);
  assert.deepEqual(only('freebsd', 'linux'), []);
  assert.ok(report('freebsd').differences.some((d) => d.id === 'freebsd-rst-in-time-wait-ignored' && d.rfcRow === 'R51'));
});

/** Scenario 1 at step 13: the client in TIME-WAIT, the server in LAST-ACK, the client's last ACK in flight. */
function scenario1AtStep13(): Run {
  const scenario = SCENARIOS.find((s) => s.number === 1);
  assert.ok(scenario);
  const explorer = new Explorer({ iss: scenario.iss }, pinnedEvents(scenario, 'rfc9293'));
  assert.equal(explorer.goTo(13), undefined);
  const run = explorer.fork();
  assert.deepEqual([run.world.stateOf('client'), run.world.stateOf('server')], ['TIME-WAIT', 'LAST-ACK']);
  return run;
}

test('shortestPathTo from TIME-WAIT / LAST-ACK to R49: the server retransmits its FIN and it arrives (the ACK held, not dropped)', () => {
  const run = scenario1AtStep13();
  const [key, length] = [worldKey(run), run.steps.length];
  const path = shortestPathTo(run, 'rfc9293', 'R49');
  assert.ok(path);
  assert.equal(worldKey(run), key, "the caller's run is left as it was");
  assert.equal(run.steps.length, length);
  // Two events, not three: a segment left alone stays in flight, so the last ACK need not be dropped first.
  const replay = run.fork();
  const steps = path.map((event) => replay.play(event));
  assert.deepEqual(path, [
    { kind: 'timer', endpoint: 'server', timer: 'retransmission' },
    { kind: 'deliver', to: 'client', segment: steps[0]?.sent[0]?.id },
  ]);
  assert.deepEqual(steps.map((s) => s.rows), [['R39'], ['R49']]);
  assert.equal(steps[0]?.sent[0]?.retransmission, true, 'the FIN sent again');
  // Shortest: no single event fires R49 here.
  assert.ok(choicesOf(run, 'rfc9293').every((choice) => !choice.outcome.rows.includes('R49')));
  // Dropping the ACK first (scenario 7's way) fires it too, one event later.
  const ack = run.world.network.find((s) => s.to === 'server');
  assert.ok(ack);
  const longer = run.fork();
  longer.play({ kind: 'lose', to: 'server', segment: ack.id });
  longer.play({ kind: 'timer', endpoint: 'server', timer: 'retransmission' });
  const fin = longer.world.network.find((s) => s.to === 'client');
  assert.ok(fin);
  assert.ok(longer.play({ kind: 'deliver', to: 'client', segment: fin.id }).rows.includes('R49'));
});

test('shortestPathTo: undefined for a call the simulator never carries out and for a row beyond the bounds', () => {
  const run = scenario1AtStep13();
  assert.equal(shortestPathTo(run, 'rfc9293', 'U11'), undefined);
  // R42 under Linux from the start takes more than three events.
  assert.equal(shortestPathTo(startRun(profileOptions('linux')), 'linux', 'R42', { maxDepth: 3 }), undefined);
  // From the start both sides open: U01 in one event.
  assert.deepEqual(shortestPathTo(startRun(), 'rfc9293', 'U01'), [{ kind: 'user', endpoint: 'client', call: 'passive-open' }]);
});

test('worlds reached in different orders are one world: segment ids are not part of the key', () => {
  const open = (endpoint: 'client' | 'server'): SimEvent => ({ kind: 'user', endpoint, call: 'active-open' });
  const a = startRun();
  a.play(open('client'));
  a.play(open('server'));
  const b = startRun();
  b.play(open('server'));
  b.play(open('client'));
  const clientSyn = (run: Run): number | undefined => run.world.network.find((s) => s.from === 'client')?.id;
  assert.notEqual(clientSyn(a), clientSyn(b), 'the SYNs are numbered differently');
  assert.equal(worldKey(a), worldKey(b));
  const c = startRun();
  c.play(open('client'));
  assert.notEqual(worldKey(a), worldKey(c));
});
