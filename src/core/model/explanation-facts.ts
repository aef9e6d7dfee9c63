// The facts of the explanations that do not depend on the language: RFC section and requirement
// numbers, sysctl names and their Linux defaults, kernel constants, numbers, and the commands to
// run. Written once here; explanations.en.ts and explanations.zh-cn.ts hold only prose and quote
// these values through template strings, so a fact corrected here changes every language.
// Sources: RFC 9293; the Linux kernel (include/net/tcp.h, include/net/tcp_states.h,
// Documentation/networking/ip-sysctl.rst). Words stay in the locale files: a unit ('s', '秒')
// belongs to the sentence, the number to this file. Pure data.
import type { ExplanationProse, StateExplanation, StateFacts } from './explanation-types';
import { PROC_NET_TCP_CODES, SNMP_MIB } from '../recognition/spellings';
import { ALL_STATES, type StateId } from './states';

/** The standard every section number here refers to. */
export const RFC_NAME = 'RFC 9293';

/** RFC 9293 (and the RFCs it leans on) as the explanations quote it. */
export const RFC = {
  /** §3.8.3: a SYN is retransmitted for at least 3 minutes before giving up (MUST-23). */
  synRetransmission: { section: '§3.8.3', rule: 'MUST-23', minutes: 3 },
  /** §3.8.3: R2, the point at which data retransmission gives up, SHOULD be at least 100 seconds (SHLD-11). */
  dataRetransmission: { section: '§3.8.3', threshold: 'R2', rule: 'SHLD-11', seconds: 100 },
  /** RFC 6298 §2: the initial RTO is 1 s, and the RTO SHOULD be rounded up to at least 1 s. */
  rto: { rfc: 'RFC 6298', initialSeconds: 1, minSeconds: 1 },
  /** §3.6.1: close() with received data still pending, or data arriving after it, SHOULD send a RST (MAY-1, SHLD-3). */
  resetOnUnreadData: { section: '§3.6.1', rules: ['MAY-1', 'SHLD-3'] },
  /** RFC 5961: challenge ACKs for a SYN in a synchronized state and for an in-window RST not at RCV.NXT. */
  blindAttacks: { rfc: 'RFC 5961' },
  /** §3.8.4: keep-alive is off by default and waits at least 2 hours of idle time. */
  keepAlive: { section: '§3.8.4', idleHours: 2 },
  /** §3.4.2, §3.6.1: MSL is 2 minutes; TIME-WAIT lasts 2×MSL. */
  msl: { sections: ['§3.4.2', '§3.6.1'], minutes: 2 },
  /** §3.5: remember whether SYN-RECEIVED came from a passive or an active OPEN. */
  passiveOrActiveOpen: { rule: 'MUST-11' },
  /** §3.6: a side that has sent its FIN may still receive. */
  receiveAfterFin: { section: '§3.6' },
  /** §3.6.1 and RFC 6191: a newer SYN may reopen a pair in TIME-WAIT. */
  timeWaitReopen: { section: '§3.6.1', rfc: 'RFC 6191' },
  /** The RFC on TIME-WAIT assassination, which tcp_rfc1337 follows. */
  timeWaitAssassination: { rfc: 'RFC 1337' },
} as const;

/** Twice the MSL, in minutes: the RFC's TIME-WAIT. */
export const RFC_TIME_WAIT_MINUTES = 2 * RFC.msl.minutes;

/**
 * Seconds from the first (SYN or SYN,ACK) transmission to each expiry of its retransmission timer:
 * `linear` timeouts of `first` seconds, then `first` doubling (first, 2×first, 4×first, …), for
 * `retransmissions` retransmissions and the final timeout after the last. The last element is
 * when the attempt is given up; the others are when each retransmission is sent.
 * Linux tcp_write_timeout(): a SYN is retransmitted tcp_syn_retries + tcp_syn_linear_timeouts times.
 */
function timeoutSchedule(first: number, retransmissions: number, linear: number): readonly number[] {
  const at: number[] = [];
  let t = 0;
  for (let i = 1; i <= retransmissions + 1; i++) {
    t += first * 2 ** Math.max(0, i - linear - 1);
    at.push(t);
  }
  return at;
}

/** Linux's retransmission timeout bounds (TCP_RTO_MIN, tcp_rto_min_us = 200000; TCP_RTO_MAX), in milliseconds. */
const RTO_MIN_MS = 200;
const RTO_MAX_MS = 120_000;

/** Seconds until data retransmission gives up after `retries` retransmissions at TCP_RTO_MIN, capped at TCP_RTO_MAX. */
function retransmissionSeconds(retries: number): number {
  let ms = 0;
  for (let i = 0; i <= retries; i++) ms += Math.min(RTO_MIN_MS * 2 ** i, RTO_MAX_MS);
  return ms / 1000; // whole milliseconds first, so 924600 ms is exactly 924.6
}

const SYN_RETRIES = 6;
/** tcp_syn_linear_timeouts (Linux 6.5 and later): the first 4 SYN timeouts stay at the initial RTO. */
const SYN_LINEAR_TIMEOUTS = 4;
const SYNACK_RETRIES = 5;
/** TCP_TIMEOUT_INIT: the first SYN (and SYN,ACK) timeout, in seconds. */
const INITIAL_RTO_S = 1;
const RETRIES2 = 15;
/** SYN: 4 linear timeouts of 1 s, then doubling: [1, 2, 3, 4, 5, 7, 11, 19, 35, 67, 131]. */
const SYN_SCHEDULE = timeoutSchedule(INITIAL_RTO_S, SYN_RETRIES + SYN_LINEAR_TIMEOUTS, SYN_LINEAR_TIMEOUTS);
/** SYN,ACK: tcp_syn_linear_timeouts does not apply; doubling from 1 s: [1, 3, 7, 15, 31, 63]. */
const SYNACK_SCHEDULE = timeoutSchedule(INITIAL_RTO_S, SYNACK_RETRIES, 0);

/** Linux values the explanations quote (defaults of the sysctls and the numbers they add up to). */
/** TCP_TIMEWAIT_LEN (include/net/tcp.h): 60 s. */
const TIME_WAIT_SECONDS = 60;
const LOCAL_PORT_RANGE = { low: 32768, high: 60999 } as const;
const LOCAL_PORT_COUNT = LOCAL_PORT_RANGE.high - LOCAL_PORT_RANGE.low + 1;

export const LINUX = {
  syn: {
    retries: SYN_RETRIES,
    linearTimeouts: SYN_LINEAR_TIMEOUTS,
    linearSince: 'Linux 6.5',
    initialTimeoutSeconds: INITIAL_RTO_S,
    /** tcp_syn_retries + tcp_syn_linear_timeouts: 10 retransmissions. */
    retransmissions: SYN_RETRIES + SYN_LINEAR_TIMEOUTS,
    /** When each retransmission is sent, in seconds after the first SYN: 1, 2, 3, 4, 5, 7, 11, 19, 35, 67. */
    retransmitAtSeconds: SYN_SCHEDULE.slice(0, -1),
    /** 67 s: ip-sysctl.rst's "corresponds to 67seconds (with tcp_syn_linear_timeouts = 4)". */
    lastRetransmissionSeconds: SYN_SCHEDULE[SYN_SCHEDULE.length - 2]!,
    /** 131 s: the connect() fails (ETIMEDOUT) when the timeout after the last retransmission expires. */
    giveUpSeconds: SYN_SCHEDULE[SYN_SCHEDULE.length - 1]!,
    /** 127 s: the give-up time before Linux 6.5, when every SYN timeout doubled (the same formula without linear timeouts). */
    giveUpSecondsBeforeLinear: timeoutSchedule(INITIAL_RTO_S, SYN_RETRIES, 0)[SYN_RETRIES]!,
  },
  synAck: {
    retries: SYNACK_RETRIES,
    lastResendSeconds: SYNACK_SCHEDULE[SYNACK_SCHEDULE.length - 2]!,
    giveUpSeconds: SYNACK_SCHEDULE[SYNACK_SCHEDULE.length - 1]!,
  },
  /** TCP_RTO_MIN (tcp_rto_min_us = 200000 µs): Linux's floor for the RTO, below RFC 6298's 1 s. */
  rtoMinMs: RTO_MIN_MS,
  retries2: { retries: RETRIES2, giveUpSeconds: retransmissionSeconds(RETRIES2) },
  orphanRetries: {
    value: 0,
    /** tcp_orphan_retries() reads 0 as 8. */
    meaning: 8,
    /** 8 retransmissions at TCP_RTO_MIN take 0.2 s × (2^9 − 1) ≈ 102 s: "over 100 s". */
    atLeastSeconds: 100,
  },
  finTimeoutSeconds: 60,
  /** TCP_FIN_TIMEOUT_MAX: the most TCP_LINGER2 may set. */
  linger2MaxSeconds: 120,
  keepAlive: { timeSeconds: 7200, intervalSeconds: 75, probes: 9 },
  /** TIME-WAIT length: a compiled-in constant, not a sysctl. */
  timeWait: { constant: 'TCP_TIMEWAIT_LEN', seconds: TIME_WAIT_SECONDS },
  /** net.ipv4.ip_local_port_range's default (ip-sysctl.rst: "The default values are 32768 and 60999"). */
  localPortRange: LOCAL_PORT_RANGE,
  /** Ports in that range: 28 232. */
  localPortCount: LOCAL_PORT_COUNT,
  /**
   * New connections per second from one client to one destination (address and port) while each
   * closed pair waits in TIME-WAIT on the client: the range's ports over 60 s, 28 232 / 60 ≈ 470.
   * Computed, so the hover and the census diagnosis say the same number.
   */
  timeWaitConnectionsPerSecond: Math.floor(LOCAL_PORT_COUNT / TIME_WAIT_SECONDS),
  /** /proc/net/tcp's timer column for a socket on its TIME-WAIT timer. */
  timeWaitProcTimer: 3,
  somaxconn: { value: 4096, before: 128, changedIn: 'Linux 5.4' },
  maxSynBacklog: { atLeast: 128, requestSocketBytes: 304 },
  twReuse: 2,
  /** tcp_tw_reuse_delay (Linux 6.14 and later; a fixed 1 s before): how old a TIME-WAIT socket must be before connect() reuses it. */
  twReuseDelay: { ms: 1000, since: 'Linux 6.14' },
  /** The iproute2 release whose ss first knows -B / state bound-inactive (commit ae447da6); Debian 12 ships 6.1. */
  ssBoundInactiveSince: { iproute2: 'iproute2 6.8.0', debian12: 'iproute2 6.1' },
  twRecycleRemovedIn: 'Linux 4.12',
} as const;

/** FreeBSD's MSL, in seconds: its TIME-WAIT is twice that. */
export const FREEBSD_MSL_SECONDS = 30;

/** Values of other stacks and tools the explanations quote. */
export const OTHER = {
  /** The PID Windows netstat -ano shows for a TIME_WAIT row: no process owns it. */
  windowsTimeWaitPid: 0,
  /** System.Net.NetworkInformation.TcpState.Unknown. */
  dotnetUnknown: 0,
} as const;

/** A state's code in /proc/net/tcp's `st` column ('03' for SYN-RECEIVED), from the spellings catalogue. */
export function procCode(state: StateId): string {
  for (const [code, s] of PROC_NET_TCP_CODES) if (s === state) return code;
  throw new Error(`no /proc/net/tcp code for ${state}`);
}

/** A state's number in the Linux kernel (TCP_NEW_SYN_RECV is 12): the /proc/net/tcp code read as hex. */
export function linuxStateNumber(state: StateId): number {
  return parseInt(procCode(state), 16);
}

/** The TCP-MIB value of deleteTCB (12), the one value SetTcpEntry accepts. */
export const MIB_DELETE_TCB = SNMP_MIB.get('deleteTCB')!.code;

interface Sysctl {
  readonly prefix: 'net.core' | 'net.ipv4';
}

/**
 * The sysctls the explanations name, keyed by the short name prose uses ('tcp_fin_timeout'). Their
 * Linux defaults, as Documentation/networking/ip-sysctl.rst gives them, are worded in each
 * language's prose (ExplanationProse.settingDefaults): "60 (seconds)" has a word in it.
 */
const SYSCTLS = {
  somaxconn: { prefix: 'net.core' },
  tcp_max_syn_backlog: { prefix: 'net.ipv4' },
  tcp_abort_on_overflow: { prefix: 'net.ipv4' },
  tcp_syn_retries: { prefix: 'net.ipv4' },
  tcp_syn_linear_timeouts: { prefix: 'net.ipv4' },
  tcp_synack_retries: { prefix: 'net.ipv4' },
  tcp_syncookies: { prefix: 'net.ipv4' },
  tcp_retries2: { prefix: 'net.ipv4' },
  tcp_keepalive_time: { prefix: 'net.ipv4' },
  tcp_keepalive_probes: { prefix: 'net.ipv4' },
  tcp_keepalive_intvl: { prefix: 'net.ipv4' },
  tcp_orphan_retries: { prefix: 'net.ipv4' },
  tcp_max_orphans: { prefix: 'net.ipv4' },
  tcp_fin_timeout: { prefix: 'net.ipv4' },
  tcp_tw_reuse: { prefix: 'net.ipv4' },
  tcp_max_tw_buckets: { prefix: 'net.ipv4' },
  tcp_rfc1337: { prefix: 'net.ipv4' },
} as const satisfies Readonly<Record<string, Sysctl>>;

export type SysctlId = keyof typeof SYSCTLS;
export const SYSCTL_IDS = Object.keys(SYSCTLS) as readonly SysctlId[];

/** Each sysctl's short name, for prose: `${SYSCTL.tcp_fin_timeout}` is checked by the compiler. */
export const SYSCTL: { readonly [K in SysctlId]: K } = Object.fromEntries(SYSCTL_IDS.map((id) => [id, id])) as {
  readonly [K in SysctlId]: K;
};

/** The sysctl name as typed ('net.ipv4.tcp_fin_timeout'). */
export function sysctlName(id: SysctlId): string {
  return `${SYSCTLS[id].prefix}.${id}`;
}

/** Per state: the RFC 9293 sections it rests on, the Linux settings that matter, the commands to look. */
export const STATE_FACTS: Readonly<Record<StateId, StateFacts>> = {
  CLOSED: { rfc: '§3.3.2, §3.10.7.1', settings: [], inspect: ['ss -tan state closed'] },
  LISTEN: {
    rfc: '§3.3.2, §3.10.1, §3.10.7.2',
    settings: ['somaxconn', 'tcp_max_syn_backlog', 'tcp_abort_on_overflow'],
    inspect: ['ss -ltn', "ss -ltnp '( sport = :443 )'", 'nstat -az TcpExtListenOverflows TcpExtListenDrops'],
  },
  'SYN-SENT': { rfc: '§3.3.2, §3.10.1, §3.8.3', settings: ['tcp_syn_retries', 'tcp_syn_linear_timeouts'], inspect: ['ss -tanp state syn-sent'] },
  'SYN-RECEIVED': {
    rfc: '§3.3.2, §3.5, §3.10.7.2',
    settings: ['tcp_synack_retries', 'tcp_max_syn_backlog', 'tcp_syncookies'],
    inspect: ['ss -tan state syn-recv', 'netstat -ant | grep -c SYN_RECV', 'nstat -az TcpExtSyncookiesSent TcpExtListenDrops'],
  },
  ESTABLISHED: {
    rfc: '§3.3.2, §3.8.3, §3.8.4',
    settings: ['tcp_retries2', 'tcp_keepalive_time', 'tcp_keepalive_probes', 'tcp_keepalive_intvl'],
    inspect: ['ss -tn state established', 'ss -tno state established'],
  },
  'FIN-WAIT-1': {
    rfc: '§3.3.2, §3.6, §3.10.4',
    settings: ['tcp_orphan_retries', 'tcp_max_orphans'],
    inspect: ['ss -tan state fin-wait-1', 'ss -s'],
  },
  'FIN-WAIT-2': {
    rfc: '§3.3.2, §3.6',
    settings: ['tcp_fin_timeout'],
    inspect: ['ss -tan state fin-wait-2', 'ss -tno state fin-wait-2'],
  },
  'CLOSE-WAIT': {
    rfc: '§3.3.2, §3.6, §3.10.4',
    settings: [],
    inspect: ['ss -tanp state close-wait', 'lsof -nP -iTCP -sTCP:CLOSE_WAIT'],
  },
  CLOSING: { rfc: '§3.3.2, §3.6', settings: ['tcp_orphan_retries'], inspect: ['ss -tan state closing'] },
  'LAST-ACK': { rfc: '§3.3.2, §3.6, §3.10.7.4', settings: ['tcp_orphan_retries'], inspect: ['ss -tan state last-ack'] },
  'TIME-WAIT': {
    rfc: '§3.3.2, §3.4.2, §3.6.1, §3.10.8',
    settings: ['tcp_tw_reuse', 'tcp_max_tw_buckets', 'tcp_rfc1337'],
    inspect: ['ss -tan state time-wait | wc -l', 'ss -s'],
  },
  NEW_SYN_RECV: {
    rfc: '§3.10.7.2, §3.3.2',
    settings: ['tcp_synack_retries', 'tcp_max_syn_backlog'],
    inspect: ['ss -tan state syn-recv'],
  },
  BOUND_INACTIVE: { rfc: '§3.3.2', settings: [], inspect: ['ss -tB', 'ss -t state bound-inactive'] },
  DELETE_TCB: { rfc: '§3.10.5', settings: [], inspect: ['Get-NetTCPConnection -State DeleteTCB'] },
  BOUND: { rfc: '§3.3.2', settings: [], inspect: ['Get-NetTCPConnection -State Bound', 'netstat -an -P tcp'] },
  IDLE: { rfc: '§3.3.2', settings: [], inspect: ['netstat -an -P tcp'] },
  NONE: { rfc: '§3.3.2', settings: [], inspect: ['python3 -c "import psutil; print(psutil.net_connections(kind=\'udp\'))"'] },
  UNKNOWN: { rfc: '§3.3.2', settings: [], inspect: ['netstat -an | grep UNKNOWN'] },
};

/** One language's explanations: its prose joined with the facts above, in the order the renderer shows them. */
export function withFacts(prose: ExplanationProse): Readonly<Record<StateId, StateExplanation>> {
  const result = {} as Record<StateId, StateExplanation>;
  for (const state of ALL_STATES) {
    const facts = STATE_FACTS[state];
    const words = prose.states[state];
    result[state] = {
      state,
      rfc: facts.rfc,
      meaning: words.meaning,
      side: words.side,
      timers: words.timers,
      pileUp: words.pileUp,
      settings: facts.settings.map((id) => ({
        name: sysctlName(id),
        linuxDefault: prose.settingDefaults[id],
        effect: prose.settingEffects[id],
      })),
      platformNotes: words.platformNotes,
      inspect: facts.inspect,
    };
  }
  return result;
}
