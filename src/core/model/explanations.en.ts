// What each state means, who is in it, its timers, what a pile-up means, what each Linux
// setting does and where implementations differ — in English. Only prose: sections, sysctl
// names and defaults, constants, numbers and commands come from explanation-facts.ts (quoted
// through `${…}`), so both languages always state the same facts. How a state is entered and
// left is not here either: it is derived from the transition table (transitions.ts). Facts from
// RFC 9293 and the Linux kernel; sentences are our own. Kept in step with explanations.zh-cn.ts
// entry by entry (the unit tests check the number of timers and notes). Pure data.
import type { ExplanationProse } from './explanation-types';
import {
  FREEBSD_MSL_SECONDS,
  LINUX,
  linuxStateNumber,
  MIB_DELETE_TCB,
  OTHER,
  procCode,
  RFC,
  RFC_NAME,
  RFC_TIME_WAIT_MINUTES,
  SYSCTL,
  withFacts,
} from './explanation-facts';
import { PHRASES } from './i18n';

const NO_RFC_STATE = PHRASES.en.noRfcState;

const PROSE_EN: ExplanationProse = {
  settingDefaults: {
    somaxconn: `${LINUX.somaxconn.value} (${LINUX.somaxconn.before} before ${LINUX.somaxconn.changedIn})`,
    tcp_max_syn_backlog: `at least ${LINUX.maxSynBacklog.atLeast}, scaled with memory`,
    tcp_abort_on_overflow: '0',
    tcp_syn_retries: `${LINUX.syn.retries} (about ${LINUX.syn.giveUpSeconds} s with tcp_syn_linear_timeouts = ${LINUX.syn.linearTimeouts})`,
    tcp_syn_linear_timeouts: `${LINUX.syn.linearTimeouts} (since ${LINUX.syn.linearSince})`,
    tcp_synack_retries: `${LINUX.synAck.retries} (about ${LINUX.synAck.giveUpSeconds} s)`,
    tcp_syncookies: '1',
    tcp_retries2: `${LINUX.retries2.retries} (about ${LINUX.retries2.giveUpSeconds} s)`,
    tcp_keepalive_time: `${LINUX.keepAlive.timeSeconds} (seconds)`,
    tcp_keepalive_probes: `${LINUX.keepAlive.probes}`,
    tcp_keepalive_intvl: `${LINUX.keepAlive.intervalSeconds} (seconds)`,
    tcp_orphan_retries: `${LINUX.orphanRetries.value} (treated as ${LINUX.orphanRetries.meaning})`,
    tcp_max_orphans: 'computed at boot, scaled with memory',
    tcp_fin_timeout: `${LINUX.finTimeoutSeconds} (seconds)`,
    tcp_tw_reuse: `${LINUX.twReuse} (loopback only)`,
    tcp_max_tw_buckets: 'half the established hash size',
    tcp_rfc1337: '0',
  },
  settingEffects: {
    somaxconn: 'Caps the listen() backlog: the accept queue of completed connections waiting for accept(), and on current kernels the request queue of half-open handshakes too (min(backlog, somaxconn), inet_csk_reqsk_queue_is_full).',
    tcp_max_syn_backlog: `Matters only with ${SYSCTL.tcp_syncookies}=0: then SYNs from peers not yet proven alive are dropped once the request queue is 3/4 of this value. With SYN cookies on, the listener's backlog bounds the request queue instead. Each request socket costs about ${LINUX.maxSynBacklog.requestSocketBytes} bytes.`,
    tcp_abort_on_overflow: 'With 1, a full accept queue answers new connections with RST; with 0 the final ACK is dropped so a short burst can recover.',
    tcp_syn_retries: `How many times the SYN of a connect() is retransmitted after the linear ones (${SYSCTL.tcp_syn_linear_timeouts}) before it fails with ETIMEDOUT: ${LINUX.syn.retransmissions} retransmissions in all by default, the last after ${LINUX.syn.lastRetransmissionSeconds} s (ip-sysctl.rst).`,
    tcp_syn_linear_timeouts: `How many SYN retransmissions wait a fixed initial RTO (${LINUX.syn.initialTimeoutSeconds} s) before the timeout starts doubling; it adds to ${SYSCTL.tcp_syn_retries} and does not apply to the SYN,ACK.`,
    tcp_synack_retries: 'How many times the SYN,ACK is retransmitted before a half-open handshake is dropped.',
    tcp_syncookies: 'With 1, once a listener\'s request queue holds its backlog (min(backlog, somaxconn), inet_csk_reqsk_queue_is_full), new SYNs are answered with SYN cookies instead of dropped, so a flood does not lock out real clients.',
    tcp_retries2: 'Retransmissions of unacknowledged data before the connection is aborted (ETIMEDOUT).',
    tcp_keepalive_time: 'Idle time before the first keep-alive probe, on sockets with SO_KEEPALIVE.',
    tcp_keepalive_probes: 'Unanswered keep-alive probes before the connection is declared dead.',
    tcp_keepalive_intvl: 'Interval between keep-alive probes.',
    tcp_orphan_retries: `Retransmissions of an unacknowledged FIN (or data) after the application has closed the socket (an orphan), in place of ${SYSCTL.tcp_retries2}; it reads ${LINUX.orphanRetries.value}, which the kernel takes as ${LINUX.orphanRetries.meaning}.`,
    tcp_max_orphans: 'Limit of sockets no process holds any more; beyond it orphans are reset at once and a warning is logged.',
    tcp_fin_timeout: 'How long an orphaned socket may wait in FIN-WAIT-2 for the peer\'s FIN before the kernel drops it.',
    tcp_tw_reuse: `Lets connect() reuse the four-tuple of a TIME-WAIT socket for a port the kernel picks, when timestamps make it safe and the TIME-WAIT socket is older than tcp_tw_reuse_delay (${LINUX.twReuseDelay.ms} ms, ${LINUX.twReuseDelay.since}): 1 for all traffic, 2 for loopback only, 0 not at all. It does not govern ports the application picks: after bind() with SO_REUSEADDR, connect() reuses a TIME-WAIT four-tuple at once if the old connection used timestamps.`,
    tcp_max_tw_buckets: 'Beyond this many TIME-WAIT sockets, a closing socket skips TIME-WAIT and is destroyed at once. No warning is logged today: only the counter TCPTimeWaitOverflow grows (nstat, /proc/net/netstat).',
    tcp_rfc1337: `With 1, a RST received in TIME-WAIT is ignored as ${RFC.timeWaitAssassination.rfc} advises; with 0 it ends the state early.`,
  },
  states: {
    CLOSED: {
      meaning: `No connection at all: there is no TCB. ${RFC_NAME} calls it a fictional state; every connection starts and ends here.`,
      side: 'Either side: before a connection is opened and after it is completely gone.',
      timers: [],
      pileUp: 'Nothing to act on as such: a closed socket holds no connection. Most UNCONN rows in ss are UDP, raw or UNIX sockets, not TCP; TCP sockets that are only bound are the BOUND_INACTIVE case.',
      platformNotes: [
        'Linux calls it TCP_CLOSE: netstat, psutil and bcc print CLOSE, ss prints UNCONN; the RFC, BSD and Windows print CLOSED.',
        'On Linux a new or merely bound socket is in this state too, which is why tracing shows CLOSE -> SYN_SENT at connect().',
        '.NET on Linux maps TCP_CLOSE to TcpState.Closing, so a .NET "Closing" there may really be CLOSED.',
      ],
    },
    LISTEN: {
      meaning: 'Waiting for a connection request (SYN) from any remote peer and port.',
      side: 'The passive opener: a server socket after listen().',
      timers: [],
      pileUp: 'The count is the number of listening services (one socket per address and port, more with SO_REUSEPORT). For a LISTEN row, ss shows the accept queue in Recv-Q and its limit in Send-Q: a Recv-Q near the limit means the application does not accept() fast enough.',
      platformNotes: [
        'Windows netstat prints LISTENING; Linux netstat prints LISTEN for TCP and LISTENING only for UNIX sockets.',
        'On Linux the listener itself stays in LISTEN: each handshake lives in its own request socket (NEW_SYN_RECV), shown as SYN_RECV.',
        'ss -l asks for LISTEN and CLOSE sockets, so without -t it also prints unconnected UDP sockets (UNCONN).',
      ],
    },
    'SYN-SENT': {
      meaning: 'A SYN has been sent; waiting for the peer\'s matching SYN,ACK.',
      side: 'The active opener: a client inside connect().',
      timers: [
        `SYN retransmission: the RFC says to keep retransmitting the SYN for at least ${RFC.synRetransmission.minutes} minutes before giving up (${RFC.synRetransmission.section}, ${RFC.synRetransmission.rule}).`,
        `Since ${LINUX.syn.linearSince}, Linux sends the first ${SYSCTL.tcp_syn_linear_timeouts} (${LINUX.syn.linearTimeouts}) retransmissions ${LINUX.syn.initialTimeoutSeconds} s apart, then the timeout doubles; with ${SYSCTL.tcp_syn_retries} (${LINUX.syn.retries}) that is ${LINUX.syn.retransmissions} retransmissions, at +${LINUX.syn.retransmitAtSeconds.join(', ')} s, and connect() fails with ETIMEDOUT after about ${LINUX.syn.giveUpSeconds} s (ip-sysctl.rst).`,
      ],
      pileUp: 'Peers are not answering SYNs: the host is down, a firewall drops the SYN silently, routing is broken, or the server\'s accept queue is full: a Linux listener then drops SYNs silently and counts them in ListenOverflows (nstat -az TcpExtListenOverflows on the server). A peer that answers with RST ends the attempt at once (ECONNREFUSED), so long-lived SYN_SENT rows point at silent drops.',
      platformNotes: [
        `With the defaults Linux gives up after about ${LINUX.syn.giveUpSeconds} s, sooner than the RFC's ${RFC.synRetransmission.minutes}-minute minimum; before ${LINUX.syn.linearSince}, without ${SYSCTL.tcp_syn_linear_timeouts}, it was ${LINUX.syn.giveUpSecondsBeforeLinear} s.`,
        'Linux tracing shows the start as CLOSE -> SYN_SENT, because Linux calls CLOSED TCP_CLOSE.',
      ],
    },
    'SYN-RECEIVED': {
      meaning: 'A SYN was received and a SYN,ACK sent; waiting for the ACK that completes the three-way handshake.',
      side: 'The passive opener (server) during the handshake; both sides during a simultaneous open.',
      timers: [
        `SYN,ACK retransmission: Linux resends it ${SYSCTL.tcp_synack_retries} times (${LINUX.synAck.retries}: last resend after about ${LINUX.synAck.lastResendSeconds} s, dropped after about ${LINUX.synAck.giveUpSeconds} s).`,
      ],
      pileUp: `A SYN flood, clients whose final ACK never arrives (a firewall, asymmetric routing), or a full accept queue: with ${SYSCTL.tcp_abort_on_overflow}=0 Linux drops the final ACK while the queue is full, so the handshake stays here. Look for "SYN flooding" in the kernel log and at the listen overflow counters.`,
      platformNotes: [
        `Linux keeps pending handshakes in request sockets (TCP_NEW_SYN_RECV); netstat, ss and /proc/net/tcp show them as SYN_RECV, SYN-RECV and ${procCode('SYN-RECEIVED')}.`,
        'A handshake answered with a SYN cookie keeps no state on the server, so it does not appear as SYN_RECV at all.',
        `The RFC requires remembering whether the state came from a passive or an active OPEN (${RFC.passiveOrActiveOpen.rule}): only the passive case returns to LISTEN on RST.`,
      ],
    },
    ESTABLISHED: {
      meaning: 'An open connection: data can flow both ways. The normal state of the data-transfer phase.',
      side: 'Both sides, client and server.',
      timers: [
        `Retransmission of unacknowledged data: the RFC says R2 SHOULD be at least ${RFC.dataRetransmission.seconds} s (${RFC.dataRetransmission.rule}, ${RFC.dataRetransmission.section}); Linux aborts after ${SYSCTL.tcp_retries2} (${LINUX.retries2.retries}, about ${LINUX.retries2.giveUpSeconds} s). The RTO never goes below ${LINUX.rtoMinMs} ms on Linux (tcp_rto_min_us), where ${RFC.rto.rfc} asks for at least ${RFC.rto.minSeconds} s.`,
        `Keep-alive, only if the application turns it on: the RFC says off by default with at least ${RFC.keepAlive.idleHours} hours of idle time (${RFC.keepAlive.section}); Linux probes after ${SYSCTL.tcp_keepalive_time} (${LINUX.keepAlive.timeSeconds} s), every ${SYSCTL.tcp_keepalive_intvl} (${LINUX.keepAlive.intervalSeconds} s), ${SYSCTL.tcp_keepalive_probes} (${LINUX.keepAlive.probes}) times.`,
      ],
      pileUp: 'Usually just load. Many idle ones can mean a connection pool that never shrinks, or peers that vanished without FIN or RST (half-open connections, found only by keep-alive or the next write).',
      platformNotes: [
        'ss prints ESTAB. netstat and lsof also print ESTABLISHED for connected UDP sockets, and ss prints ESTAB for UNIX sockets: those are not TCP.',
        `close() with received data still unread, or data that arrives after close(), makes Linux send a RST instead of a FIN: the socket goes to CLOSED, not FIN-WAIT-1 (${RFC.resetOnUnreadData.section}, ${RFC.resetOnUnreadData.rules.join(', ')}).`,
        `Linux follows ${RFC.blindAttacks.rfc} by default: a SYN, or an in-window RST whose sequence number is not exactly RCV.NXT, gets a challenge ACK and leaves the connection as it is.`,
      ],
    },
    'FIN-WAIT-1': {
      meaning: 'This side has sent its FIN; waiting for it to be acknowledged or for the peer\'s FIN.',
      side: 'The active closer, right after close() or shutdown(SHUT_WR).',
      timers: [
        `FIN retransmission: ${SYSCTL.tcp_retries2} applies while the application still holds the socket (after shutdown()); once close() has orphaned it, Linux stops after ${SYSCTL.tcp_orphan_retries} instead (it reads ${LINUX.orphanRetries.value}, which means ${LINUX.orphanRetries.meaning}: over ${LINUX.orphanRetries.atLeastSeconds} s at the ${LINUX.rtoMinMs} ms minimum RTO).`,
      ],
      pileUp: 'FINs are not being acknowledged: the peer is gone or unreachable, or it advertises a zero window while unsent data is still queued. Normally this state lasts about a round trip.',
      platformNotes: [
        `Linux resets orphans at once when there are more than ${SYSCTL.tcp_max_orphans} and logs "too many orphaned sockets".`,
        `The RFC still allows receiving here (${RFC.receiveAfterFin.section}); after close() the application can no longer read, only after shutdown(SHUT_WR).`,
      ],
    },
    'FIN-WAIT-2': {
      meaning: 'Our FIN has been acknowledged; waiting for the peer to send its own FIN. The connection is half-closed.',
      side: 'The active closer; the peer is meanwhile in CLOSE-WAIT.',
      timers: [
        `The RFC has no timer here: a half-closed connection may last for ever. Linux drops orphaned ones after ${SYSCTL.tcp_fin_timeout} (${LINUX.finTimeoutSeconds} s).`,
      ],
      pileUp: 'Peers that never close their side: look for CLOSE-WAIT sockets on the peer host. Ones that are not orphaned belong to an application that called shutdown(SHUT_WR) and still holds the socket.',
      platformNotes: [
        `Linux moves an orphaned FIN-WAIT-2 socket into a small TIME-WAIT socket with sub-state FIN_WAIT2; /proc/net/tcp shows it as ${procCode('FIN-WAIT-2')} with timer ${LINUX.timeWaitProcTimer}.`,
        `The per-socket option TCP_LINGER2 overrides ${SYSCTL.tcp_fin_timeout} (at most ${LINUX.linger2MaxSeconds} s); a negative value sends RST instead of waiting.`,
      ],
    },
    'CLOSE-WAIT': {
      meaning: 'The peer has closed its side (its FIN was received and acknowledged); waiting for the local application to close.',
      side: 'The passive closer: the side that received the first FIN.',
      timers: [],
      pileUp: 'The local application is not closing its sockets: a leak, a blocked thread, or a pool that never releases connections. It is not a kernel tuning issue: no protocol timer ends this state, and only the application\'s close() moves the socket on to LAST-ACK.',
      platformNotes: [
        'No sysctl limits this state on Linux; a socket can stay in CLOSE-WAIT as long as the process keeps it open.',
        `A non-zero Recv-Q often comes with it: data the application never read. If it then calls close(), Linux sends a RST instead of a FIN and skips LAST-ACK (${RFC.resetOnUnreadData.section}, ${RFC.resetOnUnreadData.rules.join(', ')}).`,
      ],
    },
    CLOSING: {
      meaning: 'Both sides sent a FIN at about the same time; waiting for the acknowledgment of our FIN.',
      side: 'Both sides, during a simultaneous close.',
      timers: [`FIN retransmission, bounded on Linux by ${SYSCTL.tcp_orphan_retries} once the application has closed the socket.`],
      pileUp: 'Rare and short-lived. Many CLOSING sockets mean FINs crossed and the ACKs for them are lost: look for packet loss on the path or a peer that vanished.',
      platformNotes: ['The netstat(8) man page describes it as "Both sockets are shut down but we still don\'t have all our data sent."'],
    },
    'LAST-ACK': {
      meaning: 'The passive closer has sent its own FIN after the peer\'s; waiting for the last ACK.',
      side: 'The passive closer, after its application closed the socket in CLOSE-WAIT.',
      timers: [
        `FIN retransmission until it is acknowledged; Linux stops after ${SYSCTL.tcp_orphan_retries} (${LINUX.orphanRetries.value} means ${LINUX.orphanRetries.meaning}) for sockets orphaned by close(), not after ${SYSCTL.tcp_retries2}, which bounds it only after shutdown().`,
      ],
      pileUp: 'The final ACKs do not arrive: the peer is gone or unreachable, or a firewall on the path dropped the connection\'s state. Normally this lasts one round trip.',
      platformNotes: [
        `On Linux the socket is an orphan here after close(): ss -p shows no process for it, and ${SYSCTL.tcp_orphan_retries} bounds its FIN retransmissions.`,
      ],
    },
    'TIME-WAIT': {
      meaning: 'The connection is closed; waiting so the peer surely got our last ACK and old segments die out before the port pair is reused.',
      side: 'Only the active closer, the side that sent the first FIN, be it client or server; after a simultaneous close, both sides.',
      timers: [
        `RFC: 2×MSL with MSL = ${RFC.msl.minutes} minutes, so ${RFC_TIME_WAIT_MINUTES} minutes (${RFC.msl.sections.join(', ')}); a retransmitted FIN restarts it.`,
        `Linux: a fixed ${LINUX.timeWait.seconds} s (${LINUX.timeWait.constant}, compiled in, not a sysctl).`,
      ],
      pileUp: `This host actively closes many short connections. Mostly harmless (a few hundred bytes each), but between two fixed endpoints, when the client is the side in TIME-WAIT, it caps new connections at about ${LINUX.timeWaitConnectionsPerSecond} per second (unless ${SYSCTL.tcp_tw_reuse} applies), and a client that runs out of ephemeral ports sees connect() fail with EADDRNOTAVAIL. Prefer keep-alive connections, or let the peer close first.`,
      platformNotes: [
        `Linux keeps ${LINUX.timeWait.seconds} s where the RFC asks for ${RFC_TIME_WAIT_MINUTES} minutes; FreeBSD uses MSL = ${FREEBSD_MSL_SECONDS} s, also ${2 * FREEBSD_MSL_SECONDS} s.`,
        `tcp_tw_recycle was removed in ${LINUX.twRecycleRemovedIn}: advice to set it is outdated.`,
        `Windows netstat shows PID ${OTHER.windowsTimeWaitPid} for TIME_WAIT rows: no process owns them any more.`,
        `A new SYN may reopen the port pair early when its sequence number or timestamp is newer (${RFC.timeWaitReopen.section}, ${RFC.timeWaitReopen.rfc}); Linux does so whatever ${SYSCTL.tcp_tw_reuse} says (tcp_timewait_state_process returns TCP_TW_SYN), so a server in TIME-WAIT does not hold back a client that reconnects.`,
        `A RST in TIME-WAIT ends it with ${SYSCTL.tcp_rfc1337}=0 (the default) and is ignored with 1 (${RFC.timeWaitAssassination.rfc}).`,
      ],
    },
    NEW_SYN_RECV: {
      meaning: `Linux-internal (state ${linuxStateNumber('NEW_SYN_RECV')}): the request socket of a passive handshake that is not complete yet, a light-weight SYN-RECEIVED.`,
      side: 'The passive opener (server): one request socket per pending handshake.',
      timers: [`SYN,ACK retransmission, ${SYSCTL.tcp_synack_retries} (${LINUX.synAck.retries}: about ${LINUX.synAck.giveUpSeconds} s).`],
      pileUp: 'The same as many SYN_RECV: a SYN flood, a full accept queue, or final ACKs that do not arrive.',
      platformNotes: [
        `${NO_RFC_STATE}: to the RFC the handshake is in SYN-RECEIVED.`,
        `Socket listings never show the name: /proc/net/tcp shows ${procCode('SYN-RECEIVED')} and ss SYN-RECV; ss has only UNDEF for the raw value and rejects new-syn-recv as a filter. Tracing tools (bcc, bpftrace) may print the name.`,
      ],
    },
    BOUND_INACTIVE: {
      meaning: `Linux pseudo-state (${linuxStateNumber('BOUND_INACTIVE')}) for inet_diag: selects TCP sockets bound to a port but neither listening nor connecting.`,
      side: 'A local socket after bind(), before listen() or connect().',
      timers: [],
      pileUp: 'Many mean an application binds ports and never uses them; each one still holds its port.',
      platformNotes: [
        `${NO_RFC_STATE}: to the RFC, and in the kernel, such a socket is CLOSED. It is only a filter value: ss -B lists these sockets as UNCONN.`,
        `ss -tB and state bound-inactive need ${LINUX.ssBoundInactiveSince.iproute2} or later; Debian 12's ${LINUX.ssBoundInactiveSince.debian12} rejects them.`,
      ],
    },
    DELETE_TCB: {
      meaning: `Windows / TCP-MIB value ${MIB_DELETE_TCB}: delete the connection's TCB. Set by a management tool to tear a connection down.`,
      side: 'Either side; requested by an administrator or a tool, not by TCP itself.',
      timers: [],
      pileUp: 'Seen at most briefly, after a tool asked Windows to kill connections (SetTcpEntry).',
      platformNotes: [
        `${NO_RFC_STATE}; the nearest is an ABORT, which ends in CLOSED. It is the only value SetTcpEntry (and SNMP) accepts.`,
      ],
    },
    BOUND: {
      meaning: 'PowerShell (Bound) and Solaris (TCPS_BOUND): a socket bound to a local address and port, not yet listening or connecting.',
      side: 'A local socket after bind().',
      timers: [],
      pileUp: 'Many mean ports reserved by bind() and never used, for example client sockets bound explicitly before connect().',
      platformNotes: [`${NO_RFC_STATE}: to the RFC the socket is still CLOSED. psutil reports the Solaris one as CONN_BOUND.`],
    },
    IDLE: {
      meaning: 'Solaris/illumos (TCPS_IDLE): a TCP socket that has been opened but not yet bound to a port.',
      side: 'A local socket right after socket().',
      timers: [],
      pileUp: 'Many mean an application opens sockets and never uses them.',
      platformNotes: [`${NO_RFC_STATE}: to the RFC it is CLOSED. psutil reports it as CONN_IDLE.`],
    },
    NONE: {
      meaning: 'psutil / gopsutil: the socket has no TCP state at all, because it is a UDP or UNIX socket.',
      side: 'Nobody: it is not a TCP connection.',
      timers: [],
      pileUp: 'Nothing about TCP: count these apart from the TCP states.',
      platformNotes: [`${NO_RFC_STATE}. psutil uses CONN_NONE for every UDP and UNIX socket; Telegraf reports them as tcp_none.`],
    },
    UNKNOWN: {
      meaning: `The tool could not name the state: Linux netstat prints it for non-TCP sockets; .NET TcpState.Unknown is ${OTHER.dotnetUnknown}.`,
      side: 'Unknown; often not a TCP connection at all.',
      timers: [],
      pileUp: 'Usually non-TCP sockets, or a state number the tool does not know (for example a state added by a newer kernel).',
      platformNotes: [
        `${NO_RFC_STATE}. Linux netstat also prints UNKNOWN for UNIX sockets and some UDP rows; libbpf-tools tcpstates prints it for Linux state ${linuxStateNumber('BOUND_INACTIVE')} (BOUND_INACTIVE).`,
      ],
    },
  },
};

export const EXPLANATIONS_EN = withFacts(PROSE_EN);
