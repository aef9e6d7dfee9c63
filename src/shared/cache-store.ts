// The diagram cache's bounds, apart from VS Code so a unit test can hold it to them: the file is
// measured before it is read and discarded when it is too big or not ours, each entry is capped,
// and writes are coalesced and rationed. Without these a 300 MB file cost 1.2 GB of memory at the
// first panel, and 200 large cacheSvg messages rewrote the file 200 times (5.9 GB written).
// src/vscode/svg-cache.ts gives it the file (through vscode.workspace.fs) and the clock.
import { isCacheEntry, isRecord } from './messages';
import { logSafe } from './log-text';
import { TokenBucket } from './rate-limit';

/** Enough for the state diagram in a light, a dark and two high-contrast themes, plus a spare. */
export const MAX_CACHE_ENTRIES = 6;
/**
 * The largest cache file read, and written. Six entries at their cap (MAX_SVG_CHARS, 1 MB each;
 * JSON's quoting of an SVG's attribute quotes adds about a tenth) fit, so what this cache writes
 * it can read back; should they not (an SVG of non-ASCII text), the oldest go until they do. Real
 * files are far smaller: the state diagram's SVG is about 62 KB (media/state-diagram.svg), a
 * walkthrough's sequence diagram tens of KB, so six entries come to well under 1 MB. A bigger
 * file was written by something else, or by an older version with a looser entry cap (5 MB).
 */
export const MAX_CACHE_FILE_BYTES = 8 * 1024 * 1024;
/** At most one write per this: a page that lays out several diagrams at once costs one write. */
export const MIN_WRITE_INTERVAL_MS = 2_000;
/**
 * Bytes written, sustained, per minute: one whole file at its cap. With a burst of one more file
 * (the bucket starts full), at most 2 × MAX_CACHE_FILE_BYTES (16 MB) are written in any minute;
 * a session that lays out every walkthrough diagram writes a few MB in all.
 */
export const WRITE_BYTES_PER_MINUTE = MAX_CACHE_FILE_BYTES;

/** The cache file, as the store uses it. */
export interface CacheFile {
  /** How the log names the file. */
  readonly name: string;
  /** The file's size in bytes, without reading it; undefined when there is no file. */
  size(): Promise<number | undefined>;
  read(): Promise<string>;
  /** Writes the whole file (making its folder if need be). */
  write(text: string): Promise<void>;
  remove(): Promise<void>;
}

export interface CacheLog {
  warn(message: string): void;
}

/** The clock and the timer, injected so a test can move time by hand. */
export interface CacheTimers {
  now(): number;
  /** Runs `run` after `ms` milliseconds; returns what cancels it. */
  after(ms: number, run: () => void): () => void;
}

/** Bytes of `text` in UTF-8, without encoding it (a lone surrogate counts as U+FFFD does: 3). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: two UTF-16 units, four bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
const reasonOf = (error: unknown): string => logSafe(error instanceof Error ? error.message : String(error), 300);

export class CacheStore {
  private readonly entries = new Map<string, string>();
  private readonly loaded: Promise<void>;
  private readonly budget: TokenBucket;
  /** Entries changed since the last write. */
  private dirty = false;
  private cancelTimer: (() => void) | undefined;
  private writing: Promise<void> | undefined;
  private lastWrite = -Infinity;
  /** When the write budget allows the next write (set when a write had to wait for it). */
  private notBefore = -Infinity;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly file: CacheFile,
    private readonly log: CacheLog,
    private readonly timers: CacheTimers,
  ) {
    this.budget = new TokenBucket(MAX_CACHE_FILE_BYTES, WRITE_BYTES_PER_MINUTE / 60, () => timers.now());
    this.loaded = this.load().catch((error: unknown) => this.log.warn(`diagram cache ${file.name} could not be read: ${reasonOf(error)}`));
  }

  /** All entries, once the file has been read (an empty cache if it could not be). */
  async snapshot(): Promise<Record<string, string>> {
    await this.loaded;
    return Object.fromEntries(this.entries);
  }

  /** Keeps an SVG (false if it is not one the cache takes); the file is written soon, not at once. */
  put(key: string, svg: string): boolean {
    if (this.closing || !isCacheEntry({ key, svg })) return false;
    if (this.entries.get(key) === svg) return true;
    this.entries.delete(key);
    this.entries.set(key, svg);
    this.trim();
    this.dirty = true;
    this.schedule();
    return true;
  }

  /** Writes what is not written yet, within the budget, and takes no more puts. */
  dispose(): Promise<void> {
    this.closing ??= (async () => {
      this.cancelTimer?.();
      this.cancelTimer = undefined;
      await this.writing;
      if (this.dirty) await this.flush(true);
    })();
    return this.closing;
  }

  private trim(): void {
    while (this.entries.size > MAX_CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  private async load(): Promise<void> {
    let size: number | undefined;
    try {
      size = await this.file.size();
    } catch (error) {
      this.log.warn(`diagram cache ${this.file.name} could not be read; starting empty: ${reasonOf(error)}`);
      return;
    }
    if (size === undefined) return; // no cache yet
    if (size > MAX_CACHE_FILE_BYTES) return this.discard(`is ${megabytes(size)} MB, over its ${megabytes(MAX_CACHE_FILE_BYTES)} MB cap`);
    let text: string;
    try {
      text = await this.file.read();
    } catch (error) {
      this.log.warn(`diagram cache ${this.file.name} could not be read; starting empty: ${reasonOf(error)}`);
      return;
    }
    // It may have grown since it was measured (another window writing it); a character is at least a byte.
    if (text.length > MAX_CACHE_FILE_BYTES) return this.discard(`grew over its ${megabytes(MAX_CACHE_FILE_BYTES)} MB cap while it was read`);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return this.discard(`is not JSON (${reasonOf(error)})`);
    }
    if (!isRecord(data)) return this.discard('is not a JSON object');
    // Entries put while the file was read are newer than the file's: they stay, and stay last.
    const put = new Map(this.entries);
    this.entries.clear();
    for (const [key, svg] of Object.entries(data)) {
      const entry = { key, svg };
      // An entry that does not pass (too big for today's cap, not an SVG) is left out, and goes at the next write.
      if (!put.has(key) && isCacheEntry(entry)) this.entries.set(entry.key, entry.svg);
    }
    for (const [key, svg] of put) this.entries.set(key, svg);
    this.trim();
  }

  /** Removes the file; one log line says why, and whether the removal worked. */
  private async discard(why: string): Promise<void> {
    let outcome = 'removed';
    try {
      await this.file.remove();
    } catch (error) {
      outcome = `could not be removed: ${reasonOf(error)}`;
    }
    this.log.warn(`diagram cache ${this.file.name} ${why}: discarded (${outcome}); its diagrams will be laid out again`);
  }

  /** Sets the timer of the next write, unless one is set or a write is under way (it sets the next). */
  private schedule(): void {
    if (this.closing || this.cancelTimer || this.writing) return;
    const now = this.timers.now();
    const delay = Math.max(0, this.lastWrite + MIN_WRITE_INTERVAL_MS - now, this.notBefore - now);
    this.cancelTimer = this.timers.after(delay, () => {
      this.cancelTimer = undefined;
      void this.flush(false);
    });
  }

  private flush(final: boolean): Promise<void> {
    const run = this.write(final).finally(() => {
      this.writing = undefined;
      if (this.dirty) this.schedule();
    });
    this.writing = run;
    return run;
  }

  private async write(final: boolean): Promise<void> {
    await this.loaded;
    if (!this.dirty) return;
    const { text, bytes } = this.serialize();
    const wait = this.budget.wait(bytes);
    if (wait > 0) {
      if (!final) {
        this.notBefore = this.timers.now() + wait; // the latest entries are written then
        return;
      }
      // It is a cache: what is not written is laid out again next time.
      this.dirty = false;
      this.log.warn(`diagram cache ${this.file.name}: the last ${megabytes(bytes)} MB not written, over the cache's write budget of ${megabytes(WRITE_BYTES_PER_MINUTE)} MB a minute`);
      return;
    }
    this.budget.take(bytes);
    this.dirty = false;
    this.lastWrite = this.timers.now();
    try {
      await this.file.write(text);
    } catch (error) {
      this.log.warn(`diagram cache could not be written to ${this.file.name}: ${reasonOf(error)}`);
    }
  }

  /** The file's text, within its cap: the oldest entries go until it fits (an entry at its cap always does). */
  private serialize(): { readonly text: string; readonly bytes: number } {
    for (;;) {
      const text = JSON.stringify(Object.fromEntries(this.entries));
      const bytes = utf8Length(text);
      if (bytes <= MAX_CACHE_FILE_BYTES || this.entries.size === 0) return { text, bytes };
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }
}

