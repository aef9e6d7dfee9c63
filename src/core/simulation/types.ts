// Types of the simulated connection (data in scenarios.ts, engine in simulate.ts). Pure.
import type { RfcState } from '../states';

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
}

/**
 * 'fin-wait-2' is Linux's, not the RFC's: an orphaned socket (closed by its application) waits
 * in FIN-WAIT-2 at most net.ipv4.tcp_fin_timeout (60 s) for the peer's FIN.
 */
export type TimerKind = 'retransmission' | 'time-wait' | 'fin-wait-2';

export interface TimerView {
  readonly endpoint: EndpointId;
  readonly kind: TimerKind;
  readonly what: string;
  readonly whatZh: string;
  readonly rfc: string;
  readonly duration: string;
  readonly durationZh: string;
}

/**
 * 'close' is the application's close(): RFC 9293's CLOSE, and the socket is then orphaned (Linux
 * runs the FIN-WAIT-2 timer). 'shutdown' is shutdown(SHUT_WR): the same RFC CLOSE ("no more
 * to send"), but the application still reads, so no FIN-WAIT-2 timer.
 */
export type UserCall = 'passive-open' | 'active-open' | 'send' | 'close' | 'shutdown' | 'abort';

export type SimEvent =
  | { readonly kind: 'user'; readonly endpoint: EndpointId; readonly call: UserCall; readonly bytes?: number }
  /**
   * The oldest segment in flight to `to` arrives. `delayAck`: the receiver holds back the ACK it
   * owes (a delayed ACK, RFC 9293 §3.8.6.3, at most 0.5 s) so that its next segment carries it.
   * `newest`: the newest segment in flight arrives first (it overtook the older ones).
   */
  | { readonly kind: 'deliver'; readonly to: EndpointId; readonly delayAck?: boolean; readonly newest?: boolean }
  /** The oldest segment in flight to `to` is lost. */
  | { readonly kind: 'lose'; readonly to: EndpointId }
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

export interface Step {
  /** 0 is the starting snapshot (no event). */
  readonly index: number;
  readonly event?: SimEvent;
  readonly actor?: EndpointId;
  readonly sent: readonly Segment[];
  readonly delivered?: Segment;
  readonly lost?: Segment;
  readonly before: { readonly client: RfcState; readonly server: RfcState };
  readonly states: { readonly client: RfcState; readonly server: RfcState };
  readonly tcb: { readonly client: TcbView; readonly server: TcbView };
  readonly timers: readonly TimerView[];
  readonly timersStarted: readonly TimerView[];
  readonly timersStopped: readonly TimerView[];
  /** Transition-table rows that fired, in order. */
  readonly rows: readonly string[];
  readonly rfc: readonly string[];
  readonly inFlight: readonly Segment[];
  readonly narration: { readonly en: string; readonly 'zh-cn': string };
}

export interface Scenario {
  readonly id: string;
  readonly number: number;
  readonly title: { readonly en: string; readonly 'zh-cn': string };
  readonly summary: { readonly en: string; readonly 'zh-cn': string };
  readonly iss: { readonly client: number; readonly server: number };
  /** SYN retransmissions before an active open gives up (Linux tcp_syn_retries: 6). */
  readonly synRetries?: number;
  readonly events: readonly SimEvent[];
}
