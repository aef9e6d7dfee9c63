// How readable the state diagram is, measured on the rendered SVG (issue 15, "Readable at a
// glance"): label boxes overlapping another label or a state box, edge crossings, and the
// smallest label text on screen. `layoutFigures` runs inside the page (pass it to
// `frame.evaluate`); `measureDiagramLayout` opens the diagram panel at 700 px in a real VS Code
// (code-server) and returns the figures, for `npm run bench` and the end-to-end test alike.
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { startCodeServer } from '../test/e2e/harness/code-server.mjs';
import { frameWith, launchBrowser, openWorkbench, runCommand } from '../test/e2e/harness/workbench.mjs';

const root = join(import.meta.dirname, '..');
const workspace = join(root, 'test', 'fixtures', 'workspace');

/** Width of the webview the figures are taken at: a half-width panel beside an editor. */
export const PANEL_WIDTH = 700;

/**
 * RFC 9293 Figure 5's own edge crossings: 0. Counted on the figure as printed (§3.3.2, and in
 * ../shared/research/tcp-simulation-anchors.md §2.2): of its 20 arcs, the two pairs between CLOSED
 * and SYN-SENT run side by side (active OPEN outside, CLOSE inside), LISTEN's two legs turn
 * outwards into SYN-RCVD and SYN-SENT above the horizontal rcv SYN arc, the two arcs into ESTAB
 * join it from below that arc, ESTAB's two legs turn outwards into FIN-WAIT-1 and CLOSE-WAIT above
 * FIN-WAIT-1's rcv FIN arc to CLOSING, rcv RST (note 1) climbs from SYN-RCVD's corner left of
 * everything, and every other arc is a straight vertical or horizontal run between neighbours.
 * No two arcs cross.
 */
export const FIGURE5_CROSSINGS = 0;

/**
 * What the committed layout has at 700 px: 1 crossing, none between Figure 5's own arcs: §3.10's
 * SYN-RECEIVED → CLOSE-WAIT, which the figure does not draw, over ESTABLISHED → FIN-WAIT-1. The
 * end-to-end test keeps it from growing. Before issue 15: 5 (3 between the figure's arcs); dagre at
 * its best: 3 (2); ELK: 1 (0).
 */
export const LAYOUT_CROSSINGS = 1;

/** [from node id, to node id] of the arcs Figure 5 draws, as the diagram names their boxes. */
export async function figureArcPairs() {
  const built = await esbuild.build({
    stdin: {
      contents: "export { diagramEdges } from './src/core/views/diagram'; export { TRANSITIONS } from './src/core/model/transitions';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
  });
  const core = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  const drawn = new Set(core.TRANSITIONS.filter((row) => String(row.figure).startsWith('arc')).map((row) => row.id));
  const id = (state) => state.replace(/-/g, '_');
  return core
    .diagramEdges()
    .filter((edge) => edge.rows.some((row) => drawn.has(row)))
    .map((edge) => [id(edge.from), edge.to === 'CLOSED' && (edge.from === 'LAST-ACK' || edge.from === 'TIME-WAIT') ? 'CLOSED_END' : id(edge.to)]);
}

/**
 * In the page: the figures of the SVG inside `selector`, in screen pixels. Self-contained (it is
 * serialised into the page). `figurePairs` are the [from, to] node ids of Figure 5's arcs.
 *   overlaps:       label boxes that overlap another label box or a state box (pairs);
 *   crossings:      points where two edge paths cross, outside the boxes they share;
 *   figureCrossings: the same, counted between Figure 5's own arcs only;
 *   labelCrossings: edge paths running through a label that is not their own (reported only);
 *   smallestLabelPx: the smallest label font size × the SVG's on-screen scale.
 */
export function layoutFigures({ selector, figurePairs }) {
  const svg = document.querySelector(selector);
  if (!svg) throw new Error(`no SVG at ${selector}`);
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const inflate = (r, d) => ({ left: r.left - d, top: r.top - d, right: r.right + d, bottom: r.bottom + d });
  const rectOf = (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  };
  // Strictly inside one another by more than half a pixel: touching boxes do not count.
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const inside = (p, r) => p.x > r.left && p.x < r.right && p.y > r.top && p.y < r.bottom;

  const nodes = [...svg.querySelectorAll('g.node')].map((node) => ({ id: node.id, box: rectOf(node.querySelector('rect, polygon, circle') ?? node) }));
  // A node's Mermaid id is `<svg id>-flowchart-<node id>-<n>`; an edge's is `<svg id>-L_<from>_<to>_<n>`.
  const nodeIds = nodes.map((n) => /flowchart-(.+)-\d+$/.exec(n.id)?.[1] ?? n.id).sort((a, b) => b.length - a.length);
  const boxOfNode = new Map(nodes.map((n) => [/flowchart-(.+)-\d+$/.exec(n.id)?.[1] ?? n.id, n.box]));
  const ends = (edgeId) => {
    const tail = /L_(.+)_\d+$/.exec(edgeId)?.[1] ?? '';
    for (const from of nodeIds) {
      if (!tail.startsWith(`${from}_`)) continue;
      const to = tail.slice(from.length + 1);
      if (boxOfNode.has(to)) return [from, to];
    }
    return ['', ''];
  };

  // Edge labels: the text's own box (the background rect is padded), skipping empty labels.
  const labels = [...svg.querySelectorAll('g.edgeLabel')]
    .map((label) => ({ edge: label.querySelector('[data-id]')?.getAttribute('data-id') ?? '', text: label.querySelector('text'), box: rectOf(label.querySelector('text') ?? label) }))
    .filter((l) => l.text && l.text.textContent.trim() && l.box.right - l.box.left > 0);
  let overlaps = 0;
  const overlapping = [];
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) {
      if (overlap(a.box, b.box)) {
        overlaps++;
        overlapping.push(`${a.text.textContent} × ${b.text.textContent}`);
      }
    }
    for (const n of nodes) {
      if (overlap(a.box, n.box)) {
        overlaps++;
        overlapping.push(`${a.text.textContent} × ${n.id.replace(/^.*flowchart-/, '')}`);
      }
    }
  });

  // Each edge path as a polyline in screen pixels, sampled every 2 px along its length.
  const edges = [...svg.querySelectorAll('.edgePaths path, g.edges.edgePath > path')].map((path) => {
    const ctm = path.getScreenCTM();
    const length = path.getTotalLength();
    const points = [];
    const step = Math.max(1, length / Math.ceil(length / 2));
    for (let s = 0; s <= length + 0.01; s += step) {
      const p = path.getPointAtLength(Math.min(s, length));
      points.push(new DOMPoint(p.x, p.y).matrixTransform(ctm));
    }
    return { id: path.id, ends: ends(path.id), points };
  });
  const cross = (p, q, r, s) => {
    const d = (q.x - p.x) * (s.y - r.y) - (q.y - p.y) * (s.x - r.x);
    if (Math.abs(d) < 1e-9) return undefined;
    const t = ((r.x - p.x) * (s.y - r.y) - (r.y - p.y) * (s.x - r.x)) / d;
    const u = ((r.x - p.x) * (q.y - p.y) - (r.y - p.y) * (q.x - p.x)) / d;
    return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? { x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) } : undefined;
  };
  const isFigure = (e) => figurePairs.some(([from, to]) => e.ends[0] === from && e.ends[1] === to);
  let crossings = 0;
  let figureCrossings = 0;
  const crossingPairs = [];
  edges.forEach((a, i) => {
    for (const b of edges.slice(i + 1)) {
      // Where two arcs meet at a box they share they converge: not a crossing. 6 px round each box.
      const shared = a.ends.filter((n) => b.ends.includes(n)).map((n) => inflate(boxOfNode.get(n), 6));
      const found = [];
      for (let k = 1; k < a.points.length; k++) {
        for (let m = 1; m < b.points.length; m++) {
          const x = cross(a.points[k - 1], a.points[k], b.points[m - 1], b.points[m]);
          if (!x || shared.some((box) => inside(x, box))) continue;
          // One crossing, however many sample segments it touches.
          if (!found.some((f) => Math.hypot(f.x - x.x, f.y - x.y) < 8)) found.push(x);
        }
      }
      crossings += found.length;
      if (isFigure(a) && isFigure(b)) figureCrossings += found.length;
      if (found.length) crossingPairs.push(`${a.ends.join('>')} × ${b.ends.join('>')}`);
    }
  });

  // Paths through a label that is not theirs (the label sits on its own path by design).
  let labelCrossings = 0;
  for (const label of labels) {
    const box = inflate(label.box, -1);
    labelCrossings += edges.filter((e) => !label.edge.endsWith(e.id.replace(/^.*?(L_)/, 'L_')) && e.id !== label.edge && e.points.some((p) => inside(p, box))).length;
  }

  const sizes = labels.map((l) => parseFloat(getComputedStyle(l.text).fontSize) * scale);
  return {
    overlaps,
    overlapping,
    crossings,
    figureCrossings,
    crossingPairs,
    labelCrossings,
    smallestLabelPx: Math.round(Math.min(...sizes) * 10) / 10,
    scale: Math.round(scale * 1000) / 1000,
    svgWidth: Math.round(svg.viewBox.baseVal.width),
    svgHeight: Math.round(svg.viewBox.baseVal.height),
    panelWidth: window.innerWidth,
    labels: labels.length,
    edges: edges.length,
  };
}

/**
 * Makes the webview `frame` (the document inside VS Code's webview iframe) `width` px wide by
 * resizing the browser window around it: the workbench gives the editor what the sidebar leaves.
 */
export async function sizeWebview(page, frame, width) {
  for (let attempt = 0; attempt < 4; attempt++) {
    const inner = await frame.evaluate(() => window.innerWidth);
    if (Math.abs(inner - width) <= 2) return inner;
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: viewport.width + (width - inner), height: viewport.height });
    await frame.waitForFunction((w) => Math.abs(window.innerWidth - w) <= 2, width, { timeout: 5000 }).catch(() => {});
  }
  return frame.evaluate(() => window.innerWidth);
}

/** Waits until `selector`'s width is the same on two looks 200 ms apart: resizes are observed, not immediate. */
export async function steadyWidth(frame, selector) {
  await frame.waitForFunction(
    (sel) => {
      const width = String(document.querySelector(sel)?.getBoundingClientRect().width ?? -1);
      const settled = document.body.dataset.tslLastWidth === width;
      document.body.dataset.tslLastWidth = width;
      return settled;
    },
    selector,
    { polling: 200 },
  );
}

/** The diagram panel at `width` px, "fit" zoom: its layout figures. `page` is an open workbench. */
export async function diagramLayoutIn(page, width = PANEL_WIDTH) {
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'TCP: Show State Diagram');
  const frame = await frameWith(page, '#diagram svg g.node[data-state]', 'diagram webview');
  await sizeWebview(page, frame, width);
  await frame.locator('#diagram[data-zoom="fit"]').waitFor();
  await steadyWidth(frame, '#diagram svg');
  return { frame, figures: await frame.evaluate(layoutFigures, { selector: '#diagram svg', figurePairs: await figureArcPairs() }) };
}

/** For `npm run bench`: a fresh VS Code with `vsix` installed, the diagram at 700 px. */
export async function measureDiagramLayout(vsix) {
  const server = await startCodeServer({ vsix, workspace });
  const browser = await launchBrowser();
  try {
    const page = await openWorkbench(browser, server, workspace);
    const { figures } = await diagramLayoutIn(page);
    return figures;
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** One line for the bench's report. */
export function formatDiagramLayout(f) {
  return (
    `diagram layout at ${f.panelWidth} px, fit (scale ${f.scale}, SVG ${f.svgWidth}×${f.svgHeight}): ` +
    `${f.overlaps} label overlaps, ${f.crossings} edge crossings (${f.figureCrossings} between Figure 5's arcs; the figure has ${FIGURE5_CROSSINGS}), ` +
    `${f.labelCrossings} edges through another's label, smallest label ${f.smallestLabelPx} px`
  );
}
