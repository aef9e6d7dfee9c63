// The explorer's kernel replay (src/kernel-replay/) against the real kernel (npm run
// test:kernel): a history played on loopback sockets must show, after each call, the states the
// simulator's 'linux' profile reaches just before the next call; it stops at the first event
// loopback cannot produce, and leaves no socket of its own behind, also when it is aborted
// midway (the explorer's panel closing). States are read by the replay itself from
// /proc/net/tcp; this test reads that table again to see what is left.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** @type {any} the replay and the simulator, bundled from src/ */
let m;

before(async () => {
  const built = await esbuild.build({
    stdin: { contents: "export * from './src/kernel-replay/index.ts'; export { runEvents, SCENARIOS } from './src/core/simulation';", resolveDir: ROOT, loader: 'ts' },
    bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent',
  });
  m = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
});

/**
 * Our sockets the kernel still lists, other than TIME_WAIT (the kernel's, not ours).
 * @param {Iterable<number>} ports
 */
function openOnPorts(ports) {
  const set = new Set(ports);
  return m.parseProcNetTcp(fs.readFileSync('/proc/net/tcp', 'utf8'))
    .filter((/** @type {any} */ e) => (set.has(e.localPort) || set.has(e.remotePort)) && e.state !== 'TIME_WAIT')
    .map((/** @type {any} */ e) => `${e.state} ${e.localPort}->${e.remotePort}`);
}

/** Node handles of TCP still alive in this process (the test itself has none). */
const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => /^TCP/.test(r));

/** @param {any} r @returns {string} */
const show = (r) => r.steps.map((/** @type {any} */ s) => `${String(s.step).padStart(3)} ${s.call.padEnd(20)} ${s.linux.client}/${s.linux.server}  ports ${s.ports.client ?? '-'}/${s.ports.server}`).join('\n');

test('scenario 1 on the kernel: after each call the simulator\'s states (linux), the client\'s port, a stop at TIME-WAIT, nothing left', async () => {
  const events = m.SCENARIOS[0].events;
  const r = await m.replayOnKernel(events);
  console.log(`${show(r)}\n  stopped: ${r.stoppedAt?.reason.en}`);
  assert.deepEqual(r.steps.map((/** @type {any} */ s) => s.step), [1, 2, 6, 9, 12]);
  assert.equal(r.stoppedAt?.step, events.length);
  assert.match(r.stoppedAt.reason.en, /TIME-WAIT timer fires; Linux keeps TIME-WAIT for 60 s/);
  // The simulator at the point before the next call (or before the stop).
  const sim = m.runEvents(events, { profile: 'linux' });
  r.steps.forEach((/** @type {any} */ s, /** @type {number} */ i) => {
    const next = r.steps[i + 1]?.step ?? r.stoppedAt.step;
    assert.deepEqual(s.kernel, sim[next - 1].states, `${s.call} (step ${s.step}): kernel ${s.linux.client}/${s.linux.server}`);
  });
  assert.deepEqual(r.steps.at(-1).kernel, { client: 'TIME-WAIT', server: 'CLOSED' });
  assert.deepEqual(r.steps.at(-1).linux, { client: 'TIME_WAIT', server: '-' });
  assert.deepEqual(r.steps[0].linux, { client: '-', server: 'LISTEN' });
  const server = r.steps[0].ports.server;
  assert.ok(server > 0);
  const client = r.steps[1].ports.client;
  assert.ok(Number.isInteger(client) && client > 0 && client !== server, `client port ${client}`);
  for (const s of r.steps.slice(1)) assert.deepEqual(s.ports, { client, server }, s.call);
  assert.deepEqual(r.leftovers, []);
  assert.deepEqual(openOnPorts([server, client]), []);
  assert.deepEqual(tcpHandles(), []);
});

test('every walkthrough scenario: the kernel at rest after each call is what the simulator (linux) settles to', async () => {
  /** @type {string[]} */
  const problems = [];
  for (const scenario of m.SCENARIOS) {
    const plan = m.replayableEvents(scenario.events);
    const r = await m.replayOnKernel(scenario.events);
    console.log(`(${scenario.number}) ${scenario.id}\n${show(r)}\n  stopped: ${r.stoppedAt?.reason.en ?? 'no: replayed to the end'}`);
    assert.deepEqual(r.stoppedAt, plan.stoppedAt, scenario.id);
    assert.equal(r.steps.length, plan.calls.length, scenario.id);
    r.steps.forEach((/** @type {any} */ s, /** @type {number} */ i) => {
      const expected = plan.calls[i].settled;
      if (s.kernel.client !== expected.client || s.kernel.server !== expected.server) problems.push(`${scenario.id} ${s.call} (step ${s.step}): kernel ${s.kernel.client}/${s.kernel.server}, simulator ${expected.client}/${expected.server}`);
    });
    if (r.leftovers.length) problems.push(`${scenario.id}: left ${r.leftovers.join('; ')}`);
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(tcpHandles(), []);
});

test("a loss at step 3 stops the replay at step 3, after the calls before it", async () => {
  const events = [...m.SCENARIOS[0].events.slice(0, 2), { kind: 'lose', to: 'server' }];
  const r = await m.replayOnKernel(events);
  assert.deepEqual(r.stoppedAt?.step, 3);
  assert.equal(r.stoppedAt?.reason.en, 'the network loses SYN seq=100 on its way to the server; loopback never loses one');
  assert.deepEqual(r.steps.map((/** @type {any} */ s) => [s.step, s.call]), [[1, 'listen(server)'], [2, 'connect(client)']]);
  // Loopback delivers the SYN the history loses: the connection is made.
  assert.deepEqual(r.steps[1].kernel, { client: 'ESTABLISHED', server: 'ESTABLISHED' });
  assert.deepEqual(r.leftovers, []);
  assert.deepEqual(openOnPorts([r.steps[1].ports.server, r.steps[1].ports.client]), []);
});

for (const [when, abortAt] of /** @type {const} */ ([['between two calls', 'now'], ['while the kernel settles', 'soon']])) {
  test(`aborted ${when}: rejects with an AbortError after closing every socket`, async () => {
    const controller = new AbortController();
    /** @type {number[]} */
    const ports = [];
    const replay = m.replayOnKernel(m.SCENARIOS[0].events, {
      signal: controller.signal,
      onStep: (/** @type {any} */ s) => {
        ports.push(s.ports.server, ...(s.ports.client ? [s.ports.client] : []));
        // After write(client): the connection is open; the next call is close(client), which polls.
        if (s.step === 6) {
          if (abortAt === 'now') controller.abort();
          else setTimeout(() => controller.abort(), 5);
        }
      },
    });
    await assert.rejects(replay, (/** @type {Error} */ e) => e.name === 'AbortError' && /aborted/.test(e.message));
    assert.ok(ports.length > 0);
    assert.deepEqual(openOnPorts(ports), [], 'sockets left on the replay\'s ports');
    assert.deepEqual(tcpHandles(), [], 'Node TCP handles left');
  });
}

test('a signal aborted before the start rejects at once, and opens nothing', async () => {
  await assert.rejects(m.replayOnKernel(m.SCENARIOS[0].events, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  assert.deepEqual(tcpHandles(), []);
});
