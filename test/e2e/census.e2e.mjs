// End-to-end: "TCP: Count States" in a real VS Code (code-server), VSIX installed. On a CLOSE-WAIT
// pile-up (an ss -tanp dump) the diagram panel shows the counts as a heatmap on the state boxes
// and as a sorted table, and the CLOSE-WAIT diagnosis; a table row's "line N" link moves the
// editor's cursor to that line; a row expands to its top local ports, peers and processes; the
// census goes below the diagram in a narrow panel and beside it in a wide one; and it comes back
// after a window reload, links working.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useWorkbench } from './harness/suite.mjs';
import { frameWith, openFile, pickTheme, reloadWindow, runCommand } from './harness/workbench.mjs';
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

/**
 * The CLOSE-WAIT rows' top local ports, peers and processes, counted by hand: 36 rows of java on
 * port 8080 from three clients, 4 of node on port 3000 from a fourth.
 */
const CLOSE_WAIT_GROUPS = {
  localPorts: [['8080', '36'], ['3000', '4']],
  peers: [['203.0.113.20', '12'], ['203.0.113.21', '12'], ['203.0.113.22', '12'], ['203.0.113.9', '4']],
  processes: [['java', '36'], ['node', '4']],
};

/** The census table's rows as shown: state, count and its line link's text. */
function tableRows(frame) {
  return frame.locator('#census tbody tr[data-state]').evaluateAll((trs) =>
    trs.map((tr) => ({ state: tr.dataset.state, count: Number(tr.querySelector('.count').textContent), link: tr.querySelector('a.line-link').textContent })),
  );
}

/** Where the diagram and the census are in the webview, and how wide its body is. */
function layout(frame) {
  return frame.evaluate(() => {
    const box = (id) => {
      const { left, right, top, bottom, width } = document.getElementById(id).getBoundingClientRect();
      return { left, right, top, bottom, width };
    };
    return { viewport: window.innerWidth, body: document.body.getBoundingClientRect().width, diagram: box('diagram'), census: box('census') };
  });
}

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

/**
 * The diagram webview once it shows the fixture's census whole: every row of the table (most
 * first, each state's exact count and first line) and the heatmap's counts on the boxes.
 */
async function shownCensus(page) {
  const frame = await censusFrame(page);
  await frame.locator('#census tbody tr[data-state]').nth(EXPECTED.length - 1).waitFor();
  await frame.locator('#census .document', { hasText: DUMP }).waitFor();
  assert.deepEqual(await tableRows(frame), EXPECTED.map((e) => ({ state: e.state, count: e.count, link: `line ${e.firstLine}` })));
  await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"][data-count="40"]').first().waitFor();
  return frame;
}

describe('state census in a real VS Code', () => {
  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE });
  const guarded = ctx.test;

  guarded('"TCP: Count States" shows the counts as a table and as a heatmap on the state boxes, and the CLOSE-WAIT diagnosis', async () => {
    await openFile(ctx.page, DUMP);
    await runCommand(ctx.page, 'TCP: Count States');
    // The table, most first, with each state's exact count and its first line; the boxes' counts.
    const frame = await shownCensus(ctx.page);
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

  guarded("expanding a row shows that state's top local ports, peers and processes with their counts", async () => {
    const frame = await censusFrame(ctx.page);
    const toggle = frame.locator('#census tr[data-state="CLOSE-WAIT"] button.expand');
    const detail = frame.locator('#census tr.groups[data-groups-of="CLOSE-WAIT"]');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await detail.isVisible(), false);
    assert.equal(await toggle.getAttribute('aria-controls'), await detail.getAttribute('id'));
    await toggle.click();
    await detail.waitFor({ state: 'visible' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    for (const [kind, expected] of Object.entries(CLOSE_WAIT_GROUPS)) {
      const shown = await detail
        .locator(`.group[data-group="${kind}"] li`)
        .evaluateAll((items) => items.map((li) => [li.querySelector('.key').textContent, li.querySelector('.count').textContent]));
      assert.deepEqual(shown, expected, kind);
    }
    await ctx.page.screenshot({ path: join(RESULTS, 'census-groups.png') });
    // Each state has its own detail: ESTABLISHED's is nginx's on 443, still closed.
    assert.equal(await frame.locator('#census tr.groups[data-groups-of="ESTABLISHED"]').isVisible(), false);
    await toggle.click();
    await detail.waitFor({ state: 'hidden' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  });

  guarded('in a narrow panel the census goes below the diagram, which keeps the full width; in a wide panel they sit side by side', async () => {
    const frame = await censusFrame(ctx.page);
    const before = ctx.page.viewportSize();
    try {
      // The panel opens beside the editor: half the 1400-wide window is a narrow panel.
      const narrow = await layout(frame);
      assert.ok(narrow.viewport < 900, `the panel is ${narrow.viewport} px wide: not a narrow one`);
      assert.ok(narrow.diagram.width >= narrow.body * 0.9, `diagram ${narrow.diagram.width} px of a ${narrow.body} px body`);
      assert.ok(narrow.census.top >= narrow.diagram.bottom - 1, `census top ${narrow.census.top}, diagram bottom ${narrow.diagram.bottom}`);
      assert.ok(narrow.census.width >= narrow.body * 0.9, `census ${narrow.census.width} px of a ${narrow.body} px body`);

      await ctx.page.setViewportSize({ width: 2400, height: before?.height ?? 900 });
      await frame.waitForFunction(() => {
        const diagram = document.getElementById('diagram').getBoundingClientRect();
        const census = document.getElementById('census').getBoundingClientRect();
        return window.innerWidth >= 900 && census.left >= diagram.right && census.top < diagram.bottom;
      });
      const wide = await layout(frame);
      assert.ok(wide.census.left >= wide.diagram.right, `census left ${wide.census.left}, diagram right ${wide.diagram.right}`);
      assert.ok(Math.abs(wide.census.top - wide.diagram.top) < 2, `census top ${wide.census.top}, diagram top ${wide.diagram.top}`);
      assert.ok(wide.diagram.width > wide.census.width, 'the diagram stays the larger part');
      await ctx.page.screenshot({ path: join(RESULTS, 'census-wide.png') });
    } finally {
      if (before) await ctx.page.setViewportSize(before);
      await frame.waitForFunction(() => window.innerWidth < 900);
    }
  });

  guarded('after a window reload the panel shows the census again, and its line links still work', async () => {
    await censusFrame(ctx.page);
    await reloadWindow(ctx.page);
    const frame = await shownCensus(ctx.page);
    for (const { state, count } of EXPECTED) {
      assert.equal(await frame.locator(`#diagram g.node[data-state="${state}"]`).first().getAttribute('data-count'), String(count), state);
    }
    assert.match((await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"]').getAttribute('class')) ?? '', /\btsl-heat-5\b/);
    // The links: a new extension host learnt the counted document from the restored panel's state.
    await frame.locator('#census tr[data-state="CLOSE-WAIT"] a.line-link').click();
    await ctx.page.locator('.statusbar-item', { hasText: /^Ln 38, Col 1\b/ }).waitFor();
    await frame.locator('#census tr[data-state="LISTEN"] a.line-link').click();
    await ctx.page.locator('.statusbar-item', { hasText: /^Ln 3, Col 1\b/ }).waitFor();
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
        // Read once the box is in the page and painted: while the diagram is being replaced, a
        // box read between the old SVG and the new one has no computed colours at all.
        const painted = await frame.waitForFunction((s) => {
          const node = document.querySelector(`#diagram g.node[data-state="${s}"]`);
          const text = node?.querySelector('text');
          const rect = node?.querySelector('rect');
          if (!node?.isConnected || !text || !rect) return null;
          const fills = [getComputedStyle(text).fill, getComputedStyle(rect).fill];
          return fills.every(Boolean) ? fills : null;
        }, state);
        const [text, box] = await painted.jsonValue();
        // WCAG AA for normal text.
        assert.ok(contrast(text, box) >= 4.5, `${theme} ${state}: label ${text} on ${box}, contrast ${contrast(text, box).toFixed(2)}`);
      }
      await ctx.page.screenshot({ path: join(RESULTS, `census-${kind}.png`) });
    });
  }
});
