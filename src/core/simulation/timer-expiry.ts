// A running timer fires (RFC 9293 §3.8.1 retransmission, §3.10.8 timeouts): which row of the
// transition table that is in the endpoint's state, and what it sends. Pure: no `vscode`, no DOM.
import type { RowId } from '../model/transitions';
import type { EndpointId, TimerKind } from './types';
import type { World } from './world';

/** The timers whose expiry deletes the TCB: TIME-WAIT's 2MSL and Linux's FIN-WAIT-2 timeout. */
const TIMEOUT_ROWS: Readonly<Record<Exclude<TimerKind, 'retransmission'>, RowId>> = { 'time-wait': 'R50', 'fin-wait-2': 'R42' };

/** A retransmission timeout, by what is waiting for its ACK: the SYN (T01), the SYN,ACK (T03), a FIN (R39), data (T07). */
const RETRANSMISSION_ROWS: readonly RowId[] = ['T01', 'T03', 'R39', 'T07'];

export function expireTimer(world: World, endpoint: EndpointId, kind: TimerKind): void {
  if (!world.hasTimer(endpoint, kind)) throw new Error(`simulator: ${endpoint} has no ${kind} timer running`);
  if (kind !== 'retransmission') return world.fire(endpoint, TIMEOUT_ROWS[kind]);
  const tcb = world.tcb[endpoint];
  // The connection-establishment budget is spent: the connect fails with ETIMEDOUT.
  if (world.applies(endpoint, 'T02') && tcb.synRetries >= world.config.synRetries) return world.fire(endpoint, 'T02');
  const front = tcb.queue[0];
  if (!front) throw new Error(`simulator: ${endpoint}'s retransmission queue is empty`);
  const row = world.fireFirst(endpoint, RETRANSMISSION_ROWS);
  if (!row) throw new Error(`simulator: no retransmission row for ${world.stateOf(endpoint)}`);
  if (row === 'T01') tcb.synRetries++;
  world.retransmit(endpoint, front);
}
