// End-to-end: the guided walkthrough in a real VS Code (code-server), VSIX installed. Steps
// through scenario 1 with the keyboard, checking at every step the two highlighted states and
// the sequence diagram's last arrow against the simulator; back, restart, play; scenario 5 to
// CLOSING on both sides; the panel comes back after a reload at the same step. Also: the state
// diagram stays when the diagram panel drew it first and when scenarios are picked, and closing
// the walkthrough while it plays leaves it working.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countLog, extensionHostLogs, waitForLog } from './harness/code-server.mjs';
import { useWorkbench } from './harness/suite.mjs';
import { frameWith, pickInQuickInput, pickTheme, reloadWindow, runCommand, showInPalette } from './harness/workbench.mjs';
import { ROOT, saveReadmeScreenshot } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const RFC_STATES = ['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];

/** What the simulator says each step shows, from the same source the extension ships. */
async function expectedView(id) {
  const built = await esbuild.build({
    stdin: { contents: "export { walkthroughView, scenarioById } from './src/core';", resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
  });
  const core = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  return core.walkthroughView(core.scenarioById(id), 'en');
}

/** The walkthrough webview's document, once it shows `scenario`. */
function walkthroughFrame(page, scenario) {
  return frameWith(page, `body[data-scenario="${scenario}"] #sequence svg`, `walkthrough of scenario ${scenario}`);
}

/** What the webview shows now: its step, the highlighted states, the last visible arrow. */
function shown(frame) {
  return frame.locator('body').evaluate(() => {
    const states = (cls) => [...new Set([...document.querySelectorAll(`#states g.node.${cls}`)].map((n) => /** @type {HTMLElement} */ (n).dataset.state))];
    const arrows = [...document.querySelectorAll('#sequence text.messageText:not(.tsl-future)')];
    return {
      step: Number(/** @type {HTMLElement} */ (document.querySelector('#sequence')).dataset.step),
      client: states('tsl-client'),
      server: states('tsl-server'),
      lastArrow: arrows.at(-1)?.textContent ?? undefined,
      hiddenArrows: document.querySelectorAll('#sequence text.messageText.tsl-future').length,
    };
  });
}

/** How often the extension has logged that the walkthrough started playing. */
function playsLogged(server) {
  return countLog(server, /walkthrough playing at/);
}

async function waitForStep(frame, step) {
  await frame.locator(`#sequence[data-step="${step}"]`).waitFor({ state: 'attached' });
}

/** Asserts that the walkthrough's side shows one state diagram with all 11 states. */
async function assertStateDiagram(frame, what) {
  const { svgs, states } = await frame.locator('#states').evaluate((host) => ({
    svgs: host.querySelectorAll('svg').length,
    states: [...new Set([...host.querySelectorAll('g.node[data-state]')].map((node) => /** @type {HTMLElement} */ (node).dataset.state))].sort(),
  }));
  assert.equal(svgs, 1, `${what}: the state diagram's SVG`);
  assert.deepEqual(states, [...RFC_STATES].sort(), `${what}: its states`);
}

/**
 * Picks scenario `id` from the palette's "Pick Scenario…" (typing `filter`, Enter on `title`), and
 * returns its frame once drawn. The command opens a second quick pick straight away: the scenarios.
 */
async function pickFromPalette(page, id, filter, title) {
  await showInPalette(page, 'TCP: Walkthrough: Pick Scenario…');
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: '1. Three-way handshake' }).first().waitFor();
  await pickInQuickInput(page, filter, title);
  return walkthroughFrame(page, id);
}

/** Picks scenario `title` with the walkthrough's own key S, and returns its frame once drawn. */
async function pickWithKey(page, frame, id, title) {
  await frame.locator('#narration').click();
  await page.keyboard.press('s');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: '1. Three-way handshake' }).first().waitFor();
  await pickInQuickInput(page, title, title);
  return walkthroughFrame(page, id);
}

describe('walkthrough in a real VS Code', () => {
  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE });
  const guarded = ctx.test;

  // First, on an empty cache: the diagram panel lays the state diagram out, the walkthrough takes
  // it from the cache, then lays out sequence diagrams of its own. Mermaid removes any element
  // with the id it renders under, so those ids must never repeat one a cached SVG carries.
  guarded('the state diagram stays, with its 11 states, after the diagram panel and on every scenario picked', async () => {
    const rendered = countLog(ctx.server, /diagram rendered/);
    await runCommand(ctx.page, 'TCP: Show State Diagram');
    // The panel offers its SVG to the cache before it reports being rendered.
    await waitForLog(ctx.server, /diagram rendered/, rendered);
    await runCommand(ctx.page, 'TCP: Start Walkthrough');
    let frame = await walkthroughFrame(ctx.page, 'handshake-and-teardown');
    await assertStateDiagram(frame, 'scenario 1 after the diagram panel');
    frame = await pickWithKey(ctx.page, frame, 'server-closes-first', '2. The server closes first');
    await assertStateDiagram(frame, 'scenario 2 picked');
    frame = await pickWithKey(ctx.page, frame, 'half-close', '3. Half-close');
    await assertStateDiagram(frame, 'scenario 3 picked');
    // A new page (its render count starts again) with those SVGs cached, then a scenario not cached.
    await runCommand(ctx.page, 'View: Close All Editors');
    await runCommand(ctx.page, 'TCP: Start Walkthrough');
    frame = await walkthroughFrame(ctx.page, 'handshake-and-teardown');
    await assertStateDiagram(frame, 'scenario 1 re-opened');
    frame = await pickWithKey(ctx.page, frame, 'fin-ack-combined', '4. FIN and ACK in one segment');
    await assertStateDiagram(frame, 'scenario 4 picked after re-opening');
    await runCommand(ctx.page, 'View: Close All Editors');
  });

  guarded('scenario 1 stepped with the keyboard: at each step the right states and the right last arrow', async () => {
    const view = await expectedView('handshake-and-teardown');
    await runCommand(ctx.page, 'TCP: Start Walkthrough');
    const frame = await walkthroughFrame(ctx.page, 'handshake-and-teardown');
    await waitForStep(frame, 0);
    await frame.locator('#narration').click(); // focus the walkthrough, as a person clicking into it
    const last = view.steps.length - 1;
    for (let k = 1; k <= last; k++) {
      await ctx.page.keyboard.press('ArrowRight');
      await waitForStep(frame, k);
      const now = await shown(frame);
      const want = view.steps[k];
      assert.deepEqual(now.client, [want.client], `step ${k} client`);
      assert.deepEqual(now.server, [want.server], `step ${k} server`);
      assert.equal(now.lastArrow, want.lastArrow, `step ${k} last arrow`);
      if (k === 4) await saveReadmeScreenshot(ctx.page, 'walkthrough.png');
    }
    assert.equal((await shown(frame)).hiddenArrows, 0, 'at the end every arrow is shown');
    await ctx.page.locator('.statusbar-item', { hasText: `1: ${last}/${last}` }).first().waitFor();
    assert.match(await frame.locator('#narration').innerText(), /2MSL/);
  });

  guarded('back and restart', async () => {
    const view = await expectedView('handshake-and-teardown');
    const frame = await walkthroughFrame(ctx.page, 'handshake-and-teardown');
    const last = view.steps.length - 1;
    await ctx.page.keyboard.press('ArrowLeft');
    await waitForStep(frame, last - 1);
    assert.deepEqual((await shown(frame)).client, [view.steps[last - 1].client]);
    await ctx.page.keyboard.press('Home');
    await waitForStep(frame, 0);
    const start = await shown(frame);
    assert.equal(start.lastArrow, undefined);
    assert.deepEqual([start.client, start.server], [['CLOSED'], ['CLOSED']]);
    await frame.locator('#next').click();
    await waitForStep(frame, 1);
    assert.deepEqual((await shown(frame)).server, ['LISTEN']);
    // Space on the focused Next button presses that button, and only that: the Space keybinding
    // (play) must not fire as well. Enter after it is the sync point: it reaches the extension
    // after anything the Space could have started.
    const plays = playsLogged(ctx.server);
    await frame.locator('#next').press('Space');
    await waitForStep(frame, 2);
    await frame.locator('#next').press('Enter');
    await waitForStep(frame, 3);
    assert.equal(playsLogged(ctx.server), plays, 'Space on a button also started playing');
  });

  guarded('play advances by itself until paused', async () => {
    const frame = await walkthroughFrame(ctx.page, 'handshake-and-teardown');
    await frame.locator('#speed').selectOption('4');
    const from = (await shown(frame)).step;
    await frame.locator('#play').click();
    await frame.locator('#play.playing').waitFor();
    await frame.waitForFunction((k) => Number(/** @type {HTMLElement} */ (document.querySelector('#sequence')).dataset.step) >= k, from + 2);
    await frame.locator('#play').click();
    await frame.locator('#play:not(.playing)').waitFor();
    const paused = (await shown(frame)).step;
    // Paused: a further step happens only when asked.
    await frame.locator('#next').click();
    await waitForStep(frame, paused + 1);
  });

  guarded('scenario 5 from the picker reaches CLOSING on both sides', async () => {
    const view = await expectedView('simultaneous-close');
    const frame = await pickFromPalette(ctx.page, 'simultaneous-close', 'Simultaneous close', '5. Simultaneous close');
    await waitForStep(frame, 0);
    await frame.locator('#narration').click();
    const closing = view.steps.findIndex((step) => step.client === 'CLOSING' && step.server === 'CLOSING');
    assert.ok(closing > 0);
    for (let k = 1; k <= closing; k++) {
      await ctx.page.keyboard.press('ArrowRight');
      await waitForStep(frame, k);
    }
    const now = await shown(frame);
    assert.deepEqual([now.client, now.server], [['CLOSING'], ['CLOSING']]);
    assert.equal(now.lastArrow, view.steps[closing].lastArrow);
    assert.equal(await frame.locator('#states g.node.tsl-client.tsl-server[data-state="CLOSING"]').count(), 1);
  });

  guarded('a theme change re-draws both diagrams and keeps the step and its highlights', async () => {
    const frame = await walkthroughFrame(ctx.page, 'simultaneous-close');
    const before = await shown(frame);
    await pickTheme(ctx.page, 'Dark Modern');
    await frame.locator('body[data-vscode-theme-kind="vscode-dark"]').waitFor();
    // Re-drawn in dark: the state boxes are dark, and the step is shown as before.
    await frame.waitForFunction(() => {
      const rect = document.querySelector('#states g.node[data-state="ESTABLISHED"] rect');
      const [r, g, b] = ((rect && getComputedStyle(rect).fill.match(/\d+/g)) ?? ['255', '255', '255']).map(Number);
      return (r + g + b) / 3 < 100;
    });
    assert.deepEqual(await shown(frame), before);
  });

  guarded('the walkthrough comes back after a window reload at the same scenario and step', async () => {
    const frame = await walkthroughFrame(ctx.page, 'simultaneous-close');
    const before = (await shown(frame)).step;
    await reloadWindow(ctx.page);
    const restored = await walkthroughFrame(ctx.page, 'simultaneous-close');
    await waitForStep(restored, before);
    assert.deepEqual((await shown(restored)).client, ['CLOSING']);
  });

  guarded('closing the walkthrough while it plays leaves it working: it re-opens and steps, and nothing is logged as disposed', async () => {
    const frame = await walkthroughFrame(ctx.page, 'simultaneous-close');
    // Slow and from the start, so that it is still playing when the panel closes.
    await frame.locator('#speed').selectOption('0.5');
    await frame.locator('#narration').click();
    await ctx.page.keyboard.press('Home');
    await waitForStep(frame, 0);
    await ctx.page.keyboard.press('Space');
    await frame.locator('#play.playing').waitFor();
    await runCommand(ctx.page, 'View: Close Editor');
    await ctx.page.locator('.tab', { hasText: 'TCP Walkthrough' }).first().waitFor({ state: 'detached' });
    await runCommand(ctx.page, 'TCP: Start Walkthrough');
    const reopened = await walkthroughFrame(ctx.page, 'handshake-and-teardown');
    await waitForStep(reopened, 0);
    await reopened.locator('#narration').click();
    await ctx.page.keyboard.press('ArrowRight');
    await waitForStep(reopened, 1);
    await ctx.page.locator('.statusbar-item', { hasText: /\b1: 1\// }).first().waitFor();
    const disposed = extensionHostLogs(ctx.server.userDataDir)
      .flatMap((path) => readFileSync(path, 'utf8').split('\n'))
      .filter((line) => /Webview is disposed/i.test(line));
    assert.deepEqual(disposed, []);
  });

  guarded('scenario 12 shows Linux sending RST on close() with unread data, and says where Linux differs', async () => {
    const view = await expectedView('close-with-unread-data');
    const frame = await pickFromPalette(ctx.page, 'close-with-unread-data', 'unread data', '12. Linux');
    await waitForStep(frame, 0);
    await frame.locator('#narration').click();
    // The step at which the server's close() answers with RST: both ends CLOSED, no FIN-WAIT.
    const reset = view.steps.findIndex((step) => /Linux differs here/.test(step.narration));
    assert.ok(reset > 0, 'the scenario says where Linux differs');
    for (let k = 1; k <= reset; k++) {
      await ctx.page.keyboard.press('ArrowRight');
      await waitForStep(frame, k);
    }
    await frame.locator('#narration', { hasText: 'Linux differs here' }).waitFor();
    const last = view.steps.length - 1;
    for (let k = reset + 1; k <= last; k++) {
      await ctx.page.keyboard.press('ArrowRight');
      await waitForStep(frame, k);
    }
    const now = await shown(frame);
    assert.deepEqual([now.client, now.server], [[view.steps[last].client], [view.steps[last].server]]);
    assert.deepEqual([view.steps[last].client, view.steps[last].server], ['CLOSED', 'CLOSED']);
    assert.ok(view.steps.every((step) => step.server !== 'FIN-WAIT-1'), 'no FIN from the server');
    assert.match(now.lastArrow ?? '', /RST/);
  });
});
