// The top keys of a stream in bounded memory, for the census's rankings (ports, peers,
// processes). Pure: no `vscode`, no Node APIs.

/** One entry of a ranking. `count` may overestimate by at most `error` (0: exact). */
export interface GroupEntry {
  readonly key: string;
  readonly count: number;
  readonly error: number;
}

/** The hash of a key (FNV-1a over its UTF-16 code units). */
function hashOf(key: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash;
}

/**
 * `a === b`, compared code unit by code unit: faster than the engine's comparison of two distinct
 * strings when one is a slice of a line (every key the census brings is a fresh slice).
 */
function same(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/**
 * Space-Saving (Metwally, Agrawal, El Abbadi 2005). It tracks at most `capacity` keys; a new key
 * when full replaces the smallest (of equal counts, the one taken in first), inheriting its count
 * as its possible error. Any key occurring more than total/capacity times is kept.
 *
 * A dump of ephemeral ports replaces on almost every row, so nothing here is allocated per key
 * but the key itself: the tracked keys live in fixed slots (parallel typed arrays), found through
 * an open-addressing table of slot numbers (linear probing, deletion by backward shift: no Map
 * churn), and the smallest is found in a min-heap of slot numbers by (queued, order), whose places
 * are brought up to date only when its top is read (a count only grows, `queued` is the count
 * when last placed, never above it). A replacement reuses the top's slot and heap place.
 */
export class TopKeys {
  private readonly keys: string[] = [];
  private readonly hashes: Int32Array;
  private readonly counts: Float64Array;
  private readonly errors: Float64Array;
  /** When the slot's key was taken in: the earliest among the smallest counts is replaced first. */
  private readonly orders: Float64Array;
  private readonly queued: Float64Array;
  /** Min-heap of slots by (queued, order). */
  private readonly heap: Int32Array;
  /** Open addressing: slot + 1, 0 for empty. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private used = 0;
  private taken = 0;

  constructor(private readonly capacity: number) {
    this.hashes = new Int32Array(capacity);
    this.counts = new Float64Array(capacity);
    this.errors = new Float64Array(capacity);
    this.orders = new Float64Array(capacity);
    this.queued = new Float64Array(capacity);
    this.heap = new Int32Array(capacity);
    // At most half full, so probes stay short.
    let size = 4;
    while (size < 2 * capacity) size <<= 1;
    this.table = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Keys tracked now: never more than the capacity. */
  get size(): number {
    return this.used;
  }

  add(key: string): void {
    const hash = hashOf(key);
    const table = this.table;
    const mask = this.mask;
    let at = hash & mask;
    for (let entry = table[at]!; entry !== 0; entry = table[at]!) {
      const slot = entry - 1;
      if (this.hashes[slot] === hash && same(this.keys[slot]!, key)) {
        this.counts[slot]!++;
        return;
      }
      at = (at + 1) & mask;
    }
    if (this.capacity <= 0) return;
    // A key sliced from a line is a view of the whole chunk the line came in (V8 makes a slice of
    // 13 characters or more a view): kept as it is, a peer could hold a megabyte of the dump alive.
    // A key of its own, copied once when taken in, keeps the memory flat.
    if (key.length >= 13) key = (' ' + key).slice(1);
    if (this.used < this.capacity) {
      const slot = this.used++;
      this.keys[slot] = key;
      this.fill(slot, hash, 1, 0);
      table[at] = slot + 1;
      this.heap[slot] = slot;
      this.siftUp(slot);
      return;
    }
    // Bring the top up to date until it is: then it is the smallest (count, order) of all.
    const heap = this.heap;
    let top = heap[0]!;
    while (this.queued[top] !== this.counts[top]) {
      this.queued[top] = this.counts[top]!;
      this.siftDown(0);
      top = heap[0]!;
    }
    const min = this.counts[top]!;
    this.remove(top);
    this.keys[top] = key;
    this.fill(top, hash, min + 1, min);
    // The removal may have shifted entries back: probe again for the new key's place.
    at = hash & mask;
    while (table[at] !== 0) at = (at + 1) & mask;
    table[at] = top + 1;
    this.siftDown(0);
  }

  top(n: number): GroupEntry[] {
    const entries: GroupEntry[] = [];
    for (let slot = 0; slot < this.used; slot++) entries.push({ key: this.keys[slot]!, count: this.counts[slot]!, error: this.errors[slot]! });
    return entries.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).slice(0, n);
  }

  private fill(slot: number, hash: number, count: number, error: number): void {
    this.hashes[slot] = hash;
    this.counts[slot] = count;
    this.errors[slot] = error;
    this.orders[slot] = this.taken++;
    this.queued[slot] = count;
  }

  /** Takes `slot`'s key out of the table, shifting back the entries its place kept reachable. */
  private remove(slot: number): void {
    const table = this.table;
    const mask = this.mask;
    let hole = this.hashes[slot]! & mask;
    while (table[hole] !== slot + 1) hole = (hole + 1) & mask;
    for (let at = (hole + 1) & mask; table[at] !== 0; at = (at + 1) & mask) {
      const home = this.hashes[table[at]! - 1]! & mask;
      // The entry may fill the hole unless its home lies cyclically in (hole, at].
      if (hole <= at ? home <= hole || home > at : home <= hole && home > at) {
        table[hole] = table[at]!;
        hole = at;
      }
    }
    table[hole] = 0;
  }

  /** `a` comes before `b` in the heap. */
  private before(a: number, b: number): boolean {
    const qa = this.queued[a]!;
    const qb = this.queued[b]!;
    return qa < qb || (qa === qb && this.orders[a]! < this.orders[b]!);
  }

  private siftUp(at: number): void {
    const heap = this.heap;
    const slot = heap[at]!;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = heap[parent]!;
      if (this.before(above, slot)) break;
      heap[at] = above;
      at = parent;
    }
    heap[at] = slot;
  }

  private siftDown(at: number): void {
    const heap = this.heap;
    const length = this.used;
    const slot = heap[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= length) break;
      let below = heap[child]!;
      if (child + 1 < length) {
        const right = heap[child + 1]!;
        if (this.before(right, below)) {
          child++;
          below = right;
        }
      }
      if (this.before(slot, below)) break;
      heap[at] = below;
      at = child;
    }
    heap[at] = slot;
  }
}
