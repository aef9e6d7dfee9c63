// End-to-end: "TCP: Count States" from the explorer's context menu on a file that is not open, in
// a real VS Code (code-server), VSIX installed. The file is streamed from disk: the small dump's
// counts and line links are those of the open-editor census, no editor opens for it; a 300 MB
// dump shows a progress notification, the extension host answers a hover while it counts, Cancel
// stops it, and a full count gives exactly the numbers the dump was written with.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useWorkbench } from './harness/suite.mjs';
import { closeHover, countFromExplorer, frameWith, goTo, hoverAtCursor, openFile } from './harness/workbench.mjs';
import { ROOT } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const SMALL = 'close-wait-pileup.log';
const BIG = 'big-dump.log';
/** Large enough that counting it takes seconds on any machine, so the test sees it under way. */
const BIG_BYTES = 300e6;

/** Writes an ss -tanp dump of about BIG_BYTES bytes and returns how many rows of each state it holds. */
function writeBigDump(path) {
  const states = ['ESTAB', 'ESTAB', 'ESTAB', 'ESTAB', 'ESTAB', 'ESTAB', 'ESTAB', 'TIME-WAIT', 'TIME-WAIT', 'CLOSE-WAIT'];
  const canonical = { ESTAB: 'ESTABLISHED', 'TIME-WAIT': 'TIME-WAIT', 'CLOSE-WAIT': 'CLOSE-WAIT' };
  let block = '';
  const perBlock = {};
  for (let i = 0; i < 1000; i++) {
    const state = states[i % states.length];
    block += `${state.padEnd(10)} 0      0        10.0.2.15:${40000 + i}   198.51.100.${i % 250}:443  users:(("curl",pid=${1000 + i},fd=3))\n`;
    perBlock[canonical[state]] = (perBlock[canonical[state]] ?? 0) + 1;
  }
  const bytes = Buffer.from(block);
  const blocks = Math.ceil(BIG_BYTES / bytes.length);
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < blocks; i++) writeSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
  return Object.fromEntries(Object.entries(perBlock).map(([state, n]) => [state, n * blocks]));
}

function censusFrame(page) {
  return frameWith(page, '#census:not([hidden]) tbody tr[data-state]', 'diagram webview with a census');
}

/** The table's rows as the webview shows them. */
async function tableRows(frame) {
  return frame.locator('#census tbody tr[data-state]').evaluateAll((trs) =>
    trs.map((tr) => ({ state: tr.dataset.state, count: Number(tr.querySelector('.count').textContent) })),
  );
}

describe('counting a file from the explorer, without opening it', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'tsl-census-file-'));
  let bigCounts;
  before(() => {
    copyFileSync(join(ROOT, 'test', 'fixtures', 'workspace', SMALL), join(workspace, SMALL));
    bigCounts = writeBigDump(join(workspace, BIG));
  });
  after(() => rmSync(workspace, { recursive: true, force: true }));
  const ctx = useWorkbench({ vsix: VSIX, workspace });
  const guarded = ctx.test;

  guarded('the explorer\'s "Count States" counts a closed file, and its line links open it at the line', async () => {
    await countFromExplorer(ctx.page, SMALL, BIG);
    const frame = await censusFrame(ctx.page);
    await frame.locator('#census .document', { hasText: SMALL }).waitFor();
    await frame.locator('#census tbody tr[data-state="LISTEN"]').waitFor();
    assert.deepEqual(await tableRows(frame), [
      { state: 'CLOSE-WAIT', count: 40 },
      { state: 'ESTABLISHED', count: 30 },
      { state: 'LISTEN', count: 5 },
    ]);
    // Counted from disk: no editor was opened for it.
    assert.equal(await ctx.page.locator(`.tab[aria-label*="${SMALL}"]`).count(), 0);
    // Its line link opens the file at that line.
    await frame.locator('#census tr[data-state="CLOSE-WAIT"] a.line-link').click();
    await ctx.page.locator(`.tab.active[aria-label*="${SMALL}"]`).first().waitFor();
    await ctx.page.locator('.statusbar-item', { hasText: /^Ln 38, Col 1\b/ }).waitFor();
  });

  guarded('a 300 MB dump counts under a progress notification, hovers still answer, and Cancel stops it', async () => {
    await openFile(ctx.page, SMALL);
    await countFromExplorer(ctx.page, BIG, SMALL);
    // The progress shows as a notification, and in the status bar once the notification is closed.
    // (The notification centre keeps hidden copies of its items: only visible ones count.)
    const progress = ctx.page.locator('.notification-list-item', { hasText: `Counting TCP states in ${BIG}` }).filter({ visible: true });
    const statusItem = ctx.page.locator('.statusbar-item', { hasText: `Counting TCP states in ${BIG}` }).filter({ visible: true });
    const running = progress.or(statusItem);
    await progress.first().waitFor();
    // The extension host that counts is the one that answers hovers: it must not be stuck.
    await goTo(ctx.page, 38, 3);
    const hover = await hoverAtCursor(ctx.page);
    assert.match(hover, /CLOSE-WAIT/);
    await closeHover(ctx.page);
    // Escape closed the notification; the status bar takes the progress over, a moment later.
    await running
      .first()
      .waitFor()
      .catch(() => assert.fail('the count ended before the hover was shown: the test file is too small to show it under way'));
    // The status bar entry opens the notification again, with its Cancel button.
    if ((await progress.count()) === 0) await statusItem.first().click();
    await progress.first().hover();
    await progress.first().locator('.monaco-button', { hasText: 'Cancel' }).click();
    await ctx.page.locator('.notification-list-item', { hasText: /Counting stopped after [\d.]+ MB of big-dump\.log/ }).filter({ visible: true }).first().waitFor();
    await ctx.page.locator('.statusbar-item', { hasText: `Counting TCP states in ${BIG}` }).first().waitFor({ state: 'hidden' });
    // Nothing is shown for half a file: the diagram panel (closed with the editors above) stays closed.
    assert.equal(await ctx.page.locator('.tab', { hasText: 'TCP State Diagram' }).count(), 0);
    await ctx.page.keyboard.press('Escape');
  });

  guarded('a full count of the 300 MB dump gives exactly the numbers it was written with', async () => {
    await countFromExplorer(ctx.page, BIG, SMALL);
    const frame = await censusFrame(ctx.page);
    // Streamed across chunk boundaries, every row counted once: no row split in two or lost.
    await frame.locator('#census .document', { hasText: BIG }).waitFor({ timeout: 10 * 60_000 });
    const rows = await tableRows(frame);
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.state, r.count])), bigCounts);
    assert.equal(await ctx.page.locator(`.tab[aria-label*="${BIG}"]`).count(), 0);
  });
});
