// The top keys of a stream in bounded memory, for the census's rankings (ports, peers,
// processes). Pure: no `vscode`, no Node APIs.
import { CountOrder } from './count-order';

/** One entry of a ranking. `count` may overestimate by at most `error` (0: exact). */
export interface GroupEntry {
  readonly key: string;
  readonly count: number;
  readonly error: number;
}

const SEED = 0x811c9dc5 | 0;
/** One step of FNV-1a over UTF-16 code units (a byte of ASCII is its code unit). */
function step(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** The hash of a key. */
function hashOf(key: string): number {
  let hash = SEED;
  for (let i = 0; i < key.length; i++) hash = step(hash, key.charCodeAt(i));
  return hash;
}

/** The string of ASCII bytes. */
export function asciiString(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** What the census's byte path puts before a PID for a process known only by it. */
const PID_PREFIX = 'pid ';
const PID_SEED = hashOf(PID_PREFIX);

/**
 * Code units a key keeps in its slot's fixed place in the slab; a longer key (a long process
 * name: rare) is kept as a string of its own.
 */
const STRIDE = 64;

/**
 * Space-Saving (Metwally, Agrawal, El Abbadi 2005). It tracks at most `capacity` keys; a new key
 * when full replaces the smallest (of equal counts, the one taken in first), inheriting its count
 * as its possible error. Any key occurring more than total/capacity times is kept.
 *
 * A dump of ephemeral ports replaces on almost every row, so nothing here is allocated per key:
 * a key's code units are copied into its slot's place in a slab (a key in bytes, from the
 * census's byte path, is hashed and compared where it lies and never becomes a string; strings
 * are made only by `top`). The tracked keys live in fixed slots (parallel typed arrays), found through
 * an open-addressing table of slot numbers (linear probing, deletion by backward shift: no Map
 * churn); their counts and the smallest are kept by a CountOrder (count-order.ts: O(1) replace and
 * increment). A replacement reuses the smallest's slot.
 */
export class TopKeys {
  /** Slot i's key: units[i * STRIDE, i * STRIDE + lengths[i]) when it fits, else longKeys[i]. */
  private readonly units: Uint16Array;
  private readonly lengths: Int32Array;
  private readonly longKeys: (string | undefined)[] = [];
  private readonly hashes: Int32Array;
  /** Counts by slot, and the smallest (of equal counts, the one taken in first). */
  private readonly order: CountOrder;
  private readonly errors: Float64Array;
  /** Open addressing: slot + 1, 0 for empty. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private used = 0;

  constructor(private readonly capacity: number) {
    this.units = new Uint16Array(Math.max(0, capacity) * STRIDE);
    this.lengths = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.order = new CountOrder(capacity);
    this.errors = new Float64Array(capacity);
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
      if (this.hashes[slot] === hash && this.holds(slot, key)) {
        this.order.increment(slot);
        return;
      }
      at = (at + 1) & mask;
    }
    const slot = this.takeIn(hash, at);
    if (slot < 0) return;
    const length = key.length;
    this.lengths[slot] = length;
    if (length <= STRIDE) {
      const units = this.units;
      const base = slot * STRIDE;
      for (let i = 0; i < length; i++) units[base + i] = key.charCodeAt(i);
      this.longKeys[slot] = undefined;
    } else {
      // A key sliced from a line is a view of the whole chunk the line came in (V8 makes a slice
      // of 13 characters or more a view): a copy of its own keeps the memory flat.
      this.longKeys[slot] = (' ' + key).slice(1);
    }
  }

  /**
   * `add` of the key made of the ASCII bytes `bytes[start, end)` (after "pid " when `pid`): the
   * same key as the string of those characters, without making the string.
   */
  addBytes(bytes: Uint8Array, start: number, end: number, pid: boolean): void {
    const length = end - start + (pid ? PID_PREFIX.length : 0);
    if (length > STRIDE) {
      this.add((pid ? PID_PREFIX : '') + asciiString(bytes, start, end));
      return;
    }
    let hash = pid ? PID_SEED : SEED;
    for (let i = start; i < end; i++) hash = step(hash, bytes[i]!);
    const table = this.table;
    const mask = this.mask;
    const units = this.units;
    let at = hash & mask;
    for (let entry = table[at]!; entry !== 0; entry = table[at]!) {
      const slot = entry - 1;
      if (this.hashes[slot] === hash && this.lengths[slot] === length) {
        if (this.holdsBytes(slot, bytes, start, end, pid)) {
          this.order.increment(slot);
          return;
        }
      }
      at = (at + 1) & mask;
    }
    const slot = this.takeIn(hash, at);
    if (slot < 0) return;
    this.lengths[slot] = length;
    this.longKeys[slot] = undefined;
    let base = slot * STRIDE;
    if (pid) {
      for (let i = 0; i < PID_PREFIX.length; i++) units[base + i] = PID_PREFIX.charCodeAt(i);
      base += PID_PREFIX.length;
    }
    for (let i = start; i < end; i++) units[base + i - start] = bytes[i]!;
  }

  /** Slot `slot` (of the right length) holds the key of `addBytes`. */
  private holdsBytes(slot: number, bytes: Uint8Array, start: number, end: number, pid: boolean): boolean {
    const units = this.units;
    let base = slot * STRIDE;
    if (pid) {
      for (let i = 0; i < PID_PREFIX.length; i++) if (units[base + i] !== PID_PREFIX.charCodeAt(i)) return false;
      base += PID_PREFIX.length;
    }
    const offset = base - start;
    for (let i = start; i < end; i++) if (units[offset + i] !== bytes[i]) return false;
    return true;
  }

  /** Slot `slot` holds `key`. */
  private holds(slot: number, key: string): boolean {
    const length = this.lengths[slot]!;
    if (length !== key.length) return false;
    if (length > STRIDE) return this.longKeys[slot] === key;
    const units = this.units;
    const base = slot * STRIDE;
    for (let i = 0; i < length; i++) if (units[base + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private keyOf(slot: number): string {
    const length = this.lengths[slot]!;
    if (length > STRIDE) return this.longKeys[slot]!;
    const base = slot * STRIDE;
    return String.fromCharCode(...this.units.subarray(base, base + length));
  }

  /**
   * A slot for a new key of hash `hash` (not tracked; `at` is the empty place its probe ended
   * at): a free one, or the smallest's, whose count it inherits as its error. The caller writes
   * the key into the slot. -1 when nothing is tracked (capacity 0).
   */
  private takeIn(hash: number, at: number): number {
    if (this.capacity <= 0) return -1;
    const table = this.table;
    const mask = this.mask;
    if (this.used < this.capacity) {
      const slot = this.used++;
      this.hashes[slot] = hash;
      this.errors[slot] = 0;
      this.order.enter(slot, 1);
      table[at] = slot + 1;
      return slot;
    }
    const smallest = this.order.smallest();
    const min = this.order.count(smallest);
    this.remove(smallest);
    this.order.leave(smallest);
    this.hashes[smallest] = hash;
    this.errors[smallest] = min;
    this.order.enter(smallest, min + 1);
    // The removal may have shifted entries back: probe again for the new key's place.
    at = hash & mask;
    while (table[at] !== 0) at = (at + 1) & mask;
    table[at] = smallest + 1;
    return smallest;
  }

  top(n: number): GroupEntry[] {
    const entries: GroupEntry[] = [];
    for (let slot = 0; slot < this.used; slot++) entries.push({ key: this.keyOf(slot), count: this.order.count(slot), error: this.errors[slot]! });
    return entries.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).slice(0, n);
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
}
