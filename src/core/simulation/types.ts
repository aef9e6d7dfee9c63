// Types of the simulated connection, shared by the engine (which records what happened) and
// the text (which says it in words, text/). Data in scenarios.ts, driver in simulate.ts. Pure.
import type { Localized } from '../model/locales';
import type { RfcState } from '../model/states';
import type { RowId } from '../model/transitions';

export type EndpointId = 'client' | 'server';
export type Flag = 'SYN' | 'FIN' | 'RST' | 'ACK';

export interface Segment {
  /** 1, 2, 3… in the order segments are sent within one run. */
  readonly id: number;
  readonly from: EndpointId | 'old-duplicate';
  readonly to: EndpointId;
  /** SYN / FIN / RST first, ACK last: 'SYN,ACK', 'FIN,ACK'. */
  readonly flags: readonly Flag[];
  readonly seq: number;
  /** Present exactly when the ACK flag is set. */
  readonly ack?: number;
  /** Data bytes (SYN and FIN each take a sequence number but are not counted here). */
  readonly len: number;
  readonly retransmission?: boolean;
  /** A copy the network made of a segment in flight (the explorer's "duplicate"): same fields, its own id. */
  readonly duplicate?: boolean;
}

/**
 * 'fin-wait-2' is Linux's, not the RFC's: an orphaned socket (closed by its application) waits
 * in FIN-WAIT-2 at most net.ipv4.tcp_fin_timeout (60 s) for the peer's FIN.
 */
export type TimerKind = 'retransmission' | 'time-wait' | 'fin-wait-2';

/**
 * A timer as the engine knows it: whose, which, and what it guards when this was recorded.
 * The walkthrough's words for it are written in text/timer-text.ts.
 */
export interface TimerFact {
  readonly endpoint: EndpointId;
  readonly kind: TimerKind;
  /** The endpoint's state then: it decides a retransmission's retry budget (SYN, SYN,ACK, data). */
  readonly state: RfcState;
  /** For a retransmission timer: the front of the retransmission queue, what it sends again. */
  readonly resends?: Pick<Segment, 'flags' | 'seq' | 'len'>;
}

/**
 * 'close' is the application's close(): RFC 9293's CLOSE, and the socket is then orphaned (Linux
 * runs the FIN-WAIT-2 timer). 'shutdown' is shutdown(SHUT_WR): the same RFC CLOSE ("no more
 * to send"), but the application still reads, so no FIN-WAIT-2 timer. 'stop-reading' is no RFC
 * call: the application stops reading (Node's pause() with the socket's handle stopped), so
 * data that arrives from then on stays in the receive queue, unread; until then the application
 * reads everything as it arrives. Only the 'linux' profile acts on unread data (close() sends RST).
 */
export type UserCall = 'passive-open' | 'active-open' | 'send' | 'close' | 'shutdown' | 'abort' | 'stop-reading';

/**
 * Whose behaviour the endpoints follow where a stack and RFC 9293 differ: 'rfc9293' (the default,
 * the RFC's base rules), 'linux' (what Linux 6.x does by default) or 'freebsd' (the one fork of
 * FreeBSD's the research documents that the engine models: a RST in TIME-WAIT is ignored, RFC
 * 1337; its other forks, a SYN in TIME-WAIT reopening and a FIN without ACK dropped there, are
 * rows the engine does not play). Each difference is reported as a LinuxDifference (the name is
 * historical: it says which stack through its id) in the step that made it.
 */
export type Profile = 'rfc9293' | 'linux' | 'freebsd';

/** How a scenario is run. */
export interface RunOptions {
  /** Default: the scenario's own profile, else 'rfc9293'. */
  readonly profile?: Profile;
  /** Linux settings the 'linux' profile reads. net.ipv4.tcp_rfc1337: 0 (Linux's default) or 1. */
  readonly sysctl?: { readonly tcp_rfc1337?: 0 | 1 };
}

/**
 * A place where the 'linux' profile did something else than RFC 9293's base rule:
 * - 'close-with-unread-data': close() with received data the application never read sends RST,
 *   not FIN, and the socket is CLOSED at once (RFC 9293 §3.6.1 MAY-1/SHLD-3; Linux tcp_close(),
 *   LINUX_MIB_TCPABORTONCLOSE);
 * - 'data-after-close': new data arriving after close() (FIN-WAIT-1/2 of an orphaned socket) is
 *   answered with RST and the socket is CLOSED (RFC 9293 §3.6.1 SHLD-3, RFC 1122 §4.2.2.13;
 *   Linux tcp_rcv_state_process() and tcp_timewait_state_process(), LINUX_MIB_TCPABORTONDATA);
 * - 'abort-rst-carries-ack': an abort's RST carries ACK (Linux tcp_send_active_reset());
 *   RFC 9293 §3.10.5 sends <SEQ=SND.NXT><CTL=RST>;
 * - 'syn-ack-fin-in-syn-sent': a SYN,ACK,FIN in SYN-SENT: Linux takes the SYN and the ACK and
 *   leaves the FIN for the peer to send again (ACK = SEQ+1, ESTABLISHED), where RFC 9293
 *   §3.10.7.3 processes it too (R14, CLOSE-WAIT) (Linux tcp_rcv_synsent_state_process());
 * - 'rst-in-time-wait-ignored': with net.ipv4.tcp_rfc1337 = 1 a RST in TIME-WAIT is ignored
 *   (RFC 1337 "TIME-WAIT assassination"); with 0, Linux's default, it ends TIME-WAIT as RFC 9293
 *   §3.10.7.4 says (Linux tcp_timewait_state_process());
 * - 'freebsd-rst-in-time-wait-ignored': FreeBSD ignores a RST in TIME-WAIT, always (RFC 1337's
 *   first fix; sys/netinet/tcp_timewait.c tcp_twcheck(); freebsd-net/tcp-testsuite).
 */
export type LinuxDifferenceId = 'close-with-unread-data' | 'data-after-close' | 'abort-rst-carries-ack' | 'syn-ack-fin-in-syn-sent' | 'rst-in-time-wait-ignored' | 'freebsd-rst-in-time-wait-ignored';

/** The stack a difference is of: FreeBSD's ids start with 'freebsd-'. */
export function differenceStack(id: LinuxDifferenceId): 'linux' | 'freebsd' {
  return id.startsWith('freebsd-') ? 'freebsd' : 'linux';
}

export interface LinuxDifference {
  readonly id: LinuxDifferenceId;
  readonly endpoint: EndpointId;
  /** What RFC 9293 does there instead: the row its base rule fires (the Linux run fired others, or none). */
  readonly rfcRow?: RowId;
  /** Where it is written: the RFC section and the Linux function. */
  readonly source: string;
}

export type SimEvent =
  | { readonly kind: 'user'; readonly endpoint: EndpointId; readonly call: UserCall; readonly bytes?: number }
  /**
   * The oldest segment in flight to `to` arrives. `delayAck`: the receiver holds back the ACK it
   * owes (a delayed ACK, RFC 9293 §3.8.6.3, at most 0.5 s) so that its next segment carries it.
   * `newest`: the newest segment in flight arrives first (it overtook the older ones).
   * `segment`: that segment (by id) arrives, whichever of those in flight to `to` it is (the explorer's choice).
   */
  | { readonly kind: 'deliver'; readonly to: EndpointId; readonly delayAck?: boolean; readonly newest?: boolean; readonly segment?: number }
  /** The oldest segment in flight to `to` is lost (`segment`: that one, by id). */
  | { readonly kind: 'lose'; readonly to: EndpointId; readonly segment?: number }
  /** The network duplicates segment `segment` in flight to `to`: a copy travels behind it (RFC 9293 §3.4's duplicates). */
  | { readonly kind: 'duplicate'; readonly to: EndpointId; readonly segment: number }
  /** That endpoint's running timer fires. */
  | { readonly kind: 'timer'; readonly endpoint: EndpointId; readonly timer: TimerKind }
  /** A stale segment of an earlier connection appears in flight to `to`. */
  | { readonly kind: 'inject'; readonly to: EndpointId; readonly flags: readonly Flag[]; readonly seq: number; readonly ack?: number };

export interface TcbView {
  readonly state: RfcState;
  readonly iss?: number;
  readonly irs?: number;
  readonly sndUna?: number;
  readonly sndNxt?: number;
  readonly rcvNxt?: number;
}

/** What one step did, as facts only: the engine writes no words (those are text/'s). */
export interface StepFacts {
  /** 0 is the starting snapshot (no event). */
  readonly index: number;
  readonly event?: SimEvent;
  readonly actor?: EndpointId;
  readonly sent: readonly Segment[];
  /** The segment that arrived. */
  readonly delivered?: Segment;
  /** The segment the network dropped. */
  readonly lost?: Segment;
  /** The copy the network made of a segment in flight. */
  readonly duplicated?: Segment;
  readonly before: { readonly client: RfcState; readonly server: RfcState };
  readonly states: { readonly client: RfcState; readonly server: RfcState };
  readonly tcb: { readonly client: TcbView; readonly server: TcbView };
  /** Timers running once the step is done. */
  readonly timers: readonly TimerFact[];
  readonly timersStarted: readonly TimerFact[];
  readonly timersStopped: readonly TimerFact[];
  /** Transition-table rows that fired, in order. */
  readonly rows: readonly RowId[];
  /** The RFC sections of those rows, each once. */
  readonly rfc: readonly string[];
  readonly inFlight: readonly Segment[];
  /** Where the 'linux' profile departed from RFC 9293 in this step (always empty under 'rfc9293'). */
  readonly differences: readonly LinuxDifference[];
}

/** A step with its narration in both languages, as `simulate` returns it. */
export interface Step extends StepFacts {
  readonly narration: Localized<string>;
}

export interface Scenario {
  readonly id: string;
  readonly number: number;
  readonly title: Localized<string>;
  readonly summary: Localized<string>;
  readonly iss: { readonly client: number; readonly server: number };
  /** SYN retransmissions before an active open gives up (Linux tcp_syn_retries: 6). */
  readonly synRetries?: number;
  /** The behaviour this scenario shows; default 'rfc9293'. */
  readonly profile?: Profile;
  readonly events: readonly SimEvent[];
}
