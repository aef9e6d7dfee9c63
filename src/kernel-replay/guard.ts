// Every wait of the kernel replay goes through a Guard: bounded by a timeout, so a kernel that
// never does what was asked ends in an error that names it, and cut short by the caller's
// signal (the explorer's panel closing), so an abort never waits for sockets. Node only for
// its timers; no sockets here.

/** The error a replay the caller aborted rejects with (name 'AbortError', as fetch's). */
function abortError(signal: AbortSignal): Error {
  const error = new Error('kernel replay: aborted; every socket it opened is closed', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

export class Guard {
  constructor(
    private readonly signal: AbortSignal | undefined,
    readonly timeoutMs: number,
  ) {}

  check(): void {
    if (this.signal?.aborted) throw abortError(this.signal);
  }

  /** `work`, unless `timeoutMs` passes first (an error saying `what` never happened) or the signal aborts. */
  within<T>(work: Promise<T>, what: string, ms = this.timeoutMs): Promise<T> {
    const signal = this.signal;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        done();
        reject(abortError(signal!));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`kernel replay: ${what} did not happen within ${ms} ms`));
      }, ms);
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          done();
          resolve(value);
        },
        (e: unknown) => {
          done();
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  sleep(ms: number): Promise<void> {
    return this.within(new Promise<void>((resolve) => setTimeout(resolve, ms)), 'a pause', ms + 1000);
  }
}
