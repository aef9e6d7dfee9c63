// The RFC 9293 §3.10 transition table as data: the one source for the diagram, the hover's
// "entered by / left by" lists and the simulator, which moves only by firing these rows
// (simulation/world.ts) and so can make no move the table lacks. Pure: no `vscode`, no DOM.
// Row ids (U = user call, R = segment arrival, T = timer) follow the research table and are stable.
import { RFC_STATES, SYNCHRONIZED_STATES, type RfcState } from './states';
import type { RowIdShape, Transition } from './transition-types';
import { LINUX } from './explanation-facts';

/** What each group of literal rows is checked against before its ids become `RowId`. */
type Row = Transition<RowIdShape>;

const SYNC = SYNCHRONIZED_STATES;
const SYN_RECEIVED_OR_SYNC: readonly RfcState[] = ['SYN-RECEIVED', ...SYNC];
const ANY_BUT_CLOSED: readonly RfcState[] = RFC_STATES.filter((s) => s !== 'CLOSED');
/** §3.10.1: an OPEN in LISTEN turns it active (U03); from SYN-SENT on it is an error (U19). */
const SYN_SENT_ONWARD: readonly RfcState[] = ANY_BUT_CLOSED.filter((s) => s !== 'LISTEN');
const ANY: readonly RfcState[] = RFC_STATES;

const FIN_SEGMENT = '<SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>';
const ACK_SEGMENT = '<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>';
const PASSIVE_ORIGIN = 'SYN-RECEIVED was reached by passive OPEN (from LISTEN)';
const ACTIVE_ORIGIN = 'SYN-RECEIVED was reached by active OPEN (from SYN-SENT)';

// ---- User calls (§3.10.1–§3.10.5) ----
const USER_ROWS = [
  {
    id: 'U01', from: ['CLOSED'], eventKind: 'user', event: 'passive OPEN',
    action: 'create a TCB and wait for a connection request', to: 'LISTEN',
    label: { event: 'passive OPEN', action: 'create TCB' }, figure: 'arc', path: 'server', rfc: '§3.10.1',
    note: 'Sockets: listen() on a bound socket.',
  },
  {
    id: 'U02', from: ['CLOSED'], eventKind: 'user', event: 'active OPEN', guard: 'the remote socket is specified',
    action: 'create a TCB; choose ISS; send <SEQ=ISS><CTL=SYN>; SND.UNA=ISS, SND.NXT=ISS+1; start the retransmission timer',
    to: 'SYN-SENT', label: { event: 'active OPEN', action: 'snd SYN' }, figure: 'arc', path: 'client', rfc: '§3.10.1',
    note: 'Without a remote socket the call fails with "error: remote socket unspecified". Sockets: connect().',
  },
  {
    id: 'U03', from: ['LISTEN'], eventKind: 'user', event: 'active OPEN', guard: 'the remote socket is specified',
    action:
      'turn the connection from passive to active; send <SEQ=ISS><CTL=SYN>; SND.NXT=ISS+1; ' +
      'start the retransmission timer',
    to: 'SYN-SENT', label: { event: 'active OPEN', action: 'snd SYN' }, figure: 'text', path: 'atypical', rfc: '§3.10.1',
    note: 'Figure 5 draws this arc only for SEND (U04); the OPEN case is in the text.',
  },
  {
    id: 'U04', from: ['LISTEN'], eventKind: 'user', event: 'SEND', guard: 'the remote socket is specified',
    action:
      'turn the connection from passive to active; send <SEQ=ISS><CTL=SYN> (the data rides on the SYN ' +
      'or waits in the queue); start the retransmission timer',
    to: 'SYN-SENT', label: { event: 'SEND', action: 'snd SYN' }, figure: 'arc', path: 'atypical', rfc: '§3.10.2',
    note: 'The sockets API cannot send on a listening socket, so real stacks never take this arc.',
  },
  {
    id: 'U05', from: ['LISTEN'], eventKind: 'user', event: 'CLOSE',
    action: 'answer pending RECEIVEs with "error: closing"; delete the TCB', to: 'CLOSED',
    label: { event: 'CLOSE', action: 'delete TCB' }, figure: 'arc', path: 'atypical', rfc: '§3.10.4',
  },
  {
    id: 'U06', from: ['SYN-SENT'], eventKind: 'user', event: 'CLOSE',
    action: 'delete the TCB; answer queued SENDs and RECEIVEs with "error: closing"; send nothing', to: 'CLOSED',
    label: { event: 'CLOSE', action: 'delete TCB' }, figure: 'arc', path: 'atypical', rfc: '§3.10.4',
    note: 'Since no TCB is left, Linux answers a SYN,ACK that arrives afterwards with a RST.',
  },
  {
    id: 'U07', from: ['SYN-RECEIVED'], eventKind: 'user', event: 'CLOSE',
    guard: 'no SENDs were issued and no data is pending',
    action: `send ${FIN_SEGMENT}; SND.NXT+=1; start the retransmission timer`, to: 'FIN-WAIT-1',
    label: { event: 'CLOSE', action: 'snd FIN' }, figure: 'arc', path: 'atypical', rfc: '§3.10.4',
    note: 'Otherwise the CLOSE is queued until the connection is ESTABLISHED.',
  },
  {
    id: 'U08', from: ['ESTABLISHED'], eventKind: 'user', event: 'CLOSE',
    action: `once queued data has been sent, send ${FIN_SEGMENT}; SND.NXT+=1; start the retransmission timer`,
    to: 'FIN-WAIT-1', label: { event: 'CLOSE', action: 'snd FIN' }, figure: 'arc', path: 'client', rfc: '§3.10.4',
    note:
      'Sockets: close() or shutdown(SHUT_WR); after a half-close the application can still read. If received data ' +
      'is still unread at close(), or data arrives after it, Linux sends a RST instead (RFC 9293 §3.6.1, MAY-1, SHLD-3).',
  },
  {
    id: 'U09', from: ['CLOSE-WAIT'], eventKind: 'user', event: 'CLOSE',
    action: `once queued data has been sent, send ${FIN_SEGMENT}; SND.NXT+=1; start the retransmission timer`,
    to: 'LAST-ACK', label: { event: 'CLOSE', action: 'snd FIN' }, figure: 'arc', path: 'server', rfc: '§3.10.4',
    note: 'No timer takes a connection out of CLOSE-WAIT: it waits for the application to close().',
  },
  {
    id: 'U10', from: ['FIN-WAIT-1', 'FIN-WAIT-2'], eventKind: 'user', event: 'CLOSE',
    action: 'return "error: connection closing" (or "ok", without sending a second FIN)', to: null,
    label: { event: 'CLOSE', action: 'error: closing' }, figure: 'text', rfc: '§3.10.4',
  },
  {
    id: 'U11', from: ['CLOSING', 'LAST-ACK', 'TIME-WAIT'], eventKind: 'user', event: 'CLOSE',
    action: 'return "error: connection closing"', to: null,
    label: { event: 'CLOSE', action: 'error: closing' }, figure: 'text', rfc: '§3.10.4',
  },
  {
    id: 'U12', from: ['LISTEN'], eventKind: 'user', event: 'ABORT',
    action: 'answer pending RECEIVEs with "error: connection reset"; delete the TCB', to: 'CLOSED',
    label: { event: 'ABORT', action: 'delete TCB' }, figure: 'text', path: 'atypical', rfc: '§3.10.5',
  },
  {
    id: 'U13', from: ['SYN-SENT'], eventKind: 'user', event: 'ABORT',
    action: 'answer queued SENDs and RECEIVEs with "connection reset"; delete the TCB; send no RST', to: 'CLOSED',
    label: { event: 'ABORT', action: 'delete TCB' }, figure: 'text', path: 'atypical', rfc: '§3.10.5',
  },
  {
    id: 'U14', from: ['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'], eventKind: 'user',
    event: 'ABORT',
    action: 'send <SEQ=SND.NXT><CTL=RST>; flush all queues; answer pending calls with "connection reset"; delete the TCB',
    to: 'CLOSED', label: { event: 'ABORT', action: 'snd RST' }, figure: 'note3', path: 'atypical', rfc: '§3.10.5',
    note:
      '§3.5.2 and Figure 5 note 3 say the side that sends a reset should enter TIME-WAIT; this table follows ' +
      'the detailed §3.10.5 ABORT text, which enters CLOSED. Sockets: close() with SO_LINGER set to 0. Linux\'s RST ' +
      'also carries an ACK: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK> (tcp_send_active_reset).',
  },
  {
    id: 'U15', from: ['CLOSING', 'LAST-ACK', 'TIME-WAIT'], eventKind: 'user', event: 'ABORT',
    action: 'return "ok"; delete the TCB; send no RST', to: 'CLOSED',
    label: { event: 'ABORT', action: 'delete TCB' }, figure: 'text', path: 'atypical', rfc: '§3.10.5',
  },
  {
    id: 'U16', from: ['SYN-SENT', 'SYN-RECEIVED'], eventKind: 'user', event: 'SEND',
    action: 'queue the data until the connection is ESTABLISHED', to: null,
    label: { event: 'SEND', action: 'queue data' }, figure: 'text', rfc: '§3.10.2',
  },
  {
    id: 'U17', from: ['ESTABLISHED', 'CLOSE-WAIT'], eventKind: 'user', event: 'SEND',
    action: 'segmentize the buffer and send it with ACK=RCV.NXT; start the retransmission timer', to: null,
    label: { event: 'SEND', action: 'snd data' }, figure: 'text', rfc: '§3.10.2',
  },
  {
    id: 'U18', from: ['FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'], eventKind: 'user', event: 'SEND',
    action: 'return "error: connection closing"', to: null,
    label: { event: 'SEND', action: 'error: closing' }, figure: 'text', rfc: '§3.10.2',
    note: 'Sockets: write() after shutdown(SHUT_WR) fails with EPIPE.',
  },
  {
    id: 'U19', from: SYN_SENT_ONWARD, eventKind: 'user', event: 'OPEN',
    action: 'return "error: connection already exists"', to: null,
    label: { event: 'OPEN', action: 'error: exists' }, figure: 'text', rfc: '§3.10.1',
  },
] as const satisfies readonly Row[];

// ---- Segment arrivals in CLOSED, LISTEN and SYN-SENT (§3.10.7.1–§3.10.7.3) ----
const OPENING_ROWS = [
  {
    id: 'R01', from: ['CLOSED'], eventKind: 'segment', event: 'receive a RST', action: 'discard it', to: 'CLOSED',
    label: { event: 'rcv RST', action: 'x' }, figure: 'text', rfc: '§3.10.7.1',
    note: 'A RST is never answered, so two hosts cannot reset each other in a loop.',
  },
  {
    id: 'R02', from: ['CLOSED'], eventKind: 'segment',
    event: 'receive a segment without RST and with the ACK bit off (a SYN, a bare FIN)',
    action: 'send <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>', to: 'CLOSED',
    label: { event: 'rcv SYN/FIN, no ACK', action: 'snd RST,ACK' }, figure: 'text', rfc: '§3.10.7.1',
    note: 'For a SYN this is "connection refused": the peer\'s connect() fails with ECONNREFUSED.',
  },
  {
    id: 'R03', from: ['CLOSED'], eventKind: 'segment',
    event: 'receive a segment without RST and with the ACK bit on (ACK, SYN,ACK, FIN,ACK, data)',
    action: 'send <SEQ=SEG.ACK><CTL=RST>', to: 'CLOSED',
    label: { event: 'rcv seg with ACK', action: 'snd RST' }, figure: 'text', rfc: '§3.10.7.1',
    note: 'What a peer meets once LAST-ACK or TIME-WAIT has ended, or after a crash (half-open discovery).',
  },
  {
    id: 'R04', from: ['LISTEN'], eventKind: 'segment', event: 'receive a RST', action: 'ignore it', to: 'LISTEN',
    label: { event: 'rcv RST', action: 'x' }, figure: 'text', rfc: '§3.10.7.2',
  },
  {
    id: 'R05', from: ['LISTEN'], eventKind: 'segment',
    event: 'receive a segment with the ACK bit on (ACK, SYN,ACK, FIN,ACK)',
    action: 'send <SEQ=SEG.ACK><CTL=RST>', to: 'LISTEN',
    label: { event: 'rcv ACK', action: 'snd RST' }, figure: 'text', rfc: '§3.10.7.2',
  },
  {
    id: 'R06', from: ['LISTEN'], eventKind: 'segment', event: 'receive a SYN without ACK',
    guard: 'the security/compartment check passes; in real stacks, the SYN queue is not full',
    action:
      'IRS=SEG.SEQ, RCV.NXT=SEG.SEQ+1; choose ISS; send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>; ' +
      'SND.UNA=ISS, SND.NXT=ISS+1; remember the passive origin; start the retransmission timer',
    to: 'SYN-RECEIVED', label: { event: 'rcv SYN', action: 'snd SYN,ACK' }, figure: 'arc', path: 'server',
    rfc: '§3.10.7.2',
    note:
      'Linux and FreeBSD keep only a small request socket (Linux NEW_SYN_RECV) or syncache entry at this ' +
      'point; the listener itself stays in LISTEN.',
  },
  {
    id: 'R07', from: ['LISTEN'], eventKind: 'segment', event: 'receive a SYN', guard: 'the SYN queue (backlog) is full',
    action: 'drop the SYN, or answer it statelessly with a SYN cookie', to: 'LISTEN',
    label: { event: 'rcv SYN, queue full', action: 'x' }, figure: 'impl', rfc: '§3.10.7.2',
    note:
      'Implementation behaviour, not in any RFC. Linux: the request queue is full when it holds the listener\'s ' +
      'backlog, min(backlog, somaxconn) (inet_csk_reqsk_queue_is_full); then it answers with SYN cookies ' +
      '(tcp_syncookies, default 1) or, with 0, drops. tcp_max_syn_backlog matters only with syncookies off: from 3/4 ' +
      'of it, SYNs from peers not proven alive are dropped. A full accept queue drops SYNs too (ListenOverflows).',
  },
  {
    id: 'R08', from: ['LISTEN'], eventKind: 'segment', event: 'receive any other segment (a bare FIN, no flags)',
    action: 'drop it', to: 'LISTEN', label: { event: 'rcv other', action: 'x' }, figure: 'text', rfc: '§3.10.7.2',
    note: 'The RFC processes a SYN,FIN as a SYN; Linux and FreeBSD drop it.',
  },
  {
    id: 'R09', from: ['SYN-SENT'], eventKind: 'segment',
    event: 'receive an ACK-bearing segment, no RST, with SEG.ACK =< ISS or SEG.ACK > SND.NXT',
    action: 'send <SEQ=SEG.ACK><CTL=RST>; drop the segment', to: 'SYN-SENT',
    label: { event: 'rcv bad ACK', action: 'snd RST' }, figure: 'text', rfc: '§3.10.7.3',
    note: 'This is how a rebooted host clears a half-open connection (RFC 9293 Figure 9).',
  },
  {
    id: 'R10', from: ['SYN-SENT'], eventKind: 'segment', event: 'receive a RST without an acceptable ACK',
    action: 'drop it', to: 'SYN-SENT', label: { event: 'rcv RST, bad ACK', action: 'x' }, figure: 'text',
    rfc: '§3.10.7.3', note: 'The SYN keeps being retransmitted.',
  },
  {
    id: 'R11', from: ['SYN-SENT'], eventKind: 'segment', event: 'receive a RST with an acceptable ACK',
    guard: 'RFC 5961 may add a sequence-number check',
    action: 'signal "error: connection reset" (refused); delete the TCB', to: 'CLOSED',
    label: { event: 'rcv RST,ACK', action: 'delete TCB' }, figure: 'note3', path: 'atypical', rfc: '§3.10.7.3',
    note: 'Sockets: connect() fails with ECONNREFUSED.',
  },
  {
    id: 'R12', from: ['SYN-SENT'], eventKind: 'segment', event: 'receive a SYN,ACK that acknowledges our SYN',
    action: `IRS=SEG.SEQ, RCV.NXT=SEG.SEQ+1, SND.UNA=SEG.ACK; send ${ACK_SEGMENT}; cancel the retransmission timer`,
    to: 'ESTABLISHED', label: { event: 'rcv SYN,ACK', action: 'snd ACK' }, figure: 'arc', path: 'client',
    rfc: '§3.10.7.3',
  },
  {
    id: 'R13', from: ['SYN-SENT'], eventKind: 'segment', event: 'receive a SYN without ACK',
    action: 'IRS=SEG.SEQ, RCV.NXT=SEG.SEQ+1; send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>; remember the active origin',
    to: 'SYN-RECEIVED', label: { event: 'rcv SYN', action: 'snd SYN,ACK' }, figure: 'arc', path: 'atypical',
    rfc: '§3.10.7.3',
    note: 'Simultaneous open (MUST-10). RFC 793\'s figure wrongly labelled this arc "snd ACK".',
  },
  {
    id: 'R14', from: ['SYN-SENT'], eventKind: 'segment', event: 'receive a SYN,ACK,FIN that acknowledges our SYN',
    action: `as R12, then process the FIN: RCV.NXT+=1; send ${ACK_SEGMENT}`, to: 'CLOSE-WAIT',
    label: { event: 'rcv SYN,ACK,FIN', action: 'snd ACK' }, figure: 'text', path: 'atypical', rfc: '§3.10.7.3',
    note:
      'Netsem also lets SYN-SENT go straight to CLOSE-WAIT. Linux differs: it does not process a FIN carried on the ' +
      'SYN,ACK; it ACKs SEG.SEQ+1 and stays ESTABLISHED until the peer retransmits its FIN.',
  },
  {
    id: 'R15', from: ['SYN-SENT'], eventKind: 'segment',
    event: 'receive a segment with neither SYN nor RST (an acceptable bare ACK, a FIN, data)',
    action: 'drop it', to: 'SYN-SENT', label: { event: 'rcv no SYN, no RST', action: 'x' }, figure: 'text',
    rfc: '§3.10.7.3', note: 'A FIN cannot be validated before the peer\'s sequence numbers are known.',
  },
] as const satisfies readonly Row[];

// ---- SYN-RECEIVED and the synchronized states (§3.10.7.4, in pipeline order) ----
const SYNCHRONIZED_ROWS = [
  {
    id: 'R16', from: SYN_RECEIVED_OR_SYNC, eventKind: 'segment',
    event: 'receive a segment that fails the acceptability test, no RST',
    action: `send ${ACK_SEGMENT}; drop the segment`, to: null,
    label: { event: 'rcv unacceptable seg', action: 'snd ACK' }, figure: 'text', rfc: '§3.10.7.4 (1)',
    note: 'Strictly, a retransmitted SYN in SYN-RECEIVED lands here; Linux and BSD re-send the SYN,ACK instead.',
  },
  {
    id: 'R17', from: SYN_RECEIVED_OR_SYNC, eventKind: 'segment',
    event: 'receive a RST that fails the acceptability test', action: 'drop it silently', to: null,
    label: { event: 'rcv unacceptable RST', action: 'x' }, figure: 'text', rfc: '§3.10.7.4 (1)',
  },
  {
    id: 'R18', from: ['SYN-RECEIVED'], eventKind: 'segment',
    event: 'receive an acceptable RST (RFC 5961: SEG.SEQ = RCV.NXT)', guard: PASSIVE_ORIGIN,
    action: 'flush the retransmission queue; do not inform the user', to: 'LISTEN',
    label: { event: 'rcv RST', action: 'x' }, figure: 'arc+note1', path: 'atypical', rfc: '§3.10.7.4 (2)',
    note: 'Only the embryonic connection is discarded; the listener carries on (Figure 5 note 1).',
  },
  {
    id: 'R19', from: ['SYN-RECEIVED'], eventKind: 'segment', event: 'receive an acceptable RST', guard: ACTIVE_ORIGIN,
    action: 'signal "connection refused"; flush the queues; delete the TCB', to: 'CLOSED',
    label: { event: 'rcv RST', action: 'delete TCB' }, figure: 'text', path: 'atypical', rfc: '§3.10.7.4 (2)',
  },
  {
    id: 'R20', from: SYN_RECEIVED_OR_SYNC, eventKind: 'segment',
    event: 'receive a RST inside the window with SEG.SEQ ≠ RCV.NXT', guard: 'RFC 5961 reset checks are on',
    action: `send a challenge ACK ${ACK_SEGMENT}; drop the RST`, to: null,
    label: { event: 'rcv in-window RST', action: 'snd challenge ACK' }, figure: 'ext', rfc: '§3.10.7.4 (2)',
    note: 'Linux does this by default (tcp_validate_incoming). Without RFC 5961 (RFC 793 behaviour) any in-window RST is accepted.',
  },
  {
    id: 'R21', from: ['SYN-RECEIVED'], eventKind: 'segment', event: 'receive a SYN that passed the acceptability test',
    guard: PASSIVE_ORIGIN, action: 'return to LISTEN', to: 'LISTEN',
    label: { event: 'rcv SYN', action: 'x' }, figure: 'text', path: 'atypical', rfc: '§3.10.7.4 (4)',
    note: 'From RFC 1122 §4.2.2.20(e), which corrected RFC 793 (that answered with a RST here); RFC 9293 keeps it in §3.10.7.4 step four.',
  },
  {
    id: 'R22', from: ['SYN-RECEIVED'], eventKind: 'segment', event: 'receive a SYN that passed the acceptability test',
    guard: ACTIVE_ORIGIN, action: 'handle it as in a synchronized state (R31 or R32)', to: null,
    label: { event: 'rcv SYN', action: 'as synchronized' }, figure: 'text', rfc: '§3.10.7.4 (4)',
    note:
      'Handled as SYNC: the outcome is R31 (challenge ACK, state kept) or R32 (RST, CLOSED), so no single ' +
      'target state is recorded here.',
  },
  {
    id: 'R23', from: ['SYN-RECEIVED'], eventKind: 'segment', event: 'receive an ACK that acknowledges our SYN',
    action: 'SND.WND=SEG.WND, SND.WL1=SEG.SEQ, SND.WL2=SEG.ACK; cancel the retransmission timer; go on with text and FIN',
    to: 'ESTABLISHED', label: { event: 'rcv ACK of SYN', action: 'x' }, figure: 'arc', path: 'server',
    rfc: '§3.10.7.4 (5)',
    note: 'In a simultaneous open the crossing SYN,ACK gets here only after its SYN has been trimmed as a duplicate.',
  },
  {
    id: 'R24', from: ['SYN-RECEIVED'], eventKind: 'segment', event: 'receive an ACK that does not acknowledge our SYN',
    action: 'send <SEQ=SEG.ACK><CTL=RST>', to: 'SYN-RECEIVED',
    label: { event: 'rcv bad ACK', action: 'snd RST' }, figure: 'text', rfc: '§3.10.7.4 (5)',
  },
  {
    id: 'R25', from: ['SYN-RECEIVED'], eventKind: 'segment', event: 'receive a FIN,ACK that acknowledges our SYN',
    action:
      `enter ESTABLISHED as in R23, then process the FIN: RCV.NXT+=1; send ${ACK_SEGMENT}; ` +
      'signal "connection closing"',
    to: 'CLOSE-WAIT', label: { event: 'rcv ACK of SYN,FIN', action: 'snd ACK' }, figure: 'text', path: 'atypical',
    rfc: '§3.10.7.4 (5, 8)',
  },
  {
    id: 'R26', from: SYN_RECEIVED_OR_SYNC, eventKind: 'segment',
    event: 'receive a segment with the ACK bit off (neither RST nor SYN)', action: 'drop it', to: null,
    label: { event: 'rcv seg, ACK off', action: 'x' }, figure: 'text', rfc: '§3.10.7.4 (5)',
  },
  {
    id: 'R27', from: ['ESTABLISHED', 'CLOSE-WAIT'], eventKind: 'segment',
    event: 'receive an ACK with SND.UNA < SEG.ACK =< SND.NXT',
    action: 'SND.UNA=SEG.ACK; remove acknowledged segments from the retransmission queue; update the send window',
    to: null, label: { event: 'rcv ACK', action: 'x' }, figure: 'text', rfc: '§3.10.7.4 (5)',
  },
  {
    id: 'R28', from: SYNC, eventKind: 'segment', event: 'receive an ACK with SEG.ACK > SND.NXT (acks unsent data)',
    action: `send ${ACK_SEGMENT}; drop the segment`, to: null,
    label: { event: 'rcv ACK of unsent', action: 'snd ACK' }, figure: 'text', rfc: '§3.10.7.4 (5)',
    note: 'RFC 5961 also drops ACKs below SND.UNA - MAX.SND.WND.',
  },
  {
    id: 'R29', from: ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2'], eventKind: 'segment', event: 'receive in-order data',
    action: 'deliver it to the user; RCV.NXT+=SEG.LEN; send an ACK (possibly delayed)', to: null,
    label: { event: 'rcv data', action: 'snd ACK' }, figure: 'text', rfc: '§3.10.7.4 (7)',
  },
  {
    id: 'R30', from: ['ESTABLISHED'], eventKind: 'segment', event: 'receive an in-order FIN',
    action: `RCV.NXT+=1; send ${ACK_SEGMENT}; signal "connection closing"`, to: 'CLOSE-WAIT',
    label: { event: 'rcv FIN', action: 'snd ACK' }, figure: 'arc', path: 'server', rfc: '§3.10.7.4 (8)',
    note: 'The application sees end of file: read() returns 0.',
  },
  {
    id: 'R31', from: SYNC, eventKind: 'segment', event: 'receive a SYN (any sequence number)',
    guard: 'RFC 5961 SYN checks are on (recommended)', action: `send a challenge ACK ${ACK_SEGMENT}; drop the SYN`,
    to: null, label: { event: 'rcv SYN', action: 'snd challenge ACK' }, figure: 'ext', rfc: '§3.10.7.4 (4)',
    note: 'Linux (tcp_validate_incoming) and FreeBSD do this by default.',
  },
  {
    id: 'R32', from: SYNC, eventKind: 'segment', event: 'receive a SYN inside the window', guard: 'legacy RFC 793 handling',
    action: 'send a RST; answer pending RECEIVEs and SENDs with "reset"; flush all queues; delete the TCB',
    to: 'CLOSED', label: { event: 'rcv SYN in window', action: 'snd RST' }, figure: 'text', path: 'atypical',
    rfc: '§3.10.7.4 (4)',
  },
  {
    id: 'R33', from: ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'], eventKind: 'segment',
    event: 'receive an acceptable RST',
    action: 'answer pending RECEIVEs and SENDs with "reset"; flush all queues; signal "connection reset"; delete the TCB',
    to: 'CLOSED', label: { event: 'rcv RST', action: 'delete TCB' }, figure: 'note3', path: 'atypical',
    rfc: '§3.10.7.4 (2)', note: 'Sockets: the next call fails with ECONNRESET.',
  },
  {
    id: 'R34', from: ['CLOSING', 'LAST-ACK'], eventKind: 'segment', event: 'receive an acceptable RST',
    action: 'delete the TCB', to: 'CLOSED', label: { event: 'rcv RST', action: 'delete TCB' }, figure: 'note3',
    path: 'atypical', rfc: '§3.10.7.4 (2)',
  },
] as const satisfies readonly Row[];

// ---- Closing states (§3.10.7.4 steps 5–8, §3.10.8) ----
const CLOSING_ROWS = [
  {
    id: 'R35', from: ['FIN-WAIT-1'], eventKind: 'segment', event: 'receive an ACK that acknowledges our FIN (no FIN)',
    action: 'cancel the FIN retransmission timer', to: 'FIN-WAIT-2',
    label: { event: 'rcv ACK of FIN', action: 'x' }, figure: 'arc', path: 'client', rfc: '§3.10.7.4 (5)',
  },
  {
    id: 'R36', from: ['FIN-WAIT-1'], eventKind: 'segment',
    event: 'receive an ACK that covers only earlier data (SEG.ACK < SND.NXT)', action: 'SND.UNA=SEG.ACK',
    to: 'FIN-WAIT-1', label: { event: 'rcv ACK of data', action: 'x' }, figure: 'text', rfc: '§3.10.7.4 (5)',
  },
  {
    id: 'R37', from: ['FIN-WAIT-1'], eventKind: 'segment', event: 'receive a FIN while our FIN is not yet acknowledged',
    action: `RCV.NXT+=1; send ${ACK_SEGMENT}`, to: 'CLOSING',
    label: { event: 'rcv FIN', action: 'snd ACK' }, figure: 'arc', path: 'atypical', rfc: '§3.10.7.4 (8)',
    note: 'Simultaneous close: both FINs crossed in flight.',
  },
  {
    id: 'R38', from: ['FIN-WAIT-1'], eventKind: 'segment', event: 'receive a FIN whose ACK acknowledges our FIN',
    action: `RCV.NXT+=1; send ${ACK_SEGMENT}; start the 2MSL timer; stop the other timers`, to: 'TIME-WAIT',
    label: { event: 'rcv FIN,ACK of FIN', action: 'snd ACK' }, figure: 'note2', path: 'atypical',
    rfc: '§3.10.7.4 (8)',
    note:
      'The common three-segment close, when the peer\'s ACK rides on its FIN. RFC 793\'s text already has it ' +
      '("If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT", p. 75); only its figure left ' +
      'the arc out (RFC 1122 §4.2.2.8). RFC 9293 gives the rule in §3.10.7.4 step eight and Figure 5 note 2.',
  },
  {
    id: 'R39', from: ['FIN-WAIT-1', 'CLOSING', 'LAST-ACK'], eventKind: 'timer', event: 'retransmission timeout',
    guard: 'our FIN is not yet acknowledged',
    action: 'retransmit the front of the queue (the FIN keeps its original sequence number); back off the timer',
    to: null, label: { event: 'Timeout=RTO', action: 'snd FIN' }, figure: 'text', rfc: '§3.10.8',
    note:
      'Linux bounds this with tcp_retries2 while the application holds the socket, and with tcp_orphan_retries ' +
      'once close() has orphaned it (default 0, which the kernel reads as 8).',
  },
  {
    id: 'R40', from: ['FIN-WAIT-2'], eventKind: 'segment', event: 'receive data',
    action: 'deliver it to the user; send an ACK', to: 'FIN-WAIT-2',
    label: { event: 'rcv data', action: 'snd ACK' }, figure: 'text', rfc: '§3.10.7.4 (7)',
    note: 'Half-close: after shutdown(SHUT_WR) the peer may keep sending.',
  },
  {
    id: 'R41', from: ['FIN-WAIT-2'], eventKind: 'segment', event: 'receive a FIN',
    action: `RCV.NXT+=1; send ${ACK_SEGMENT}; start the 2MSL timer; stop the other timers`, to: 'TIME-WAIT',
    label: { event: 'rcv FIN', action: 'snd ACK' }, figure: 'arc', path: 'client', rfc: '§3.10.7.4 (8)',
  },
  {
    id: 'R42', from: ['FIN-WAIT-2'], eventKind: 'timer', event: 'FIN-WAIT-2 timeout',
    guard: 'the socket is orphaned (the application has closed it)', action: 'delete the TCB', to: 'CLOSED',
    label: { event: 'Timeout=FIN-WAIT-2', action: 'delete TCB' }, figure: 'impl', path: 'atypical', rfc: '§3.10.8',
    note:
      'Implementation behaviour, not in any RFC: without it an orphan whose peer never closes would wait ' +
      'forever. Linux tcp_fin_timeout, default 60 s.',
  },
  {
    id: 'R43', from: ['CLOSE-WAIT'], eventKind: 'segment', event: 'receive a retransmitted FIN',
    action: `send ${ACK_SEGMENT}`, to: 'CLOSE-WAIT',
    label: { event: 'rcv FIN', action: 'snd ACK' }, figure: 'text', rfc: '§3.10.7.4 (8)',
  },
  {
    id: 'R44', from: ['CLOSING'], eventKind: 'segment', event: 'receive an ACK that acknowledges our FIN',
    action: 'start the 2MSL timer', to: 'TIME-WAIT',
    label: { event: 'rcv ACK of FIN', action: 'x' }, figure: 'arc', path: 'atypical', rfc: '§3.10.7.4 (5)',
  },
  {
    id: 'R45', from: ['CLOSING'], eventKind: 'segment', event: 'receive an ACK that does not cover our FIN',
    action: 'ignore it', to: 'CLOSING',
    label: { event: 'rcv ACK, FIN unacked', action: 'x' }, figure: 'text', rfc: '§3.10.7.4 (5)',
  },
  {
    id: 'R46', from: ['CLOSING'], eventKind: 'segment', event: 'receive a retransmitted FIN',
    action: `send ${ACK_SEGMENT}`, to: 'CLOSING',
    label: { event: 'rcv FIN', action: 'snd ACK' }, figure: 'text', rfc: '§3.10.7.4 (8)',
  },
  {
    id: 'R47', from: ['LAST-ACK'], eventKind: 'segment', event: 'receive an ACK that acknowledges our FIN',
    action: 'delete the TCB', to: 'CLOSED',
    label: { event: 'rcv ACK of FIN', action: 'x' }, figure: 'arc', path: 'server', rfc: '§3.10.7.4 (5)',
  },
  {
    id: 'R48', from: ['LAST-ACK'], eventKind: 'segment', event: 'receive a retransmitted FIN',
    action: `send ${ACK_SEGMENT}`, to: 'LAST-ACK',
    label: { event: 'rcv FIN', action: 'snd ACK' }, figure: 'text', rfc: '§3.10.7.4 (8)',
  },
  {
    id: 'R49', from: ['TIME-WAIT'], eventKind: 'segment', event: 'receive a retransmitted FIN',
    action: `send ${ACK_SEGMENT}; restart the 2MSL timer`, to: 'TIME-WAIT',
    label: { event: 'rcv FIN', action: 'snd ACK' }, figure: 'text', rfc: '§3.10.7.4 (5, 8)',
    note:
      'The reason TIME-WAIT exists: our last ACK was lost, and the peer in LAST-ACK needs it again. ' +
      'Linux restarts its 60 s timer too.',
  },
  {
    id: 'R50', from: ['TIME-WAIT'], eventKind: 'timer', event: 'time-wait timeout (2MSL)',
    action: 'delete the TCB', to: 'CLOSED',
    label: { event: 'Timeout=2MSL', action: 'delete TCB' }, figure: 'arc', path: 'client', rfc: '§3.10.8',
    note: 'RFC: MSL is 2 minutes, so 4 minutes in all. Linux uses a fixed 60 s (TCP_TIMEWAIT_LEN); BSD 60 s too.',
  },
  {
    id: 'R51', from: ['TIME-WAIT'], eventKind: 'segment', event: 'receive an acceptable RST',
    guard: 'RFC 9293 handling (RFC 1337 protection off)', action: 'delete the TCB', to: 'CLOSED',
    label: { event: 'rcv RST', action: 'delete TCB' }, figure: 'note3', path: 'atypical', rfc: '§3.10.7.4 (2)',
    note:
      'RFC 1337 recommends ignoring the RST (FreeBSD does). Linux follows RFC 9293 by default: tcp_rfc1337 ' +
      'is 0; set to 1 it ignores the RST.',
  },
  {
    id: 'R52', from: ['TIME-WAIT'], eventKind: 'segment', event: 'receive a SYN', guard: 'RFC 5961 SYN checks are on',
    action: `send a challenge ACK ${ACK_SEGMENT}`, to: 'TIME-WAIT',
    label: { event: 'rcv SYN', action: 'snd challenge ACK' }, figure: 'ext', rfc: '§3.10.7.4 (4)',
  },
  {
    id: 'R53', from: ['TIME-WAIT'], eventKind: 'segment',
    event: 'receive a SYN with SEG.SEQ > RCV.NXT (or a newer timestamp, RFC 6191)',
    guard: 'MAY-2: the new ISS is larger than the old SND.NXT',
    action: 'end the old incarnation; process the SYN as in LISTEN: send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>',
    to: 'SYN-RECEIVED', label: { event: 'rcv SYN, higher SEQ', action: 'snd SYN,ACK' }, figure: 'text',
    path: 'atypical', rfc: '§3.6.1',
    note:
      'The SYN-RECEIVED reached is a new incarnation of the same 4-tuple, not the old connection. FreeBSD stays ' +
      'silent if SEG.SEQ =< RCV.NXT. Linux reopens whatever tcp_tw_reuse says (tcp_timewait_state_process returns ' +
      'TCP_TW_SYN); tcp_tw_reuse (default 2, loopback only) concerns outgoing reuse instead.',
  },
  {
    id: 'R54', from: ['TIME-WAIT'], eventKind: 'segment', event: 'receive a pure ACK',
    action: 'send an ACK only if the segment is not acceptable; otherwise nothing', to: 'TIME-WAIT',
    label: { event: 'rcv ACK', action: 'x' }, figure: 'text', rfc: '§3.10.7.4',
    note: 'FreeBSD never answers here.',
  },
  {
    // Not in the research table: §3.10.7.4 lets "segments with higher beginning sequence numbers"
    // be held for later; what is missing before them must come first. The explorer can deliver a
    // later segment before an earlier one (or lose the earlier one), so the model needs the row.
    id: 'R55', from: SYN_RECEIVED_OR_SYNC, eventKind: 'segment',
    event: 'receive an acceptable segment with data or a FIN that begins beyond RCV.NXT (an earlier one is missing)',
    action: `hold it for later or drop it (this model drops it); send ${ACK_SEGMENT} (a duplicate ACK)`, to: null,
    label: { event: 'rcv seg beyond RCV.NXT', action: 'snd ACK' }, figure: 'text', rfc: '§3.10.7.4 (1, 7)',
    note: 'Linux keeps it in the out-of-order queue (tcp_data_queue_ofo()) and ACKs at once, with SACK blocks when SACK is on; three duplicate ACKs make the sender retransmit early (RFC 5681 §3.2).',
  },
] as const satisfies readonly Row[];

// ---- Timers (§3.8.3, §3.10.8) ----
const TIMER_ROWS = [
  {
    id: 'T01', from: ['SYN-SENT'], eventKind: 'timer', event: 'retransmission timeout',
    guard: 'the SYN retry limit R2 is not reached (R2 for a SYN is at least 3 minutes)',
    action: 'retransmit the SYN with the same ISS; double the retransmission timeout', to: 'SYN-SENT',
    label: { event: 'Timeout=RTO', action: 'snd SYN' }, figure: 'text', rfc: '§3.8.3, §3.10.8',
    note:
      `Linux: initial RTO ${LINUX.syn.initialTimeoutSeconds} s; since ${LINUX.syn.linearSince} ` +
      `tcp_syn_linear_timeouts (default ${LINUX.syn.linearTimeouts}) keeps the first ${LINUX.syn.linearTimeouts} ` +
      `retransmissions ${LINUX.syn.initialTimeoutSeconds} s apart before the doubling; with tcp_syn_retries ` +
      `${LINUX.syn.retries} that is ${LINUX.syn.retransmissions} retransmissions, at +${LINUX.syn.retransmitAtSeconds.join(', ')} s, ` +
      `and connect() fails after about ${LINUX.syn.giveUpSeconds} s (ip-sysctl.rst).`,
  },
  {
    id: 'T02', from: ['SYN-SENT'], eventKind: 'timer',
    event: 'SYN retry limit R2 reached (connection-establishment timeout)',
    action: 'signal "connection timed out"; delete the TCB', to: 'CLOSED',
    label: { event: 'Timeout=R2', action: 'delete TCB' }, figure: 'text', path: 'atypical', rfc: '§3.8.3',
    note: 'Sockets: connect() fails with ETIMEDOUT. BSD also has a 75 s connection-establishment timer.',
  },
  {
    id: 'T03', from: ['SYN-RECEIVED'], eventKind: 'timer', event: 'retransmission timeout', guard: 'retries are left',
    action: 'retransmit the SYN,ACK', to: 'SYN-RECEIVED',
    label: { event: 'Timeout=RTO', action: 'snd SYN,ACK' }, figure: 'text', rfc: '§3.10.8',
    note: 'Linux tcp_synack_retries, default 5 (about 63 s in all).',
  },
  {
    id: 'T04', from: ['SYN-RECEIVED'], eventKind: 'timer', event: 'SYN,ACK retransmissions exhausted',
    guard: PASSIVE_ORIGIN, action: 'drop the embryonic connection', to: 'LISTEN',
    label: { event: 'SYN,ACK retries spent', action: 'delete TCB' }, figure: 'impl', path: 'atypical',
    rfc: '§3.8.3',
    note:
      'Implementation behaviour: the RFC only bounds retransmission (§3.8.3). The embryonic connection is gone ' +
      'and the listener carries on in LISTEN; the client may still believe it is ESTABLISHED (half-open).',
  },
  {
    id: 'T05',
    // FIN-WAIT-2 and TIME-WAIT are left out although the research row says SYNC: in both, everything
    // we sent (our FIN included) is acknowledged, so there is nothing whose retransmission can time out.
    from: ['ESTABLISHED', 'FIN-WAIT-1', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK'], eventKind: 'timer',
    event: 'retry limit R2 reached for data or a FIN', guard: 'MUST-20',
    action: 'close the connection; inform the user', to: 'CLOSED',
    label: { event: 'Timeout=R2', action: 'delete TCB' }, figure: 'text', path: 'atypical', rfc: '§3.8.3',
    note:
      'R2 SHOULD cover at least 100 s (SHLD-11). Linux tcp_retries2, default 15 (about 924.6 s), while the ' +
      'application holds the socket; tcp_orphan_retries once close() has orphaned it. Netsem\'s BSD model sends a RST.',
  },
  {
    id: 'T06', from: ANY, eventKind: 'timer', event: 'user timeout',
    action: 'flush all queues; signal "connection aborted due to user timeout"; delete the TCB', to: 'CLOSED',
    label: { event: 'USER TIMEOUT', action: 'delete TCB' }, figure: 'text', path: 'atypical', rfc: '§3.10.8',
    note: 'Linux: the TCP_USER_TIMEOUT socket option.',
  },
  {
    // Not in the research table, which lists the retransmission timeout only where it is tied to a
    // state's own segment (SYN T01, SYN,ACK T03, FIN R39). §3.10.8 gives it for any state with a
    // queue: data sent in ESTABLISHED or CLOSE-WAIT and lost is sent again the same way.
    id: 'T07', from: ['ESTABLISHED', 'CLOSE-WAIT'], eventKind: 'timer', event: 'retransmission timeout',
    guard: 'data we sent is not yet acknowledged',
    action: 'retransmit the front of the retransmission queue (same sequence numbers); back off the timer', to: null,
    label: { event: 'Timeout=RTO', action: 'snd data' }, figure: 'text', rfc: '§3.10.8',
    note: `Linux: RTO at least ${LINUX.rtoMinMs} ms (tcp_rto_min_us), doubled each retry, up to tcp_retries2 (then T05).`,
  },
] as const satisfies readonly Row[];

const ROWS = [...USER_ROWS, ...OPENING_ROWS, ...SYNCHRONIZED_ROWS, ...CLOSING_ROWS, ...TIMER_ROWS] as const;

/** The table's row ids as a closed union ('U01' | … | 'T06'): a row that is not in the table does not compile. */
export type RowId = (typeof ROWS)[number]['id'];

export const TRANSITIONS: readonly Transition[] = ROWS;

const BY_ID: ReadonlyMap<string, Transition> = new Map(TRANSITIONS.map((row) => [row.id, row]));

/** The row with this id. Throws for an id that is not in the table (only an unchecked cast can make one). */
export function transitionById(id: RowId): Transition {
  const row = BY_ID.get(id);
  if (!row) throw new Error(`transition table: no row ${id}`);
  return row;
}

/**
 * Everything that can happen next to an endpoint in `state`: every row whose `from` holds it,
 * in table order, with its event kind, label and target (`to: null` = the state stays). Self-loops,
 * refusals ('error: closing') and guarded rows are included, each with its `guard`; this is the list
 * an explorer offers as choices.
 */
export function eventsFrom(state: RfcState): readonly Transition[] {
  return TRANSITIONS.filter((row) => row.from.includes(state));
}

/**
 * The first of `candidates` that applies in `state`, if any. A caller lists the rows the RFC gives
 * for one processing step (the most specific first, where two overlap); the table, not the caller,
 * says in which states each applies.
 */
export function firstRowFrom(state: RfcState, candidates: readonly RowId[]): Transition | undefined {
  return candidates.map(transitionById).find((row) => row.from.includes(state));
}

function changesState(row: Transition): boolean {
  return row.to !== null && row.from.some((s) => s !== row.to);
}

/** Rows that lead into `state` from some other state (self-loops left out). */
export function transitionsInto(state: RfcState): readonly Transition[] {
  return TRANSITIONS.filter((row) => row.to === state && changesState(row));
}

/** Rows that lead out of `state` to another state (self-loops left out). */
export function transitionsOutOf(state: RfcState): readonly Transition[] {
  return TRANSITIONS.filter((row) => row.to !== null && row.to !== state && row.from.includes(state));
}

/** The arcs drawn in RFC 9293 Figure 5 (twenty, including R18 under note 1). */
export function figureArcs(): readonly Transition[] {
  return TRANSITIONS.filter((row) => row.figure === 'arc' || row.figure === 'arc+note1');
}
