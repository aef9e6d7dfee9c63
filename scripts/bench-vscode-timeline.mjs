// The capture timeline in a real VS Code (code-server in Chromium), printed by `npm run bench`:
// from a click on the generated capture in the explorer to the first row of its connection list,
// and to the whole list (the file read to its end), on a first open and on a re-open.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startCodeServer } from '../test/e2e/harness/code-server.mjs';
import { dismissNotifications, frameWith, launchBrowser, openCapture, openWorkbench } from '../test/e2e/harness/workbench.mjs';

/** From the click to the first connection row, and to the list complete, in ms. */
async function openTimed(page, name) {
  const started = await openCapture(page, name);
  const frame = await frameWith(page, '#rows .row[data-id]', 'timeline webview with a connection');
  const firstRow = performance.now() - started;
  await frame.locator('body[data-loaded="true"]').waitFor({ timeout: 600_000 });
  return { firstRow, whole: performance.now() - started };
}

/** @returns {Promise<{ first: { firstRow: number, whole: number }, reopen: { firstRow: number, whole: number } }>} */
export async function measureTimelineInVsCode(vsix, capture) {
  const workspace = mkdtempSync(join(tmpdir(), 'tsl-bench-timeline-'));
  const name = basename(capture);
  symlinkSync(capture, join(workspace, name));
  const server = await startCodeServer({ vsix, workspace });
  const browser = await launchBrowser();
  try {
    const page = await openWorkbench(browser, server, workspace);
    await dismissNotifications(page);
    const first = await openTimed(page, name);
    const reopen = await openTimed(page, name);
    return { first, reopen };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}
