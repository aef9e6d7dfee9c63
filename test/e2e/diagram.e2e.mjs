// End-to-end: the state diagram panel in a real VS Code (code-server), VSIX installed.
// The command opens it; its SVG has the 11 states and the generated edges; clicking a state
// shows its explanation; the hover's link opens the panel on that state.
import { describe } from 'node:test';
import { useWorkbench } from './harness/suite.mjs';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { extensionHostLogs } from './harness/code-server.mjs';
import { goTo, hoverAtCursor, openFile, runCommand, UI_TIMEOUT } from './harness/workbench.mjs';
import { ROOT, saveReadmeScreenshot } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const RFC_STATES = ['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];

/** The edges the core generates, computed here from the same source the extension ships. */
async function generatedEdges() {
  const built = await esbuild.build({ entryPoints: [join(ROOT, 'src', 'core', 'diagram.ts')], bundle: true, format: 'esm', platform: 'node', write: false });
  const module = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  return module.diagramEdges();
}

/** Waits for a line in the extension's own log (its output channel, written to disk). */
async function waitForLog(server, pattern) {
  const deadline = Date.now() + UI_TIMEOUT;
  while (Date.now() < deadline) {
    const logs = extensionHostLogs(server.userDataDir).filter((path) => path.endsWith('TCP State Lens.log'));
    const text = logs.map((path) => readFileSync(path, 'utf8')).join('\n');
    if (pattern.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the extension never logged ${pattern}`);
}

/** Relative luminance (0 dark … 1 light) of a CSS colour like rgb(30, 30, 30). */
function luminance(color) {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? ['255', '255', '255']).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
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
  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE });
  const guarded = ctx.test;

  guarded('the command opens a panel whose SVG has all 11 states and the generated edges', async () => {
    await runCommand(ctx.page, 'TCP: Show State Diagram');
    const frame = await diagramFrame(ctx.page);
    const states = await frame.locator('#diagram g.node[data-state]').evaluateAll((nodes) => nodes.map((n) => n.dataset.state).sort());
    assert.deepEqual(states, [...RFC_STATES].sort());
    const edges = await frame.locator('#diagram .edgePaths path').count();
    assert.equal(edges, (await generatedEdges()).length);
    await saveReadmeScreenshot(ctx.page, 'diagram.png');
  });

  guarded('clicking a state shows its explanation beside the diagram', async () => {
    const frame = await diagramFrame(ctx.page);
    await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"]').click();
    const pane = frame.locator('#explanation .body');
    await pane.waitFor({ state: 'visible' });
    await frame.locator('#explanation .title', { hasText: 'CLOSE-WAIT' }).waitFor();
    assert.match(await pane.innerText(), /local application/);
    assert.equal(await frame.locator('#diagram g.node.tsl-selected').getAttribute('data-state'), 'CLOSE-WAIT');
  });

  guarded("the hover's link opens the diagram on that state", async () => {
    await runCommand(ctx.page, 'View: Close All Editors');
    await openFile(ctx.page, 'linux-netstat-antp.log');
    const at = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'expected', 'linux-netstat-antp.log.json'), 'utf8')).find((m) => m.text === 'FIN_WAIT2');
    await goTo(ctx.page, at.line, at.column + 1);
    const shown = await hoverAtCursor(ctx.page);
    assert.match(shown, /Show in diagram/);
    await ctx.page.locator('.monaco-editor .monaco-hover:not(.hidden) a', { hasText: 'Show in diagram' }).first().click();
    const frame = await diagramFrame(ctx.page);
    await frame.locator('#diagram g.node.tsl-selected[data-state="FIN-WAIT-2"]').waitFor();

  });

  guarded('re-opening the panel reuses the laid-out diagram', async () => {
    await runCommand(ctx.page, 'View: Close All Editors');
    await runCommand(ctx.page, 'TCP: Show State Diagram');
    await diagramFrame(ctx.page);
    await waitForLog(ctx.server, /diagram rendered from cache: 11 states/);
  });

  guarded('zoom buttons and keys scale the diagram', async () => {
    const frame = await diagramFrame(ctx.page);
    const width = () => frame.locator('#diagram svg').evaluate((svg) => svg.getBoundingClientRect().width);
    const before = await width();
    await frame.locator('#zoom-in').click();
    await frame.locator('#zoom-reset', { hasText: '125%' }).waitFor();
    assert.ok((await width()) > before * 1.2);
    await frame.locator('#diagram').press('0');
    await frame.locator('#zoom-reset', { hasText: '100%' }).waitFor();
  });

  guarded('the panel comes back after a window reload, on the same state', async () => {
    const frame = await diagramFrame(ctx.page);
    await frame.locator('#diagram g.node[data-state="LAST-ACK"]').click();
    await frame.locator('#diagram g.node.tsl-selected[data-state="LAST-ACK"]').waitFor();
    // Reload Window shuts the workbench down properly (state saved), as a person's reload does.
    const reloaded = ctx.page.waitForEvent('framenavigated', { predicate: (f) => f === ctx.page.mainFrame() });
    await runCommand(ctx.page, 'Developer: Reload Window');
    await reloaded;
    await ctx.page.locator('.monaco-workbench').waitFor();
    const restored = await diagramFrame(ctx.page);
    await restored.locator('#diagram g.node.tsl-selected[data-state="LAST-ACK"]').waitFor();
  });

  guarded('a dark theme gives a dark diagram', async () => {
    await ctx.page.keyboard.press('Control+K');
    await ctx.page.keyboard.press('Control+T');
    const input = ctx.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('Dark Modern');
    await ctx.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor();
    await ctx.page.keyboard.press('Enter');
    const frame = await diagramFrame(ctx.page);
    await frame.locator('body[data-vscode-theme-kind="vscode-dark"]').waitFor();
    await frame.waitForFunction(() => {
      const rect = document.querySelector('#diagram g.node[data-state="ESTABLISHED"] rect');
      const fill = rect ? getComputedStyle(rect).fill : '';
      const [r, g, b] = (fill.match(/\d+/g) ?? ['255', '255', '255']).map(Number);
      return (r + g + b) / 3 < 100;
    });
    const background = await frame.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
    assert.ok(luminance(background) < 0.3, background);
    await saveReadmeScreenshot(ctx.page, 'diagram-dark.png');
  });

  guarded('Export SVG saves the diagram through a save dialog', async () => {
    const target = join(WORKSPACE, 'tcp-states.svg');
    rmSync(target, { force: true });
    const frame = await diagramFrame(ctx.page);
    await frame.locator('#export').click();
    const input = ctx.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await ctx.page.keyboard.press('Enter');
    await waitForLog(ctx.server, /diagram exported to .*tcp-states\.svg/);
    try {
      assert.ok(existsSync(target));
      const svg = readFileSync(target, 'utf8');
      assert.match(svg, /^<svg/);
      for (const state of RFC_STATES) assert.ok(svg.includes(state), state);
    } finally {
      rmSync(target, { force: true });
    }
  });
});
