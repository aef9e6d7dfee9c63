// The diagram cache's bounds (src/shared/cache-store.ts), with the file and the clock faked: a
// file too big is discarded without being read, a corrupt one is discarded with a log line, and
// a flood of large puts costs a handful of writes and a bounded number of bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CacheStore,
  MAX_CACHE_ENTRIES,
  MAX_CACHE_FILE_BYTES,
  MIN_WRITE_INTERVAL_MS,
  WRITE_BYTES_PER_MINUTE,
  utf8Length,
  type CacheFile,
  type CacheTimers,
} from '../../src/shared/cache-store';
import { MAX_SVG_CHARS } from '../../src/shared/messages';

/** Lets every pending promise of the store run (the fake file answers at once). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class FakeTimers implements CacheTimers {
  time = 0;
  private queue: { at: number; run: () => void }[] = [];
  now = (): number => this.time;
  after(ms: number, run: () => void): () => void {
    const item = { at: this.time + ms, run };
    this.queue.push(item);
    return () => {
      this.queue = this.queue.filter((other) => other !== item);
    };
  }
  /** Moves the clock by `ms`, running each timer that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const due = this.queue.filter((item) => item.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.queue = this.queue.filter((item) => item !== due);
      this.time = Math.max(this.time, due.at);
      due.run();
    }
    this.time = end;
    await settle();
  }
}

class FakeFile implements CacheFile {
  readonly name = '/storage/diagram-svg-cache.json';
  readonly writes: { readonly at: number; readonly bytes: number }[] = [];
  reads = 0;
  removals = 0;
  constructor(
    private readonly timers: FakeTimers,
    public content: string | undefined,
    /** The size the file reports, when it is not its content's. */
    private readonly reported?: number,
  ) {}
  async size(): Promise<number | undefined> {
    return this.reported ?? (this.content === undefined ? undefined : utf8Length(this.content));
  }
  async read(): Promise<string> {
    this.reads++;
    if (this.content === undefined) throw new Error('ENOENT');
    return this.content;
  }
  async write(text: string): Promise<void> {
    this.writes.push({ at: this.timers.now(), bytes: utf8Length(text) });
    this.content = text;
  }
  async remove(): Promise<void> {
    this.removals++;
    this.content = undefined;
  }
}

function setup(content?: string, reported?: number) {
  const timers = new FakeTimers();
  const file = new FakeFile(timers, content, reported);
  const lines: string[] = [];
  const store = new CacheStore(file, { warn: (line) => lines.push(line) }, timers);
  return { timers, file, lines, store };
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>';
/** An SVG of exactly MAX_SVG_CHARS characters (1 MB), different for each `i`. */
const BIG = 'x'.repeat(MAX_SVG_CHARS);
const bigSvg = (i: number): string => {
  const head = `<svg data-i="${i}">`;
  return head + BIG.slice(0, MAX_SVG_CHARS - head.length - 6) + '</svg>';
};

test('a file over the cap (300 MB by its size) is discarded with one log line, without being read', async () => {
  const { file, lines, store } = setup('{}', 300 * 1024 * 1024);
  assert.deepEqual(await store.snapshot(), {});
  assert.equal(file.reads, 0, 'not read');
  assert.equal(file.removals, 1, 'removed');
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /300\.0 MB, over its 8\.0 MB cap: discarded \(removed\)/);
});

test('a corrupt file is discarded with one log line; so is JSON that is not an object', async () => {
  for (const content of ['{"k": "<svg', 'garbage \u0000\u00ff', '[1,2,3]', 'null', '"<svg/>"']) {
    const { file, lines, store } = setup(content);
    assert.deepEqual(await store.snapshot(), {}, content);
    assert.equal(file.removals, 1, content);
    assert.equal(lines.length, 1, content);
    assert.match(lines[0]!, /discarded \(removed\)/, content);
    assert.doesNotMatch(lines[0]!, /[\n\u0000]/, content);
  }
});

test('a discard that cannot remove the file still says so on one line', async () => {
  const { file, lines, store } = setup('not json');
  file.remove = async () => {
    throw new Error('EACCES: permission denied\n[error] forged');
  };
  assert.deepEqual(await store.snapshot(), {});
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /could not be removed: EACCES: permission denied\\x0a\[error\] forged/);
});

test('a good file is read back; entries that do not pass today’s checks are left out', async () => {
  const content = JSON.stringify({ a: SVG, old: `<svg>${'x'.repeat(MAX_SVG_CHARS)}</svg>`, script: '<script>alert(1)</script>', b: SVG });
  const { file, lines, store } = setup(content);
  assert.deepEqual(await store.snapshot(), { a: SVG, b: SVG });
  assert.equal(file.removals, 0);
  assert.deepEqual(lines, []);
});

test('no file: an empty cache, no log line', async () => {
  const { lines, store } = setup(undefined);
  assert.deepEqual(await store.snapshot(), {});
  assert.deepEqual(lines, []);
});

test('an entry over its cap is refused', async () => {
  const { store, file, timers } = setup(undefined);
  assert.equal(store.put('k', `<svg>${'x'.repeat(MAX_SVG_CHARS)}</svg>`), false);
  assert.equal(store.put('k', bigSvg(0)), true);
  await timers.advance(10_000);
  assert.equal(file.writes.length, 1);
});

test('200 puts of 1 MB at once: one write', async () => {
  const { store, file, timers } = setup(undefined);
  for (let i = 0; i < 200; i++) store.put(`k${i}`, bigSvg(i));
  await timers.advance(60_000);
  assert.equal(file.writes.length, 1);
  assert.ok(file.writes[0]!.bytes <= MAX_CACHE_FILE_BYTES);
  assert.deepEqual(Object.keys(JSON.parse(file.content!)), Array.from({ length: MAX_CACHE_ENTRIES }, (_, i) => `k${194 + i}`));
});

test('200 puts of 1 MB over 20 s: at most one write per interval, and bytes within the budget', async () => {
  const { store, file, timers, lines } = setup(undefined);
  for (let i = 0; i < 200; i++) {
    store.put(`k${i}`, bigSvg(i));
    await timers.advance(100);
  }
  await timers.advance(120_000);
  await store.dispose();
  const { writes } = file;
  // Without the bounds: 200 writes, 5.9 GB (each rewriting the whole file).
  const total = writes.reduce((sum, write) => sum + write.bytes, 0);
  const elapsed = timers.time / 60_000;
  assert.ok(writes.length <= 20_000 / MIN_WRITE_INTERVAL_MS + 2, `${writes.length} writes`);
  assert.ok(total <= MAX_CACHE_FILE_BYTES + WRITE_BYTES_PER_MINUTE * elapsed, `${total} bytes`);
  for (const [i, write] of writes.entries()) {
    if (i > 0) assert.ok(write.at - writes[i - 1]!.at >= MIN_WRITE_INTERVAL_MS, 'one write per interval');
    const minute = writes.filter((other) => other.at >= write.at && other.at < write.at + 60_000).reduce((sum, other) => sum + other.bytes, 0);
    assert.ok(minute <= 2 * MAX_CACHE_FILE_BYTES, `${minute} bytes in the minute from ${write.at} ms`);
  }
  // The latest entries are what the file holds in the end.
  assert.deepEqual(Object.keys(JSON.parse(file.content!)), Array.from({ length: MAX_CACHE_ENTRIES }, (_, i) => `k${194 + i}`));
  assert.deepEqual(lines, []);
});

test('puts close together share a write; the next waits for the interval', async () => {
  const { store, file, timers } = setup(undefined);
  store.put('a', SVG);
  store.put('b', SVG);
  await timers.advance(0);
  assert.equal(file.writes.length, 1);
  store.put('c', SVG);
  await timers.advance(MIN_WRITE_INTERVAL_MS - 1);
  assert.equal(file.writes.length, 1);
  await timers.advance(1);
  assert.equal(file.writes.length, 2);
  store.put('c', SVG); // unchanged: nothing to write
  await timers.advance(60_000);
  assert.equal(file.writes.length, 2);
});

test('dispose writes what is pending, within the budget, and takes no more puts', async () => {
  const { store, file, timers, lines } = setup(undefined);
  store.put('a', SVG);
  await timers.advance(0);
  store.put('b', SVG);
  await store.dispose();
  assert.equal(file.writes.length, 2);
  assert.deepEqual(JSON.parse(file.content!), { a: SVG, b: SVG });
  assert.equal(store.put('c', SVG), false);
  await timers.advance(60_000);
  assert.equal(file.writes.length, 2);
  assert.deepEqual(lines, []);

  // Over the budget at close: not written, and said so.
  const flood = setup(undefined);
  for (let i = 0; i < 6; i++) flood.store.put(`k${i}`, bigSvg(i));
  await flood.timers.advance(0);
  for (let i = 6; i < 12; i++) flood.store.put(`k${i}`, bigSvg(i));
  await flood.timers.advance(MIN_WRITE_INTERVAL_MS);
  await flood.store.dispose();
  const total = flood.file.writes.reduce((sum, write) => sum + write.bytes, 0);
  assert.ok(total <= MAX_CACHE_FILE_BYTES + (WRITE_BYTES_PER_MINUTE * flood.timers.time) / 60_000 + 1, `${total} bytes`);
  assert.equal(flood.lines.length, 1);
  assert.match(flood.lines[0]!, /not written, over the cache's write budget/);
});

test('what the cache writes, a new one reads back', async () => {
  const first = setup(undefined);
  for (let i = 0; i < 10; i++) first.store.put(`k${i}`, bigSvg(i));
  await first.store.dispose();
  const second = setup(first.file.content);
  const snapshot = await second.store.snapshot();
  assert.equal(Object.keys(snapshot).length, MAX_CACHE_ENTRIES);
  assert.deepEqual(second.lines, []);
});

test('a file too big to write whole keeps its newest entries', async () => {
  const { store, file } = setup(undefined);
  // Non-ASCII: three bytes a character, so six entries at their cap do not fit 8 MB.
  const wide = (i: number): string => `<svg data-i="${i}">${'連'.repeat(MAX_SVG_CHARS - 30)}</svg>`;
  for (let i = 0; i < 6; i++) store.put(`k${i}`, wide(i));
  await store.dispose();
  assert.ok(file.writes[0]!.bytes <= MAX_CACHE_FILE_BYTES);
  const keys = Object.keys(JSON.parse(file.content!));
  assert.ok(keys.length >= 1 && keys.length < 6);
  assert.equal(keys.at(-1), 'k5');
});

test('entries put while the file is read are kept, as the newest', async () => {
  const { store } = setup(JSON.stringify({ a: SVG, b: SVG }));
  store.put('b', '<svg>new</svg>');
  assert.deepEqual(await store.snapshot(), { a: SVG, b: '<svg>new</svg>' });
});

test('UTF-8 lengths are counted without encoding', () => {
  for (const text of ['', 'abc', 'é', '連', '🙂', 'a\ud800b', '\udc00', 'TIME-WAIT ≠ 连接 🙂']) {
    assert.equal(utf8Length(text), new TextEncoder().encode(text).length, JSON.stringify(text));
  }
});
