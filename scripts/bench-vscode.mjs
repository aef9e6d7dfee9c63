// Figures taken in a real VS Code (code-server in Chromium), printed by `npm run bench`:
//   - time from the workbench being ready to the first hover shown on a state name (this
//     includes opening the file through Quick Open, which wakes the extension), and from the
//     file's editor being shown to the hover (Go to Line, the palette's Show Hover, the hover);
//   - the extension's activation time as the extension host reports it
//     (Developer: Show Running Extensions).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionLogLines, startCodeServer } from '../test/e2e/harness/code-server.mjs';
import { frameWith, goTo, hoverAtCursor, launchBrowser, openFile, openWorkbench, reloadWindow, runCommand, showInPalette } from '../test/e2e/harness/workbench.mjs';

const root = join(import.meta.dirname, '..');
const workspace = join(root, 'test', 'fixtures', 'workspace');

/** From pressing Enter on "TCP: Show State Diagram" to all 11 states in the webview's SVG (12 boxes: CLOSED is drawn twice). */
async function openDiagramTimed(page) {
  await showInPalette(page, 'TCP: Show State Diagram');
  const started = performance.now();
  await page.keyboard.press('Enter');
  for (;;) {
    for (const frame of page.frames()) {
      if ((await frame.locator('#diagram svg g.node[data-state]').count().catch(() => 0)) >= 12) return performance.now() - started;
    }
    await page.waitForTimeout(5);
  }
}

async function timeDiagram(page) {
  await runCommand(page, 'View: Close All Editors');
  const diagramFirst = await openDiagramTimed(page);
  await runCommand(page, 'View: Close All Editors');
  const diagramReopen = await openDiagramTimed(page);
  // A later session: a new extension host (Reload Window) with the layout cache on disk.
  await runCommand(page, 'View: Close All Editors');
  await reloadWindow(page);
  const diagramNextSession = await openDiagramTimed(page);
  return { diagramFirst, diagramReopen, diagramNextSession };
}

/**
 * One walkthrough step: from pressing → to the webview showing the new step (its sequence
 * diagram's data-step), over the steps of scenario 1. The webview's own update time is logged
 * by the extension ("walkthrough … shown in … ms").
 */
async function timeWalkthroughSteps(page) {
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'TCP: Start Walkthrough');
  const frame = await frameWith(page, 'body[data-scenario] #sequence[data-step="0"] svg', 'walkthrough');
  await frame.locator('#narration').click();
  const times = [];
  for (let step = 1; step <= 12; step++) {
    const started = performance.now();
    await page.keyboard.press('ArrowRight');
    await frame.locator(`#sequence[data-step="${step}"]`).waitFor({ state: 'attached' });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export async function measureInVsCode(vsix, runs = 3) {
  const expected = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'expected', 'linux-netstat-antp.log.json'), 'utf8'));
  const first = expected[0];
  const results = [];
  for (let run = 0; run < runs; run++) {
    const server = await startCodeServer({ vsix, workspace });
    const browser = await launchBrowser();
    try {
      const page = await openWorkbench(browser, server, workspace);
      const ready = performance.now();
      await openFile(page, 'linux-netstat-antp.log');
      const opened = performance.now();
      await goTo(page, first.line, first.column + 1);
      const text = await hoverAtCursor(page);
      const firstHover = performance.now() - ready;
      const fromOpen = performance.now() - opened;
      if (!/RFC 9293/.test(text)) throw new Error(`unexpected hover: ${text}`);
      await page.keyboard.press('Escape');
      const diagramTimes = await timeDiagram(page);
      const walkthroughSteps = await timeWalkthroughSteps(page);
      // The webview's own measure of its work (Mermaid load and layout, or the cached SVG).
      const log = extensionLogLines(server.userDataDir);
      const diagram = {
        ...diagramTimes,
        walkthroughSteps,
        webview: log.filter((line) => line.includes('diagram ')).map((line) => line.replace(/^.*diagram /, '')),
        stepUpdates: log
          .map((line) => /walkthrough \S+ step \d+ shown in ([\d.]+) ms/.exec(line)?.[1])
          .filter(Boolean)
          .map(Number)
          .sort((a, b) => a - b),
      };
      await runCommand(page, 'Developer: Show Running Extensions');
      // The list is sorted by activation time and virtualised: a fast extension sits at the end.
      const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
      await rows.first().click();
      await page.keyboard.press('End');
      const row = rows.filter({ hasText: 'TCP State Lens' }).first();
      await row.waitFor();
      const activation = await row.innerText();
      const ms = /Activation:\s*([\d.]+)\s*ms/.exec(activation);
      results.push({ ...diagram, firstHover, fromOpen, activation: ms ? Number(ms[1]) : NaN, activationText: activation.replace(/\s+/g, ' ').trim() });
    } finally {
      await browser.close();
      await server.stop();
    }
  }
  return results;
}
