// Where an arriving segment is processed (RFC 9293 §3.10.7): CLOSED, LISTEN and SYN-SENT each
// have their own rules (§3.10.7.1–3); every other state runs §3.10.7.4's steps in the RFC's
// order, never a lookup by flags. Pure: no `vscode`, no DOM.
import type { RfcState } from '../../model/states';
import type { EndpointId, Segment } from '../types';
import type { World } from '../world';
import { checkAck } from './ack-check';
import type { Arrival, ArrivalStep } from './arrival';
import { arriveInClosed } from './closed';
import { processFin } from './fin';
import { arriveInListen } from './listen';
import { checkRst } from './rst-check';
import { checkSequence } from './sequence-check';
import { arriveInSynSent } from './syn-sent';
import { checkSyn } from './syn-check';
import { processText } from './text';

const BEFORE_SYNCHRONIZATION: Partial<Record<RfcState, (world: World, to: EndpointId, segment: Segment) => void>> = {
  CLOSED: arriveInClosed,
  LISTEN: arriveInListen,
  'SYN-SENT': arriveInSynSent,
};

/**
 * §3.10.7.4 for SYN-RECEIVED and the synchronized states. The third step (security and
 * compartment) and the URG half of the sixth have nothing to do here: the simulator has one
 * compartment and no urgent data.
 */
const STEPS: readonly ArrivalStep[] = [checkSequence, checkRst, checkSyn, checkAck, processText, processFin];

export function arrive(world: World, to: EndpointId, segment: Segment, delayAck: boolean): void {
  const special = BEFORE_SYNCHRONIZATION[world.stateOf(to)];
  if (special) return special(world, to, segment);
  const arrival: Arrival = { world, to, segment, delayAck, seq: segment.seq, syn: segment.flags.includes('SYN'), len: segment.len };
  for (const step of STEPS) if (step(arrival) === 'done') return;
}
