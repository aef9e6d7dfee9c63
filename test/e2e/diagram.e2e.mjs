// End-to-end: the state diagram panel in a real VS Code (code-server), VSIX installed.
// The command opens it; its SVG has the 11 states and the generated edges, and on a fresh
// install it is the SVG the VSIX ships (no Mermaid loaded), in light, dark and high-contrast
// themes alike; clicking a state shows its explanation; the hover's link opens the panel on that state.
import { describe } from 'node:test';
import { useWorkbench } from './harness/suite.mjs';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { countLog, waitForLog } from './harness/code-server.mjs';
import { frameWith, goTo, hoverAtCursor, openFile, pickTheme, reloadWindow, runCommand } from './harness/workbench.mjs';
import { ROOT, saveReadmeScreenshot } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const RFC_STATES = ['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];

/** The edges the core generates, computed here from the same source the extension ships. */
async function generatedEdges() {
  const built = await esbuild.build({ entryPoints: [join(ROOT, 'src', 'core', 'index.ts')], bundle: true, format: 'esm', platform: 'node', write: false });
  const module = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  return module.diagramEdges();
}

/** Whether the whole SVG lies inside the visible diagram area (the default "fit" zoom). */
function svgFits(frame) {
  return frame.locator('#diagram').evaluate((box) => {
    const outer = box.getBoundingClientRect();
    const svg = box.querySelector('svg').getBoundingClientRect();
    const inside = svg.width <= outer.width + 1 && svg.height <= outer.height + 1;
    // Fitted, not merely small: it fills the panel in one direction (or is at actual size).
    const fills = svg.width >= outer.width * 0.9 || svg.height >= outer.height * 0.9 || document.getElementById('zoom-reset').textContent === '100%';
    return inside && fills && box.dataset.zoom === 'fit';
  });
}

/** Relative luminance (0 dark … 1 light) of a CSS colour like rgb(30, 30, 30). */
function luminance(color) {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? ['255', '255', '255']).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/**
 * Whether the webview's document has loaded Mermaid: its global, or a script element for it
 * (it is only ever added by media/mermaid-support.ts when a diagram must be laid out).
 */
function mermaidLoaded(frame) {
  return frame.locator('body').evaluate(() => 'mermaid' in window || [...document.scripts].some((script) => /mermaid/.test(script.src)));
}

/** The luminance of a state's label and of its box, as drawn now. */
function labelOnBox(frame, state) {
  return frame.locator(`#diagram g.node[data-state="${state}"]`).first().evaluate((node) => [getComputedStyle(node.querySelector('text')).fill, getComputedStyle(node.querySelector('rect')).fill]);
}

/** Asserts that a state's label reads on its box: their luminances far apart. */
async function assertReadable(frame, state, what) {
  const [text, box] = await labelOnBox(frame, state);
  assert.ok(Math.abs(luminance(text) - luminance(box)) > 0.4, `${what}: label ${text} on ${box}`);
}

/** The diagram webview's document: an iframe inside VS Code's webview iframe. */
function diagramFrame(page) {
  return frameWith(page, '#diagram svg g.node[data-state]', 'diagram webview with an SVG of the states');
}

describe('state diagram in a real VS Code', () => {
  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE });
  const guarded = ctx.test;

  guarded('the command opens a panel whose SVG has all 11 states and the generated edges, fitted to the panel', async () => {
    await runCommand(ctx.page, 'TCP: Show State Diagram');
    const frame = await diagramFrame(ctx.page);
    const states = await frame.locator('#diagram g.node[data-state]').evaluateAll((nodes) => nodes.map((n) => n.dataset.state).sort());
    // Twelve boxes, eleven states: CLOSED is drawn at the top and at the bottom, as in RFC 9293 Figure 5.
    assert.deepEqual(states, [...RFC_STATES, 'CLOSED'].sort());
    const edges = await frame.locator('#diagram path.flowchart-link').count();
    assert.equal(edges, (await generatedEdges()).length);
    assert.ok(await svgFits(frame), 'the whole diagram is visible at the default zoom');
    await assertReadable(frame, 'ESTABLISHED', 'light theme');
    await saveReadmeScreenshot(ctx.page, 'diagram.png');
  });

  guarded('the first open on a fresh install draws the shipped SVG and loads no Mermaid', async () => {
    const frame = await diagramFrame(ctx.page);
    await waitForLog(ctx.server, /diagram rendered from the shipped SVG: 11 states/);
    assert.equal(countLog(ctx.server, /diagram rendered (from cache|by Mermaid)/), 0, 'a layout came from Mermaid or the cache');
    assert.equal(await frame.locator('#diagram svg[data-tsl-source-hash]').count(), 1);
    assert.equal(await mermaidLoaded(frame), false, 'the webview loaded Mermaid');
  });

  guarded('clicking a state shows its explanation beside the diagram', async () => {
    const frame = await diagramFrame(ctx.page);
    await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"]').click();
    const pane = frame.locator('#explanation .body');
    await pane.waitFor({ state: 'visible' });
    await frame.locator('#explanation .title', { hasText: 'CLOSE-WAIT' }).waitFor();
    assert.match(await pane.innerText(), /local application/);
    assert.equal(await frame.locator('#diagram g.node.tsl-selected').getAttribute('data-state'), 'CLOSE-WAIT');
    // Both CLOSED boxes light up for CLOSED.
    await frame.locator('#diagram g.node[data-state="CLOSED"]').last().click();
    await frame.locator('#explanation .title', { hasText: /^CLOSED$/ }).waitFor();
    assert.equal(await frame.locator('#diagram g.node.tsl-selected[data-state="CLOSED"]').count(), 2);
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

  guarded('re-opening the panel draws the shipped SVG again, still without Mermaid', async () => {
    const before = countLog(ctx.server, /diagram rendered from the shipped SVG: 11 states/);
    await runCommand(ctx.page, 'View: Close All Editors');
    await runCommand(ctx.page, 'TCP: Show State Diagram');
    const frame = await diagramFrame(ctx.page);
    await waitForLog(ctx.server, /diagram rendered from the shipped SVG: 11 states/, before);
    assert.equal(await mermaidLoaded(frame), false, 'the webview loaded Mermaid');
  });

  guarded('zoom buttons and keys scale the diagram', async () => {
    const frame = await diagramFrame(ctx.page);
    const width = () => frame.locator('#diagram svg').evaluate((svg) => svg.getBoundingClientRect().width);
    await frame.locator('#diagram').press('0');
    await frame.locator('#zoom-reset', { hasText: '100%' }).waitFor();
    const actual = await width();
    await frame.locator('#zoom-in').click();
    await frame.locator('#zoom-reset', { hasText: '125%' }).waitFor();
    assert.ok((await width()) > actual * 1.2);
    await frame.locator('#diagram').press('f');
    await frame.locator('#diagram[data-zoom="fit"]').waitFor();
    assert.ok(await svgFits(frame));
  });

  guarded('the panel comes back after a window reload, on the same state', async () => {
    const frame = await diagramFrame(ctx.page);
    await frame.locator('#diagram g.node[data-state="LAST-ACK"]').click();
    await frame.locator('#diagram g.node.tsl-selected[data-state="LAST-ACK"]').waitFor();
    const shipped = countLog(ctx.server, /diagram rendered from the shipped SVG/);
    await reloadWindow(ctx.page);
    const restored = await diagramFrame(ctx.page);
    await restored.locator('#diagram g.node.tsl-selected[data-state="LAST-ACK"]').waitFor();
    // A new extension host, the same shipped SVG: nothing to lay out.
    await waitForLog(ctx.server, /diagram rendered from the shipped SVG/, shipped);
  });

  guarded('a dark theme gives a dark diagram', async () => {
    await pickTheme(ctx.page, 'Dark Modern');
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
    // The same shipped SVG, its colours now the dark theme's.
    await assertReadable(frame, 'ESTABLISHED', 'dark theme');
    const states = await frame.locator('#diagram g.node[data-state]').evaluateAll((nodes) => new Set(nodes.map((n) => n.dataset.state)).size);
    assert.equal(states, RFC_STATES.length);
    assert.equal(await mermaidLoaded(frame), false, 'the webview loaded Mermaid for the dark theme');
    await saveReadmeScreenshot(ctx.page, 'diagram-dark.png');
  });

  for (const [theme, kind, dark] of [
    ['Dark High Contrast', 'vscode-high-contrast', true],
    ['Light High Contrast', 'vscode-high-contrast-light', false],
  ]) {
    guarded(`${theme}: the diagram follows the theme, with contrast borders`, async () => {
      await pickTheme(ctx.page, theme);
      const frame = await diagramFrame(ctx.page);
      await frame.locator(`body[data-vscode-theme-kind="${kind}"]`).waitFor();
      // Re-rendered for this theme: the node border is the theme's contrast border.
      await frame.waitForFunction(
        ({ wantDark }) => {
          const body = getComputedStyle(document.body);
          const border = body.getPropertyValue('--vscode-contrastBorder').trim();
          const rect = document.querySelector('#diagram g.node[data-state="ESTABLISHED"] rect');
          if (!rect || !border) return false;
          const probe = document.createElement('span');
          probe.style.color = border;
          document.body.appendChild(probe);
          const want = getComputedStyle(probe).color;
          probe.remove();
          const fill = (getComputedStyle(rect).fill.match(/\d+/g) ?? []).map(Number);
          const darkFill = fill.length >= 3 && (fill[0] + fill[1] + fill[2]) / 3 < 128;
          return getComputedStyle(rect).stroke === want && darkFill === wantDark;
        },
        { wantDark: dark },
      );
      const background = await frame.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
      assert.equal(luminance(background) < 0.3, dark, background);
      // A selected state stays readable: its label's colour is far from its box's.
      await frame.locator('#diagram g.node[data-state="SYN-SENT"]').click();
      const [text, box] = await frame.locator('#diagram g.node.tsl-selected[data-state="SYN-SENT"]').evaluate((node) => [
        getComputedStyle(node.querySelector('text')).fill,
        getComputedStyle(node.querySelector('rect')).fill,
      ]);
      assert.ok(Math.abs(luminance(text) - luminance(box)) > 0.4, `label ${text} on ${box}`);
    });
  }

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
      // Outside VS Code its variables mean nothing: the file carries the theme's colours.
      assert.doesNotMatch(svg, /var\(--vscode-/);
      for (const state of RFC_STATES) assert.ok(svg.includes(state), state);
    } finally {
      rmSync(target, { force: true });
    }
  });
});
