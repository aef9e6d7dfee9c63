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
 * Edge order steers Mermaid's layout (dagre): it ranks nodes by a depth-first walk over the
 * edges in the order given and turns round the edges that close a cycle. Downward edges of the
 * classic figure first, the server's path before the client's, so the walk reaches SYN-RECEIVED
 * from LISTEN before it reaches TIME-WAIT (whose rare return to SYN-RECEIVED would otherwise pull
 * SYN-RECEIVED to the bottom). Result: CLOSED on top, TIME-WAIT at the bottom, the server's
 * states on the left and the client's on the right, as in RFC 9293 Figure 5.
 */
function layoutOrder(a: DiagramEdge, b: DiagramEdge): number {
  const up = (e: DiagramEdge): number => (targetNode(e) === CLOSED_END_NODE || FIGURE_ROW[e.to] > FIGURE_ROW[e.from] ? 0 : 1);
  return up(a) - up(b) || LAYOUT_PATH_ORDER[a.path] - LAYOUT_PATH_ORDER[b.path] || FIGURE_ROW[a.from] - FIGURE_ROW[b.from];
}

export function diagramSource(title = 'TCP connection states (RFC 9293)'): Diagram {
  const edges = diagramEdges().sort(layoutOrder);
  const lines: string[] = ['flowchart TB'];
  lines.push(`  accTitle: ${title}`);
  lines.push(
    '  accDescr: The eleven TCP states of RFC 9293 section 3.3.2 and the transitions between them, each labelled event / action. ' +
      'Thick solid arrows are the usual client path, thick dashed arrows the usual server path, thin arrows the other transitions. ' +
      'CLOSED is drawn twice, as in the RFC figure: at the top where a connection starts and at the bottom where it ends.',
  );
  // Within a row, the server's states first (left), the client's after (right).
  const declared = [...RFC_STATES].sort((a, b) => FIGURE_ROW[a] - FIGURE_ROW[b]);
  for (const state of declared) lines.push(`  ${nodeId(state)}["${state}"]`);
  lines.push(`  ${CLOSED_END_NODE}["CLOSED"]`);
  edges.forEach((edge) => {
    const arrow = edge.path === 'client' ? '==>' : edge.path === 'server' ? '-.->' : '-->';
    lines.push(`  ${nodeId(edge.from)} ${arrow}|"${label(edge.labels.join(' · '))}"| ${targetNode(edge)}`);
  });
  edges.forEach((edge, index) => {
    if (edge.path === 'server') lines.push(`  linkStyle ${index} stroke-width:3px,stroke-dasharray:6 4`);
    else if (edge.path === 'client') lines.push(`  linkStyle ${index} stroke-width:3px`);
  });
  for (const state of RFC_STATES) lines.push(`  class ${nodeId(state)} tcpState`);
  lines.push(`  class ${CLOSED_END_NODE} tcpState`);
  return { source: lines.join('\n') + '\n', edges };
}
