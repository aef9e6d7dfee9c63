// Rates the host holds a webview to (messages, cached SVGs) and the diagram cache holds its writes
// to (bytes): a token bucket, and a tally that reports what was dropped at most once an interval,
// so a flood of drops is a log line a second, not a line each. Pure, with the clock injected: the
// host passes Date.now, a unit test a clock it moves by hand.

/** Milliseconds since some fixed point, increasing. */
export type Now = () => number;

/**
 * Holds up to `capacity` tokens and gains `perSecond` a second up to that. Over any span of T
 * seconds, at most `capacity + perSecond × T` tokens are taken: a burst, then the sustained rate.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly now: Now,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  private refill(): void {
    const now = this.now();
    // A clock that steps back (a test, a changed system time) neither adds nor removes tokens.
    if (now > this.last) this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = Math.max(this.last, now);
  }

  /** Takes `cost` tokens if the bucket holds them; false (and takes none) if not. */
  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Milliseconds until `cost` tokens will be there (0: now); Infinity for more than the bucket holds. */
  wait(cost: number): number {
    this.refill();
    if (cost > this.capacity) return Infinity;
    if (this.tokens >= cost) return 0;
    return Math.ceil(((cost - this.tokens) / this.perSecond) * 1000);
  }
}

/**
 * Counts drops and says when to report them: the first at once, then at most one report per
 * `intervalMs`, each with the number dropped since the last.
 */
export class DropTally {
  private dropped = 0;
  private last = -Infinity;

  constructor(
    private readonly intervalMs: number,
    private readonly now: Now,
  ) {}

  /** Counts one drop; returns how many to report if a report is due (the count then restarts), else undefined. */
  drop(): number | undefined {
    this.dropped++;
    const now = this.now();
    if (now - this.last < this.intervalMs) return undefined;
    this.last = now;
    return this.take();
  }

  /** The drops not reported yet (0 if none), e.g. when the thing dropping them goes; the count then restarts. */
  take(): number {
    const count = this.dropped;
    this.dropped = 0;
    return count;
  }
}
