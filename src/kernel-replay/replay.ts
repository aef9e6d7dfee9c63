// The kernel replay from start to end: the plan of what loopback can replay (plan.ts), each call
// made on real sockets and the kernel's states read once at rest (sockets.ts), and every socket
// and listener closed in a `finally`, also when the caller aborts (the panel closes), with what
// is left reported. This is the one function the explorer's panel calls.
import type { SimEvent } from '../core/simulation';
import { Guard } from './guard';
import { replayableEvents, type ReplayRunOptions, type ReplayStop } from './plan';
import { linuxToRfcState } from './proc-net-tcp';
import { Loopback } from './sockets';

/** Off Linux there is no /proc/net/tcp to read: the panel says so in the user's language (the name tells it apart). */
export class NotLinuxError extends Error {
  override readonly name = 'NotLinuxError';

  constructor(readonly platform: string) {
    super(`kernel replay: needs Linux's /proc/net/tcp; this is ${platform}`);
  }
}

/** The kernel's states after one call, at rest. */
export interface KernelStep {
  /** The index in the explorer's history: the step of the user call (its events index + 1). */
  readonly step: number;
  /** e.g. 'connect(client)'. */
  readonly call: string;
  /** RFC 9293's names of what Linux shows: ESTABLISHED, SYN-SENT, …, TIME-WAIT, CLOSED (no socket, or CLOSE), LISTEN. */
  readonly kernel: { readonly client: string; readonly server: string };
  /** Linux's names as read, e.g. TIME_WAIT; '-' where there is no socket. */
  readonly linux: { readonly client: string; readonly server: string };
  /**
   * server: the port the server listens or listened on, or the free port a connect() was refused
   * on (0 before either); client: the client socket's own port while it has one (not after a refused connect).
   */
  readonly ports: { readonly client?: number; readonly server: number };
}

export interface KernelReplay {
  readonly steps: readonly KernelStep[];
  /** The first event loopback cannot produce (or the first call Node could no longer make), with why. */
  readonly stoppedAt?: ReplayStop;
  /** Our sockets still open after cleanup: must be empty. */
  readonly leftovers: readonly string[];
}

export interface KernelReplayOptions {
  /** How the explorer ran the history (see replayableEvents); default the 'linux' profile. */
  readonly run?: ReplayRunOptions;
  /** Aborting closes every socket and rejects with an error named 'AbortError'. */
  readonly signal?: AbortSignal;
  /** The most any one wait may take (a call, the kernel settling after it); default 5000 ms. */
  readonly timeoutMs?: number;
  /** Told each step as soon as it is read (a panel can show progress). */
  readonly onStep?: (step: KernelStep) => void;
}

/**
 * Plays the replayable prefix of `events` (see `replayableEvents`) on loopback sockets and
 * reads the kernel's states after each call. Rejects (after cleanup) when aborted, when a wait
 * times out, or off Linux.
 */
export async function replayOnKernel(events: readonly SimEvent[], options: KernelReplayOptions = {}): Promise<KernelReplay> {
  const guard = new Guard(options.signal, options.timeoutMs ?? 5000);
  guard.check();
  if (process.platform !== 'linux') throw new NotLinuxError(process.platform);
  const plan = replayableEvents(events, options.run);
  const steps: KernelStep[] = [];
  let stoppedAt = plan.stoppedAt;
  const sockets = new Loopback(guard);
  let failure: unknown;
  try {
    for (const call of plan.calls) {
      guard.check();
      const cannot = await sockets.play(call);
      if (cannot) {
        stoppedAt = { step: call.step, reason: cannot };
        break;
      }
      const linux = await sockets.settle(call.settled, `step ${call.step}, ${call.label}`);
      const step: KernelStep = {
        step: call.step,
        call: call.label,
        kernel: { client: linuxToRfcState(linux.client), server: linuxToRfcState(linux.server) },
        linux,
        ports: { ...(sockets.clientPort !== undefined ? { client: sockets.clientPort } : {}), server: sockets.serverPort },
      };
      steps.push(step);
      options.onStep?.(step);
    }
  } catch (e) {
    failure = e;
  } finally {
    await sockets.close();
  }
  const leftovers = await sockets.leftovers();
  if (failure !== undefined) throw failure;
  return stoppedAt ? { steps, stoppedAt, leftovers } : { steps, leftovers };
}
