// End-to-end: the explorer in a real VS Code (code-server), VSIX installed, driven with the
// keyboard. From scenario 1, the learner drops the last ACK and sees the FIN retransmitted and
// re-acknowledged from TIME-WAIT (2MSL restarted); branches back and delivers it instead;
// switches to the Linux profile and sees the marked steps; replays the path on this machine's
// kernel and sees TIME-WAIT on the client's port, which the test checks in /proc/net/tcp
// itself; predicts a step (scored); exports the Mermaid source; and the panel comes back after
// a reload with its history. Every wait is for what it checks: a data attribute, a row, a log.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countLog, waitForLog } from './harness/code-server.mjs';
import { useWorkbench } from './harness/suite.mjs';
import { frameWith, pickInQuickInput, reloadWindow, runCommand } from './harness/workbench.mjs';
import { ROOT, saveReadmeScreenshot } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');

/** The explorer's document once it has drawn step `step` (its sequence diagram laid out). */
function explorerAt(page, step) {
  return frameWith(page, `body[data-drawn="${step}"][data-step="${step}"] #sequence svg`, `explorer at step ${step}`);
}

async function waitForStep(frame, step) {
  await frame.locator(`body[data-drawn="${step}"][data-step="${step}"]`).waitFor({ state: 'attached' });
}

/** The states the page shows (body data attributes and the highlighted diagram nodes). */
function shown(frame) {
  return frame.locator('body').evaluate(() => ({
    client: document.body.dataset.client,
    server: document.body.dataset.server,
    highlighted: [...document.querySelectorAll('#states g.node.tsl-client, #states g.node.tsl-server')].map((n) => /** @type {HTMLElement} */ (n).dataset.state),
    rfc: document.querySelector('#rfc')?.textContent ?? '',
    narration: document.querySelector('#narration')?.textContent ?? '',
  }));
}

/** The key (1–9) that picks the first choice matching `predicate` on the page. */
async function keyOf(frame, kind, labelPattern) {
  const choices = await frame.locator('#choices button[data-choice]').evaluateAll((buttons) => buttons.map((b) => ({ kind: /** @type {HTMLElement} */ (b).dataset.kind, label: b.textContent ?? '' })));
  const index = choices.findIndex((c) => c.kind === kind && (!labelPattern || labelPattern.test(c.label)));
  assert.ok(index >= 0 && index < 9, `a ${kind} choice ${labelPattern ?? ''} among ${JSON.stringify(choices)}`);
  return String(index + 1);
}

/**
 * Moves the keyboard focus with Tab until it is on `selector` in the explorer's document (as a
 * person without a mouse does), at most `tries` presses.
 */
async function tabTo(page, frame, selector, tries = 80) {
  for (let i = 0; i < tries; i++) {
    if (await frame.locator(`${selector}:focus`).count()) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Linux's state of the loopback socket on local port `port`, read from /proc/net/tcp (hex state codes, include/net/tcp_states.h). */
function procState(port) {
  const names = { '01': 'ESTABLISHED', '02': 'SYN_SENT', '03': 'SYN_RECV', '04': 'FIN_WAIT1', '05': 'FIN_WAIT2', '06': 'TIME_WAIT', '07': 'CLOSE', '08': 'CLOSE_WAIT', '09': 'LAST_ACK', '0A': 'LISTEN', '0B': 'CLOSING' };
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const [, local, , state] = line.trim().split(/\s+/);
    if (local && Number.parseInt(local.split(':')[1], 16) === port) return names[state];
  }
  return undefined;
}

describe('explorer in a real VS Code', () => {
  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE });
  const guarded = ctx.test;

  guarded('from scenario 1: drop the last ACK, the FIN comes again and TIME-WAIT answers it, 2MSL restarted', async () => {
    await runCommand(ctx.page, 'TCP: Open Explorer: Drive the Network');
    let frame = await explorerAt(ctx.page, 0);
    assert.deepEqual([(await shown(frame)).client, (await shown(frame)).server], ['CLOSED', 'CLOSED']);
    await frame.locator('#narration').click(); // focus the panel, as a person clicking into it
    await ctx.page.keyboard.press('s');
    await ctx.page.locator('.quick-input-list .monaco-list-row', { hasText: '1. Three-way handshake' }).first().waitFor();
    await pickInQuickInput(ctx.page, 'Three-way', '1. Three-way handshake');
    frame = await explorerAt(ctx.page, 15);
    await frame.locator('#narration').click();
    // Back two steps: the client has just acknowledged the server's FIN from TIME-WAIT.
    await ctx.page.keyboard.press('ArrowLeft');
    await waitForStep(frame, 14);
    await ctx.page.keyboard.press('ArrowLeft');
    await waitForStep(frame, 13);
    let now = await shown(frame);
    assert.deepEqual([now.client, now.server], ['TIME-WAIT', 'LAST-ACK']);
    // Drop the ACK on its way to the server.
    await ctx.page.keyboard.press(await keyOf(frame, 'drop', /ACK seq=202 ack=302/));
    await waitForStep(frame, 14);
    assert.deepEqual(await frame.locator('#inflight li').allInnerTexts(), ['Nothing in flight.'], 'the ACK is gone');
    assert.equal(await frame.locator('#history li[data-node="13"] .branch-point').count(), 1, 'step 13 is a branch point');
    // The next timer is the server's retransmission: the FIN goes again (R39).
    assert.match(await frame.locator('#choices button').first().innerText(), /Advance time to the next timer: Server: retransmission timeout/);
    await ctx.page.keyboard.press(await keyOf(frame, 'timer', /Server: retransmission/));
    await waitForStep(frame, 15);
    now = await shown(frame);
    assert.match(now.rfc, /R39/);
    assert.match(now.narration, /FIN,ACK seq=301 ack=202 \(retransmitted\)/);
    // It reaches the client in TIME-WAIT: ACKed again, 2MSL restarted (R49).
    await ctx.page.keyboard.press(await keyOf(frame, 'deliver', /FIN,ACK/));
    await waitForStep(frame, 16);
    now = await shown(frame);
    assert.match(now.rfc, /R49/);
    assert.match(now.narration, /starts its 2MSL wait again/);
    assert.deepEqual([now.client, now.server], ['TIME-WAIT', 'LAST-ACK']);
    assert.deepEqual(now.highlighted.sort(), ['LAST-ACK', 'TIME-WAIT']);
    assert.ok(await frame.locator('#sequence text.messageText', { hasText: '(lost)' }).count(), 'the lost ACK is drawn');
    await saveReadmeScreenshot(ctx.page, 'explorer.png');
  });

  guarded('branch back and deliver the ACK instead; the other branch stays in the history', async () => {
    const frame = await explorerAt(ctx.page, 16);
    await frame.locator('#narration').click();
    for (const step of [15, 14, 13]) {
      await ctx.page.keyboard.press('ArrowLeft');
      await waitForStep(frame, step);
    }
    // This time by Tab and Enter on the choice's button, not its digit.
    await tabTo(ctx.page, frame, '#choices button[data-kind="deliver"]');
    await ctx.page.keyboard.press('Enter');
    await waitForStep(frame, 14);
    const now = await shown(frame);
    assert.deepEqual([now.client, now.server], ['TIME-WAIT', 'CLOSED']);
    assert.match(now.rfc, /R47/);
    assert.equal(await frame.locator('#history li.off-path').count(), 4, "the drop branch's three steps and the 2MSL timeout of the scenario's own end");
    assert.equal(await frame.locator('#history li.current[data-node="14"]').count(), 1, "the scenario's own step 14, not a twin");
  });

  guarded('switching to the Linux profile marks the steps whose outcome changed, with the reason', async () => {
    const frame = await explorerAt(ctx.page, 14);
    const switched = countLog(ctx.server, /explorer: profile linux/);
    await frame.locator('#narration').click();
    await tabTo(ctx.page, frame, '#profile');
    await ctx.page.keyboard.press('ArrowDown');
    await frame.locator('body[data-profile="linux"]').waitFor({ state: 'attached' });
    await waitForLog(ctx.server, /explorer: profile linux: 2 steps marked/, switched);
    const marks = await frame.locator('#marks li').allInnerTexts();
    assert.equal(marks.length, 2, marks.join('\n'));
    assert.match(marks[0], /FIN-WAIT-2 timer: none before, 60 s now .*tcp_fin_timeout/);
    assert.match(marks[1], /2MSL timer: 240 s before, 60 s now .*TCP_TIMEWAIT_LEN/);
    assert.equal(await frame.locator('#history li.marked').count(), 2);
  });

  guarded("replay on this machine's kernel: TIME-WAIT on the client's port, the same as the model", async () => {
    const frame = await explorerAt(ctx.page, 14);
    await frame.locator('#narration').click();
    const replays = countLog(ctx.server, /explorer: kernel replay/);
    await ctx.page.keyboard.press('k');
    await waitForLog(ctx.server, /explorer: kernel replay/, replays);
    await frame.locator('#kernel-result table').waitFor();
    const rows = await frame.locator('#kernel-result tr').allInnerTexts();
    const last = rows.at(-1) ?? '';
    assert.match(last, /TIME-WAIT \/ TIME-WAIT/, rows.join('\n'));
    assert.match(last, /CLOSED \/ CLOSED/);
    assert.equal(await frame.locator('#kernel-result tr.differs').count(), 0, rows.join('\n'));
    const port = Number(/client (\d+)/.exec(last)?.[1]);
    assert.ok(port > 0, last);
    // The kernel's own word, read here and not through the extension: TIME-WAIT lasts 60 s on Linux.
    assert.equal(procState(port), 'TIME_WAIT', `port ${port} in /proc/net/tcp`);
  });

  guarded('predict mode: a wrong prediction is scored and explained by the row that decided', async () => {
    const frame = await explorerAt(ctx.page, 14);
    await frame.locator('#narration').click();
    await ctx.page.keyboard.press('ArrowLeft');
    await waitForStep(frame, 13);
    await ctx.page.keyboard.press('p');
    await frame.locator('#prediction:not([hidden])').waitFor();
    // Predict (wrongly) that the server stays in LAST-ACK when the ACK arrives.
    await frame.locator('#predict-server').selectOption('LAST-ACK');
    await frame.locator('#narration').click();
    await ctx.page.keyboard.press(await keyOf(frame, 'deliver', /ACK seq=202/));
    await waitForStep(frame, 14);
    await frame.locator('#verdict.wrong').waitFor();
    assert.match(await frame.locator('#verdict').innerText(), /Not quite: .*Server ✗ LAST-ACK → CLOSED.*R47/);
    assert.equal(await frame.locator('#score').innerText(), 'Score: 0 / 1');
    assert.equal(await frame.locator('#choices .rows').count(), 0, 'predict mode hides the rows a choice fires');
    await ctx.page.keyboard.press('p');
    await frame.locator('#prediction[hidden]').waitFor({ state: 'attached' });
  });

  guarded('export the exchange as Mermaid source', async () => {
    const frame = await explorerAt(ctx.page, 14);
    await frame.locator('#narration').click();
    await tabTo(ctx.page, frame, 'button[data-export="mermaid"]');
    await ctx.page.keyboard.press('Enter');
    await ctx.page.locator('.monaco-editor .view-lines', { hasText: 'sequenceDiagram' }).first().waitFor();
    assert.ok(await ctx.page.locator('.monaco-editor .view-lines', { hasText: 'participant C as Client' }).count());
    await runCommand(ctx.page, 'View: Revert and Close Editor');
  });

  guarded('coverage: "take me there" on an unvisited row finds the events that fire it, off the host\'s thread, and plays them', async () => {
    const frame = await explorerAt(ctx.page, 14);
    await frame.locator('#narration').click();
    await tabTo(ctx.page, frame, '#coverage-title');
    await ctx.page.keyboard.press('Enter'); // opens the <details>
    const before = await frame.locator('#coverage li.visited').count();
    assert.ok(before > 10 && (await frame.locator('#coverage li.unvisited').count()) > 0);
    const reached = countLog(ctx.server, /explorer: reached U15/);
    await tabTo(ctx.page, frame, 'button[data-reach="U15"]');
    await ctx.page.keyboard.press('Enter');
    await waitForLog(ctx.server, /explorer: reached U15 in 1 events/, reached);
    await waitForStep(frame, 15);
    assert.match((await shown(frame)).rfc, /U15/);
    assert.match(await frame.locator('#notice').innerText(), /U15 fired after 1 events/);
    assert.equal(await frame.locator('#coverage li.visited').count(), before + 1);
    await frame.locator('#narration').click();
    await ctx.page.keyboard.press('ArrowLeft');
    await waitForStep(frame, 14);
  });

  guarded('after a reload the explorer comes back at the same step, with its branches and profile', async () => {
    await explorerAt(ctx.page, 14);
    await reloadWindow(ctx.page);
    const frame = await explorerAt(ctx.page, 14);
    assert.equal(await frame.locator('body[data-profile="linux"]').count(), 1);
    assert.equal(await frame.locator('#history li[data-node="13"] .branch-point').count(), 1);
    assert.deepEqual([(await shown(frame)).client, (await shown(frame)).server], ['TIME-WAIT', 'CLOSED']);
    await runCommand(ctx.page, 'View: Close All Editors');
  });
});
