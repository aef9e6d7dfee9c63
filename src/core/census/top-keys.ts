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

// Most keys of a dump are numbers in disguise: a port ('443'), a PID ('pid 1234'), an IPv4 peer
// ('203.0.113.5'). Each such key, in its canonical spelling only (no leading zero, a part of an
// address at most 255), is kept as a number: one spelling per number, so a key is a number
// exactly when its text is that number's spelling, and both forms of a key meet in one slot.
// Numbers are hashed and compared as numbers, without reading their digits again, and made text
// only by `top`. (A direct index by port was slower: 256 KiB per ranking misses the cache.)
/** A key kept as its code units. */
const TEXT = 0;
/** Digits: at most 9, no leading zero ('0' itself is one). */
const DECIMAL = 1;
/** 'pid ' and a DECIMAL. */
const PID = 2;
/** A dotted quad, each part a DECIMAL of at most 255. */
const IPV4 = 3;
/** A number's code: family * 2^32 + value (a double: exact). TEXT slots hold -1. */
const FAMILY_UNIT = 4294967296;

/** The family and value of the last `classify`/`classifyBytes` (module state: no allocation per key). */
let family = TEXT;
let value = 0;

/** The canonical decimal bytes[start, end) as `value`; false when it is none. */
function decimalOf(bytes: Uint8Array, start: number, end: number): boolean {
  const length = end - start;
  if (length < 1 || length > 9) return false;
  const first = bytes[start]!;
  if (first < 48 || first > 57 || (first === 48 && length > 1)) return false;
  let v = first - 48;
  for (let i = start + 1; i < end; i++) {
    const code = bytes[i]!;
    if (code < 48 || code > 57) return false;
    v = v * 10 + code - 48;
  }
  value = v;
  return true;
}

/** The canonical dotted quad bytes[start, end) as `value`; false when it is none. */
function ipv4Of(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 7 || end - start > 15) return false;
  let v = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const code = bytes[i]!;
    if (code === 46) {
      if (digits === 0 || ++dots > 3) return false;
      v = v * 256 + part;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      if (digits === 0) part = code - 48;
      else if (part === 0) return false;
      else part = part * 10 + code - 48;
      if (++digits > 3 || part > 255) return false;
    } else {
      return false;
    }
  }
  if (digits === 0 || dots !== 3) return false;
  value = v * 256 + part;
  return true;
}

/** Sets `family` and `value` for the key bytes[start, end) ('pid ' before them when `pid`). */
function classify(bytes: Uint8Array, start: number, end: number, pid: boolean): void {
  if (pid) family = decimalOf(bytes, start, end) ? PID : TEXT;
  else if (decimalOf(bytes, start, end)) family = DECIMAL;
  else family = ipv4Of(bytes, start, end) ? IPV4 : TEXT;
}

/** A string key's code units, when it may be a number (then it is short and ASCII). */
const scratch = new Uint8Array(20);

/**
 * The number a key of ASCII bytes `bytes[start, end)` ('pid ' before them when `pid`) is kept as
 * (for `addCode`), or -1 when it is kept as text.
 */
export function keyCode(bytes: Uint8Array, start: number, end: number, pid: boolean): number {
  classify(bytes, start, end, pid);
  return family === TEXT ? -1 : family * FAMILY_UNIT + value;
}

/** The number a string key is kept as (what `keyCode` is for bytes), or -1 when it is kept as text. */
export function stringKeyCode(key: string): number {
  classifyString(key);
  return family === TEXT ? -1 : family * FAMILY_UNIT + value;
}

/** The value of a key code that is a plain decimal ('443'), or -1 for any other key. */
export function decimalOfCode(code: number): number {
  return code >= FAMILY_UNIT * DECIMAL && code < FAMILY_UNIT * (DECIMAL + 1) ? code - FAMILY_UNIT * DECIMAL : -1;
}

/** The order of rankings' entries: most first, then by key (code units). */
export function byCountThenKey(a: GroupEntry, b: GroupEntry): number {
  return b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** `classify` of a string key ('pid ' and a number is a PID). */
function classifyString(key: string): void {
  family = TEXT;
  if (key.length > scratch.length) return;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code > 127) return;
    scratch[i] = code;
  }
  if (key.length > 4 && key.startsWith(PID_PREFIX)) classify(scratch, 4, key.length, true);
  else classify(scratch, 0, key.length, false);
}

/** The text of a number's key. */
function spell(keyFamily: number, keyValue: number): string {
  if (keyFamily === DECIMAL) return String(keyValue);
  if (keyFamily === PID) return PID_PREFIX + String(keyValue);
  return `${(keyValue >>> 24) & 255}.${(keyValue >>> 16) & 255}.${(keyValue >>> 8) & 255}.${keyValue & 255}`;
}

/** A number key's hash in the open-addressing table. */
function numberHash(code: number): number {
  // `>>> 0` takes the low 32 bits (the value) without `%`, which on a double is a slow call.
  const keyValue = code >>> 0;
  const h = Math.imul(keyValue ^ ((code - keyValue) / FAMILY_UNIT), 0x9e3779b1);
  return h ^ (h >>> 15);
}

/**
 * Space-Saving (Metwally, Agrawal, El Abbadi 2005). It tracks at most `capacity` keys; a new key
 * when full replaces the smallest (of equal counts, the one taken in first), inheriting its count
 * as its possible error. Any key occurring more than total/capacity times is kept.
 *
 * A dump of ephemeral ports replaces on almost every row, so nothing here is allocated per key:
 * a number key is kept as a number (above), any other key's code units are copied into its
 * slot's place in a slab (a key in bytes, from the census's byte path, is hashed and compared
 * where it lies and never becomes a string; strings are made only by `top`). The tracked keys
 * live in fixed slots (parallel typed arrays), found through an open-addressing table of slot numbers (linear probing, deletion by backward shift: no Map
 * churn); their counts and the smallest are kept by a CountOrder (count-order.ts: O(1) replace
 * and increment). A replacement reuses the smallest's slot. Which slot a key gets never depends
 * on how it is found, so the rankings are those of the plain algorithm.
 */
export class TopKeys {
  /** Slot i's TEXT key: units[i * STRIDE, i * STRIDE + lengths[i]) when it fits, else longKeys[i]. */
  private readonly units: Uint16Array;
  private readonly lengths: Int32Array;
  private readonly longKeys: (string | undefined)[] = [];
  /** Slot i's number key (family * 2^32 + value), -1 for a TEXT key. */
  private readonly codes: Float64Array;
  private readonly hashes: Int32Array;
  /** Counts by slot, and the smallest (of equal counts, the one taken in first). */
  private readonly order: CountOrder;
  private readonly errors: Float64Array;
  /** Open addressing: slot + 1, 0 for empty. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private used = 0;

  constructor(private readonly capacity: number) {
    const slots = Math.max(0, capacity);
    this.units = new Uint16Array(slots * STRIDE);
    this.lengths = new Int32Array(slots);
    this.codes = new Float64Array(slots);
    this.hashes = new Int32Array(slots);
    this.order = new CountOrder(capacity);
    this.errors = new Float64Array(slots);
    // At most a quarter full: a miss (a new key, on nearly every row of ephemeral ports) ends
    // after a probe or two, and a removal's backward shift is short.
    let size = 4;
    while (size < 4 * capacity) size <<= 1;
    this.table = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Keys tracked now: never more than the capacity. */
  get size(): number {
    return this.used;
  }

  add(key: string): void {
    classifyString(key);
    if (family !== TEXT) {
      this.addCode(family * FAMILY_UNIT + value);
      return;
    }
    const hash = hashOf(key);
    const table = this.table;
    const mask = this.mask;
    for (let at = hash & mask, entry = table[at]!; entry !== 0; at = (at + 1) & mask, entry = table[at]!) {
      const slot = entry - 1;
      if (this.hashes[slot] === hash && this.codes[slot] === -1 && this.holds(slot, key)) {
        this.order.increment(slot);
        return;
      }
    }
    const slot = this.claim();
    if (slot < 0) return;
    const length = key.length;
    this.lengths[slot] = length;
    this.codes[slot] = -1;
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
    this.enterTable(slot, hash);
  }

  /**
   * `add` of the key made of the ASCII bytes `bytes[start, end)` (after "pid " when `pid`): the
   * same key as the string of those characters, without making the string. `code`: the key's
   * `keyCode`, when the caller has it already (the census's parser does).
   */
  addBytes(bytes: Uint8Array, start: number, end: number, pid: boolean, code = keyCode(bytes, start, end, pid)): void {
    if (code >= 0) {
      this.addCode(code);
      return;
    }
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
    for (let at = hash & mask, entry = table[at]!; entry !== 0; at = (at + 1) & mask, entry = table[at]!) {
      const slot = entry - 1;
      if (this.hashes[slot] === hash && this.lengths[slot] === length && this.codes[slot] === -1 && this.holdsBytes(slot, bytes, start, end, pid)) {
        this.order.increment(slot);
        return;
      }
    }
    const slot = this.claim();
    if (slot < 0) return;
    this.lengths[slot] = length;
    this.codes[slot] = -1;
    this.longKeys[slot] = undefined;
    let base = slot * STRIDE;
    if (pid) {
      for (let i = 0; i < PID_PREFIX.length; i++) units[base + i] = PID_PREFIX.charCodeAt(i);
      base += PID_PREFIX.length;
    }
    for (let i = start; i < end; i++) units[base + i - start] = bytes[i]!;
    this.enterTable(slot, hash);
  }

  /** The key of a number, its `keyCode`: what `add` of its text does. */
  addCode(code: number): void {
    const hash = numberHash(code);
    const table = this.table;
    const mask = this.mask;
    for (let at = hash & mask, entry = table[at]!; entry !== 0; at = (at + 1) & mask, entry = table[at]!) {
      if (this.codes[entry - 1] === code) {
        this.order.increment(entry - 1);
        return;
      }
    }
    const slot = this.claim();
    if (slot < 0) return;
    this.codes[slot] = code;
    this.enterTable(slot, hash);
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

  /** Slot `slot` (a TEXT one) holds `key`. */
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
    const code = this.codes[slot]!;
    if (code >= 0) {
      const keyValue = code >>> 0;
      return spell((code - keyValue) / FAMILY_UNIT, keyValue);
    }
    const length = this.lengths[slot]!;
    if (length > STRIDE) return this.longKeys[slot]!;
    const base = slot * STRIDE;
    return String.fromCharCode(...this.units.subarray(base, base + length));
  }

  /**
   * A slot for a new key (not tracked): a free one with count 1, or the smallest's, taken out of
   * the table, with its count + 1 and that count as its error. The caller writes the key and
   * enters it in its index. -1 when nothing is tracked (capacity 0).
   */
  private claim(): number {
    if (this.capacity <= 0) return -1;
    if (this.used < this.capacity) {
      const slot = this.used++;
      this.errors[slot] = 0;
      this.order.enter(slot, 1);
      return slot;
    }
    const smallest = this.order.smallest();
    this.errors[smallest] = this.order.count(smallest);
    this.remove(smallest);
    this.order.replaceSmallest();
    return smallest;
  }

  /** Enters TEXT or number slot `slot` of hash `hash` in the open-addressing table. */
  private enterTable(slot: number, hash: number): void {
    const table = this.table;
    const mask = this.mask;
    this.hashes[slot] = hash;
    let at = hash & mask;
    while (table[at] !== 0) at = (at + 1) & mask;
    table[at] = slot + 1;
  }

  top(n: number): GroupEntry[] {
    const entries: GroupEntry[] = [];
    for (let slot = 0; slot < this.used; slot++) entries.push({ key: this.keyOf(slot), count: this.order.count(slot), error: this.errors[slot]! });
    return entries.sort(byCountThenKey).slice(0, n);
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
