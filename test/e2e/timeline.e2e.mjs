// End-to-end: the capture timeline in a real VS Code (code-server), VSIX installed. The test
// records a real capture on loopback with tcpdump of a connection it makes (the client closes
// first) while the kernel's own state changes are traced (sock:inet_sock_set_state, as the
// kernel test does), opens the .pcap from the workspace in the extension's read-only editor,
// picks the connection from the list and reads both endpoints' states from the Mermaid sequence
// diagram: they must be the states the kernel went through in that same run.
// A damaged capture shows the reader's message with its byte offset instead of a crash.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ensureDebianPackages } from './harness/install.mjs';
import { useWorkbench } from './harness/suite.mjs';
import { frameWith, openCapture, openFile, reloadWindow, runCommand, UI_TIMEOUT } from './harness/workbench.mjs';
import { RESULTS, ROOT, saveReadmeScreenshot } from './harness/artifacts.mjs';
import { createRecorder } from '../kernel/kernel-trace.mjs';
import { kernelStates, withoutSameSegmentFinWait2 } from '../kernel/kernel-states.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const CAPTURE = 'client-closes-first.pcap';
const DAMAGED = 'damaged.pcap';
/** The same frames under a link type the reader does not decode (802.11 radiotap). */
const RADIOTAP = 'wifi-radiotap.pcap';
const TEXT = 'client-closes-first.tcpdump.log';
/** Request and answer this many times: about twice as many data segments, past the diagram's fold. */
const ROUND_TRIPS = 12;

/**
 * The project's own capture reader (to know when the recording is complete) and the unit tests'
 * tcpdump start (its buffer and flags), bundled from their TypeScript.
 */
async function recordingTools() {
  const contents = "export { CaptureReader } from './src/core/capture/index.ts'; export { startTcpdump, IMMEDIATE } from './test/unit/capture-recording.ts';";
  const built = await esbuild.build({ stdin: { contents, resolveDir: ROOT, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
}

/** Polls (every 10 ms, at most 10 s) until `check` holds: a recording is complete when the file shows it. */
async function until(check, what) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Records one connection on 127.0.0.1: the client sends, the server answers (ROUND_TRIPS times), the client closes;
 * the server closes only once the capture shows it has acknowledged the client's FIN, so the close
 * is the textbook four segments (no FIN piggybacked on that ACK) and both sides pass every state.
 * `listening` is called with the server's port before anything is sent. Returns both ports.
 */
async function recordClientClosesFirst(file, listening) {
  const { CaptureReader, startTcpdump, IMMEDIATE } = await recordingTools();
  const segments = () => new CaptureReader().push(new Uint8Array(readFileSync(file)));
  // Half-open allowed: else Node would close the server's side the moment the client's FIN arrives.
  const server = createServer({ allowHalfOpen: true });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  await listening(port);
  let clientPort = 0;
  const tcpdump = await startTcpdump(['-i', 'lo', '-w', file, '-U', ...IMMEDIATE, `tcp port ${port}`], 'the timeline test needs the Debian package tcpdump');
  const exited = once(tcpdump, 'exit');
  try {
    const served = once(server, 'connection');
    const client = connect({ host: '127.0.0.1', port });
    const [peer] = await served;
    clientPort = peer.remotePort;
    peer.on('data', () => peer.write('pong'));
    // Enough round trips for a data phase the diagram folds; then the client closes.
    let rounds = 0;
    client.on('data', () => (++rounds < ROUND_TRIPS ? client.write('ping') : client.end()));
    const clientFin = () => segments().findIndex((s) => s.dstPort === port && s.flags.fin);
    peer.on('end', async () => {
      await until(() => {
        const all = segments();
        const fin = clientFin();
        return fin >= 0 && all.slice(fin + 1).some((s) => s.srcPort === port && s.flags.ack && !s.flags.fin);
      }, "the server's ACK of the client's FIN");
      peer.end();
    });
    client.write('ping');
    await Promise.all([once(client, 'close'), once(peer, 'close')]);
    await until(() => {
      const all = segments();
      const fin = all.findIndex((s) => s.srcPort === port && s.flags.fin);
      return fin >= 0 && all.slice(fin + 1).some((s) => s.dstPort === port && s.flags.ack);
    }, "the client's last ACK");
  } finally {
    tcpdump.kill('SIGINT');
    await exited;
    server.close();
  }
  return { port, clientPort };
}

/**
 * Records the capture with the kernel's state changes traced: each endpoint's states as the
 * kernel went through them (kernel-states.mjs), the client's and the server's (of the socket
 * accept() returned, cloned from the listener: its first state LISTEN). Without the tracepoint
 * (not root, no tracefs) undefined, and with CI=true a failure.
 */
async function recordWithKernel(file) {
  const recorder = await createRecorder();
  try {
    const traced = recorder.backend === 'tracepoint';
    if (!traced && process.env.CI === 'true') assert.fail(`CI=true: the kernel's states need the sock:inet_sock_set_state tracepoint (${recorder.backendReason})`);
    const { port, clientPort } = await recordClientClosesFirst(file, (p) => recorder.watchPorts([p]));
    if (!traced) return undefined;
    await recorder.waitForRest();
    const ss = await recorder.ssStatesNow();
    const all = recorder.transitions();
    const notes = [];
    const socket = (local, remote, who) => {
      const transitions = all.filter((t) => t.localPort === local && t.remotePort === remote);
      return { transitions, states: kernelStates(transitions, ss.get(`${local}>${remote}`), notes, who) };
    };
    return { client: socket(clientPort, port, 'client'), server: socket(port, clientPort, 'server'), notes };
  } finally {
    await recorder.close();
  }
}

/** Where record `n` (0-based) of a classic pcap file starts: after the 24-byte file header, each record is a 16-byte header and its captured bytes. */
function recordStart(pcap, n) {
  const little = pcap.readUInt32LE(0) === 0xa1b2c3d4;
  let at = 24;
  for (let i = 0; i < n; i++) at += 16 + (little ? pcap.readUInt32LE(at + 8) : pcap.readUInt32BE(at + 8));
  return at;
}

/**
 * The notes of the sequence diagram over each lifeline, top to bottom: a note belongs to the
 * participant whose lifeline its box is centred on (the notes over both, centred between them, are left out).
 */
function notesByEndpoint(frame) {
  return frame.locator('#sequence svg').evaluate((svg) => {
    const actors = [...svg.querySelectorAll('rect.actor')]
      .map((rect) => rect.getBoundingClientRect())
      .filter((box, i, all) => all.findIndex((other) => Math.abs(other.x - box.x) < 1) === i)
      .sort((a, b) => a.x - b.x)
      .map((box) => box.x + box.width / 2);
    const spacing = Math.abs((actors[1] ?? 0) - (actors[0] ?? 0));
    const lanes = actors.map(() => []);
    const notes = [...svg.querySelectorAll('rect.note')].map((rect) => ({ rect, box: rect.getBoundingClientRect() })).sort((a, b) => a.box.y - b.box.y);
    for (const { rect, box } of notes) {
      const centre = box.x + box.width / 2;
      const lane = actors.reduce((best, x, i) => (Math.abs(x - centre) < Math.abs(actors[best] - centre) ? i : best), 0);
      // A note over both lifelines is centred between them.
      if (Math.abs(actors[lane] - centre) > spacing / 4) continue;
      const texts = [...rect.parentElement.querySelectorAll('text')].map((t) => t.textContent.trim()).join(' ');
      lanes[lane].push(texts);
    }
    return lanes;
  });
}

/** The states without a LISTEN they start with. */
const withoutListen = (states) => (states[0] === 'LISTEN' ? states.slice(1) : states);

/** Each state a note names, in order ("TIME-WAIT: its end is not on the wire …" names TIME-WAIT). */
const statesOf = (notes) => notes.map((note) => /^[A-Z][A-Z0-9-]+/.exec(note)?.[0] ?? note);

describe('the capture timeline in a real VS Code', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'tsl-timeline-'));
  /** What the kernel went through in the recording, or undefined where it cannot be traced. */
  let kernel;
  before(async () => {
    await ensureDebianPackages(['tcpdump']);
    kernel = await recordWithKernel(join(workspace, CAPTURE));
    const whole = readFileSync(join(workspace, CAPTURE));
    // Cut inside the fourth packet's record: the reader stops there and says at which byte.
    writeFileSync(join(workspace, DAMAGED), whole.subarray(0, recordStart(whole, 3) + 20));
    // The file header's link type (bytes 20–23) set to 127: every frame is then of a link type not decoded.
    const radiotap = Buffer.from(whole);
    if (radiotap.readUInt32LE(0) === 0xa1b2c3d4) radiotap.writeUInt32LE(127, 20);
    else radiotap.writeUInt32BE(127, 20);
    writeFileSync(join(workspace, RADIOTAP), radiotap);
    // The same capture as tcpdump prints it, for the text command.
    const text = spawnSync('tcpdump', ['-nn', '-tt', '-r', join(workspace, CAPTURE)], { encoding: 'utf8' });
    assert.equal(text.status, 0, text.stderr);
    writeFileSync(join(workspace, TEXT), text.stdout);
  });
  after(() => rmSync(workspace, { recursive: true, force: true }));
  const ctx = useWorkbench({ vsix: VSIX, workspace });
  const guarded = ctx.test;

  guarded("a .pcap opens in the timeline editor, and its connection's sequence diagram shows both endpoints' states", async () => {
    await openCapture(ctx.page, CAPTURE);
    const frame = await frameWith(ctx.page, '#rows .row[data-id="0"]', 'timeline webview with the connection list');
    // One connection: the filter of the recording kept only the test's own port.
    assert.equal(await frame.locator('#rows .row[data-id]').count(), 1);
    const cells = await frame.locator('#rows .row[data-id="0"] .cell').allTextContents();
    assert.match(cells[1], /^127\.0\.0\.1:\d+$/, 'endpoint A is the client');
    assert.match(cells[2], /^127\.0\.0\.1:\d+$/, 'endpoint B is the server');
    assert.match(await frame.locator('.toolbar .legend').innerText(), /inferred at the capture point/);
    await frame.locator('#rows .row[data-id="0"]').click();
    await frame.locator('#sequence[data-id="0"] svg').waitFor({ timeout: UI_TIMEOUT });
    const arrows = await frame.locator('#sequence svg text.messageText').allTextContents();
    assert.ok(arrows.some((text) => /^SYN seq=0 \(\d+\) len=0/.test(text)), `the SYN's arrow: ${arrows.join(' | ')}`);
    assert.ok(arrows.some((text) => /^FIN,ACK /.test(text)), 'a FIN arrow');
    // The data phase is folded into one note with its count.
    assert.ok((await frame.locator('#sequence svg text.noteText', { hasText: /… \d+ data segments/ }).count()) === 1, 'one fold note');
    await saveReadmeScreenshot(ctx.page, 'capture-timeline.png');

    // Both endpoints' inferred states, as the sequence diagram writes them beside their lifelines,
    // against the kernel's own for the same sockets in the same run (the textbook sequence where
    // the kernel cannot be traced, outside CI: said so in the output).
    const [client, server] = await notesByEndpoint(frame);
    const clientStates = statesOf(client);
    // The server's LISTEN: the sequence diagram starts it there; the kernel's accepted socket too (a clone of the listener).
    const serverStates = withoutListen(statesOf(server));
    const expected = kernel
      ? {
          client: withoutSameSegmentFinWait2(kernel.client.states, clientStates, kernel.client.transitions, kernel.notes, 'client'),
          server: withoutListen(kernel.server.states),
        }
      : { client: ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT'], server: ['SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED'] };
    console.log(kernel ? `[timeline] the kernel's states (traced): client ${expected.client.join(' > ')}; server ${expected.server.join(' > ')}${kernel.notes.length ? ` (${kernel.notes.join('; ')})` : ''}` : '[timeline] no tracepoint here (not root or no tracefs): compared with the textbook sequence');
    assert.deepEqual(clientStates, expected.client, `client notes: ${client.join(' | ')}`);
    assert.deepEqual(serverStates, expected.server, `server notes: ${server.join(' | ')}`);
    // The states the kernel shows for a clean close by the client, so the comparison is not vacuous.
    assert.deepEqual(expected.client.slice(-2), ['FIN-WAIT-2', 'TIME-WAIT']);
    assert.deepEqual(expected.server.slice(-3), ['CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    assert.match(client.at(-1), /not on the wire/);
    await frame.locator('#facts li', { hasText: 'not on the wire' }).waitFor();

    // Unfolded by its button: every data segment gets its arrow; folded again by the same button.
    const expand = frame.locator('#expand', { hasText: /^Show all \d+ data segments$/ });
    const folded = Number(/\d+/.exec(await expand.innerText())[0]);
    const before = await frame.locator('#sequence svg .messageLine0, #sequence svg .messageLine1').count();
    await expand.click();
    await frame.locator('#expand', { hasText: 'Fold the data segments' }).waitFor();
    await frame.waitForFunction((n) => document.querySelectorAll('#sequence svg .messageLine0, #sequence svg .messageLine1').length === n, before + folded);
    assert.equal(await frame.locator('#sequence svg text.noteText', { hasText: /data segments/ }).count(), 0);
    await frame.locator('#expand').click();
    await frame.locator('#expand', { hasText: /^Show all \d+ data segments$/ }).waitFor();
  });

  guarded("\"Show on the state diagram\" highlights both endpoints' paths", async () => {
    const frame = await frameWith(ctx.page, '#sequence[data-id="0"] svg', 'timeline webview with a sequence diagram');
    await frame.locator('#show-on-diagram').click();
    const diagram = await frameWith(ctx.page, '#paths:not([hidden])', 'diagram webview with the paths of a connection');
    await diagram.locator('#diagram g.node.tsl-path-0[data-state="FIN-WAIT-2"]').waitFor();
    await diagram.locator('#diagram g.node.tsl-path-1[data-state="LAST-ACK"]').waitFor();
    assert.match(await diagram.locator('#paths .label-0').innerText(), /SYN-SENT → ESTABLISHED/);
    // The arcs between consecutive states too: four of the client's, five of the server's.
    assert.ok((await diagram.locator('#diagram path.tsl-path-0').count()) >= 4);
    assert.ok((await diagram.locator('#diagram path.tsl-path-1').count()) >= 5);
    mkdirSync(RESULTS, { recursive: true });
    await ctx.page.screenshot({ path: join(RESULTS, 'timeline-paths.png') });
  });

  guarded("a damaged capture shows the reader's message with its byte offset, and what was read before it", async () => {
    await openCapture(ctx.page, DAMAGED);
    const frame = await frameWith(ctx.page, 'body[data-loaded="true"] #error:not([hidden])', 'timeline webview with an error');
    assert.match(await frame.locator('#error').innerText(), /Reading stopped early: .*byte \d+/);
    // The segments before the damage are kept: the connection is listed.
    await frame.locator('#rows .row[data-id="0"]').waitFor();
  });

  guarded('a capture of a link type the reader does not decode says how many frames of which link type it skipped', async () => {
    await openCapture(ctx.page, RADIOTAP);
    const frame = await frameWith(ctx.page, 'body[data-loaded="true"] #skipped:not([hidden])', 'timeline webview with the skipped link type');
    assert.match(await frame.locator('#skipped').innerText(), /^\d+ frames of link type 127 \(IEEE 802\.11 radiotap\) skipped: this reader decodes Ethernet/);
    assert.equal(await frame.locator('#rows .row[data-id]').count(), 0);
    assert.ok(await frame.locator('#error').isHidden(), 'no error: the file was read to its end');
  });

  guarded('"TCP: Show Timeline of tcpdump Text" shows the same connection from tcpdump\'s text, and comes back after a reload', async () => {
    await runCommand(ctx.page, 'View: Close All Editors');
    await openFile(ctx.page, TEXT);
    await runCommand(ctx.page, 'TCP: Show Timeline of tcpdump Text');
    const frame = await frameWith(ctx.page, 'body[data-loaded="true"] #rows .row[data-id="0"]', 'timeline webview of tcpdump text');
    assert.equal(await frame.locator('#rows .row[data-id]').count(), 1);
    await frame.locator('#rows .row[data-id="0"]').click();
    await frame.locator('#sequence[data-id="0"] svg').waitFor();
    await frame.locator('#facts li[data-endpoint="0"]', { hasText: 'SYN-SENT' }).waitFor();

    // After a reload the panel is built again from the document its webview's state names.
    await reloadWindow(ctx.page);
    await ctx.page.locator('.tab', { hasText: `Timeline: ${TEXT}` }).first().waitFor({ timeout: UI_TIMEOUT });
    const again = await frameWith(ctx.page, 'body[data-loaded="true"] #rows .row[data-id="0"]', 'the text timeline restored after the reload');
    assert.equal(await again.locator('#rows .row[data-id]').count(), 1);
    await again.locator('#rows .row[data-id="0"]').click();
    await again.locator('#facts li[data-endpoint="0"]', { hasText: 'SYN-SENT' }).waitFor();

    // Its document gone, a reload brings the panel back saying so, not empty and not a crash.
    rmSync(join(workspace, TEXT));
    await reloadWindow(ctx.page);
    const gone = await frameWith(ctx.page, 'body[data-loaded="failed"] #error:not([hidden])', 'the text timeline restored without its document');
    assert.match(await gone.locator('#error').innerText(), new RegExp(`^Cannot read .*${TEXT.replace(/\./g, '\\.')}`));
  });
});
