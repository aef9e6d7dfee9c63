// Items in the order they were last touched, oldest first: the builder's ended connections,
// moved to the end by each late segment and handed out from the front. A Set did this with a
// delete and an add per segment, but V8 keeps a deleted entry as a hole until the table is
// rebuilt, and reading the first item walks over every hole before it, on every segment. A
// doubly linked list moves and removes in constant time and its first item is at hand.
// Pure: no `vscode`, no DOM, no Node APIs.

interface Node<T> {
  readonly item: T;
  previous: Node<T> | undefined;
  next: Node<T> | undefined;
}

export class RecencyList<T> {
  private readonly nodes = new Map<T, Node<T>>();
  private head: Node<T> | undefined;
  private tail: Node<T> | undefined;

  get size(): number {
    return this.nodes.size;
  }

  /** The item least recently touched. */
  get first(): T | undefined {
    return this.head?.item;
  }

  /** Puts `item` last: added if new, else moved there. */
  touch(item: T): void {
    let node = this.nodes.get(item);
    if (node === this.tail && node !== undefined) return;
    if (node !== undefined) this.unlink(node);
    else this.nodes.set(item, (node = { item, previous: undefined, next: undefined }));
    node.previous = this.tail;
    node.next = undefined;
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
  }

  delete(item: T): void {
    const node = this.nodes.get(item);
    if (node === undefined) return;
    this.unlink(node);
    this.nodes.delete(item);
  }

  private unlink(node: Node<T>): void {
    if (node.previous) node.previous.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.previous = node.previous;
    else this.tail = node.previous;
  }
}
