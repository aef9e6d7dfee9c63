// Every spelling of a TCP state that real tools print or real code declares, with where it
// comes from. Pure data plus the index the recogniser looks tokens up in; no `vscode`, no DOM.
// Sources are checked against the upstream files named in sources.ts; informal variants are
// listed only where they really occur (tutorials, vendor docs).
import type { StateId } from '../model/states';
import type { SourceId } from './sources';

/**
 * When a spelling counts as a TCP state mention:
 * - 'always': distinctive, never ordinary prose (TIME_WAIT, TCP_LISTEN, TimeWait);
 * - 'network': also an English word; counts where the line or document looks like network
 *   output or network code (ESTABLISHED, LISTEN, CLOSED);
 * - 'row': a very common word; counts only on a line that looks like a socket table row
 *   (NONE, IDLE, translated words such as WARTEND or FECHAR);
 * - 'qualified': counts only after a qualifier such as `TcpState.`, `-State`, `state=` or an
 *   `ss … state` filter (Established, listen, closed).
 */
export type MatchRule = 'always' | 'network' | 'row' | 'qualified';

export interface Spelling {
  readonly text: string;
  readonly state: StateId;
  /** Every source that uses this exact spelling, most specific first. */
  readonly sources: readonly SourceId[];
  readonly rule: MatchRule;
}

type Row = readonly [text: string, state: StateId];

/** The eleven states as .NET, PowerShell and Rust name their enum members. */
const ENUM_MEMBERS: readonly Row[] = [
      ['Closed', 'CLOSED'],
      ['Listen', 'LISTEN'],
      ['SynSent', 'SYN-SENT'],
      ['SynReceived', 'SYN-RECEIVED'],
      ['Established', 'ESTABLISHED'],
      ['FinWait1', 'FIN-WAIT-1'],
      ['FinWait2', 'FIN-WAIT-2'],
      ['CloseWait', 'CLOSE-WAIT'],
      ['Closing', 'CLOSING'],
      ['LastAck', 'LAST-ACK'],
      ['TimeWait', 'TIME-WAIT'],
];

/** Spellings per source, in RFC order where the source has all of them. */
const BY_SOURCE: ReadonlyArray<readonly [SourceId, readonly Row[]]> = [
  [
    'linux-kernel',
    [
      ['TCP_CLOSE', 'CLOSED'],
      ['TCP_LISTEN', 'LISTEN'],
      ['TCP_SYN_SENT', 'SYN-SENT'],
      ['TCP_SYN_RECV', 'SYN-RECEIVED'],
      ['TCP_ESTABLISHED', 'ESTABLISHED'],
      ['TCP_FIN_WAIT1', 'FIN-WAIT-1'],
      ['TCP_FIN_WAIT2', 'FIN-WAIT-2'],
      ['TCP_CLOSE_WAIT', 'CLOSE-WAIT'],
      ['TCP_CLOSING', 'CLOSING'],
      ['TCP_LAST_ACK', 'LAST-ACK'],
      ['TCP_TIME_WAIT', 'TIME-WAIT'],
      ['TCP_NEW_SYN_RECV', 'NEW_SYN_RECV'],
      ['TCP_BOUND_INACTIVE', 'BOUND_INACTIVE'],
      // TCPF_* are the bit masks (1 << TCP_*) used to test sets of states.
      ['TCPF_CLOSE', 'CLOSED'],
      ['TCPF_LISTEN', 'LISTEN'],
      ['TCPF_SYN_SENT', 'SYN-SENT'],
      ['TCPF_SYN_RECV', 'SYN-RECEIVED'],
      ['TCPF_ESTABLISHED', 'ESTABLISHED'],
      ['TCPF_FIN_WAIT1', 'FIN-WAIT-1'],
      ['TCPF_FIN_WAIT2', 'FIN-WAIT-2'],
      ['TCPF_CLOSE_WAIT', 'CLOSE-WAIT'],
      ['TCPF_CLOSING', 'CLOSING'],
      ['TCPF_LAST_ACK', 'LAST-ACK'],
      ['TCPF_TIME_WAIT', 'TIME-WAIT'],
      ['TCPF_NEW_SYN_RECV', 'NEW_SYN_RECV'],
      ['TCPF_BOUND_INACTIVE', 'BOUND_INACTIVE'],
    ],
  ],
  [
    'linux-bpf',
    [
      ['BPF_TCP_CLOSE', 'CLOSED'],
      ['BPF_TCP_LISTEN', 'LISTEN'],
      ['BPF_TCP_SYN_SENT', 'SYN-SENT'],
      ['BPF_TCP_SYN_RECV', 'SYN-RECEIVED'],
      ['BPF_TCP_ESTABLISHED', 'ESTABLISHED'],
      ['BPF_TCP_FIN_WAIT1', 'FIN-WAIT-1'],
      ['BPF_TCP_FIN_WAIT2', 'FIN-WAIT-2'],
      ['BPF_TCP_CLOSE_WAIT', 'CLOSE-WAIT'],
      ['BPF_TCP_CLOSING', 'CLOSING'],
      ['BPF_TCP_LAST_ACK', 'LAST-ACK'],
      ['BPF_TCP_TIME_WAIT', 'TIME-WAIT'],
      ['BPF_TCP_NEW_SYN_RECV', 'NEW_SYN_RECV'],
      ['BPF_TCP_BOUND_INACTIVE', 'BOUND_INACTIVE'],
    ],
  ],
  [
    'rfc',
    [
      ['CLOSED', 'CLOSED'],
      ['LISTEN', 'LISTEN'],
      ['SYN-SENT', 'SYN-SENT'],
      ['SYN-RECEIVED', 'SYN-RECEIVED'],
      ['ESTABLISHED', 'ESTABLISHED'],
      ['FIN-WAIT-1', 'FIN-WAIT-1'],
      ['FIN-WAIT-2', 'FIN-WAIT-2'],
      ['CLOSE-WAIT', 'CLOSE-WAIT'],
      ['CLOSING', 'CLOSING'],
      ['LAST-ACK', 'LAST-ACK'],
      ['TIME-WAIT', 'TIME-WAIT'],
    ],
  ],
  [
    'linux-netstat',
    [
      ['CLOSE', 'CLOSED'],
      ['LISTEN', 'LISTEN'],
      ['SYN_SENT', 'SYN-SENT'],
      ['SYN_RECV', 'SYN-RECEIVED'],
      ['ESTABLISHED', 'ESTABLISHED'],
      ['FIN_WAIT1', 'FIN-WAIT-1'],
      ['FIN_WAIT2', 'FIN-WAIT-2'],
      ['CLOSE_WAIT', 'CLOSE-WAIT'],
      ['CLOSING', 'CLOSING'],
      ['LAST_ACK', 'LAST-ACK'],
      ['TIME_WAIT', 'TIME-WAIT'],
      ['UNKNOWN', 'UNKNOWN'],
      // bcc and bpftrace tools print the kernel-internal request-socket state by this name.
      ['NEW_SYN_RECV', 'NEW_SYN_RECV'],
    ],
  ],
  [
    'ss',
    [
      ['UNCONN', 'CLOSED'],
      ['LISTEN', 'LISTEN'],
      ['SYN-SENT', 'SYN-SENT'],
      ['SYN-RECV', 'SYN-RECEIVED'],
      ['ESTAB', 'ESTABLISHED'],
      ['FIN-WAIT-1', 'FIN-WAIT-1'],
      ['FIN-WAIT-2', 'FIN-WAIT-2'],
      ['CLOSE-WAIT', 'CLOSE-WAIT'],
      ['CLOSING', 'CLOSING'],
      ['LAST-ACK', 'LAST-ACK'],
      ['TIME-WAIT', 'TIME-WAIT'],
    ],
  ],
  // Figure 5's box labels abbreviate two states (after ss: ESTAB is mostly read in ss output).
  [
    'rfc',
    [
      ['ESTAB', 'ESTABLISHED'],
      ['FINWAIT-2', 'FIN-WAIT-2'],
    ],
  ],
  [
    'ss-filter',
    [
      ['closed', 'CLOSED'],
      ['close', 'CLOSED'],
      ['unconnected', 'CLOSED'],
      ['listening', 'LISTEN'],
      ['syn-sent', 'SYN-SENT'],
      ['syn-recv', 'SYN-RECEIVED'],
      ['syn-rcv', 'SYN-RECEIVED'],
      ['established', 'ESTABLISHED'],
      ['fin-wait-1', 'FIN-WAIT-1'],
      ['fin-wait-2', 'FIN-WAIT-2'],
      ['close-wait', 'CLOSE-WAIT'],
      ['closing', 'CLOSING'],
      ['last-ack', 'LAST-ACK'],
      ['time-wait', 'TIME-WAIT'],
      ['bound-inactive', 'BOUND_INACTIVE'],
    ],
  ],
  [
    'bsd-kernel',
    [
      ['TCPS_CLOSED', 'CLOSED'],
      ['TCPS_LISTEN', 'LISTEN'],
      ['TCPS_SYN_SENT', 'SYN-SENT'],
      ['TCPS_SYN_RECEIVED', 'SYN-RECEIVED'],
      ['TCPS_ESTABLISHED', 'ESTABLISHED'],
      ['TCPS_FIN_WAIT_1', 'FIN-WAIT-1'],
      ['TCPS_FIN_WAIT_2', 'FIN-WAIT-2'],
      ['TCPS_CLOSE_WAIT', 'CLOSE-WAIT'],
      ['TCPS_CLOSING', 'CLOSING'],
      ['TCPS_LAST_ACK', 'LAST-ACK'],
      ['TCPS_TIME_WAIT', 'TIME-WAIT'],
      // KAME IPv6 aliases of the same states.
      ['TCP6S_CLOSED', 'CLOSED'],
      ['TCP6S_LISTEN', 'LISTEN'],
      ['TCP6S_SYN_SENT', 'SYN-SENT'],
      ['TCP6S_SYN_RECEIVED', 'SYN-RECEIVED'],
      ['TCP6S_ESTABLISHED', 'ESTABLISHED'],
      ['TCP6S_FIN_WAIT_1', 'FIN-WAIT-1'],
      ['TCP6S_FIN_WAIT_2', 'FIN-WAIT-2'],
      ['TCP6S_CLOSE_WAIT', 'CLOSE-WAIT'],
      ['TCP6S_CLOSING', 'CLOSING'],
      ['TCP6S_LAST_ACK', 'LAST-ACK'],
      ['TCP6S_TIME_WAIT', 'TIME-WAIT'],
    ],
  ],
  [
    'bsd-netstat',
    [
      ['CLOSED', 'CLOSED'],
      ['LISTEN', 'LISTEN'],
      ['SYN_SENT', 'SYN-SENT'],
      ['SYN_RCVD', 'SYN-RECEIVED'],
      ['ESTABLISHED', 'ESTABLISHED'],
      ['FIN_WAIT_1', 'FIN-WAIT-1'],
      ['FIN_WAIT_2', 'FIN-WAIT-2'],
      ['CLOSE_WAIT', 'CLOSE-WAIT'],
      ['CLOSING', 'CLOSING'],
      ['LAST_ACK', 'LAST-ACK'],
      ['TIME_WAIT', 'TIME-WAIT'],
    ],
  ],
  [
    'solaris',
    [
      ['TCPS_IDLE', 'IDLE'],
      ['TCPS_BOUND', 'BOUND'],
      ['TCPS_SYN_RCVD', 'SYN-RECEIVED'],
      ['IDLE', 'IDLE'],
      ['BOUND', 'BOUND'],
    ],
  ],
  [
    'windows-netstat',
    [
      ['CLOSED', 'CLOSED'],
      ['LISTENING', 'LISTEN'],
      ['SYN_SENT', 'SYN-SENT'],
      ['SYN_RECEIVED', 'SYN-RECEIVED'],
      ['ESTABLISHED', 'ESTABLISHED'],
      ['FIN_WAIT_1', 'FIN-WAIT-1'],
      ['FIN_WAIT_2', 'FIN-WAIT-2'],
      ['CLOSE_WAIT', 'CLOSE-WAIT'],
      ['CLOSING', 'CLOSING'],
      ['LAST_ACK', 'LAST-ACK'],
      ['TIME_WAIT', 'TIME-WAIT'],
      ['DELETE_TCB', 'DELETE_TCB'],
    ],
  ],
  [
    'windows-mib',
    [
      ['MIB_TCP_STATE_CLOSED', 'CLOSED'],
      ['MIB_TCP_STATE_LISTEN', 'LISTEN'],
      ['MIB_TCP_STATE_SYN_SENT', 'SYN-SENT'],
      ['MIB_TCP_STATE_SYN_RCVD', 'SYN-RECEIVED'],
      ['MIB_TCP_STATE_ESTAB', 'ESTABLISHED'],
      ['MIB_TCP_STATE_FIN_WAIT1', 'FIN-WAIT-1'],
      ['MIB_TCP_STATE_FIN_WAIT2', 'FIN-WAIT-2'],
      ['MIB_TCP_STATE_CLOSE_WAIT', 'CLOSE-WAIT'],
      ['MIB_TCP_STATE_CLOSING', 'CLOSING'],
      ['MIB_TCP_STATE_LAST_ACK', 'LAST-ACK'],
      ['MIB_TCP_STATE_TIME_WAIT', 'TIME-WAIT'],
      ['MIB_TCP_STATE_DELETE_TCB', 'DELETE_TCB'],
    ],
  ],
  [
    'windows-winsock',
    [
      ['TCPSTATE_CLOSED', 'CLOSED'],
      ['TCPSTATE_LISTEN', 'LISTEN'],
      ['TCPSTATE_SYN_SENT', 'SYN-SENT'],
      ['TCPSTATE_SYN_RCVD', 'SYN-RECEIVED'],
      ['TCPSTATE_ESTABLISHED', 'ESTABLISHED'],
      ['TCPSTATE_FIN_WAIT_1', 'FIN-WAIT-1'],
      ['TCPSTATE_FIN_WAIT_2', 'FIN-WAIT-2'],
      ['TCPSTATE_CLOSE_WAIT', 'CLOSE-WAIT'],
      ['TCPSTATE_CLOSING', 'CLOSING'],
      ['TCPSTATE_LAST_ACK', 'LAST-ACK'],
      ['TCPSTATE_TIME_WAIT', 'TIME-WAIT'],
    ],
  ],
  [
    'dotnet',
    [
      ...ENUM_MEMBERS,
      ['DeleteTcb', 'DELETE_TCB'],
      ['Unknown', 'UNKNOWN'],
    ],
  ],
  [
    'powershell',
    [
      ...ENUM_MEMBERS,
      ['DeleteTCB', 'DELETE_TCB'],
      ['Bound', 'BOUND'],
    ],
  ],
  [
    'rust',
    [
      ...ENUM_MEMBERS,
      ['DeleteTcb', 'DELETE_TCB'],
    ],
  ],
  [
    'psutil',
    [
      ['CONN_CLOSE', 'CLOSED'],
      ['CONN_LISTEN', 'LISTEN'],
      ['CONN_SYN_SENT', 'SYN-SENT'],
      ['CONN_SYN_RECV', 'SYN-RECEIVED'],
      ['CONN_ESTABLISHED', 'ESTABLISHED'],
      ['CONN_FIN_WAIT1', 'FIN-WAIT-1'],
      ['CONN_FIN_WAIT2', 'FIN-WAIT-2'],
      ['CONN_CLOSE_WAIT', 'CLOSE-WAIT'],
      ['CONN_CLOSING', 'CLOSING'],
      ['CONN_LAST_ACK', 'LAST-ACK'],
      ['CONN_TIME_WAIT', 'TIME-WAIT'],
      ['CONN_DELETE_TCB', 'DELETE_TCB'],
      ['CONN_IDLE', 'IDLE'],
      ['CONN_BOUND', 'BOUND'],
      ['CONN_NONE', 'NONE'],
      ['NONE', 'NONE'],
    ],
  ],
  [
    'gopsutil',
    [
      ['SYN_RECEIVED', 'SYN-RECEIVED'],
      ['FIN_WAIT_1', 'FIN-WAIT-1'],
      ['FIN_WAIT_2', 'FIN-WAIT-2'],
    ],
  ],
  [
    'node-exporter',
    [
      ['close', 'CLOSED'],
      ['listen', 'LISTEN'],
      ['syn_sent', 'SYN-SENT'],
      ['syn_recv', 'SYN-RECEIVED'],
      ['established', 'ESTABLISHED'],
      ['fin_wait1', 'FIN-WAIT-1'],
      ['fin_wait2', 'FIN-WAIT-2'],
      ['close_wait', 'CLOSE-WAIT'],
      ['closing', 'CLOSING'],
      ['last_ack', 'LAST-ACK'],
      ['time_wait', 'TIME-WAIT'],
    ],
  ],
  [
    'network-os',
    [
      // Ruijie switch CLI (also Catalan net-tools): no separators.
      ['SYNSENT', 'SYN-SENT'],
      ['SYNRCVD', 'SYN-RECEIVED'],
      ['FINWAIT1', 'FIN-WAIT-1'],
      ['FINWAIT2', 'FIN-WAIT-2'],
      ['CLOSEWAIT', 'CLOSE-WAIT'],
      ['LASTACK', 'LAST-ACK'],
      ['TIMEWAIT', 'TIME-WAIT'],
      // IBM DataPower `show tcp-connections`: lower case with hyphens.
      ['syn-received', 'SYN-RECEIVED'],
    ],
  ],
  [
    'net-tools-l10n',
    [
      // de
      ['VERBUNDEN', 'ESTABLISHED'],
      // cs
      ['SPOJENO', 'ESTABLISHED'],
      ['ZAVŘEN', 'CLOSED'],
      ['NASLOUCHÁ', 'LISTEN'],
      ['ZAVÍRÁ', 'CLOSING'],
      // ca
      ['ESTABLERT', 'ESTABLISHED'],
      ['SYNRECV', 'SYN-RECEIVED'],
      ['TEMPS', 'TIME-WAIT'],
      ['TANCA', 'CLOSED'],
      ['ESCOLTA', 'LISTEN'],
      ['TANCAMENT', 'CLOSING'],
      // pt_BR
      ['ESTABELECIDA', 'ESTABLISHED'],
      ['SYN_ENVIADO', 'SYN-SENT'],
      ['SYN_RECEBIDO', 'SYN-RECEIVED'],
      ['ESPERA_FIN1', 'FIN-WAIT-1'],
      ['ESPERA_FIN2', 'FIN-WAIT-2'],
      ['FECHAR', 'CLOSED'],
      ['ESPERANDO_FECHAR', 'CLOSE-WAIT'],
      ['ÚLTIMO_ACK', 'LAST-ACK'],
      ['OUÇA', 'LISTEN'],
      ['FECHANDO', 'CLOSING'],
      // sv
      ['ETABLERAD', 'ESTABLISHED'],
      ['STÄNG', 'CLOSED'],
      ['STÄNG_VÄNTA', 'CLOSE-WAIT'],
      ['LYSSNAR', 'LISTEN'],
      ['STÄNGER', 'CLOSING'],
    ],
  ],
  [
    'windows-netstat-de',
    [
      ['ABHÖREN', 'LISTEN'],
      ['HERGESTELLT', 'ESTABLISHED'],
      ['WARTEND', 'TIME-WAIT'],
      ['SCHLIESSEN_WARTEN', 'CLOSE-WAIT'],
      ['SYN_GESENDET', 'SYN-SENT'],
    ],
  ],
  [
    'informal',
    [
      // Microsoft KB Q137984 and the Chinese tutorials this project started from.
      ['SYN_SEND', 'SYN-SENT'],
      ['TIMED_WAIT', 'TIME-WAIT'],
      // Typo in the lsof man page.
      ['SYN_RCDV', 'SYN-RECEIVED'],
      // Chinese tutorials write the server's half of a stuck close this way.
      ['WAIT_CLOSE', 'CLOSE-WAIT'],
      // Textbook tables.
      ['Timed_wait', 'TIME-WAIT'],
      ['Syn_rcvd', 'SYN-RECEIVED'],
      ['Syn_sent', 'SYN-SENT'],
      ['Last_ack', 'LAST-ACK'],
      ['Close_wait', 'CLOSE-WAIT'],
    ],
  ],
];

/** English words (or very short words) that need context; everything else is decided by shape. */
const RULE_OVERRIDES: Readonly<Record<string, MatchRule>> = {
  CLOSED: 'network',
  LISTEN: 'network',
  LISTENING: 'network',
  ESTABLISHED: 'network',
  CLOSING: 'network',
  ESTAB: 'network',
  CLOSE: 'network',
  UNKNOWN: 'network',
  BOUND: 'network',
  NONE: 'row',
  IDLE: 'row',
  // Translations that are ordinary words in their language.
  VERBUNDEN: 'row',
  SPOJENO: 'row',
  ZAVŘEN: 'row',
  NASLOUCHÁ: 'row',
  ZAVÍRÁ: 'row',
  ESTABLERT: 'row',
  TEMPS: 'row',
  TANCA: 'row',
  ESCOLTA: 'row',
  TANCAMENT: 'row',
  ESTABELECIDA: 'row',
  FECHAR: 'row',
  OUÇA: 'row',
  FECHANDO: 'row',
  ETABLERAD: 'row',
  STÄNG: 'row',
  LYSSNAR: 'row',
  STÄNGER: 'row',
  ABHÖREN: 'row',
  HERGESTELLT: 'row',
  WARTEND: 'row',
};

/** Decides the rule from the spelling's shape, so new spellings need no hand-kept list. */
function ruleFor(text: string): MatchRule {
  const override = RULE_OVERRIDES[text];
  if (override) return override;
  if (text === text.toLowerCase()) {
    // Hyphenated lower case (time-wait, syn-recv) is never an identifier nor prose; with
    // underscores (time_wait) it is often a variable name, so it needs `state=` before it.
    return text.includes('-') ? 'network' : 'qualified';
  }
  if (/^[A-Z][a-z]+$/.test(text)) return 'qualified'; // Title-case single word: Closed, Listen
  return 'always';
}

function buildIndex(): ReadonlyMap<string, Spelling> {
  const index = new Map<string, { text: string; state: StateId; sources: SourceId[] }>();
  for (const [source, rows] of BY_SOURCE) {
    for (const [text, state] of rows) {
      const existing = index.get(text);
      if (!existing) index.set(text, { text, state, sources: [source] });
      else if (existing.state !== state) {
        throw new Error(`spelling ${text} maps to both ${existing.state} and ${state}`);
      } else if (!existing.sources.includes(source)) existing.sources.push(source);
    }
  }
  const result = new Map<string, Spelling>();
  for (const entry of index.values()) result.set(entry.text, { ...entry, rule: ruleFor(entry.text) });
  return result;
}

/** Exact, case-sensitive spelling → what it means. */
export const SPELLINGS: ReadonlyMap<string, Spelling> = buildIndex();

/** SNMP TCP-MIB names, which count only as `name(code)` (as snmpwalk prints them). */
export const SNMP_MIB: ReadonlyMap<string, { state: StateId; code: number }> = new Map([
  ['closed', { state: 'CLOSED', code: 1 }],
  ['listen', { state: 'LISTEN', code: 2 }],
  ['synSent', { state: 'SYN-SENT', code: 3 }],
  ['synReceived', { state: 'SYN-RECEIVED', code: 4 }],
  ['established', { state: 'ESTABLISHED', code: 5 }],
  ['finWait1', { state: 'FIN-WAIT-1', code: 6 }],
  ['finWait2', { state: 'FIN-WAIT-2', code: 7 }],
  ['closeWait', { state: 'CLOSE-WAIT', code: 8 }],
  ['lastAck', { state: 'LAST-ACK', code: 9 }],
  ['closing', { state: 'CLOSING', code: 10 }],
  ['timeWait', { state: 'TIME-WAIT', code: 11 }],
  ['deleteTCB', { state: 'DELETE_TCB', code: 12 }],
]);

/** /proc/net/tcp `st` column: the kernel state number in two hex digits. */
export const PROC_NET_TCP_CODES: ReadonlyMap<string, StateId> = new Map([
  ['01', 'ESTABLISHED'],
  ['02', 'SYN-SENT'],
  ['03', 'SYN-RECEIVED'],
  ['04', 'FIN-WAIT-1'],
  ['05', 'FIN-WAIT-2'],
  ['06', 'TIME-WAIT'],
  ['07', 'CLOSED'],
  ['08', 'CLOSE-WAIT'],
  ['09', 'LAST-ACK'],
  ['0A', 'LISTEN'],
  ['0B', 'CLOSING'],
  ['0C', 'NEW_SYN_RECV'],
  ['0D', 'BOUND_INACTIVE'],
]);

/** A C-style enum constant: a member spelled after its type, `TcpState_Listen`, `ConnState_TimeWait`. */
export interface EnumConstant {
  readonly spelling: Spelling;
  /** The type's name says TCP (`TcpState_`, `TCP_STATE_`): the constant needs no other context. */
  readonly tcp: boolean;
}

/** Longer tokens are no enum constant (and are not split: the work stays linear in the token). */
export const ENUM_CONSTANT_MAX_CHARS = 64;

// The member after the type: a Title-case or CamelCase member of .NET/PowerShell/Rust (Listen,
// FinWait1, DeleteTcb), never an upper-case word (those are whole spellings: MIB_TCP_STATE_LISTEN).
const MEMBER_SHAPE = /^[A-Z][a-z]+(?:[A-Z][a-z]*|\d)*$/;
const TCP_TYPE = /tcp/i;
const STATE_TYPE = /state/i;

/**
 * The state a `Type_Member` token names, when its member is an enum member's spelling and its
 * type says TCP or state (`TcpState_Listen`, `TCP_STATE_Established`, `ConnState_Closed`).
 */
export function enumConstant(token: string): EnumConstant | undefined {
  if (token.length > ENUM_CONSTANT_MAX_CHARS) return undefined;
  const cut = token.lastIndexOf('_');
  if (cut <= 0 || cut === token.length - 1) return undefined;
  const member = token.slice(cut + 1);
  const spelling = SPELLINGS.get(member);
  if (!spelling || !MEMBER_SHAPE.test(member) || !(spelling.sources.includes('dotnet') || spelling.sources.includes('powershell'))) return undefined;
  const type = token.slice(0, cut);
  const tcp = TCP_TYPE.test(type);
  if (!tcp && !STATE_TYPE.test(type)) return undefined;
  return { spelling, tcp };
}
