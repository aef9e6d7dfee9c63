// Which part of an explorer history real sockets on loopback can replay, worked out without a
// socket. On loopback a segment is processed inside the call that sends it: nothing is lost,
// copied, reordered or held back, and no timer of ours gets to fire. So a history is replayed up
// to the first event real sockets cannot make happen: each application call, followed by the
// network delivering what is in flight, oldest first; the stop says why in words a learner can
// read. Each call carries the simulator's states at rest after it, what the kernel should show.
// Pure: no Node, no `vscode` (lint bans both here).
import { LINUX } from '../core/model/explanation-facts';
import type { RfcState } from '../core/model/states';
import { startRun, type EndpointId, type EventRunOptions, type Run, type SimEvent, type UserCall } from '../core/simulation';
import { segmentText } from '../core/simulation/text/segment-text';

/** One application call to make on real sockets, with what the simulator says it leads to. */
export interface ReplayCall {
  /** The call's step in the explorer's history (its index among the events + 1). */
  readonly step: number;
  readonly endpoint: EndpointId;
  readonly call: UserCall;
  readonly bytes?: number;
  /** As the replay shows it: 'connect(client)', 'write(server, 100)'. */
  readonly label: string;
  /** The steps of the deliveries after it in the history, up to the next call or the stop. */
  readonly deliveries: readonly number[];
  /**
   * The simulator's states (the 'linux' profile unless told otherwise) once everything in flight
   * after the call has arrived, oldest first: what the kernel should show at rest. Where the
   * history stops or ends with segments still in flight, these go past the history, as loopback does.
   */
  readonly settled: { readonly client: RfcState; readonly server: RfcState };
  /** Whether the history itself delivers all of it (no segment left in flight before the next call, the stop or the end). */
  readonly complete: boolean;
  /** Whether each endpoint's application reads what arrives (the 'stop-reading' call ends that), right after the call. */
  readonly reading: { readonly client: boolean; readonly server: boolean };
}

export interface ReplayStop {
  readonly step: number;
  /** Plain English for a learner: "step 11: the network loses ACK seq=102 ack=302 on its way to the server; loopback never loses one". */
  readonly reason: string;
}

export interface ReplayPlan {
  readonly calls: readonly ReplayCall[];
  readonly stoppedAt?: ReplayStop;
}

const LABEL_OF: Readonly<Record<UserCall, string>> = {
  'passive-open': 'listen', 'active-open': 'connect', send: 'write', close: 'close', shutdown: 'shutdown', abort: 'abort', 'stop-reading': 'stop-reading',
};

function labelOf(endpoint: EndpointId, call: UserCall, bytes?: number): string {
  return call === 'send' ? `${LABEL_OF[call]}(${endpoint}, ${bytes ?? 0})` : `${LABEL_OF[call]}(${endpoint})`;
}

/** Why real sockets on loopback cannot make `event` happen next, or undefined when they can. */
function notOnLoopback(run: Run, event: SimEvent, step: number): string | undefined {
  const at = `step ${step}: `;
  const network = run.world.network;
  const segmentTo = (id: number | undefined, to: EndpointId) => network.find((s) => s.to === to && (id === undefined || s.id === id));
  switch (event.kind) {
    case 'user': {
      if (event.endpoint === 'client' && event.call === 'passive-open') return `${at}the client listens; the replay lets only the server listen`;
      if (event.endpoint === 'server' && event.call === 'active-open') return `${at}the server connects to the client; the replay lets only the client connect`;
      if (network.length > 0) {
        const n = network.length === 1 ? 'a segment is' : `${network.length} segments are`;
        return `${at}the ${event.endpoint} calls ${labelOf(event.endpoint, event.call, event.bytes)} while ${n} still on the way; on loopback ${network.length === 1 ? 'it' : 'they'} would have arrived already`;
      }
      return undefined;
    }
    case 'deliver': {
      if (event.delayAck) return `${at}the ${event.to} holds back the ACK it owes (a delayed ACK); the replay cannot tell the kernel when to send its ACKs`;
      if (event.newest) return `${at}the newest segment in flight overtakes older ones; loopback delivers segments in the order they were sent`;
      const takes = segmentTo(event.segment, event.to);
      const oldest = network[0];
      if (takes && oldest && takes.id !== oldest.id) return `${at}the network delivers ${segmentText(takes)} to the ${event.to} while the older ${segmentText(oldest)} is still on the way to the ${oldest.to}; loopback delivers segments in the order they were sent`;
      return undefined;
    }
    case 'lose': {
      const lost = segmentTo(event.segment, event.to);
      return `${at}the network loses ${lost ? segmentText(lost) : 'a segment'} on its way to the ${event.to}; loopback never loses one`;
    }
    case 'duplicate': {
      const copied = segmentTo(event.segment, event.to);
      return `${at}the network duplicates ${copied ? segmentText(copied) : 'a segment'} on its way to the ${event.to}; loopback never makes copies`;
    }
    case 'inject':
      return `${at}an old segment of an earlier connection (${event.flags.join(',')} seq=${event.seq}) appears; real sockets cannot forge one on loopback`;
    case 'timer':
      switch (event.timer) {
        case 'time-wait':
          return `${at}the ${event.endpoint}'s TIME-WAIT timer fires; Linux keeps TIME-WAIT for ${LINUX.timeWait.seconds} s (${LINUX.timeWait.constant}), and the replay does not wait that long`;
        case 'fin-wait-2':
          return `${at}the ${event.endpoint}'s FIN-WAIT-2 timer fires; Linux waits net.ipv4.tcp_fin_timeout (${LINUX.finTimeoutSeconds} s by default) for it, and the replay does not wait that long`;
        case 'retransmission':
          return `${at}the ${event.endpoint}'s retransmission timer fires; on loopback every segment arrives and is acknowledged long before the timeout, so the kernel never retransmits here`;
      }
  }
}

/** Deliveries before the network counts as never settling: a bug, not a history. */
const MAX_SETTLE_DELIVERIES = 100;

/** The states once everything in flight arrives, oldest first, played on a fork (the run stays as it is). */
function settledStates(run: Run): ReplayCall['settled'] {
  const fork = run.fork();
  try {
    for (let n = 0; n < MAX_SETTLE_DELIVERIES; n++) {
      const next = fork.world.network[0];
      if (!next) break;
      fork.play({ kind: 'deliver', to: next.to, segment: next.id });
    }
  } catch {
    // The simulator cannot deliver it: the states as far as it got.
  }
  return { client: fork.world.stateOf('client'), server: fork.world.stateOf('server') };
}

/**
 * How the explorer ran the history (its ISS, profile, sysctls; default the 'linux' profile with
 * ISS 100 and 300): which segment is in flight when, and so where the replay must stop, follows
 * the history as the learner made it, and the stop's words name the segments as the explorer shows them.
 */
export type ReplayRunOptions = EventRunOptions;

/**
 * Which calls of `events` real sockets on loopback can replay, and where that ends (the first
 * event they cannot make happen, with why). `settled` is the simulator's under the same
 * options: with the 'linux' profile, what the kernel should show. Pure.
 */
export function replayableEvents(events: readonly SimEvent[], options: ReplayRunOptions = {}): ReplayPlan {
  const run = startRun({ profile: 'linux', ...options });
  const calls: ReplayCall[] = [];
  let open: { readonly call: Omit<ReplayCall, 'deliveries' | 'settled' | 'complete'>; readonly deliveries: number[] } | undefined;
  const finish = (): void => {
    if (open) calls.push({ ...open.call, deliveries: open.deliveries, settled: settledStates(run), complete: run.world.network.length === 0 });
    open = undefined;
  };
  let stoppedAt: ReplayStop | undefined;
  for (const [index, event] of events.entries()) {
    const step = index + 1;
    const reason = notOnLoopback(run, event, step);
    if (reason) {
      stoppedAt = { step, reason };
      break;
    }
    if (event.kind === 'user') finish();
    try {
      run.play(event);
    } catch (e) {
      stoppedAt = { step, reason: `step ${step}: the simulator cannot play this event (${(e as Error).message})` };
      break;
    }
    if (event.kind === 'user') {
      const tcb = run.world.tcb;
      open = {
        call: { step, endpoint: event.endpoint, call: event.call, ...(event.bytes !== undefined ? { bytes: event.bytes } : {}), label: labelOf(event.endpoint, event.call, event.bytes), reading: { client: tcb.client.reading, server: tcb.server.reading } },
        deliveries: [],
      };
    } else open?.deliveries.push(step);
  }
  finish();
  return stoppedAt ? { calls, stoppedAt } : { calls };
}
