// The explorer's history: a tree of events. Each node is one step; its path from the root is
// the events that lead there, so restoring a node replays exactly those events on a fresh run
// (the simulator is deterministic: same events, same TCBs). Choosing an event at a node that
// already has a child for it goes to that child instead of growing a twin branch. Pure.
import type { SimEvent } from '../simulation';

export interface HistoryNode {
  readonly id: number;
  /** undefined for the root (step 0, both CLOSED). */
  readonly parent: number | undefined;
  readonly event: SimEvent | undefined;
  readonly depth: number;
}

/** What a history is written as (a webview's saved state, a test): its nodes and where it stands. */
export interface HistoryData {
  readonly nodes: readonly { readonly id: number; readonly parent: number | undefined; readonly event: SimEvent | undefined }[];
  readonly current: number;
}

/** Two events are the same choice when every field is equal (ids of segments included). */
export function sameEvent(a: SimEvent, b: SimEvent): boolean {
  return canonical(a) === canonical(b);
}

function canonical(event: SimEvent): string {
  return JSON.stringify(Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined && v !== false).sort(([x], [y]) => (x < y ? -1 : 1))));
}

export class History {
  private readonly nodes: HistoryNode[] = [{ id: 0, parent: undefined, event: undefined, depth: 0 }];
  private readonly children = new Map<number, number[]>();
  private at = 0;

  get current(): number {
    return this.at;
  }

  node(id: number): HistoryNode | undefined {
    return this.nodes[id];
  }

  get size(): number {
    return this.nodes.length;
  }

  /** The events from the root to `id` (default: the current node). */
  events(id = this.at): SimEvent[] {
    const events: SimEvent[] = [];
    for (let node = this.nodes[id]; node && node.event; node = node.parent === undefined ? undefined : this.nodes[node.parent]) events.push(node.event);
    return events.reverse();
  }

  /** The node ids from the root to `id`. */
  path(id = this.at): number[] {
    const ids: number[] = [];
    for (let node = this.nodes[id]; node; node = node.parent === undefined ? undefined : this.nodes[node.parent]) ids.push(node.id);
    return ids.reverse();
  }

  childrenOf(id: number): readonly number[] {
    return this.children.get(id) ?? [];
  }

  /** Nodes where the learner chose differently at least once. */
  branchPoints(): number[] {
    return [...this.children].filter(([, kids]) => kids.length > 1).map(([id]) => id);
  }

  /** The leaves: the ends of every branch. */
  leaves(): number[] {
    return this.nodes.filter((node) => !this.children.has(node.id)).map((node) => node.id);
  }

  /** Plays `event` after the current node: its existing child for that event, else a new one. Returns the node. */
  choose(event: SimEvent): number {
    const existing = this.childrenOf(this.at).find((id) => sameEvent(this.nodes[id]?.event as SimEvent, event));
    if (existing !== undefined) return (this.at = existing);
    const parent = this.nodes[this.at] as HistoryNode;
    const node: HistoryNode = { id: this.nodes.length, parent: parent.id, event, depth: parent.depth + 1 };
    this.nodes.push(node);
    this.children.set(parent.id, [...this.childrenOf(parent.id), node.id]);
    return (this.at = node.id);
  }

  goTo(id: number): boolean {
    if (!this.nodes[id]) return false;
    this.at = id;
    return true;
  }

  /** The deepest leaf under `id` along first children: where "forward" goes on that branch. */
  branchEnd(id: number): number {
    let at = id;
    for (let kids = this.childrenOf(at); kids.length; kids = this.childrenOf(at)) at = kids[kids.length - 1] as number;
    return at;
  }

  /** The history as data, to be saved and rebuilt by `History.from`. */
  data(): HistoryData {
    return { nodes: this.nodes.map(({ id, parent, event }) => ({ id, parent, event })), current: this.at };
  }

  /** A history rebuilt from `data` (nodes in id order, each parent before its children); undefined when it does not hold together. */
  static from(data: HistoryData): History | undefined {
    const history = new History();
    const [root, ...rest] = data.nodes;
    if (!root || root.id !== 0 || root.parent !== undefined || root.event !== undefined) return undefined;
    for (const [index, node] of rest.entries()) {
      if (node.id !== index + 1 || node.parent === undefined || node.parent >= node.id || !node.event) return undefined;
      history.at = node.parent;
      const id = history.choose(node.event);
      if (id !== node.id) return undefined; // a twin of a sibling: not a history we wrote
    }
    if (!history.goTo(data.current)) return undefined;
    return history;
  }
}
