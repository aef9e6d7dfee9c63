// One socket's states as the Linux kernel went through them, in RFC 9293's names, from what
// kernel-trace.mjs recorded: the capture timeline's kernel test (timeline.test.mjs) and its
// end-to-end test (test/e2e/timeline.e2e.mjs) compare the timeline's states with these.
// What the kernel shows differently from the RFC, and how it is read here:
// - TIME-WAIT: tcp_time_wait() replaces the full socket by a timewait socket; the trace shows
//   "-> CLOSE", ss shows the timewait socket. The CLOSE is replaced by what ss shows at rest.
// - A FIN,ACK that acknowledges our FIN in FIN-WAIT-1: RFC 9293 goes straight to TIME-WAIT
//   (Figure 5 note 2; the engine's R38); Linux takes the ACK first (tcp_rcv_state_process():
//   FIN_WAIT1 -> FIN_WAIT2) and then the FIN (tcp_fin() -> tcp_time_wait()), in the same
//   segment. The kernel's FIN-WAIT-2 is dropped there when both events are that close in time.
import { LINUX_TO_RFC } from './kernel-trace.mjs';

/** The kernel's two events of one FIN,ACK in FIN-WAIT-1 come within this many seconds. */
const SAME_SEGMENT_S = 0.005;

/** @param {string[]} states */
export const dedupe = (states) => states.filter((s, i) => i === 0 || states[i - 1] !== s);
/** @param {string} linux */
export const rfc = (linux) => LINUX_TO_RFC[/** @type {keyof typeof LINUX_TO_RFC} */ (linux)] ?? linux;

/**
 * One socket's states: its traced transitions (the first one's old state too, unless it is
 * CLOSE: the timeline does not list the CLOSED every connection starts from), the CLOSE of
 * tcp_time_wait() replaced by the timewait socket ss shows. `notes` gets what was read so.
 * @param {{ oldState: string, newState: string }[]} transitions
 * @param {{ state: string } | undefined} ssEntry
 * @param {string[]} notes
 * @param {string} who
 */
export function kernelStates(transitions, ssEntry, notes, who) {
  if (transitions.length === 0) return ['CLOSED'];
  const first = transitions[0].oldState;
  let states = dedupe([...(first === 'CLOSE' ? [] : [first]), ...transitions.map((t) => t.newState)]);
  if (states.at(-1) === 'CLOSE' && ssEntry && ssEntry.state !== 'CLOSE') {
    notes.push(`${who}: ${transitions.at(-1)?.oldState} -> CLOSE traced, a timewait socket in ${ssEntry.state} took its place (tcp_time_wait(); ss at rest)`);
    states = dedupe([...states.slice(0, -1), ssEntry.state]);
  }
  return states.map(rfc);
}

/**
 * Linux's FIN-WAIT-2 inside one FIN,ACK segment (see the header), dropped where the timeline has R38.
 * @param {string[]} kernel
 * @param {readonly string[]} timeline
 * @param {{ oldState: string, newState: string, time: number }[]} transitions
 * @param {string[]} notes
 * @param {string} who
 */
export function withoutSameSegmentFinWait2(kernel, timeline, transitions, notes, who) {
  const at = kernel.findIndex((s, i) => s === 'FIN-WAIT-2' && kernel[i - 1] === 'FIN-WAIT-1' && kernel[i + 1] === 'TIME-WAIT');
  const direct = timeline.some((s, i) => s === 'FIN-WAIT-1' && timeline[i + 1] === 'TIME-WAIT');
  if (at < 0 || !direct) return kernel;
  const into = transitions.find((t) => t.newState === 'FIN_WAIT2');
  const out = transitions.find((t) => t.oldState === 'FIN_WAIT2');
  if (!into || !out || out.time - into.time > SAME_SEGMENT_S) return kernel;
  notes.push(`${who}: Linux FIN_WAIT1 -> FIN_WAIT2 -> (TIME_WAIT) within ${((out.time - into.time) * 1e6).toFixed(0)} µs on one FIN,ACK; RFC 9293 FIN-WAIT-1 -> TIME-WAIT (Figure 5 note 2, R38)`);
  return [...kernel.slice(0, at), ...kernel.slice(at + 1)];
}
