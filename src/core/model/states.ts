// The TCP connection states this extension knows: the eleven of RFC 9293 §3.3.2, and the
// platform-only states that real tools print although no RFC defines them.
// Pure data: no `vscode`, no DOM (shared by the extension, the CLI and the tests).

/** The eleven RFC 9293 states, spelled as the RFC spells them (§3.3.2). */
export const RFC_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
] as const;
export type RfcState = (typeof RFC_STATES)[number];

/** The synchronized states (RFC 9293 §3.10.7.4 groups them for segment processing): ESTABLISHED onwards. */
export const SYNCHRONIZED_STATES: readonly RfcState[] = RFC_STATES.slice(RFC_STATES.indexOf('ESTABLISHED'));

/**
 * States that exist only on some platform. They are named by the platform's own spelling
 * (the RFC has no name for them).
 */
export const PLATFORM_STATES = [
  'NEW_SYN_RECV',
  'BOUND_INACTIVE',
  'DELETE_TCB',
  'BOUND',
  'IDLE',
  'NONE',
  'UNKNOWN',
] as const;
export type PlatformState = (typeof PLATFORM_STATES)[number];

export type StateId = RfcState | PlatformState;

export interface StateInfo {
  readonly id: StateId;
  /** 'rfc' for the eleven RFC 9293 states; 'platform' for the others. */
  readonly kind: 'rfc' | 'platform';
  /** Where a platform-only state lives, e.g. 'Linux' or 'Windows'. */
  readonly platform?: string;
  /** The RFC state a platform-only state stands beside, when there is one. */
  readonly nearest?: RfcState;
  /** RFC 9293 section that defines or frames the state. */
  readonly rfcSection: string;
}

export const STATE_INFO: Readonly<Record<StateId, StateInfo>> = {
  CLOSED: { id: 'CLOSED', kind: 'rfc', rfcSection: '§3.3.2' },
  LISTEN: { id: 'LISTEN', kind: 'rfc', rfcSection: '§3.3.2' },
  'SYN-SENT': { id: 'SYN-SENT', kind: 'rfc', rfcSection: '§3.3.2' },
  'SYN-RECEIVED': { id: 'SYN-RECEIVED', kind: 'rfc', rfcSection: '§3.3.2' },
  ESTABLISHED: { id: 'ESTABLISHED', kind: 'rfc', rfcSection: '§3.3.2' },
  'FIN-WAIT-1': { id: 'FIN-WAIT-1', kind: 'rfc', rfcSection: '§3.3.2' },
  'FIN-WAIT-2': { id: 'FIN-WAIT-2', kind: 'rfc', rfcSection: '§3.3.2' },
  'CLOSE-WAIT': { id: 'CLOSE-WAIT', kind: 'rfc', rfcSection: '§3.3.2' },
  CLOSING: { id: 'CLOSING', kind: 'rfc', rfcSection: '§3.3.2' },
  'LAST-ACK': { id: 'LAST-ACK', kind: 'rfc', rfcSection: '§3.3.2' },
  'TIME-WAIT': { id: 'TIME-WAIT', kind: 'rfc', rfcSection: '§3.3.2' },
  NEW_SYN_RECV: {
    id: 'NEW_SYN_RECV',
    kind: 'platform',
    platform: 'Linux',
    nearest: 'SYN-RECEIVED',
    rfcSection: '§3.10.7.2',
  },
  BOUND_INACTIVE: {
    id: 'BOUND_INACTIVE',
    kind: 'platform',
    platform: 'Linux',
    nearest: 'CLOSED',
    rfcSection: '§3.3.2',
  },
  DELETE_TCB: {
    id: 'DELETE_TCB',
    kind: 'platform',
    platform: 'Windows',
    nearest: 'CLOSED',
    rfcSection: '§3.10.5',
  },
  BOUND: { id: 'BOUND', kind: 'platform', platform: 'Windows, Solaris', nearest: 'CLOSED', rfcSection: '§3.3.2' },
  IDLE: { id: 'IDLE', kind: 'platform', platform: 'Solaris', nearest: 'CLOSED', rfcSection: '§3.3.2' },
  NONE: { id: 'NONE', kind: 'platform', platform: 'psutil, gopsutil', rfcSection: '§3.3.2' },
  UNKNOWN: { id: 'UNKNOWN', kind: 'platform', platform: 'Linux netstat, .NET', rfcSection: '§3.3.2' },
};

export const ALL_STATES: readonly StateId[] = [...RFC_STATES, ...PLATFORM_STATES];

export function isStateId(value: unknown): value is StateId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(STATE_INFO, value);
}

export function isRfcState(value: unknown): value is RfcState {
  return typeof value === 'string' && (RFC_STATES as readonly string[]).includes(value);
}
