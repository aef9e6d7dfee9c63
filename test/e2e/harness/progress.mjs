// What a long first run says while it works, so a newcomer never wonders whether it hung: each
// phase with what it is doing and the time since the command started, a line every 15 s while a
// phase runs long, and a failure as what failed, why, and what to do — never a raw stack trace.
// Everything goes to stderr, so a command's own output on stdout stays clean.

const HEARTBEAT_MS = 15_000;

/** Time since this process started, as m:ss. */
export function elapsed() {
  const seconds = Math.floor(process.uptime());
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** One progress line: `[tcp-state-lens 1:05] code-server: installing 4.139.1 into …`. */
export function say(phase, message) {
  process.stderr.write(`[tcp-state-lens ${elapsed()}] ${phase}: ${message}\n`);
}

/**
 * Runs one phase: says what it starts, says every 15 s that it is still at it, and how long it
 * took. Returns what `work` returns.
 * @template T
 * @param {string} phase
 * @param {string} message
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function during(phase, message, work) {
  const started = Date.now();
  say(phase, message);
  const heartbeat = setInterval(() => say(phase, `still working (${Math.round((Date.now() - started) / 1000)} s so far)`), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const result = await work();
    say(phase, `done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } finally {
    clearInterval(heartbeat);
  }
}

/** A failure a person can act on: what failed, why, and what to do about it. */
export class SetupError extends Error {
  /**
   * @param {string} what     e.g. 'Installing code-server 4.139.1'
   * @param {string} why      the cause, in a sentence
   * @param {string} fix      what to do
   * @param {string} [details] the failing command's last lines of output, or a log's path
   */
  constructor(what, why, fix, details = '') {
    super(`${what} failed: ${why}`);
    this.name = 'SetupError';
    this.what = what;
    this.why = why;
    this.fix = fix;
    this.details = details;
  }
}

/** The last `count` non-empty lines of a command's output: where its reason usually is. */
export function tail(text, count = 25) {
  return String(text ?? '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .join('\n');
}

/** The text a person sees for a failure: a SetupError as written, anything else by its message. */
export function describeFailure(error) {
  if (error instanceof SetupError) {
    return [
      `✘ ${error.what} failed.`,
      `  Why: ${error.why}`,
      `  What to do: ${error.fix}`,
      ...(error.details ? ['  Output:', ...error.details.split('\n').map((line) => `    ${line}`)] : []),
    ].join('\n');
  }
  const message = error instanceof Error ? error.message : String(error);
  return [
    `✘ ${message}`,
    '  This looks like a bug in TCP State Lens rather than in your machine; run it again with',
    '  TSL_DEBUG=1 for the stack trace, and please report it with that output.',
    ...(process.env.TSL_DEBUG && error instanceof Error && error.stack ? [error.stack] : []),
  ].join('\n');
}

/** Runs a command's main function; a failure is printed as `describeFailure` says, exit code 1. */
export async function runMain(main) {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`\n${describeFailure(error)}\n`);
    process.exit(1);
  }
}
