// What the steps of RFC 9293 §3.10.7.4 share while one segment is processed: the receiver, the
// segment as it arrived, and what is left of it once the sequence check has trimmed off what was
// already received. Each step says whether processing goes on, as the RFC's "drop the segment
// and return" does. Pure: no `vscode`, no DOM.
import type { EndpointId, Segment } from '../types';
import type { World } from '../world';

export interface Arrival {
  readonly world: World;
  readonly to: EndpointId;
  readonly segment: Segment;
  /** The scenario asked the receiver to hold back the ACK it owes (a delayed ACK). */
  readonly delayAck: boolean;
  /** After trimming (first step): where the new part starts, whether a new SYN is on it, how much new data. */
  seq: number;
  syn: boolean;
  len: number;
}

/** 'continue' to the next step, or 'done': the segment is dropped or fully processed. */
export type Outcome = 'continue' | 'done';

export type ArrivalStep = (arrival: Arrival) => Outcome;
