// The capture timeline in a real VS Code (code-server in Chromium), printed by `npm run bench`:
// from a click on the generated capture in the explorer to the first row of its connection list,
// and to the whole list (the file read to its end), on a first open and on a re-open.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startCodeServer } from '../test/e2e/harness/code-server.mjs';
import { dismissNotifications, frameWith, launchBrowser, openCapture, openFile, openWorkbench, runCommand } from '../test/e2e/harness/workbench.mjs';

/**
 * From the click to the first connection rows painted (the webview's own clock: media/painted.ts)
 * and to the list complete (the file read to its end, as the test sees it), in ms.
 */
async function openTimed(page, name) {
  const clicked = await openCapture(page, name);
  const clickedAt = clicked + (Date.now() - performance.now());
  const frame = await frameWith(page, '#rows .row[data-id]', 'timeline webview with a connection');
  const paintedAt = Number(await (await frame.waitForFunction(() => document.body.dataset.paintedAt)).jsonValue());
  await frame.locator('body[data-loaded="true"]').waitFor({ timeout: 600_000 });
  return { firstRow: paintedAt - clickedAt, whole: performance.now() - clicked };
}

/**
 * In one fresh window: the first webview of a window sets webviews up (seconds here, whoever opens
 * it), so a built-in one (Markdown's preview) is opened and timed first, as the floor benchmark
 * does (bench-vscode.mjs); then the capture's first open and its re-open.
 * @returns {Promise<{ warmUp: number, first: { firstRow: number, whole: number }, reopen: { firstRow: number, whole: number } }>}
 */
export async function measureTimelineInVsCode(vsix, capture) {
  const workspace = mkdtempSync(join(tmpdir(), 'tsl-bench-timeline-'));
  const name = basename(capture);
  symlinkSync(capture, join(workspace, name));
  writeFileSync(join(workspace, 'warm-up.md'), '# Warm-up\n\nThe first webview of the window.\n');
  const server = await startCodeServer({ vsix, workspace });
  const browser = await launchBrowser();
  try {
    const page = await openWorkbench(browser, server, workspace);
    await dismissNotifications(page);
    await openFile(page, 'warm-up.md');
    const warming = performance.now();
    await runCommand(page, 'Markdown: Open Preview');
    await frameWith(page, '.markdown-body', 'Markdown preview');
    const warmUp = performance.now() - warming;
    await runCommand(page, 'View: Close All Editors');
    const first = await openTimed(page, name);
    const reopen = await openTimed(page, name);
    return { warmUp, first, reopen };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}
