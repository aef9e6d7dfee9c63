// End-to-end: the live "TCP Connections" view in a real VS Code (code-server), VSIX installed.
// The test holds a listener on 127.0.0.1 and a connection to it open; the view, refreshed from its
// title bar, runs ss on this machine and lists them: ESTABLISHED with both ends of the connection,
// the listener's port under ESTABLISHED and under LISTEN. A listener started after the view showed
// appears only once the view is refreshed again. Its title-bar button puts the same census on the
// state diagram.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { countLog, waitForLog } from './harness/code-server.mjs';
import { useWorkbench } from './harness/suite.mjs';
import { frameWith, runCommand, UI_TIMEOUT } from './harness/workbench.mjs';
import { RESULTS, ROOT } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const VIEW = 'TCP Connections';

/** A listener on 127.0.0.1 (a free port) and, when `withClient`, one connection to it, accepted. */
async function listen(withClient) {
  const sockets = [];
  const server = createServer((socket) => sockets.push(socket));
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  if (withClient) {
    const accepted = new Promise((resolve) => server.once('connection', resolve));
    const client = connect(port, '127.0.0.1');
    sockets.push(client);
    await new Promise((resolve, reject) => client.once('error', reject).once('connect', resolve));
    await accepted;
  }
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The view's pane in the Explorer, expanded, with the folder's pane collapsed to give it room. */
async function openView(page) {
  await runCommand(page, 'View: Show Explorer');
  const folder = page.locator('.pane-header[aria-expanded="true"]', { has: page.locator('h3.title', { hasText: /^workspace$/i }) });
  if (await folder.count()) await folder.click();
  const header = page.locator('.pane-header', { hasText: VIEW });
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await page.locator('.pane-header[aria-expanded="true"]', { hasText: VIEW }).waitFor();
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: VIEW }) });
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rows at tree depth `level` whose label is exactly `label` (and, when given, expanded or not). */
function rows(pane, level, label, expanded) {
  const state = expanded === undefined ? '' : `[aria-expanded="${expanded}"]`;
  const exact = new RegExp(`^${escapeRegExp(label)}$`);
  return pane.locator(`.monaco-list-row[aria-level="${level}"]${state}`, { has: pane.page().locator('.label-name', { hasText: exact }) });
}

/**
 * Waits for a row, scrolling the tree while it is not drawn: a tree draws only the rows on screen,
 * and a busy machine can have more ports than fit. Down to the end, then back to the top, again.
 */
async function findRow(pane, level, label, expanded) {
  const target = rows(pane, level, label, expanded).first();
  const scroller = pane.locator('.monaco-list .monaco-scrollable-element').first();
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    if (await target.waitFor({ timeout: 1000 }).then(() => true, () => false)) return target;
    if (Date.now() > deadline) throw new Error(`no row "${label}" at level ${level}${expanded === undefined ? '' : ` (expanded: ${expanded})`} in the ${VIEW} view`);
    const offset = () => pane.locator('.monaco-list-rows').first().evaluate((el) => `${el.style.top} ${el.style.transform}`);
    const before = await offset();
    await scroller.hover();
    await pane.page().mouse.wheel(0, 300);
    const after = await offset();
    if (before === after) await pane.page().mouse.wheel(0, -100_000);
  }
}

/** Expands a row by its twistie (a click on a state row opens the diagram instead) and waits until it is. */
async function expand(pane, level, label) {
  const target = await findRow(pane, level, label);
  if ((await target.getAttribute('aria-expanded')) !== 'true') await target.locator('.monaco-tl-twistie').click();
  await findRow(pane, level, label, true);
}

/** Collapses the tree with the view's Collapse All button, so the next state's groups are the only ones shown. */
async function collapseAll(pane, state) {
  const header = pane.locator('.pane-header');
  await header.hover();
  await header.locator('.action-label[aria-label^="Collapse All"]').click();
  await findRow(pane, 1, state, false);
}

/** The extension's log line of a refresh that listed the sockets. */
const REFRESHED = /connections: .* listed \d+ sockets/;

/**
 * Clicks the view's Refresh button and waits until the extension logs that this refresh listed
 * the sockets, and its progress bar is gone. Waiting for the bar alone is not enough: right after
 * the click it may not have appeared yet, and the tree would then be redrawn under the next click.
 */
async function refresh(pane, server) {
  const before = countLog(server, REFRESHED);
  const header = pane.locator('.pane-header');
  await header.hover();
  await header.locator('.action-label[aria-label^="Refresh TCP Connections"]').click();
  await waitForLog(server, REFRESHED, before, UI_TIMEOUT);
  await pane.locator('.monaco-progress-container.active').waitFor({ state: 'hidden' });
}

/** A state's count on a local port: expand the state and its Local ports, read the port's row, collapse the state. */
async function portUnder(pane, state, port) {
  await expand(pane, 1, state);
  await expand(pane, 2, 'Local ports');
  const entry = await findRow(pane, 3, String(port));
  const count = Number(await entry.locator('.label-description').textContent());
  await collapseAll(pane, state);
  return count;
}

describe('the live TCP Connections view in a real VS Code', () => {
  let held;
  before(async () => {
    held = await listen(true);
  });
  after(() => held?.close());
  // Sticky scroll repeats a parent row over the list, where it takes the clicks meant for the rows
  // beneath it: off, so each click lands on the row it names.
  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE, settings: { 'workbench.tree.enableStickyScroll': false } });
  const guarded = ctx.test;

  guarded('lists a listener the test holds on 127.0.0.1 and a connection to it in ESTABLISHED', async () => {
    const pane = await openView(ctx.page);
    await refresh(pane, ctx.server);
    const established = await findRow(pane, 1, 'ESTABLISHED');
    // Both ends of the test's connection, at least (the machine may hold more).
    const count = Number(await established.locator('.label-description').textContent());
    assert.ok(count >= 2, `ESTABLISHED shows ${count}`);
    // The accepted socket has the listener's port as its local port; the listener itself is in LISTEN.
    assert.equal(await portUnder(pane, 'ESTABLISHED', held.port), 1);
    assert.equal(await portUnder(pane, 'LISTEN', held.port), 1);
    await ctx.page.screenshot({ path: join(RESULTS, 'connections-view.png') });
  });

  guarded('a listener started later appears once the view is refreshed', async () => {
    const pane = await openView(ctx.page);
    const later = await listen(false);
    try {
      await refresh(pane, ctx.server);
      assert.equal(await portUnder(pane, 'LISTEN', later.port), 1);
    } finally {
      await later.close();
    }
  });

  guarded('"Show on the state diagram" shows the live census on the diagram, with no line links', async () => {
    const pane = await openView(ctx.page);
    const header = pane.locator('.pane-header');
    await header.hover();
    await header.locator('.action-label[aria-label^="Show TCP Connections on the State Diagram"]').click();
    const frame = await frameWith(ctx.page, '#census:not([hidden]) tbody tr[data-state="ESTABLISHED"]', 'diagram webview with the live census');
    await frame.locator('#census .document', { hasText: 'this machine (ss -tanp)' }).waitFor();
    const established = Number(await frame.locator('#census tr[data-state="ESTABLISHED"] .count').textContent());
    assert.ok(established >= 2, `ESTABLISHED counted ${established}`);
    await frame.locator('#census tr[data-state="LISTEN"]').waitFor();
    // Not a document: nothing to link a line to.
    assert.equal(await frame.locator('#census a.line-link').count(), 0);
  });
});
