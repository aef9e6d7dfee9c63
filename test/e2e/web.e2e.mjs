// End-to-end: VS Code for the Web. The packaged VSIX installed into a real VS Code (code-server)
// whose settings run the extension in the browser's web worker extension host
// (`remote.extensionKind`: web), as vscode.dev and github.dev run it, from package.json's
// "browser" entry: there is no Node there, every file comes through vscode.workspace.fs. The
// hover, the state diagram, the census of an open dump and of a file from the explorer, a capture
// in the timeline, the walkthrough and the explorer (its search in a Web Worker) work; the TCP
// Connections view is absent and the explorer says why it has no kernel replay. That it ran in
// the browser is checked three ways: the explorer shows the note only the browser entry writes,
// the Node extension host never activated the extension, and no log of it is on the server.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { extensionHostLogs, extensionLogLines } from './harness/code-server.mjs';
import { useWorkbench } from './harness/suite.mjs';
import { closeHover, countFromExplorer, frameWith, goTo, hoverAtCursor, hoverWithMouse, openCapture, openFile, pickInQuickInput, runCommand, UI_TIMEOUT } from './harness/workbench.mjs';
import { RESULTS, ROOT } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'workspace');
const EXTENSION_ID = 'tcp-state-lens.tcp-state-lens';
const DUMP = 'close-wait-pileup.log';
/** What the dump holds, counted by hand (as census.e2e.mjs has it): 40 CLOSE-WAIT rows from line 38, 30 ESTAB from 8, 5 LISTEN from 3. */
const EXPECTED_CENSUS = [
  { state: 'CLOSE-WAIT', count: 40, link: 'line 38' },
  { state: 'ESTABLISHED', count: 30, link: 'line 8' },
  { state: 'LISTEN', count: 5, link: 'line 3' },
];
const CAPTURE = 'handshake-and-teardown.pcap';
const RFC_STATES = ['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];

/** The project's core, bundled from its TypeScript for this test (the extension ships the same). */
async function core() {
  const contents = "export * from './src/core/index.ts'; export { timelineOfCapture } from './src/core/timeline/index.ts';";
  const built = await esbuild.build({ stdin: { contents, resolveDir: ROOT, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
}

/**
 * Scenario 1 (handshake, data, the client closes first) as a capture, by the explorer's own pcap
 * export, and what the core reads from it: the connection's endpoints and each one's states.
 */
async function writeCapture(path) {
  const { Explorer, exchangePcap, pinnedEvents, scenarioById, timelineOfCapture } = await core();
  const scenario = scenarioById('handshake-and-teardown');
  const explorer = new Explorer({ iss: scenario.iss, profile: 'rfc9293' }, pinnedEvents(scenario, 'rfc9293'));
  const bytes = exchangePcap(explorer.steps);
  writeFileSync(path, bytes);
  const { connections } = timelineOfCapture(bytes, { keepSegments: true });
  assert.equal(connections.length, 1, 'the capture holds one connection');
  const [connection] = connections;
  const known = (states) => states.filter((s) => s !== 'UNKNOWN');
  return { endpoints: connection.endpoints.map((e) => e.label), states: connection.states.map(known) };
}

/** The state diagram's webview once its SVG of the states is drawn. */
function diagramFrame(page) {
  return frameWith(page, '#diagram svg g.node[data-state]', 'diagram webview with an SVG of the states');
}

/** The explorer's document once it has drawn step `step`. */
function explorerAt(page, step) {
  return frameWith(page, `body[data-drawn="${step}"][data-step="${step}"] #sequence svg`, `explorer at step ${step}`);
}

describe('VS Code for the Web: the extension in the browser\'s web worker extension host', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'tsl-web-'));
  /** What the core reads from the capture the test writes. */
  let capture;
  before(async () => {
    cpSync(FIXTURES, workspace, { recursive: true });
    capture = await writeCapture(join(workspace, CAPTURE));
  });
  after(() => rmSync(workspace, { recursive: true, force: true }));
  // The user setting that runs the installed extension in the browser, as VS Code for the Web must.
  const ctx = useWorkbench({ vsix: VSIX, workspace, settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } });
  const guarded = ctx.test;

  guarded('a hover on a state name in a log explains it', async () => {
    await openFile(ctx.page, 'ss-tanp.log');
    const mentions = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'expected', 'ss-tanp.log.json'), 'utf8'));
    const at = mentions.find((m) => m.text === 'ESTAB');
    await goTo(ctx.page, at.line, at.column + 1);
    const shown = await hoverAtCursor(ctx.page);
    assert.ok(shown.includes('ESTAB — ss spelling of RFC ESTABLISHED'), `hover shows:\n${shown}`);
    assert.match(shown, /Who is in it/);
    await closeHover(ctx.page);
    await openFile(ctx.page, 'linux-netstat-antp.log');
    const byMouse = await hoverWithMouse(ctx.page, 'TIME_WAIT');
    assert.match(byMouse, /TIME_WAIT — Linux netstat spelling of RFC TIME-WAIT/);
    assert.match(byMouse, /net\.ipv4\.tcp_tw_reuse/);
    await closeHover(ctx.page);
  });

  guarded('the state diagram renders: an SVG with the 11 states, and a click explains one', async () => {
    await runCommand(ctx.page, 'TCP: Show State Diagram');
    const frame = await diagramFrame(ctx.page);
    const states = await frame.locator('#diagram g.node[data-state]').evaluateAll((nodes) => nodes.map((n) => n.dataset.state).sort());
    // Twelve boxes, eleven states: CLOSED is drawn at the top and at the bottom, as in RFC 9293 Figure 5.
    assert.deepEqual(states, [...RFC_STATES, 'CLOSED'].sort());
    assert.ok((await frame.locator('#diagram path.flowchart-link').count()) > 15, 'the transitions are drawn');
    await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"]').first().click();
    await frame.locator('#explanation .title', { hasText: 'CLOSE-WAIT' }).waitFor();
    await runCommand(ctx.page, 'View: Close All Editors');
  });

  guarded('"Count States" on an open ss dump shows its counts and the CLOSE-WAIT diagnosis', async () => {
    await openFile(ctx.page, DUMP);
    await runCommand(ctx.page, 'TCP: Count States');
    const frame = await frameWith(ctx.page, '#census:not([hidden]) tbody tr[data-state] ~ tr ~ tr', 'diagram webview with a census');
    await frame.locator('#census .document', { hasText: DUMP }).waitFor();
    const rows = await frame.locator('#census tbody tr[data-state]').evaluateAll((trs) =>
      trs.map((tr) => ({ state: tr.dataset.state, count: Number(tr.querySelector('.count').textContent), link: tr.querySelector('a.line-link').textContent })),
    );
    assert.deepEqual(rows, EXPECTED_CENSUS);
    await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"][data-count="40"]').first().waitFor();
    const diagnosis = frame.locator('#census .diagnosis', { hasText: 'CLOSE-WAIT' });
    await diagnosis.waitFor();
    assert.match(await diagnosis.innerText(), /8080/);
    await runCommand(ctx.page, 'View: Close All Editors');
  });

  guarded('"Count States" from the explorer counts a file that is not open, read through the workspace file system', async () => {
    await countFromExplorer(ctx.page, 'windows-netstat-ano.log', DUMP);
    const frame = await frameWith(ctx.page, '#census:not([hidden]) .document', 'diagram webview with a census of the file');
    await frame.locator('#census .document', { hasText: 'windows-netstat-ano.log' }).waitFor();
    const { CensusScanner } = await core();
    const scanner = new CensusScanner();
    scanner.push(readFileSync(join(workspace, 'windows-netstat-ano.log'), 'utf8'));
    const expected = Object.entries(scanner.end().states).map(([state, census]) => ({ state, count: census.count })).sort((a, b) => b.count - a.count || (a.state < b.state ? -1 : 1));
    assert.ok(expected.length >= 2, 'the file holds several states');
    await frame.locator('#census tbody tr[data-state]').nth(expected.length - 1).waitFor();
    const rows = await frame.locator('#census tbody tr[data-state]').evaluateAll((trs) => trs.map((tr) => ({ state: tr.dataset.state, count: Number(tr.querySelector('.count').textContent) })));
    assert.deepEqual(rows, expected);
    await runCommand(ctx.page, 'View: Close All Editors');
  });

  guarded('a .pcap opens in the capture timeline: its connection, its sequence diagram and both paths on the state diagram', async () => {
    // The textbook close, so the comparison below is not of two empty lists.
    assert.deepEqual(capture.states[0].slice(-2), ['FIN-WAIT-2', 'TIME-WAIT']);
    assert.deepEqual(capture.states[1].slice(-2), ['LAST-ACK', 'CLOSED']);
    await openCapture(ctx.page, CAPTURE);
    const frame = await frameWith(ctx.page, '#rows .row[data-id="0"]', 'timeline webview with the connection list');
    assert.equal(await frame.locator('#rows .row[data-id]').count(), 1);
    const cells = await frame.locator('#rows .row[data-id="0"] .cell').allTextContents();
    assert.deepEqual(cells.slice(1, 3), capture.endpoints);
    await frame.locator('#rows .row[data-id="0"]').click();
    await frame.locator('#sequence[data-id="0"] svg').waitFor({ timeout: UI_TIMEOUT });
    const arrows = await frame.locator('#sequence svg text.messageText').allTextContents();
    assert.ok(arrows.some((text) => /^SYN seq=/.test(text)), `the SYN's arrow: ${arrows.join(' | ')}`);
    assert.ok(arrows.some((text) => /^FIN,ACK /.test(text)), 'a FIN arrow');
    await frame.locator('#show-on-diagram').click();
    const diagram = await frameWith(ctx.page, '#paths:not([hidden]) .label-1:not(:empty)', 'diagram webview with the paths of a connection');
    assert.equal(await diagram.locator('#paths .label-0').innerText(), `${capture.endpoints[0]}: ${capture.states[0].join(' → ')}`);
    assert.equal(await diagram.locator('#paths .label-1').innerText(), `${capture.endpoints[1]}: ${capture.states[1].join(' → ')}`);
    await runCommand(ctx.page, 'View: Close All Editors');
  });

  guarded('the walkthrough opens on scenario 1 with its sequence diagram', async () => {
    await runCommand(ctx.page, 'TCP: Start Walkthrough');
    const frame = await frameWith(ctx.page, 'body[data-scenario="handshake-and-teardown"] #sequence svg', 'walkthrough of scenario 1');
    assert.ok((await frame.locator('#sequence svg text.messageText').count()) > 0, 'the sequence has arrows');
    await runCommand(ctx.page, 'View: Close All Editors');
  });

  guarded('the explorer opens, says why it has no kernel replay, and "take me there" finds a path in a Web Worker', async () => {
    await runCommand(ctx.page, 'TCP: Open Explorer: Drive the Network');
    let frame = await explorerAt(ctx.page, 0);
    // The browser entry's page: a note in the place of the replay button.
    assert.equal(await frame.locator('#kernel').count(), 0, 'no replay button');
    assert.match(await frame.locator('#kernel-unavailable').innerText(), /runs this extension in the browser, which has no sockets and no \/proc/);
    mkdirSync(RESULTS, { recursive: true });
    await ctx.page.screenshot({ path: join(RESULTS, 'web-explorer.png') });
    await frame.locator('#narration').click();
    await ctx.page.keyboard.press('s');
    await ctx.page.locator('.quick-input-list .monaco-list-row', { hasText: '1. Three-way handshake' }).first().waitFor();
    await pickInQuickInput(ctx.page, 'Three-way', '1. Three-way handshake');
    frame = await explorerAt(ctx.page, 15);
    await frame.locator('#narration').click();
    await ctx.page.keyboard.press('ArrowLeft');
    frame = await explorerAt(ctx.page, 14);
    // As explorer.e2e.mjs does on the Node host: U15 is one event away from step 14.
    await frame.locator('#coverage-title').click();
    await frame.locator('button[data-reach="U15"]').click();
    await frame.locator('#notice', { hasText: /U15 fired after 1 events/ }).waitFor();
    await explorerAt(ctx.page, 15);
    assert.match(await frame.locator('#rfc').innerText(), /U15/);
    await runCommand(ctx.page, 'View: Close All Editors');
  });

  guarded('the TCP Connections view is absent: the browser has no sockets to list', async () => {
    await ctx.page.locator('.explorer-folders-view').first().waitFor();
    // The Explorer's other panes are there (so this looks at the right place); ours is not.
    await ctx.page.locator('.pane-header', { hasText: /outline|timeline/i }).first().waitFor();
    await ctx.page.locator('.pane-header', { hasText: 'TCP Connections' }).waitFor({ state: 'detached' });
  });

  // Where the Node extension host runs it, its log says `ExtensionService#_doActivateExtension
  // tcp-state-lens.tcp-state-lens, …` and the extension's own log lines are on the server.
  guarded('it ran in the browser: the Node extension host never activated it, and it wrote no log on the server', async () => {
    const logs = extensionHostLogs(ctx.server.userDataDir);
    assert.ok(logs.length > 0, 'the Node extension host wrote its logs');
    const activations = logs.flatMap((path) => readFileSync(path, 'utf8').split('\n')).filter((line) => line.includes(EXTENSION_ID) && /activat/i.test(line));
    assert.deepEqual(activations, []);
    assert.deepEqual(extensionLogLines(ctx.server.userDataDir), [], 'no output channel of ours on the server');
  });
});
