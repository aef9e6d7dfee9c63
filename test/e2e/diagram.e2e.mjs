// End-to-end: the state diagram panel in a real VS Code (code-server), VSIX installed.
// The command opens it; its SVG has the 11 states and the generated edges; clicking a state
// shows its explanation; the hover's link opens the panel on that state.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer } from './harness/code-server.mjs';
import { goTo, hoverAtCursor, launchBrowser, openFile, openWorkbench, runCommand, UI_TIMEOUT } from './harness/workbench.mjs';
import { ROOT, saveFailure, saveReadmeScreenshot } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const RFC_STATES = ['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];

/** The edges the core generates, computed here from the same source the extension ships. */
async function generatedEdges() {
  const built = await esbuild.build({ entryPoints: [join(ROOT, 'src', 'core', 'diagram.ts')], bundle: true, format: 'esm', platform: 'node', write: false });
  const module = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  return module.diagramEdges();
}

/** The diagram webview's document: an iframe inside VS Code's webview iframe. */
async function diagramFrame(page) {
  const deadline = Date.now() + UI_TIMEOUT;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.locator('#diagram svg g.node[data-state]').count().catch(() => 0)) return frame;
    }
    await page.waitForEvent('framenavigated', { timeout: 1000 }).catch(() => {});
  }
  throw new Error('the diagram webview never showed an SVG with states');
}

describe('state diagram in a real VS Code', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startCodeServer({ vsix: VSIX, workspace: WORKSPACE });
    browser = await launchBrowser();
    page = await openWorkbench(browser, server, WORKSPACE);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const guarded = (name, body) =>
    test(name, async () => {
      try {
        await body();
      } catch (error) {
        await saveFailure(page, server, name);
        throw error;
      }
    });

  guarded('the command opens a panel whose SVG has all 11 states and the generated edges', async () => {
    await runCommand(page, 'TCP: Show State Diagram');
    const frame = await diagramFrame(page);
    const states = await frame.locator('#diagram g.node[data-state]').evaluateAll((nodes) => nodes.map((n) => n.dataset.state).sort());
    assert.deepEqual(states, [...RFC_STATES].sort());
    const edges = await frame.locator('#diagram .edgePaths path').count();
    assert.equal(edges, (await generatedEdges()).length);
    await saveReadmeScreenshot(page, 'diagram.png');
  });

  guarded('clicking a state shows its explanation beside the diagram', async () => {
    const frame = await diagramFrame(page);
    await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"]').click();
    const pane = frame.locator('#explanation .body');
    await pane.waitFor({ state: 'visible' });
    await frame.locator('#explanation .title', { hasText: 'CLOSE-WAIT' }).waitFor();
    assert.match(await pane.innerText(), /local application/);
    assert.equal(await frame.locator('#diagram g.node.tsl-selected').getAttribute('data-state'), 'CLOSE-WAIT');
  });

  guarded("the hover's link opens the diagram on that state", async () => {
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'linux-netstat-antp.log');
    const at = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'expected', 'linux-netstat-antp.log.json'), 'utf8')).find((m) => m.text === 'FIN_WAIT2');
    await goTo(page, at.line, at.column + 1);
    const shown = await hoverAtCursor(page);
    assert.match(shown, /Show in diagram/);
    await page.locator('.monaco-editor .monaco-hover:not(.hidden) a', { hasText: 'Show in diagram' }).first().click();
    const frame = await diagramFrame(page);
    await frame.locator('#diagram g.node.tsl-selected[data-state="FIN-WAIT-2"]').waitFor();

  });
});
