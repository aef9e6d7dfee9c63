// The simulator checked against the real Linux kernel (npm run test:kernel). Each scenario is
// played on loopback with real sockets (node:net, through kernel-trace.mjs), one application
// call at a time; after each call the kernel's states of both sockets at rest are compared with
// the simulator's 'linux' profile driven by the same calls (runSettled: each call, then every
// segment in flight delivered until the network is quiet; no timer fires). Where the tracepoint
// back-end sees the transitions, each socket's sequence during the call is compared too.
//
// States are read from the sock:inet_sock_set_state tracepoint when root (every transition,
// none missed) and always from ss at rest (TIME-WAIT and orphaned FIN-WAIT-2 live in a timewait
// stand-in the tracepoint never reports); without root the ss fallback is used and said so.
// Where no check is possible (no ss), the suite fails. Loopback only; every socket is closed
// and every port freed by kernel-trace.mjs, also on failure.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { createRecorder, formatResult, LINUX_TO_RFC, runScenario as playOnKernel } from './kernel-trace.mjs';
import { dedupe } from './kernel-states.mjs';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** @typedef {import('./kernel-trace.mjs').Call} Call */
/** @typedef {{endpoint?: 'client'|'server', call?: string, bytes?: number, windowShut?: 'client'|'server'}} SimCall */
/**
 * A scenario for both: each kernel call with the simulator calls it is (none: it changes nothing
 * the simulator models, e.g. accept(2) of a connection already ESTABLISHED, or close() of a
 * socket Node already closed by itself).
 * @typedef {{kernel: Call, sim: SimCall[], why?: string, nodeClosed?: boolean}} KernelStep
 * @typedef {{id: string, title: string, steps: KernelStep[]}} KernelScenario
 */

/** @type {KernelStep} */
const listen = { kernel: /** @type {Call} */ ({ op: 'listen' }), sim: [{ endpoint: 'server', call: 'passive-open' }] };
/** @type {KernelStep} */
const connect = { kernel: /** @type {Call} */ ({ op: 'connect' }), sim: [{ endpoint: 'client', call: 'active-open' }] };
/** @type {KernelStep} */
const accept = { kernel: /** @type {Call} */ ({ op: 'accept' }), sim: [], why: 'accept(2) takes an ESTABLISHED connection off the queue: no segment, no state change' };
const OPEN = [listen, connect, accept];
/** @param {'client'|'server'} side @returns {KernelStep} */
const closedByNode = (side) => ({ kernel: /** @type {Call} */ ({ op: 'destroy', side }), sim: [], why: 'Node had already closed the socket itself', nodeClosed: true });

/** @type {KernelScenario[]} */
const SCENARIOS = [
  {
    id: 'client-closes', title: 'handshake, then the client closes first (close() on both)',
    steps: [...OPEN, { kernel: { op: 'destroy', side: 'client' }, sim: [{ endpoint: 'client', call: 'close' }] },
      { kernel: { op: 'destroy', side: 'server' }, sim: [{ endpoint: 'server', call: 'close' }] }],
  },
  {
    id: 'server-closes', title: 'handshake, then the server closes first (close() on both)',
    steps: [...OPEN, { kernel: { op: 'destroy', side: 'server' }, sim: [{ endpoint: 'server', call: 'close' }] },
      { kernel: { op: 'destroy', side: 'client' }, sim: [{ endpoint: 'client', call: 'close' }] }],
  },
  {
    id: 'half-close', title: 'half-close: client shutdown(SHUT_WR), the server writes twice, then shuts down',
    steps: [...OPEN, { kernel: { op: 'end', side: 'client' }, sim: [{ endpoint: 'client', call: 'shutdown' }] },
      { kernel: { op: 'write', side: 'server', bytes: 1000 }, sim: [{ endpoint: 'server', call: 'send', bytes: 1000 }] },
      { kernel: { op: 'write', side: 'server', bytes: 1000 }, sim: [{ endpoint: 'server', call: 'send', bytes: 1000 }] },
      { kernel: { op: 'end', side: 'server' }, sim: [{ endpoint: 'server', call: 'shutdown' }] },
      closedByNode('client'), closedByNode('server')],
  },
  {
    id: 'abort', title: 'the client aborts: resetAndDestroy() (SO_LINGER 0 + close(): RST)',
    steps: [...OPEN, { kernel: { op: 'resetAndDestroy', side: 'client' }, sim: [{ endpoint: 'client', call: 'abort' }] }, closedByNode('server')],
  },
  {
    id: 'refused', title: 'connection refused: connect() to a port with no listener',
    steps: [{ kernel: { op: 'connectRefused' }, sim: [{ endpoint: 'client', call: 'active-open' }] }],
  },
  {
    id: 'close-with-unread-data', title: 'the server stops reading, 100 bytes arrive, the server closes: RST, not FIN (walkthrough scenario 12)',
    steps: [...OPEN, { kernel: { op: 'pause', side: 'server' }, sim: [{ endpoint: 'server', call: 'stop-reading' }] },
      { kernel: { op: 'write', side: 'client', bytes: 100 }, sim: [{ endpoint: 'client', call: 'send', bytes: 100 }] },
      { kernel: { op: 'destroy', side: 'server' }, sim: [{ endpoint: 'server', call: 'close' }] },
      closedByNode('client')],
  },
  {
    id: 'data-after-close', title: 'the client closes, then the server sends data: the orphaned client answers with RST',
    steps: [...OPEN, { kernel: { op: 'destroy', side: 'client' }, sim: [{ endpoint: 'client', call: 'close' }] },
      { kernel: { op: 'write', side: 'server', bytes: 100 }, sim: [{ endpoint: 'server', call: 'send', bytes: 100 }] },
      closedByNode('server')],
  },
  {
    id: 'both-shutdown-same-tick', title: 'client end() and server end() in the same tick: on loopback the client\'s FIN arrives first',
    steps: [...OPEN, {
      kernel: { op: 'endBoth' }, sim: [{ endpoint: 'client', call: 'shutdown' }, { endpoint: 'server', call: 'shutdown' }],
      why: 'on loopback a segment is processed within the call that sends it, so the server\'s shutdown() finds CLOSE-WAIT',
    }, closedByNode('client'), closedByNode('server')],
  },
  {
    id: 'simultaneous-close', title: 'simultaneous close, forced: the client\'s FIN waits behind data the server\'s shut window holds back',
    steps: [listen, connect, { kernel: { op: 'accept', read: false }, sim: [], why: accept.why },
      { kernel: { op: 'fillPeerWindow', side: 'client' }, sim: [{ endpoint: 'client', call: 'send', bytes: 1000 }, { endpoint: 'client', call: 'send', bytes: 1000, windowShut: 'server' }], why: 'data the window takes, then data it holds back' },
      { kernel: { op: 'end', side: 'client' }, sim: [{ endpoint: 'client', call: 'shutdown', windowShut: 'server' }] },
      { kernel: { op: 'end', side: 'server' }, sim: [{ endpoint: 'server', call: 'shutdown', windowShut: 'server' }] },
      { kernel: { op: 'resume', side: 'server' }, sim: [{}], why: 'the server reads: its window opens and what was held arrives' },
      closedByNode('client'), closedByNode('server')],
  },
];

/** @type {any} the core, bundled from src/core/index.ts */
let core;
/** @type {{backend: string, reason: string}} */
let chosen;

before(async () => {
  const built = await esbuild.build({ entryPoints: [join(ROOT, 'src', 'core', 'index.ts')], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  core = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  const probe = await createRecorder();
  chosen = { backend: probe.backend, reason: probe.backendReason };
  await probe.close();
  console.log(`kernel: ${fs.readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim()}; back-end: ${chosen.backend} (${chosen.reason})${chosen.backend === 'ss' ? '; transitions are not compared, only states at rest' : ''}`);
});

after(() => {
  const left = fs.existsSync('/sys/kernel/tracing/instances') ? fs.readdirSync('/sys/kernel/tracing/instances').filter((d) => d.startsWith(`tsl-${process.pid}-`)) : [];
  assert.deepEqual(left, [], 'trace instances of this process left behind');
});

test('the kernel can be read here: ss exists (states at rest), and the back-end is named', () => {
  let ss = '';
  try {
    ss = execFileSync('ss', ['-V'], { encoding: 'utf8' }).trim();
  } catch (e) {
    assert.fail(`cannot check the simulator against the kernel here: ss (iproute2) is missing or fails (${/** @type {Error} */ (e).message}); install iproute2`);
  }
  assert.ok(['tracepoint', 'ss'].includes(chosen.backend));
  console.log(`ss: ${ss}`);
});

/** A kernel state as ss or the trace names it -> the RFC's name; '-' (no socket) is CLOSED. @param {string} s */
function rfcName(s) {
  if (s === '-') return 'CLOSED';
  const name = LINUX_TO_RFC[/** @type {keyof typeof LINUX_TO_RFC} */ (s.replace('[tw]', ''))];
  if (!name) throw new Error(`unknown kernel state ${s}`);
  return name;
}

for (const scenario of SCENARIOS) {
  test(`kernel = simulator (linux profile): ${scenario.title}`, async () => {
    // The simulator first: one settled run, its calls grouped by the kernel call they make up.
    const flat = scenario.steps.flatMap((step) => step.sim);
    const settled = core.runSettled(flat, { profile: 'linux' });
    let at = 0;
    const simSteps = scenario.steps.map((step) => {
      const mine = settled.slice(at, at + step.sim.length);
      at += step.sim.length;
      return mine;
    });

    const result = await playOnKernel({ id: scenario.id, title: scenario.title, calls: scenario.steps.map((s) => s.kernel) });
    const lines = [formatResult(result).split('\n').filter((l) => !/^ {5}\+/.test(l) && !/all transitions/.test(l)).join('\n')];
    /** @type {string[]} */
    const problems = [];
    if (result.error) problems.push(`the kernel run failed: ${result.error}`);
    if (result.leftovers.length) problems.push(`sockets left after cleanup: ${result.leftovers.join('; ')}`);
    if (result.anomalies.length) problems.push(`trace anomalies: ${result.anomalies.join('; ')}`);
    assert.equal(result.steps.length, result.error ? result.steps.length : scenario.steps.length);

    let sim = { client: 'CLOSED', server: 'CLOSED' };
    /** @type {{client: string, server: string}} */
    let kernelBefore = { client: '-', server: '-' };
    lines.push(`   compared with the simulator (linux profile, settled after each call):`);
    result.steps.forEach((kstep, i) => {
      const step = scenario.steps[i];
      const group = simSteps[i];
      const simBefore = sim;
      if (group.length) sim = group.at(-1).states;
      const kernel = { client: kstep.states.client, server: kstep.states.server === '-' ? kstep.states.listener : kstep.states.server };
      const k = { client: rfcName(kernel.client), server: rfcName(kernel.server) };
      const notes = [];
      for (const role of /** @type {const} */ (['client', 'server'])) {
        if (k[role] !== sim[role]) problems.push(`${kstep.call}: ${role} kernel ${kernel[role]} (${k[role]}), simulator ${sim[role]}`);
      }
      // A close() the simulator takes as a no-op: Node closed the socket itself, or the kernel's socket is CLOSED already (reset).
      const side = /** @type {'client'|'server'} */ (/** @type {{side?: string}} */ (step.kernel).side);
      if (step.nodeClosed && !/already closed/.test(kstep.note ?? '') && rfcName(kernelBefore[side]) !== 'CLOSED') problems.push(`${kstep.call}: the simulator takes it as a no-op, but the ${side} socket was open (${kernelBefore[side]})`);
      // The listener is a socket of its own in Linux; the simulator's server is the listener until a connection arrives.
      if (sim.server !== 'LISTEN' && kstep.states.server !== '-' && kstep.states.listener !== 'LISTEN') problems.push(`${kstep.call}: listener ${kstep.states.listener}, not LISTEN`);
      const differences = group.flatMap((s) => s.steps.flatMap((x) => x.differences.map((d) => `${d.endpoint}: ${d.id} (RFC 9293 would fire ${d.rfcRow ?? 'another row'}; ${d.source})`)));
      if (differences.length) notes.push(`Linux differs from RFC 9293: ${[...new Set(differences)].join('; ')}`);

      // The transitions, where the tracepoint sees them.
      if (kstep.transitions) {
        for (const role of /** @type {const} */ (['client', 'server'])) {
          // The server is the listener until a connection is accepted, then the accepted socket.
          const listenerPhase = kstep.states.server === '-';
          const mine = kstep.transitions.filter((t) => (role === 'client' ? t.remotePort === result.port && t.localPort !== result.port
            : t.localPort === result.port && (listenerPhase ? t.remotePort === 0 : t.remotePort !== 0)));
          const simPath = dedupe([simBefore[role], ...group.flatMap((s) => s.steps.map((x) => x.states[role]))]);
          let traced = mine.length ? dedupe([rfcName(mine[0].oldState), ...mine.map((t) => rfcName(t.newState))]) : [];
          const extra = [];
          if (mine.some((t) => t.oldState === t.newState)) extra.push(`${mine.filter((t) => t.oldState === t.newState).map((t) => `${t.oldState} -> ${t.newState}`).join(', ')} (the state set again)`);
          if (traced.at(-1) === 'CLOSED' && kernel[role].endsWith('[tw]')) {
            // tcp_time_wait(): the full socket goes to CLOSE and a timewait socket takes its place.
            extra.push(`${mine.at(-1).oldState} -> CLOSE in the trace: a timewait socket in ${kernel[role].replace('[tw]', '')} took the full socket's place`);
            traced = dedupe([...traced.slice(0, -1), rfcName(kernel[role])]);
          }
          if (!mine.length) {
            if (simPath.length > 1) {
              if (kernel[role].endsWith('[tw]') || kernelBefore[role].endsWith('[tw]')) notes.push(`${role} ${simPath.join(' > ')}: not traced (a timewait socket changes state without the tracepoint), ss agrees at rest`);
              else problems.push(`${kstep.call}: ${role}: the simulator goes ${simPath.join(' > ')}, the trace shows no transition`);
            }
            continue;
          }
          if (traced.join(' > ') !== simPath.join(' > ')) problems.push(`${kstep.call}: ${role} traced ${traced.join(' > ')}, simulator ${simPath.join(' > ')}`);
          else notes.push(`${role} ${simPath.join(' > ')}: trace agrees${extra.length ? `; Linux also passes through ${extra.join('; ')}${mine.length > 1 ? ` (all within ${((mine.at(-1).time - mine[0].time) * 1e6).toFixed(0)} µs)` : ''}` : ''}`);
        }
      }
      lines.push(`   ${kstep.call.padEnd(34)} kernel ${`${kernel.client}/${kernel.server}`.padEnd(28)} simulator ${sim.client}/${sim.server}  ${k.client === sim.client && k.server === sim.server ? 'same' : 'DIFFERENT'}`);
      if (step.why) lines.push(`   ${''.padEnd(34)}   (${step.why})`);
      for (const n of notes) lines.push(`   ${''.padEnd(34)}   ${n}`);
      kernelBefore = { client: kernel.client, server: kernel.server };
    });
    console.log(`${lines.join('\n')}\n`);
    assert.deepEqual(problems, [], `${scenario.id}:\n${problems.join('\n')}`);
  });
}
