// The token bucket that rations a webview's messages and the cache's writes, and the tally that
// reports drops at most once a second: a burst goes through, then the sustained rate, refilled
// with time; the clock is a number the test moves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DropTally, TokenBucket } from '../../src/shared/rate-limit';

test('a burst goes through, then the bucket throttles, then it refills with time', () => {
  let now = 1_000;
  const bucket = new TokenBucket(200, 50, () => now);
  let taken = 0;
  for (let i = 0; i < 1_000; i++) if (bucket.take()) taken++;
  assert.equal(taken, 200, 'the burst');
  assert.equal(bucket.take(), false);
  now += 100; // 0.1 s at 50/s: 5 tokens
  taken = 0;
  for (let i = 0; i < 100; i++) if (bucket.take()) taken++;
  assert.equal(taken, 5);
  now += 60_000; // refilled, but never above the burst
  taken = 0;
  for (let i = 0; i < 1_000; i++) if (bucket.take()) taken++;
  assert.equal(taken, 200);
});

test('over any span, no more than the burst plus the rate times the span is taken', () => {
  let now = 0;
  const bucket = new TokenBucket(200, 50, () => now);
  let taken = 0;
  // A flood: 10 000 messages a second for 10 s.
  for (let i = 0; i < 100_000; i++) {
    now = i / 10;
    if (bucket.take()) taken++;
  }
  assert.ok(taken <= 200 + 50 * 10, String(taken));
  assert.ok(taken >= 50 * 10, String(taken));
});

test('cacheSvg’s stricter bucket: 10, then 10 a minute', () => {
  let now = 0;
  const bucket = new TokenBucket(10, 10 / 60, () => now);
  let taken = 0;
  for (let i = 0; i < 50; i++) if (bucket.take()) taken++;
  assert.equal(taken, 10);
  now += 6_000;
  assert.equal(bucket.take(), true);
  assert.equal(bucket.take(), false);
});

test('the wait for a cost says when it will be there; a cost over the capacity never is', () => {
  let now = 0;
  const bucket = new TokenBucket(1_000, 100, () => now);
  assert.equal(bucket.wait(1_000), 0);
  assert.ok(bucket.take(1_000));
  assert.equal(bucket.wait(500), 5_000);
  now += 5_000;
  assert.equal(bucket.wait(500), 0);
  assert.equal(bucket.wait(1_001), Infinity);
  assert.equal(bucket.take(1_001), false);
});

test('a clock that steps back neither adds nor removes tokens', () => {
  let now = 10_000;
  const bucket = new TokenBucket(2, 1, () => now);
  assert.ok(bucket.take(2));
  now = 0;
  assert.equal(bucket.take(), false);
  now = 10_999;
  assert.equal(bucket.take(), false);
  now = 11_000;
  assert.equal(bucket.take(), true);
});

test('drops are reported at once, then at most once a second with the count since', () => {
  let now = 0;
  const tally = new DropTally(1_000, () => now);
  const reports: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    now = i; // one drop a millisecond for 10 s
    const count = tally.drop();
    if (count !== undefined) reports.push(count);
  }
  assert.equal(reports.length, 10, 'one line a second, not one a drop');
  assert.equal(reports[0], 1);
  assert.equal(reports.slice(1).every((n) => n === 1_000), true);
  assert.equal(reports.reduce((a, b) => a + b, 0) + tally.take(), 10_000, 'every drop counted once');
  assert.equal(tally.take(), 0);
});
