// Generates the Mermaid source of the TCP state diagram from the transition table: never
// hand-written, so the picture cannot drift from the data the hover and the walkthrough use.
// Pure: no `vscode`, no DOM.
//
// Why a Mermaid `flowchart` and not `stateDiagram-v2`: the classic figure draws the client's
// path thick solid, the server's thick dashed and the rest thin, and only flowcharts can style
// single edges (`linkStyle`); state diagrams style nodes only.
import { RFC_STATES, type RfcState } from '../model/states';
import type { PathKind, Transition } from '../model/transition-types';
import { TRANSITIONS } from '../model/transitions';
import { CLOSED_END_NODE, nodeId } from './diagram-nodes';

export { nodeId } from './diagram-nodes';

export interface DiagramEdge {
  readonly from: RfcState;
  readonly to: RfcState;
  /** Row ids of the transition table this edge stands for. */
  readonly rows: readonly string[];
  /** `event / action` lines, one per distinct label. */
  readonly labels: readonly string[];
  readonly path: PathKind;
}

export interface Diagram {
  readonly source: string;
  readonly edges: readonly DiagramEdge[];
}

const PATH_ORDER: Readonly<Record<PathKind, number>> = { client: 0, server: 1, atypical: 2 };

/** Which box an arc ends in: the connection's end is the bottom CLOSED, as in Figure 5. */
function targetNode(edge: DiagramEdge): string {
  const ending = edge.from === 'LAST-ACK' || edge.from === 'TIME-WAIT';
  return edge.to === 'CLOSED' && ending ? CLOSED_END_NODE : nodeId(edge.to);
}

/**
 * Whether a row is one of the "any state → CLOSED" family (RST, ABORT, timeouts) that RFC 9293
 * Figure 5 leaves out for legibility (note 3). The diagram states them once in its legend
 * instead of drawing a dozen crossing arrows into CLOSED.
 */
function isGenericClose(row: Transition): boolean {
  return row.to === 'CLOSED' && row.figure !== 'arc' && /RST|ABORT|TIMEOUT|retries/i.test(`${row.label.event} ${row.label.action}`);
}

/** The edges drawn: Figure 5's arcs and notes, and the other state changes §3.10 describes. */
export function diagramEdges(rows: readonly Transition[] = TRANSITIONS): DiagramEdge[] {
  const byPair = new Map<string, { from: RfcState; to: RfcState; rows: string[]; labels: string[]; path: PathKind }>();
  for (const row of rows) {
    if (!row.to || !row.path || isGenericClose(row)) continue;
    for (const from of row.from) {
      if (from === row.to) continue;
      const key = `${from}>${row.to}`;
      let edge = byPair.get(key);
      if (!edge) byPair.set(key, (edge = { from, to: row.to, rows: [], labels: [], path: row.path }));
      edge.rows.push(row.id);
      const label = `${row.label.event} / ${row.label.action}`;
      if (!edge.labels.includes(label)) edge.labels.push(label);
      if (PATH_ORDER[row.path] < PATH_ORDER[edge.path]) edge.path = row.path;
    }
  }
  return [...byPair.values()];
}

/** Mermaid-safe label text: quotes and markup characters become entities. */
function label(text: string): string {
  return text.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/**
 * The layout, as a front-matter block of the source, so that every place that draws it lays it
 * out alike and the shipped SVG's source hash covers it. The shipped SVG is laid out by ELK
 * (scripts/render-diagram-svg.mjs): its layered crossing reduction finds Figure 5's own
 * arrangement, no two of the figure's arcs crossing, where dagre left 2 whatever the edge order.
 * `keepEntryNodeOnTop` pins CLOSED, where the cycles are entered, to the top row as in the
 * figure. The webviews' Mermaid has no ELK (elkjs would take the VSIX past its budget): for a
 * source that differs from the shipped one it falls back to dagre, with dagre's spacing below
 * (Mermaid's defaults spend more of a half-width panel on air than on text).
 */
const LAYOUT_CONFIG = [
  '---',
  'config:',
  '  layout: elk',
  '  elk:',
  '    keepEntryNodeOnTop: true',
  '  flowchart:',
  '    nodeSpacing: 25',
  '    rankSpacing: 16',
  '    padding: 8',
  '---',
];

/** Rows of the classic figure, top to bottom. */
const FIGURE_ROW: Readonly<Record<RfcState, number>> = {
  CLOSED: 0,
  LISTEN: 1,
  'SYN-RECEIVED': 2,
  'SYN-SENT': 2,
  ESTABLISHED: 3,
  'FIN-WAIT-1': 4,
  'CLOSE-WAIT': 4,
  'FIN-WAIT-2': 5,
  CLOSING: 5,
  'LAST-ACK': 5,
  'TIME-WAIT': 6,
};
const LAYOUT_PATH_ORDER: Readonly<Record<PathKind, number>> = { server: 0, client: 1, atypical: 2 };

/**
 * Declaration order of the states that share a row, Figure 5's left to right. Only a hint: dagre
 * orders each row to reduce crossings and, with ARC_ORDER, puts SYN-SENT left of SYN-RECEIVED.
 *
 * What was tried for issue 15 (measured at 700 px, "fit", by test/e2e/diagram-layout.e2e.mjs).
 * With dagre: narrow labels and tighter spacing took the smallest text from 7.6 to 10 px with no
 * label overlapping; ARC_ORDER took crossings from 5 to 3, 2 of them between Figure 5's own arcs,
 * and no order of arcs or states did better. With ELK (LAYOUT_CONFIG; at build time only): 1
 * crossing, none between Figure 5's arcs (the one left is §3.10's SYN-RECEIVED → CLOSE-WAIT,
 * which the figure does not draw, over ESTABLISHED's way down). `A <--- B` (to rank an arc
 * against its arrow) loses the arrowhead.
 */
const ROW_ORDER: Partial<Readonly<Record<RfcState, number>>> = { 'SYN-RECEIVED': 0, 'SYN-SENT': 1, 'FIN-WAIT-1': 0, 'CLOSE-WAIT': 1, CLOSING: 0, 'LAST-ACK': 1, 'FIN-WAIT-2': 2 };

/**
 * The order the arcs are handed to Mermaid, by `from>to`: an ordering hint only (an arc of the
 * table missing here is still drawn, after these, by `layoutOrder`; a pair here that the table
 * does not have draws nothing). Found by measuring (scripts/bench-diagram-layout.mjs) a few
 * hundred orders that keep `layoutOrder`'s two groups (downward arcs first, then the climbing
 * ones) and shuffle within them: dagre's crossing reduction is a heuristic that starts from the
 * given order, so the order decides which local optimum it lands in. This one has the fewest
 * crossings with no label overlapping at 700 px: 3 (2 between Figure 5's own arcs) where
 * `layoutOrder` alone gave 5 (3). Node declaration order (ROW_ORDER), per-group sort keys by
 * column or by path, and random orders without the two groups did no better or put SYN-SENT on top.
 */
const ARC_ORDER: readonly string[] = [
  'FIN-WAIT-2>TIME-WAIT', 'SYN-SENT>ESTABLISHED', 'CLOSING>TIME-WAIT', 'CLOSE-WAIT>LAST-ACK', 'ESTABLISHED>FIN-WAIT-1',
  'LISTEN>SYN-RECEIVED', 'CLOSED>LISTEN', 'SYN-SENT>CLOSE-WAIT', 'CLOSED>SYN-SENT', 'SYN-RECEIVED>ESTABLISHED',
  'FIN-WAIT-1>CLOSING', 'LAST-ACK>CLOSED', 'SYN-RECEIVED>FIN-WAIT-1', 'ESTABLISHED>CLOSE-WAIT', 'TIME-WAIT>CLOSED',
  'FIN-WAIT-1>FIN-WAIT-2', 'LISTEN>SYN-SENT', 'FIN-WAIT-1>TIME-WAIT', 'SYN-RECEIVED>CLOSE-WAIT',
  // The climbing arcs, after every downward one.
  'TIME-WAIT>SYN-RECEIVED', 'SYN-SENT>SYN-RECEIVED', 'LISTEN>CLOSED', 'SYN-SENT>CLOSED', 'SYN-RECEIVED>LISTEN',
];

/**
 * Edge order steers Mermaid's layout (dagre): it ranks nodes by a depth-first walk over the
 * edges in the order given and turns round the edges that close a cycle. Downward edges of the
 * classic figure first, the server's path before the client's, so the walk reaches SYN-RECEIVED
 * from LISTEN before it reaches TIME-WAIT (whose rare return to SYN-RECEIVED would otherwise pull
 * SYN-RECEIVED to the bottom). Result: CLOSED on top, TIME-WAIT at the bottom, as in RFC 9293
 * Figure 5. Within that, ARC_ORDER's measured order.
 */
function layoutOrder(a: DiagramEdge, b: DiagramEdge): number {
  const up = (e: DiagramEdge): number => (targetNode(e) === CLOSED_END_NODE || FIGURE_ROW[e.to] > FIGURE_ROW[e.from] ? 0 : 1);
  const hinted = (e: DiagramEdge): number => {
    const at = ARC_ORDER.indexOf(`${e.from}>${e.to}`);
    return at < 0 ? ARC_ORDER.length : at;
  };
  return (
    up(a) - up(b) ||
    hinted(a) - hinted(b) ||
    LAYOUT_PATH_ORDER[a.path] - LAYOUT_PATH_ORDER[b.path] ||
    FIGURE_ROW[a.from] - FIGURE_ROW[b.from]
  );
}

export function diagramSource(title = 'TCP connection states (RFC 9293)'): Diagram {
  const edges = diagramEdges().sort(layoutOrder);
  const lines: string[] = [...LAYOUT_CONFIG, 'flowchart TB'];
  lines.push(`  accTitle: ${title}`);
  lines.push(
    '  accDescr: The eleven TCP states of RFC 9293 section 3.3.2 and the transitions between them, each labelled event / action. ' +
      'Thick solid arrows are the usual client path, thick dashed arrows the usual server path, thin arrows the other transitions. ' +
      'CLOSED is drawn twice, as in the RFC figure: at the top where a connection starts and at the bottom where it ends.',
  );
  const declared = [...RFC_STATES].sort((a, b) => FIGURE_ROW[a] - FIGURE_ROW[b] || (ROW_ORDER[a] ?? 0) - (ROW_ORDER[b] ?? 0));
  for (const state of declared) lines.push(`  ${nodeId(state)}["${state}"]`);
  lines.push(`  ${CLOSED_END_NODE}["CLOSED"]`);
  edges.forEach((edge) => {
    const arrow = edge.path === 'client' ? '==>' : edge.path === 'server' ? '-.->' : '-->';
    // One line per `event / action`, never broken inside one: ELK puts the labels in rows of their
    // own between the rows of states, so a label's height adds to the whole figure's, and at "fit"
    // the panel runs out of height before width (two-line labels: 634 × 965, 7.6 px text at
    // 700 px; one line: 727 × 739, 9.9 px).
    lines.push(`  ${nodeId(edge.from)} ${arrow}|"${edge.labels.map(label).join('<br>')}"| ${targetNode(edge)}`);
  });
  edges.forEach((edge, index) => {
    if (edge.path === 'server') lines.push(`  linkStyle ${index} stroke-width:3px,stroke-dasharray:6 4`);
    else if (edge.path === 'client') lines.push(`  linkStyle ${index} stroke-width:3px`);
  });
  for (const state of RFC_STATES) lines.push(`  class ${nodeId(state)} tcpState`);
  lines.push(`  class ${CLOSED_END_NODE} tcpState`);
  return { source: lines.join('\n') + '\n', edges };
}
