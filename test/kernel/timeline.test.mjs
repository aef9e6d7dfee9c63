// The capture timeline checked against the real Linux kernel (npm run test:kernel). Each
// scenario is played on loopback with real sockets (test/unit/timeline-exchanges.ts) while
// tcpdump records the segments and the sock:inet_sock_set_state tracepoint records the
// kernel's own state changes (kernel-trace.mjs); the timeline built from the capture must give
// each endpoint the state sequence the kernel went through for that socket.
//
// What is compared, and where the two legitimately differ (each case is printed when it occurs):
// - Client: the traced states of its socket, in order. Server: those of the socket accept()
//   returns, which the kernel clones from the listener when the handshake's ACK arrives, so its
//   first event is LISTEN -> SYN_RECV and the next SYN_RECV -> ESTABLISHED (the request socket
//   of the SYN-RECEIVED phase, TCP_NEW_SYN_RECV, fires no event): the same names, later times.
// - TIME-WAIT, and Linux's FIN-WAIT-2 inside one FIN,ACK: read as kernel-states.mjs says.
// - A refused connection has no server socket: the timeline's CLOSED is "no TCB" (RFC 9293 §3.3.2).
// Needs root, tracefs and tcpdump. Without the tracepoint (not root, no tracefs) only the last
// state of each endpoint is compared with ss at rest, and with CI=true the suite fails instead.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { createRecorder } from './kernel-trace.mjs';
import { kernelStates, rfc, withoutSameSegmentFinWait2 } from './kernel-states.mjs';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const INSTALL_HINT = 'the timeline kernel check needs root, tracefs and the Debian package tcpdump (apt-get install -y tcpdump)';

/** @type {any} the timeline core, the exchanges and the recording helper, bundled from TypeScript */
let lib;
/** @type {{backend: string, reason: string}} */
let chosen;
let dir = '';

before(async () => {
  const contents = [
    "export * from './src/core/timeline/index.ts';",
    "export * as exchanges from './test/unit/timeline-exchanges.ts';",
    "export { record, closed, wasReset } from './test/unit/capture-recording.ts';",
  ].join('\n');
  const built = await esbuild.build({ stdin: { contents, resolveDir: ROOT, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  lib = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  const probe = await createRecorder();
  chosen = { backend: probe.backend, reason: probe.backendReason };
  await probe.close();
  console.log(`timeline kernel check: ${fs.readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim()}; back-end: ${chosen.backend} (${chosen.reason})`);
  if (chosen.backend !== 'tracepoint' && process.env.CI === 'true') {
    assert.fail(`CI=true: the timeline's kernel check needs the sock:inet_sock_set_state tracepoint, which is unavailable here (${chosen.reason}); ${INSTALL_HINT}`);
  }
  if (chosen.backend !== 'tracepoint') console.log('  without the tracepoint only the last state of each endpoint is compared (ss at rest)');
  assert.equal(process.getuid?.(), 0, `not running as root: ${INSTALL_HINT}`);
  dir = fs.mkdtempSync(join(tmpdir(), 'tcp-state-lens-timeline-kernel-'));
});

after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  const left = fs.existsSync('/sys/kernel/tracing/instances') ? fs.readdirSync('/sys/kernel/tracing/instances').filter((d) => d.startsWith(`tsl-${process.pid}-`)) : [];
  assert.deepEqual(left, [], 'trace instances of this process left behind');
});

/**
 * Plays `exchange` with tcpdump and the kernel recorder running; returns the capture's
 * timeline and what the kernel recorded for the server port.
 */
async function play(name, exchange, done) {
  const rec = await createRecorder();
  let serverPort = 0;
  try {
    const watched = async (/** @type {string} */ host, /** @type {number} */ port, /** @type {unknown} */ server) => {
      serverPort = port;
      await rec.watchPorts([port]);
      await exchange(host, port, server);
    };
    const file = await lib.record({ dir, name, host: '127.0.0.1', device: 'lo', exchange: watched, done, extra: [], installHint: INSTALL_HINT });
    await rec.waitForRest();
    const ss = await rec.ssStatesNow();
    const traced = rec.backend === 'tracepoint';
    return {
      timeline: lib.timelineOfCapture(new Uint8Array(fs.readFileSync(file))),
      serverPort,
      ss,
      transitions: traced ? rec.transitions() : undefined,
      anomalies: traced ? rec.anomalies() : [],
    };
  } finally {
    await rec.close();
  }
}

/** Compares every connection of a run with the kernel; returns the problems, prints what was compared. */
function compare(run, title) {
  const problems = [...run.anomalies.map((a) => `trace anomaly: ${a}`)];
  const lines = [`${title} (server port ${run.serverPort})`];
  if (run.timeline.error) problems.push(`capture: ${run.timeline.error}`);
  for (const c of run.timeline.connections) {
    const clientIndex = c.endpoints[0].port === run.serverPort ? 1 : 0;
    const clientPort = c.endpoints[clientIndex].port;
    const roles = [
      { who: `client :${clientPort}`, index: clientIndex, local: clientPort, remote: run.serverPort },
      { who: `server :${run.serverPort}`, index: clientIndex === 0 ? 1 : 0, local: run.serverPort, remote: clientPort },
    ];
    for (const role of roles) {
      const timeline = c.states[role.index];
      const notes = [];
      const ssEntry = run.ss.get(`${role.local}>${role.remote}`);
      let kernel;
      if (run.transitions) {
        const mine = run.transitions.filter((t) => t.localPort === role.local && t.remotePort === role.remote);
        kernel = withoutSameSegmentFinWait2(kernelStates(mine, ssEntry, notes, role.who), timeline, mine, notes, role.who);
        if (mine.length === 0) notes.push(`${role.who}: no socket (refused): CLOSED is "no TCB" (RFC 9293 §3.3.2)`);
      } else {
        kernel = [rfc(ssEntry?.state ?? 'CLOSE')];
      }
      const compared = run.transitions ? timeline : [timeline.at(-1)];
      const same = compared.join(' > ') === kernel.join(' > ');
      if (!same) problems.push(`#${c.id} ${role.who}: timeline ${timeline.join(' > ')}, kernel ${kernel.join(' > ')}`);
      lines.push(`   #${c.id} ${role.who.padEnd(14)} timeline ${compared.join(' > ')}`, `   ${''.padEnd(18)} kernel   ${kernel.join(' > ')}  ${same ? 'same' : 'DIFFERENT'}`);
      for (const n of notes) lines.push(`   ${''.padEnd(18)} (${n})`);
    }
  }
  console.log(`${lines.join('\n')}\n`);
  return problems;
}

const SCENARIOS = [
  { id: 'client-closes', title: 'the client closes first, the server later', exchange: () => lib.exchanges.clientClosesFirst, done: () => lib.closed, connections: 1 },
  { id: 'client-closes-answered', title: 'the client closes first, the server at once (its FIN carries the ACK)', exchange: () => lib.exchanges.clientClosesServerAnswers, done: () => lib.closed, connections: 1 },
  { id: 'server-closes', title: 'the server closes first', exchange: () => lib.exchanges.serverClosesFirst, done: () => lib.closed, connections: 1 },
  { id: 'half-close', title: 'half-close: the client shuts down, the server sends, then shuts down', exchange: () => lib.exchanges.halfClose, done: () => lib.closed, connections: 1 },
  { id: 'abort', title: 'abort: resetAndDestroy() (SO_LINGER 0)', exchange: () => lib.exchanges.abort, done: () => lib.wasReset, connections: 1 },
  { id: 'refused', title: 'refused: nothing listens', exchange: () => lib.exchanges.refused, done: () => lib.wasReset, connections: 1 },
  { id: 'unread', title: 'close() with unread data: RST', exchange: () => lib.exchanges.closeWithUnreadData, done: () => lib.wasReset, connections: 1 },
  { id: 'interleaved', title: '10 interleaved connections, every other one aborted', exchange: () => lib.exchanges.interleaved(10), done: () => lib.exchanges.allEnded(10), connections: 10 },
];

for (const scenario of SCENARIOS) {
  test(`timeline = kernel: ${scenario.title}`, async () => {
    const run = await play(`${scenario.id}.pcap`, scenario.exchange(), scenario.done());
    assert.equal(run.timeline.connections.length, scenario.connections);
    const problems = compare(run, scenario.title);
    assert.deepEqual(problems, [], `${scenario.id}:\n${problems.join('\n')}`);
  });
}
