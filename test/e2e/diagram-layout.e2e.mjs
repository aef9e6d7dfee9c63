// End-to-end: the state diagram reads at a glance in a half-width panel (issue 15), measured on
// the SVG a real VS Code (code-server) renders, VSIX installed. At 700 px and "fit" zoom: no
// edge label overlaps another label or a state box, edge crossings no more than RFC 9293
// Figure 5's, the smallest label's on-screen size reported. And the walkthrough beside an editor
// (550 px) keeps its state diagram in view with the sequence diagram.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { useWorkbench } from './harness/suite.mjs';
import { frameWith, runCommand } from './harness/workbench.mjs';
import { RESULTS, ROOT } from './harness/artifacts.mjs';
import { diagramLayoutIn, FIGURE5_CROSSINGS, LAYOUT_CROSSINGS, formatDiagramLayout, sizeWebview, steadyWidth } from '../../scripts/bench-diagram-layout.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
/** The walkthrough opened beside an editor in a window of about 1100 px. */
const NARROW = 550;

/** Where `selector`'s box lies in its document's viewport, and how much of it is inside it. */
function inView(frame, selector) {
  return frame.locator(selector).evaluate((element) => {
    const r = element.getBoundingClientRect();
    const visibleW = Math.max(0, Math.min(r.right, window.innerWidth) - Math.max(r.left, 0));
    const visibleH = Math.max(0, Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0));
    return { width: r.width, height: r.height, top: r.top, bottom: r.bottom, visible: (visibleW * visibleH) / Math.max(1, r.width * r.height), viewport: [window.innerWidth, window.innerHeight] };
  });
}

describe('diagram layout in a real VS Code', () => {
  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE });
  const guarded = ctx.test;

  /** The figures the first test measured, for the Figure 5 comparison after it. */
  let measured;

  guarded('at 700 px and fit: no label overlaps a label or a state, crossings no more than the committed layout’s', async () => {
    const { frame, figures } = await diagramLayoutIn(ctx.page);
    measured = figures;
    console.log(`[layout] ${formatDiagramLayout(figures)}`);
    if (figures.overlapping.length) console.log(`[layout] overlapping: ${figures.overlapping.join('; ')}`);
    if (figures.crossingPairs.length) console.log(`[layout] crossing: ${figures.crossingPairs.join('; ')}`);
    mkdirSync(RESULTS, { recursive: true });
    await frame.locator('#diagram').screenshot({ path: join(RESULTS, 'diagram-700.png') });
    assert.ok(Math.abs(figures.panelWidth - 700) <= 2, `the webview is ${figures.panelWidth} px wide`);
    assert.ok(figures.labels >= 20 && figures.edges >= 20, `${figures.labels} labels, ${figures.edges} edges measured`);
    assert.equal(figures.overlaps, 0, figures.overlapping.join('; '));
    assert.ok(figures.crossings <= LAYOUT_CROSSINGS, `${figures.crossings} crossings: ${figures.crossingPairs.join('; ')}`);
  });

  guarded('crossings between Figure 5’s own arcs at most the figure’s', () => {
    assert.ok(measured, 'measured by the test before');
    assert.ok(measured.figureCrossings <= FIGURE5_CROSSINGS, `${measured.figureCrossings} crossings between Figure 5's arcs, the figure has ${FIGURE5_CROSSINGS}`);
  });

  guarded('the walkthrough at 550 px shows the state diagram in view, with the sequence diagram', async () => {
    await runCommand(ctx.page, 'View: Close All Editors');
    await runCommand(ctx.page, 'TCP: Start Walkthrough');
    const frame = await frameWith(ctx.page, 'body[data-scenario] #sequence svg', 'walkthrough');
    await frame.locator('#states svg g.node[data-state]').first().waitFor();
    assert.ok(Math.abs((await sizeWebview(ctx.page, frame, NARROW)) - NARROW) <= 2, 'the webview is 550 px wide');
    await steadyWidth(frame, '#states svg');
    const states = await inView(frame, '#states svg');
    const sequence = await inView(frame, '#sequence svg');
    console.log(`[layout] walkthrough at ${states.viewport.join('×')}: state diagram ${Math.round(states.width)}×${Math.round(states.height)} px, ${Math.round(states.visible * 100)}% in view; sequence diagram ${Math.round(sequence.visible * 100)}% in view`);
    mkdirSync(RESULTS, { recursive: true });
    await frame.locator('body').screenshot({ path: join(RESULTS, 'walkthrough-550.png') });
    // Whole and big enough to read a state's name: at least 60% of the panel's width.
    assert.ok(states.visible > 0.99, `state diagram ${Math.round(states.visible * 100)}% in view`);
    assert.ok(states.width >= NARROW * 0.6, `state diagram ${Math.round(states.width)} px wide`);
    assert.ok(sequence.visible > 0 && sequence.width > 0, 'the sequence diagram is in view too');
  });
});
