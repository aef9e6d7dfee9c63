// When each line of a packetdrill script happens. packetdrill checks the time of every segment
// the kernel sends (with a tolerance), so a timer's firing must be written when Linux's fires:
// the steps the explorer plays are 100 ms apart (as in the capture export), and a timer step
// comes when its timer runs out after it was last started, with Linux's durations and backoff.
// Pure: no `vscode`, no DOM, no Node APIs.
import { LINUX } from '../../model/explanation-facts';
import type { EndpointId, Segment, StepFacts } from '../../simulation/types';

const STEP_MS = 100;
const SECOND = 1000;
/** The initial RTO (TCP_TIMEOUT_INIT): a SYN's and a SYN,ACK's first timeout, and the most a data or FIN timeout is here. */
const INITIAL_RTO_MS = LINUX.syn.initialTimeoutSeconds * SECOND;
/**
 * The kernel's timer wheel fires a long timer up to an eighth late (kernel/time/timer.c: 12.5 %
 * slack): a segment injected after a TIME-WAIT or FIN-WAIT-2 timeout waits that much more, so
 * it finds the timer expired (tried: a FIN 60.2 s into FIN-WAIT-2 still found the socket).
 */
const WHEEL_SLACK = 9 / 8;
const STATE_TIMER_MS: Readonly<Record<'time-wait' | 'fin-wait-2', number>> = {
  'time-wait': LINUX.timeWait.seconds * SECOND * WHEEL_SLACK,
  'fin-wait-2': LINUX.finTimeoutSeconds * SECOND * WHEEL_SLACK,
};

/** The script's header lines about time. */
export const TIMES_NOTE: readonly string[] = [
  `// Times: a step is 100 ms; a timer fires as Linux's does: a SYN or SYN,ACK after ${LINUX.syn.initialTimeoutSeconds} s (TCP_TIMEOUT_INIT), data or a FIN`,
  `// within ${LINUX.rtoMinMs} ms to ${LINUX.syn.initialTimeoutSeconds} s (the RTO follows the measured round trip: a range), TIME-WAIT ${LINUX.timeWait.seconds} s, FIN-WAIT-2 ${LINUX.finTimeoutSeconds} s (each given an eighth more, the timer wheel's slack).`,
];

/**
 * When a retransmission timer fires after it was (re)started, [earliest, latest] in ms, with `k`
 * retransmissions of the segment before: a SYN's timeout stays 1 s for the first
 * tcp_syn_linear_timeouts + 1, then doubles; a SYN,ACK's doubles from 1 s; a data or FIN
 * timeout depends on the RTT the kernel measured, so it is a range, from TCP_RTO_MIN to the
 * initial RTO, doubled k times.
 */
function retransmissionWindow(resends: Pick<Segment, 'flags'> | undefined, k: number): readonly [number, number] {
  if (resends?.flags.includes('SYN') && !resends.flags.includes('ACK')) {
    const at = INITIAL_RTO_MS * 2 ** Math.max(0, k - LINUX.syn.linearTimeouts);
    return [at, at];
  }
  if (resends?.flags.includes('SYN')) return [INITIAL_RTO_MS * 2 ** k, INITIAL_RTO_MS * 2 ** k];
  return [LINUX.rtoMinMs * 2 ** k, INITIAL_RTO_MS * 2 ** k];
}

/** packetdrill's relative time: +0, +.1, +1, +1.1, +60. */
export function relativeTime(ms: number): string {
  const whole = Math.round(ms);
  if (whole === 0) return '+0';
  const fraction = whole % SECOND === 0 ? '' : `.${String(whole % SECOND).padStart(3, '0').replace(/0+$/, '')}`;
  return `+${whole >= SECOND ? Math.floor(whole / SECOND) : ''}${fraction}`;
}

/** The script's clock, step by step: each step's time in ms since the first. */
export class ScriptClock {
  now = 0;
  private readonly started = new Map<string, number>();
  /** Each endpoint's retransmissions of the segment its timer guards so far (the backoff). */
  private readonly backoff = new Map<EndpointId, number>();
  /** The earliest time of this step's retransmission, when it is a range (a data or FIN timeout). */
  private earliest: number | undefined;

  /** Moves to `step`: 100 ms after the one before, or a timer's step when its timer runs out (at the latest). */
  advance(step: StepFacts, before: StepFacts | undefined): void {
    const event = step.event;
    let at = this.now + STEP_MS;
    this.earliest = undefined;
    if (event?.kind === 'timer') {
      const started = this.started.get(`${event.endpoint} ${event.timer}`) ?? 0;
      const resends = before?.timers.find((t) => t.endpoint === event.endpoint && t.kind === 'retransmission')?.resends;
      const [earliest, latest] = event.timer === 'retransmission' ? retransmissionWindow(resends, this.backoff.get(event.endpoint) ?? 0) : [STATE_TIMER_MS[event.timer], STATE_TIMER_MS[event.timer]];
      at = Math.max(at, started + latest);
      if (earliest !== latest) this.earliest = Math.max(this.now, started + earliest);
    }
    this.now = at;
    for (const timer of step.timersStarted) {
      this.started.set(`${timer.endpoint} ${timer.kind}`, at);
      // A new segment restarts the timer without backoff; a retransmission backs it off once more.
      if (timer.kind === 'retransmission') this.backoff.set(timer.endpoint, event?.kind === 'timer' && event.endpoint === timer.endpoint ? (this.backoff.get(timer.endpoint) ?? 0) + 1 : 0);
    }
  }

  /** The earliest time of this step's retransmission, once: undefined when its time is exact. */
  takeEarliest(): number | undefined {
    const earliest = this.earliest;
    this.earliest = undefined;
    return earliest;
  }
}
