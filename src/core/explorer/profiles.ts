// The behaviours the explorer can run the same events under: RFC 9293's base rules, Linux's
// defaults, and Linux with the RFC 1337 switch (net.ipv4.tcp_rfc1337 = 1). Each is a set of
// RunOptions for the simulator; where they differ is what the engine records as a
// LinuxDifference (simulation/types.ts) plus the timers' lengths below. RFC 5961's checks are
// not a switch here: RFC 9293 adopted them (§3.10.7.4, SHLD-…) and so does Linux, so the engine
// always applies them. FreeBSD is not modelled. Pure.
import type { EventRunOptions, Profile, TimerKind } from '../simulation';

export const EXPLORER_PROFILES = ['rfc9293', 'linux', 'linux-rfc1337', 'freebsd'] as const;
export type ExplorerProfile = (typeof EXPLORER_PROFILES)[number];

export function isExplorerProfile(value: unknown): value is ExplorerProfile {
  return (EXPLORER_PROFILES as readonly unknown[]).includes(value);
}

/** The simulator's options for a profile; the ISS and SYN retries are the caller's. */
export function profileOptions(profile: ExplorerProfile): EventRunOptions {
  const engine: Profile = profile === 'rfc9293' || profile === 'freebsd' ? profile : 'linux';
  return { profile: engine, sysctl: { tcp_rfc1337: profile === 'linux-rfc1337' ? 1 : 0 } };
}

/**
 * FreeBSD's: MSL 30 s, so 2MSL = 60 s (net.inet.tcp.msl, TCPTV_MSL in sys/netinet/tcp_timer.h);
 * an orphaned FIN-WAIT-2 is reaped after net.inet.tcp.finwait2_timeout (60 s, TCPTV_FINWAIT2_TIMEOUT);
 * the initial RTO is 1 s (TCPTV_RTOBASE, RFC 6298).
 */
const FREEBSD_TIMERS: Readonly<Record<TimerKind, TimerLength>> = {
  retransmission: { seconds: 1, source: 'FreeBSD sys/netinet/tcp_timer.h TCPTV_RTOBASE (1 s)' },
  'time-wait': { seconds: 60, source: 'FreeBSD net.inet.tcp.msl = 30 s, TCPTV_MSL (2MSL = 60 s)' },
  'fin-wait-2': { seconds: 60, source: 'FreeBSD net.inet.tcp.finwait2_timeout (60 s), TCPTV_FINWAIT2_TIMEOUT' },
};

/** How long a timer runs under a profile, in seconds; undefined: the profile has no such timer. */
export interface TimerLength {
  readonly seconds: number | undefined;
  readonly source: string;
}

/**
 * Retransmission: the initial RTO is 1 s in both (RFC 6298 §2.1; Linux TCP_TIMEOUT_INIT), so
 * the profiles agree. TIME-WAIT: 2MSL with MSL = 2 min (RFC 9293 §3.4.2) against Linux's fixed
 * TCP_TIMEWAIT_LEN. FIN-WAIT-2: RFC 9293 has no timer (§3.10.8), Linux reaps an orphan after
 * net.ipv4.tcp_fin_timeout.
 */
export function timerLength(profile: ExplorerProfile, kind: TimerKind): TimerLength {
  if (profile === 'freebsd') return FREEBSD_TIMERS[kind];
  const linux = profile !== 'rfc9293';
  switch (kind) {
    case 'retransmission':
      return { seconds: 1, source: linux ? 'Linux include/net/tcp.h TCP_TIMEOUT_INIT (1 s)' : 'RFC 6298 §2.1 (RTO = 1 s)' };
    case 'time-wait':
      return linux ? { seconds: 60, source: 'Linux include/net/tcp.h TCP_TIMEWAIT_LEN (60 s)' } : { seconds: 240, source: 'RFC 9293 §3.4.2, §3.10.7.4 (2MSL, MSL = 2 min)' };
    case 'fin-wait-2':
      return linux ? { seconds: 60, source: 'Linux net.ipv4.tcp_fin_timeout (60 s), net/ipv4/tcp.c __tcp_close()' } : { seconds: undefined, source: 'RFC 9293 §3.10.8' };
  }
}
