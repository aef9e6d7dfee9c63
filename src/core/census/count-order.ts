// The order Space-Saving needs of its tracked keys: by count, and among equal counts by when each
// was taken in (the earliest is replaced first), with the smallest at hand. This is the
// "Stream-Summary" of Metwally, Agrawal and El Abbadi: slots of equal count form a bucket, the
// buckets a list by count, so replacing the smallest and the increment of a key alone in its
// bucket are O(1) (a dump of ephemeral ports replaces on nearly every row: no heap to sift).
// Within a bucket the slots are kept by order taken in: one taken in is the newest of all (the
// bucket's tail); an incremented one is placed among the next bucket's by its order, walking from
// that bucket's tail. Pure: typed arrays, nothing allocated after construction (but the one
// sort that builds the order).
//
// The order is needed only once a key is to be replaced, when the tracked keys fill the capacity.
// Until then (a state with fewer distinct ports, peers or processes than the capacity: the usual
// dump) a count is one number in an array and an increment one addition; the buckets are built
// from those counts the first time the smallest is asked for, into the very order the buckets
// would have had.

const NONE = -1;

export class CountOrder {
  /** When each slot's key was taken in. */
  private readonly orders: Float64Array;
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private readonly bucketOf: Int32Array;
  // Buckets (at most one per slot, plus one while a slot moves), by number.
  private readonly bucketCount: Float64Array;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly below: Int32Array;
  private readonly above: Int32Array;
  private readonly free: Int32Array;
  private freeTop: number;
  /** The bucket of the smallest count, or NONE. */
  private lowest = NONE;
  private taken = 0;
  /** False until the buckets are built (`arrange`): counts are then in `plainCounts`. */
  private arranged = false;
  private readonly plainCounts: Float64Array;
  /** The slots entered before the buckets were built, in the order taken in. */
  private readonly entered: Int32Array;
  private enteredCount = 0;

  constructor(capacity: number) {
    const slots = Math.max(0, capacity);
    this.orders = new Float64Array(slots);
    this.prev = new Int32Array(slots);
    this.next = new Int32Array(slots);
    this.bucketOf = new Int32Array(slots);
    const buckets = slots + 1;
    this.bucketCount = new Float64Array(buckets);
    this.head = new Int32Array(buckets);
    this.tail = new Int32Array(buckets);
    this.below = new Int32Array(buckets);
    this.above = new Int32Array(buckets);
    this.free = new Int32Array(buckets);
    for (let b = 0; b < buckets; b++) this.free[b] = buckets - 1 - b;
    this.freeTop = buckets;
    this.plainCounts = new Float64Array(slots);
    this.entered = new Int32Array(slots);
  }

  count(slot: number): number {
    return this.arranged ? this.bucketCount[this.bucketOf[slot]!]! : this.plainCounts[slot]!;
  }

  /** The slot of the smallest (count, order taken in); NONE when no slot is in. */
  smallest(): number {
    if (!this.arranged) this.arrange();
    return this.lowest === NONE ? NONE : this.head[this.lowest]!;
  }

  /** The smallest count, 0 when no slot is in. */
  smallestCount(): number {
    if (!this.arranged) this.arrange();
    return this.lowest === NONE ? 0 : this.bucketCount[this.lowest]!;
  }

  /**
   * Builds the buckets from the plain counts: the slots by (count, order taken in), each run of
   * equal counts a bucket in that order, which is where entering and incrementing one at a time
   * would have put them.
   */
  private arrange(): void {
    this.arranged = true;
    const orders = this.orders;
    const counts = this.plainCounts;
    const slots = Array.from(this.entered.subarray(0, this.enteredCount));
    slots.sort((a, b) => counts[a]! - counts[b]! || orders[a]! - orders[b]!);
    let b = NONE;
    for (const slot of slots) {
      const count = counts[slot]!;
      if (b === NONE || this.bucketCount[b] !== count) b = this.newBucket(count, b);
      this.append(b, slot);
    }
  }

  /**
   * `slot` (not in) comes in with `count`, taken in now (the newest of all). `count` is at most
   * the smallest count + 1 (Space-Saving's new key: 1, or the replaced smallest + 1).
   */
  enter(slot: number, count: number): void {
    this.orders[slot] = this.taken++;
    if (!this.arranged) {
      this.plainCounts[slot] = count;
      this.entered[this.enteredCount++] = slot;
      return;
    }
    const low = this.lowest;
    let b: number;
    if (low !== NONE && this.bucketCount[low] === count) b = low;
    else if (low !== NONE && this.bucketCount[low]! < count) {
      const up = this.above[low]!;
      b = up !== NONE && this.bucketCount[up] === count ? up : this.newBucket(count, low);
    } else b = this.newBucket(count, NONE);
    this.append(b, slot);
  }

  /** `slot` goes out (its key is replaced). */
  leave(slot: number): void {
    if (!this.arranged) this.arrange();
    this.unlink(slot);
  }

  /**
   * Space-Saving's replacement in one step: the smallest slot (there must be one) is taken in
   * again, now, with its count + 1; returns it. The same as `leave` then `enter(slot, count + 1)`,
   * without unlinking a slot alone in its bucket (the bucket itself moves up: on a dump of
   * ephemeral ports this runs for nearly every row).
   */
  replaceSmallest(): number {
    if (!this.arranged) this.arrange();
    const b = this.lowest;
    const slot = this.head[b]!;
    this.orders[slot] = this.taken++;
    const count = this.bucketCount[b]! + 1;
    const up = this.above[b]!;
    const upFits = up !== NONE && this.bucketCount[up] === count;
    if (this.tail[b] === slot) {
      // Alone: the bucket becomes count's unless there is one already (then the slot is its newest).
      if (!upFits) {
        this.bucketCount[b] = count;
        return slot;
      }
      this.unlink(slot);
      this.append(up, slot);
      return slot;
    }
    this.unlink(slot);
    this.append(upFits ? up : this.newBucket(count, b), slot);
    return slot;
  }

  /** `slot`'s count grows by one. */
  increment(slot: number): void {
    if (!this.arranged) {
      this.plainCounts[slot]!++;
      return;
    }
    const b = this.bucketOf[slot]!;
    const count = this.bucketCount[b]! + 1;
    const up = this.above[b]!;
    const alone = this.head[b] === slot && this.tail[b] === slot;
    if (up === NONE || this.bucketCount[up] !== count) {
      // Alone in its bucket: the bucket itself moves up (no bucket lies between).
      if (alone) {
        this.bucketCount[b] = count;
        return;
      }
      const fresh = this.newBucket(count, b);
      this.unlink(slot);
      this.append(fresh, slot);
      return;
    }
    this.unlink(slot);
    this.insertByOrder(up, slot);
  }

  /** A new empty bucket of `count` just above bucket `after` (NONE: at the bottom). */
  private newBucket(count: number, after: number): number {
    const b = this.free[--this.freeTop]!;
    this.bucketCount[b] = count;
    this.head[b] = NONE;
    this.tail[b] = NONE;
    this.below[b] = after;
    const up = after === NONE ? this.lowest : this.above[after]!;
    this.above[b] = up;
    if (up !== NONE) this.below[up] = b;
    if (after === NONE) this.lowest = b;
    else this.above[after] = b;
    return b;
  }

  private append(b: number, slot: number): void {
    const last = this.tail[b]!;
    this.prev[slot] = last;
    this.next[slot] = NONE;
    if (last === NONE) this.head[b] = slot;
    else this.next[last] = slot;
    this.tail[b] = slot;
    this.bucketOf[slot] = b;
  }

  /**
   * Into bucket `b`, after the last slot taken in before it. The place is sought from both ends
   * at once, a step from each in turn: the walk is at most twice the shorter way (a bucket of
   * many slots, as the peers of a busy state make, is long to walk from one end).
   */
  private insertByOrder(b: number, slot: number): void {
    const order = this.orders[slot]!;
    const orders = this.orders;
    let before = this.tail[b]!;
    let after = this.head[b]!;
    // Orders are distinct: `before` walks back over later slots, `after` forward over earlier ones.
    for (;;) {
      if (before === NONE || orders[before]! < order) {
        after = before === NONE ? this.head[b]! : this.next[before]!;
        break;
      }
      if (orders[after]! > order) {
        before = this.prev[after]!;
        break;
      }
      before = this.prev[before]!;
      after = this.next[after]!;
    }
    this.prev[slot] = before;
    this.next[slot] = after;
    if (before === NONE) this.head[b] = slot;
    else this.next[before] = slot;
    if (after === NONE) this.tail[b] = slot;
    else this.prev[after] = slot;
    this.bucketOf[slot] = b;
  }

  /** Takes `slot` out of its bucket, and the bucket out of the list when it empties. */
  private unlink(slot: number): void {
    const b = this.bucketOf[slot]!;
    const p = this.prev[slot]!;
    const n = this.next[slot]!;
    if (p === NONE) this.head[b] = n;
    else this.next[p] = n;
    if (n === NONE) this.tail[b] = p;
    else this.prev[n] = p;
    if (this.head[b] !== NONE) return;
    const down = this.below[b]!;
    const up = this.above[b]!;
    if (down === NONE) this.lowest = up;
    else this.above[down] = up;
    if (up !== NONE) this.below[up] = down;
    this.free[this.freeTop++] = b;
  }
}
