// Names of the diagram's boxes, shared by the generator (extension side) and the webview script,
// which must map a rendered Mermaid node back to its state without bundling the whole table.
// Pure: no `vscode`, no DOM.
import { RFC_STATES, type RfcState } from '../model/states';

/** Stable Mermaid node id of a state ('SYN-SENT' → 'SYN_SENT'). */
export function nodeId(state: RfcState): string {
  return state.replace(/-/g, '_');
}

/**
 * Node id of the second CLOSED box. RFC 9293 Figure 5 draws CLOSED twice: at the top, where a
 * connection starts, and at the bottom, where LAST-ACK and TIME-WAIT end it. Drawing it twice
 * keeps those two arcs short and downward instead of climbing the whole figure across the others.
 */
export const CLOSED_END_NODE = 'CLOSED_END';

/** Every node id with the state it stands for; the longer id first, as 'CLOSED' is a prefix of it. */
const NODE_IDS: readonly (readonly [string, RfcState])[] = [
  [CLOSED_END_NODE, 'CLOSED'],
  ...RFC_STATES.map((state) => [nodeId(state), state] as const),
];

/**
 * The state a rendered Mermaid node stands for. Mermaid names its SVG groups
 * `<diagram>-flowchart-<node id>-<n>`, so the node id sits between dashes.
 */
export function stateOfRenderedNode(elementId: string): RfcState | undefined {
  return NODE_IDS.find(([id]) => elementId.includes(`-${id}-`))?.[1];
}
