// End-to-end: "TCP: Count States" in a real VS Code (code-server), VSIX installed. On a CLOSE-WAIT
// pile-up (an ss -tanp dump) the diagram panel shows the counts as a heatmap on the state boxes
// and as a sorted table, and the CLOSE-WAIT diagnosis; a table row's "line N" link moves the
// editor's cursor to that line.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useWorkbench } from './harness/suite.mjs';
import { frameWith, openFile, pickTheme, runCommand } from './harness/workbench.mjs';
import { RESULTS, ROOT, saveReadmeScreenshot } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const DUMP = 'close-wait-pileup.log';
/** What the dump holds, counted by hand: 40 CLOSE-WAIT rows (from line 38), 30 ESTAB (from 8), 5 LISTEN (from 3). */
const EXPECTED = [
  { state: 'CLOSE-WAIT', count: 40, firstLine: 38 },
  { state: 'ESTABLISHED', count: 30, firstLine: 8 },
  { state: 'LISTEN', count: 5, firstLine: 3 },
];

/** WCAG relative luminance of a computed CSS colour: rgb(59, 59, 59) or color(srgb 0.92 0.31 0.25). */
function luminance(color) {
  const srgb = color.startsWith('color(srgb');
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? ['255', '255', '255']).map((n) => (srgb ? Number(n) : Number(n) / 255));
  const linear = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two colours (1 … 21). */
function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The diagram webview once it shows a census table and the heatmap on its boxes. */
function censusFrame(page) {
  return frameWith(page, '#census:not([hidden]) tbody tr[data-state] ~ tr, #diagram g.node[data-count]', 'diagram webview with a census');
}

describe('state census in a real VS Code', () => {
  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE });
  const guarded = ctx.test;

  guarded('"TCP: Count States" shows the counts as a table and as a heatmap on the state boxes, and the CLOSE-WAIT diagnosis', async () => {
    await openFile(ctx.page, DUMP);
    await runCommand(ctx.page, 'TCP: Count States');
    const frame = await censusFrame(ctx.page);
    await frame.locator('#census tbody tr[data-state]').nth(EXPECTED.length - 1).waitFor();
    await frame.locator('#census .document', { hasText: DUMP }).waitFor();

    // The table: most first, with each state's exact count and its first line.
    const rows = await frame.locator('#census tbody tr[data-state]').evaluateAll((trs) =>
      trs.map((tr) => ({ state: tr.dataset.state, count: Number(tr.querySelector('.count').textContent), link: tr.querySelector('a.line-link').textContent })),
    );
    assert.deepEqual(rows, EXPECTED.map((e) => ({ state: e.state, count: e.count, link: `line ${e.firstLine}` })));

    // The boxes: every state has its count; the most-counted state is in the hottest bucket.
    await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"][data-count="40"]').first().waitFor();
    for (const { state, count } of EXPECTED) {
      const node = frame.locator(`#diagram g.node[data-state="${state}"]`).first();
      assert.equal(await node.getAttribute('data-count'), String(count), state);
      assert.equal(await node.locator(':scope > title.tsl-count').textContent(), `${state}: ${count} mentions`);
    }
    assert.match((await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"]').getAttribute('class')) ?? '', /\btsl-heat-5\b/);
    assert.match((await frame.locator('#diagram g.node[data-state="ESTABLISHED"]').getAttribute('class')) ?? '', /\btsl-heat-4\b/);
    assert.match((await frame.locator('#diagram g.node[data-state="LISTEN"]').getAttribute('class')) ?? '', /\btsl-heat-1\b/);
    const unseen = frame.locator('#diagram g.node[data-state="TIME-WAIT"]');
    assert.equal(await unseen.getAttribute('data-count'), '0');
    assert.doesNotMatch((await unseen.getAttribute('class')) ?? '', /tsl-heat-/);
    // The hottest box is drawn in another colour than a box with no mentions.
    const [hot, cold] = await frame.locator('#diagram').evaluate((d) =>
      ['CLOSE-WAIT', 'TIME-WAIT'].map((s) => getComputedStyle(d.querySelector(`g.node[data-state="${s}"] rect`)).fill),
    );
    assert.notEqual(hot, cold);
    assert.equal(await frame.locator('#census .heat-legend .swatch').count(), 5);

    // The diagnosis: the CLOSE-WAIT pile-up, naming the port that holds it.
    const diagnosis = frame.locator('#census .diagnosis', { hasText: 'CLOSE-WAIT' });
    await diagnosis.waitFor();
    assert.match(await diagnosis.innerText(), /8080/);
    assert.ok((await diagnosis.locator('.because').textContent())?.length);
    assert.ok((await diagnosis.locator('.advice').textContent())?.length);
    await saveReadmeScreenshot(ctx.page, 'census-heatmap.png');
  });

  guarded("a table row's line link moves the editor's cursor to that line", async () => {
    const frame = await censusFrame(ctx.page);
    const status = ctx.page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ });
    await frame.locator('#census tr[data-state="CLOSE-WAIT"] a.line-link').click();
    await ctx.page.locator('.statusbar-item', { hasText: /^Ln 38, Col 1\b/ }).waitFor();
    await ctx.page.locator(`.tab.active[aria-label*="${DUMP}"], .tab.active[title*="${DUMP}"]`).first().waitFor();
    // Another row, another line: the link follows its own row.
    await frame.locator('#census tr[data-state="LISTEN"] a.line-link').click();
    await ctx.page.locator('.statusbar-item', { hasText: /^Ln 3, Col 1\b/ }).waitFor();
    assert.match((await status.first().textContent()) ?? '', /^Ln 3, Col 1/);
  });

  for (const [theme, kind] of [
    ['Light Modern', 'vscode-light'],
    ['Dark Modern', 'vscode-dark'],
    ['Dark High Contrast', 'vscode-high-contrast'],
    ['Light High Contrast', 'vscode-high-contrast-light'],
  ]) {
    guarded(`${theme}: the heatmap's labels stay readable on every bucket`, async () => {
      await pickTheme(ctx.page, theme);
      const frame = await censusFrame(ctx.page);
      await frame.locator(`body[data-vscode-theme-kind="${kind}"]`).waitFor();
      // Re-drawn for the theme, and painted again.
      await frame.locator('#diagram g.node.tsl-heat-5[data-state="CLOSE-WAIT"]').waitFor();
      for (const state of ['CLOSE-WAIT', 'ESTABLISHED', 'LISTEN']) {
        const [text, box] = await frame.locator(`#diagram g.node[data-state="${state}"]`).evaluate((node) => [
          getComputedStyle(node.querySelector('text')).fill,
          getComputedStyle(node.querySelector('rect')).fill,
        ]);
        // WCAG AA for normal text.
        assert.ok(contrast(text, box) >= 4.5, `${theme} ${state}: label ${text} on ${box}, contrast ${contrast(text, box).toFixed(2)}`);
      }
      await ctx.page.screenshot({ path: join(RESULTS, `census-${kind}.png`) });
    });
  }
});
