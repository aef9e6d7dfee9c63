// The simulator's engine on its own: the transition table drives it (one `fire` applies a row,
// refusing one that does not apply, and takes the new state from the row), it writes no words,
// and paths no scenario takes still follow the table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { simulate, type Scenario, type SimEvent } from '../../src/core/simulation';
import { World } from '../../src/core/simulation/world';

const SIMULATION = join(__dirname, '..', '..', '..', 'src', 'core', 'simulation');
const newWorld = (): World => new World({ iss: { client: 100, server: 300 }, synRetries: 6, profile: 'rfc9293', rfc1337: 0 });

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** The engine: everything in src/core/simulation but the words (text/), the scenarios' data and the public face. */
const ENGINE = sources(SIMULATION).filter((path) => !/^(text\/|scenarios\.ts$|index\.ts$)/.test(relative(SIMULATION, path).replace(/\\/g, '/')));

test('fire applies a row: it refuses one whose from does not hold the current state, and takes the state from its to', () => {
  const world = newWorld();
  assert.throws(() => world.fire('client', 'U08'), /row U08 \(CLOSE\) applies in ESTABLISHED, not to the client in CLOSED/);
  assert.deepEqual(world.step.rows, [], 'a refused row is not recorded');
  world.fire('server', 'U01');
  assert.equal(world.stateOf('server'), 'LISTEN');
  world.fire('server', 'R04'); // a RST in LISTEN: the row keeps the state
  assert.equal(world.stateOf('server'), 'LISTEN');
  assert.deepEqual(world.step.rows, ['U01', 'R04']);
  // @ts-expect-error -- 'R99' is not a row of the table, so this does not compile
  assert.throws(() => world.fire('client', 'R99'), /no row R99/);
});

test('entering CLOSED deletes the TCB: timers stopped, queue flushed', () => {
  const world = newWorld();
  world.fire('client', 'U02');
  world.send('client', ['SYN']);
  assert.ok(world.hasTimer('client', 'retransmission'));
  world.fire('client', 'U06');
  assert.equal(world.stateOf('client'), 'CLOSED');
  assert.ok(!world.hasTimer('client', 'retransmission'));
  assert.deepEqual(world.tcb.client.queue, []);
  assert.deepEqual(world.step.stopped.map((t) => [t.endpoint, t.kind, t.state]), [['client', 'retransmission', 'SYN-SENT']]);
});

test('a SYN inside the window in SYN-RECEIVED follows the table: back to LISTEN if passive (R21), else a challenge ACK (R22)', () => {
  const base = { id: 'x', number: 0, title: { en: 'x', 'zh-cn': 'x' }, summary: { en: 'x', 'zh-cn': 'x' }, iss: { client: 100, server: 300 } };
  const stale = (seq: number): SimEvent => ({ kind: 'inject', to: 'server', flags: ['SYN'], seq });
  const passive: Scenario = { ...base, events: [{ kind: 'user', endpoint: 'server', call: 'passive-open' }, stale(90), { kind: 'deliver', to: 'server' }, stale(91), { kind: 'deliver', to: 'server' }] };
  const last = simulate(passive).at(-1)!;
  assert.deepEqual([last.rows, last.before.server, last.states.server, last.sent], [['R21'], 'SYN-RECEIVED', 'LISTEN', []]);

  const toClient = (seq: number): SimEvent => ({ kind: 'inject', to: 'client', flags: ['SYN'], seq });
  const active: Scenario = {
    ...base,
    events: [{ kind: 'user', endpoint: 'client', call: 'active-open' }, { kind: 'user', endpoint: 'server', call: 'active-open' }, { kind: 'deliver', to: 'client' }, toClient(301), { kind: 'deliver', to: 'client' }],
  };
  const challenged = simulate(active).at(-1)!;
  assert.deepEqual([challenged.rows, challenged.states.client], [['R22'], 'SYN-RECEIVED']);
  assert.deepEqual(challenged.sent.map((s) => [s.flags.join(','), s.seq, s.ack]), [['ACK', 101, 301]]);
});

test('the engine writes no words: it never imports text/ and holds no Chinese', () => {
  assert.ok(ENGINE.length >= 10, `engine files found: ${ENGINE.length}`);
  for (const path of ENGINE) {
    const source = readFileSync(path, 'utf8');
    assert.doesNotMatch(source, /from '[./]*\/?text\//, path);
    assert.doesNotMatch(source, /[\u4e00-\u9fff]/, path);
  }
});

test("no state is assigned by hand: only world.ts's fire (through enter) writes an endpoint's state", () => {
  for (const path of ENGINE) {
    const source = readFileSync(path, 'utf8');
    assert.doesNotMatch(source, /\.state\s*=[^=]|\bstate:\s*'[A-Z]/, `${path} writes a state`);
    const writes = source.match(/\bstates\[[^\]]+\]\s*=[^=]/g) ?? [];
    assert.equal(writes.length, path.endsWith('world.ts') ? 1 : 0, path);
  }
});
