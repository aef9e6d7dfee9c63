// What each state means, who is in it, its timers, what a pile-up means, which Linux settings
// matter and where implementations differ — in English. How a state is entered and left is not
// here: it is derived from the transition table (transitions.ts). Facts from RFC 9293 and the
// Linux kernel's sources and Documentation/networking/ip-sysctl.rst; sentences are our own.
// Kept in step with explanations.zh-cn.ts: same sysctl names and defaults, same number of
// timers, notes and commands (the unit tests check this). Pure data.
import type { KernelSetting, StateExplanation } from './explanation-types';
import type { StateId } from './states';

const SYN_RETRIES: KernelSetting = {
  name: 'net.ipv4.tcp_syn_retries',
  linuxDefault: '6 (about 127 s)',
  effect: 'How many times the SYN of a connect() is retransmitted before it fails with ETIMEDOUT.',
};
const SYNACK_RETRIES: KernelSetting = {
  name: 'net.ipv4.tcp_synack_retries',
  linuxDefault: '5 (about 63 s)',
  effect: 'How many times the SYN,ACK is retransmitted before a half-open handshake is dropped.',
};
const MAX_SYN_BACKLOG: KernelSetting = {
  name: 'net.ipv4.tcp_max_syn_backlog',
  linuxDefault: 'at least 128, scaled with memory',
  effect: 'Per-listener limit of remembered half-open handshakes (SYN_RECV); each costs about 304 bytes.',
};
const ORPHAN_RETRIES: KernelSetting = {
  name: 'net.ipv4.tcp_orphan_retries',
  linuxDefault: '0 (treated as 8)',
  effect: 'Retransmissions of an unacknowledged FIN after the application has closed the socket (an orphan).',
};
const MAX_ORPHANS: KernelSetting = {
  name: 'net.ipv4.tcp_max_orphans',
  linuxDefault: 'computed at boot, scaled with memory',
  effect: 'Limit of sockets no process holds any more; beyond it orphans are reset at once and a warning is logged.',
};
const FIN_TIMEOUT: KernelSetting = {
  name: 'net.ipv4.tcp_fin_timeout',
  linuxDefault: '60 (seconds)',
  effect: 'How long an orphaned socket may wait in FIN-WAIT-2 for the peer\'s FIN before the kernel drops it.',
};
const RETRIES2: KernelSetting = {
  name: 'net.ipv4.tcp_retries2',
  linuxDefault: '15 (about 924.6 s)',
  effect: 'Retransmissions of unacknowledged data before the connection is aborted (ETIMEDOUT).',
};

const NO_RFC_STATE = 'RFC 9293 has no such state';

export const EXPLANATIONS_EN: Readonly<Record<StateId, StateExplanation>> = {
  CLOSED: {
    state: 'CLOSED',
    rfc: '§3.3.2, §3.10.7.1',
    meaning: 'No connection at all: there is no TCB. RFC 9293 calls it a fictional state; every connection starts and ends here.',
    side: 'Either side: before a connection is opened and after it is completely gone.',
    timers: [],
    pileUp: 'Nothing to act on as such: a closed socket holds no connection. Most UNCONN rows in ss are UDP, raw or UNIX sockets, not TCP; TCP sockets that are only bound are the BOUND_INACTIVE case.',
    settings: [],
    platformNotes: [
      'Linux calls it TCP_CLOSE: netstat, psutil and bcc print CLOSE, ss prints UNCONN; the RFC, BSD and Windows print CLOSED.',
      'On Linux a new or merely bound socket is in this state too, which is why tracing shows CLOSE -> SYN_SENT at connect().',
      '.NET on Linux maps TCP_CLOSE to TcpState.Closing, so a .NET "Closing" there may really be CLOSED.',
    ],
    inspect: ['ss -tan state closed'],
  },
  LISTEN: {
    state: 'LISTEN',
    rfc: '§3.3.2, §3.10.1, §3.10.7.2',
    meaning: 'Waiting for a connection request (SYN) from any remote peer and port.',
    side: 'The passive opener: a server socket after listen().',
    timers: [],
    pileUp: 'The count is the number of listening services (one socket per address and port, more with SO_REUSEPORT). For a LISTEN row, ss shows the accept queue in Recv-Q and its limit in Send-Q: a Recv-Q near the limit means the application does not accept() fast enough.',
    settings: [
      { name: 'net.core.somaxconn', linuxDefault: '4096 (128 before Linux 5.4)', effect: 'Caps the listen() backlog, the queue of completed connections waiting for accept().' },
      MAX_SYN_BACKLOG,
      { name: 'net.ipv4.tcp_abort_on_overflow', linuxDefault: '0', effect: 'With 1, a full accept queue answers new connections with RST; with 0 the final ACK is dropped so a short burst can recover.' },
    ],
    platformNotes: [
      'Windows netstat prints LISTENING; Linux netstat prints LISTEN for TCP and LISTENING only for UNIX sockets.',
      'On Linux the listener itself stays in LISTEN: each handshake lives in its own request socket (NEW_SYN_RECV), shown as SYN_RECV.',
      'ss -l asks for LISTEN and CLOSE sockets, so without -t it also prints unconnected UDP sockets (UNCONN).',
    ],
    inspect: ['ss -ltn', 'ss -ltnp \'( sport = :443 )\'', 'nstat -az TcpExtListenOverflows TcpExtListenDrops'],
  },
  'SYN-SENT': {
    state: 'SYN-SENT',
    rfc: '§3.3.2, §3.10.1, §3.8.3',
    meaning: 'A SYN has been sent; waiting for the peer\'s matching SYN,ACK.',
    side: 'The active opener: a client inside connect().',
    timers: [
      'SYN retransmission: the RFC says to keep retransmitting the SYN for at least 3 minutes before giving up (§3.8.3, MUST-23).',
      'Linux retransmits it tcp_syn_retries times (6) with the timeout doubling from 1 s, and gives up after about 127 s.',
    ],
    pileUp: 'Peers are not answering SYNs: the host is down, a firewall drops the SYN silently, or routing is broken. A peer that answers with RST ends the attempt at once (ECONNREFUSED), so long-lived SYN_SENT rows point at silent drops.',
    settings: [SYN_RETRIES],
    platformNotes: [
      'With the default tcp_syn_retries Linux gives up after about 127 s, sooner than the RFC\'s 3-minute minimum.',
      'Linux tracing shows the start as CLOSE -> SYN_SENT, because Linux calls CLOSED TCP_CLOSE.',
    ],
    inspect: ['ss -tanp state syn-sent'],
  },
  'SYN-RECEIVED': {
    state: 'SYN-RECEIVED',
    rfc: '§3.3.2, §3.5, §3.10.7.2',
    meaning: 'A SYN was received and a SYN,ACK sent; waiting for the ACK that completes the three-way handshake.',
    side: 'The passive opener (server) during the handshake; both sides during a simultaneous open.',
    timers: [
      'SYN,ACK retransmission: Linux resends it tcp_synack_retries times (5: last resend after about 31 s, dropped after about 63 s).',
    ],
    pileUp: 'A SYN flood, clients whose final ACK never arrives (a firewall, asymmetric routing), or a full accept queue: with tcp_abort_on_overflow=0 Linux drops the final ACK while the queue is full, so the handshake stays here. Look for "SYN flooding" in the kernel log and at the listen overflow counters.',
    settings: [
      SYNACK_RETRIES,
      MAX_SYN_BACKLOG,
      { name: 'net.ipv4.tcp_syncookies', linuxDefault: '1', effect: 'When a listener\'s SYN queue overflows, answer with SYN cookies instead of dropping, so a flood does not lock out real clients.' },
    ],
    platformNotes: [
      'Linux keeps pending handshakes in request sockets (TCP_NEW_SYN_RECV); netstat, ss and /proc/net/tcp show them as SYN_RECV, SYN-RECV and 03.',
      'A handshake answered with a SYN cookie keeps no state on the server, so it does not appear as SYN_RECV at all.',
      'The RFC requires remembering whether the state came from a passive or an active OPEN (MUST-11): only the passive case returns to LISTEN on RST.',
    ],
    inspect: ['ss -tan state syn-recv', 'netstat -ant | grep -c SYN_RECV', 'nstat -az TcpExtSyncookiesSent TcpExtListenDrops'],
  },
  ESTABLISHED: {
    state: 'ESTABLISHED',
    rfc: '§3.3.2, §3.8.3, §3.8.4',
    meaning: 'An open connection: data can flow both ways. The normal state of the data-transfer phase.',
    side: 'Both sides, client and server.',
    timers: [
      'Retransmission of unacknowledged data: the RFC asks for at least 100 s before giving up (R2, §3.8.3); Linux aborts after tcp_retries2 (15, about 924.6 s).',
      'Keep-alive, only if the application turns it on: the RFC says off by default with at least 2 hours of idle time (§3.8.4); Linux probes after tcp_keepalive_time (7200 s), every tcp_keepalive_intvl (75 s), tcp_keepalive_probes (9) times.',
    ],
    pileUp: 'Usually just load. Many idle ones can mean a connection pool that never shrinks, or peers that vanished without FIN or RST (half-open connections, found only by keep-alive or the next write).',
    settings: [
      RETRIES2,
      { name: 'net.ipv4.tcp_keepalive_time', linuxDefault: '7200 (seconds)', effect: 'Idle time before the first keep-alive probe, on sockets with SO_KEEPALIVE.' },
      { name: 'net.ipv4.tcp_keepalive_probes', linuxDefault: '9', effect: 'Unanswered keep-alive probes before the connection is declared dead.' },
      { name: 'net.ipv4.tcp_keepalive_intvl', linuxDefault: '75 (seconds)', effect: 'Interval between keep-alive probes.' },
    ],
    platformNotes: [
      'ss prints ESTAB. netstat and lsof also print ESTABLISHED for connected UDP sockets, and ss prints ESTAB for UNIX sockets: those are not TCP.',
    ],
    inspect: ['ss -tn state established', 'ss -tno state established'],
  },
  'FIN-WAIT-1': {
    state: 'FIN-WAIT-1',
    rfc: '§3.3.2, §3.6, §3.10.4',
    meaning: 'This side has sent its FIN; waiting for it to be acknowledged or for the peer\'s FIN.',
    side: 'The active closer, right after close() or shutdown(SHUT_WR).',
    timers: [
      'FIN retransmission: tcp_retries2 applies while the application still holds the socket; once it is orphaned, Linux stops after tcp_orphan_retries (0 means 8, over 100 s at the minimum RTO).',
    ],
    pileUp: 'FINs are not being acknowledged: the peer is gone or unreachable, or it advertises a zero window while unsent data is still queued. Normally this state lasts about a round trip.',
    settings: [ORPHAN_RETRIES, MAX_ORPHANS],
    platformNotes: [
      'Linux resets orphans at once when there are more than tcp_max_orphans and logs "too many orphaned sockets".',
      'The RFC still allows receiving here (§3.6); after close() the application can no longer read, only after shutdown(SHUT_WR).',
    ],
    inspect: ['ss -tan state fin-wait-1', 'ss -s'],
  },
  'FIN-WAIT-2': {
    state: 'FIN-WAIT-2',
    rfc: '§3.3.2, §3.6',
    meaning: 'Our FIN has been acknowledged; waiting for the peer to send its own FIN. The connection is half-closed.',
    side: 'The active closer; the peer is meanwhile in CLOSE-WAIT.',
    timers: [
      'The RFC has no timer here: a half-closed connection may last for ever. Linux drops orphaned ones after tcp_fin_timeout (60 s).',
    ],
    pileUp: 'Peers that never close their side: look for CLOSE-WAIT sockets on the peer host. Ones that are not orphaned belong to an application that called shutdown(SHUT_WR) and still holds the socket.',
    settings: [FIN_TIMEOUT],
    platformNotes: [
      'Linux moves an orphaned FIN-WAIT-2 socket into a small TIME-WAIT socket with sub-state FIN_WAIT2; /proc/net/tcp shows it as 05 with timer 3.',
      'The per-socket option TCP_LINGER2 overrides tcp_fin_timeout (at most 120 s); a negative value sends RST instead of waiting.',
    ],
    inspect: ['ss -tan state fin-wait-2', 'ss -tno state fin-wait-2'],
  },
  'CLOSE-WAIT': {
    state: 'CLOSE-WAIT',
    rfc: '§3.3.2, §3.6, §3.10.4',
    meaning: 'The peer has closed its side (its FIN was received and acknowledged); waiting for the local application to close.',
    side: 'The passive closer: the side that received the first FIN.',
    timers: [],
    pileUp: 'The local application is not closing its sockets: a leak, a blocked thread, or a pool that never releases connections. It is not a kernel tuning issue: no protocol timer ends this state, and only the application\'s close() moves the socket on to LAST-ACK.',
    settings: [],
    platformNotes: [
      'No sysctl limits this state on Linux; a socket can stay in CLOSE-WAIT as long as the process keeps it open.',
      'A non-zero Recv-Q often comes with it: data the application never read.',
    ],
    inspect: ['ss -tanp state close-wait', 'lsof -nP -iTCP -sTCP:CLOSE_WAIT'],
  },
  CLOSING: {
    state: 'CLOSING',
    rfc: '§3.3.2, §3.6',
    meaning: 'Both sides sent a FIN at about the same time; waiting for the acknowledgment of our FIN.',
    side: 'Both sides, during a simultaneous close.',
    timers: ['FIN retransmission, bounded on Linux by tcp_orphan_retries once the application has closed the socket.'],
    pileUp: 'Rare and short-lived. Many CLOSING sockets mean FINs crossed and the ACKs for them are lost: look for packet loss on the path or a peer that vanished.',
    settings: [ORPHAN_RETRIES],
    platformNotes: ['Linux\'s own comment: both sides have shut down, but this side still has data to finish sending.'],
    inspect: ['ss -tan state closing'],
  },
  'LAST-ACK': {
    state: 'LAST-ACK',
    rfc: '§3.3.2, §3.6, §3.10.7.4',
    meaning: 'The passive closer has sent its own FIN after the peer\'s; waiting for the last ACK.',
    side: 'The passive closer, after its application closed the socket in CLOSE-WAIT.',
    timers: ['FIN retransmission until it is acknowledged; Linux stops after tcp_orphan_retries (0 means 8) for orphaned sockets.'],
    pileUp: 'The final ACKs do not arrive: the peer is gone or unreachable, or a firewall on the path dropped the connection\'s state. Normally this lasts one round trip.',
    settings: [ORPHAN_RETRIES],
    platformNotes: ['On Linux the socket is an orphan here after close(): ss -p shows no process for it, and tcp_orphan_retries bounds its FIN retransmissions.'],
    inspect: ['ss -tan state last-ack'],
  },
  'TIME-WAIT': {
    state: 'TIME-WAIT',
    rfc: '§3.3.2, §3.4.2, §3.6.1, §3.10.8',
    meaning: 'The connection is closed; waiting so the peer surely got our last ACK and old segments die out before the port pair is reused.',
    side: 'Only the active closer, the side that sent the first FIN, be it client or server; after a simultaneous close, both sides.',
    timers: [
      'RFC: 2×MSL with MSL = 2 minutes, so 4 minutes (§3.4.2, §3.6.1); a retransmitted FIN restarts it.',
      'Linux: a fixed 60 s (TCP_TIMEWAIT_LEN, compiled in, not a sysctl).',
    ],
    pileUp: 'This host actively closes many short connections. Mostly harmless (a few hundred bytes each), but between two fixed endpoints it caps new connections at about 500 per second, and a client that runs out of ephemeral ports sees connect() fail with EADDRNOTAVAIL. Prefer keep-alive connections, or let the peer close first.',
    settings: [
      { name: 'net.ipv4.tcp_tw_reuse', linuxDefault: '2 (loopback only)', effect: 'Lets a new outgoing connection reuse a TIME-WAIT port pair when timestamps make it safe (1: for all traffic, 0: never).' },
      { name: 'net.ipv4.tcp_max_tw_buckets', linuxDefault: 'half the established hash size', effect: 'Beyond this many TIME-WAIT sockets, new ones are destroyed at once and a warning is logged.' },
      { name: 'net.ipv4.tcp_rfc1337', linuxDefault: '0', effect: 'With 1, a RST received in TIME-WAIT is ignored as RFC 1337 advises; with 0 it ends the state early.' },
    ],
    platformNotes: [
      'Linux keeps 60 s where the RFC asks for 4 minutes; FreeBSD uses MSL = 30 s, also 60 s.',
      'tcp_tw_recycle was removed in Linux 4.12: advice to set it is outdated.',
      'Windows netstat shows PID 0 for TIME_WAIT rows: no process owns them any more.',
      'A new SYN may reopen the port pair early when its sequence number or timestamp is newer (§3.6.1, RFC 6191).',
    ],
    inspect: ['ss -tan state time-wait | wc -l', 'ss -s'],
  },
  NEW_SYN_RECV: {
    state: 'NEW_SYN_RECV',
    rfc: '§3.10.7.2, §3.3.2',
    meaning: 'Linux-internal (state 12): the request socket of a passive handshake that is not complete yet, a light-weight SYN-RECEIVED.',
    side: 'The passive opener (server): one request socket per pending handshake.',
    timers: ['SYN,ACK retransmission, tcp_synack_retries (5: about 63 s).'],
    pileUp: 'The same as many SYN_RECV: a SYN flood, a full accept queue, or final ACKs that do not arrive.',
    settings: [SYNACK_RETRIES, MAX_SYN_BACKLOG],
    platformNotes: [
      `${NO_RFC_STATE}: to the RFC the handshake is in SYN-RECEIVED.`,
      'Socket listings never show the name: /proc/net/tcp shows 03 and ss SYN-RECV; ss has only UNDEF for the raw value and rejects new-syn-recv as a filter. Tracing tools (bcc, bpftrace) may print the name.',
    ],
    inspect: ['ss -tan state syn-recv'],
  },
  BOUND_INACTIVE: {
    state: 'BOUND_INACTIVE',
    rfc: '§3.3.2',
    meaning: 'Linux pseudo-state (13) for inet_diag: selects TCP sockets bound to a port but neither listening nor connecting.',
    side: 'A local socket after bind(), before listen() or connect().',
    timers: [],
    pileUp: 'Many mean an application binds ports and never uses them; each one still holds its port.',
    settings: [],
    platformNotes: [
      `${NO_RFC_STATE}: to the RFC, and in the kernel, such a socket is CLOSED. It is only a filter value: ss -B lists these sockets as UNCONN.`,
    ],
    inspect: ['ss -tB', 'ss -t state bound-inactive'],
  },
  DELETE_TCB: {
    state: 'DELETE_TCB',
    rfc: '§3.10.5',
    meaning: 'Windows / TCP-MIB value 12: delete the connection\'s TCB. Set by a management tool to tear a connection down.',
    side: 'Either side; requested by an administrator or a tool, not by TCP itself.',
    timers: [],
    pileUp: 'Seen at most briefly, after a tool asked Windows to kill connections (SetTcpEntry).',
    settings: [],
    platformNotes: [
      `${NO_RFC_STATE}; the nearest is an ABORT, which ends in CLOSED. It is the only value SetTcpEntry (and SNMP) accepts.`,
    ],
    inspect: ['Get-NetTCPConnection -State DeleteTCB'],
  },
  BOUND: {
    state: 'BOUND',
    rfc: '§3.3.2',
    meaning: 'PowerShell (Bound) and Solaris (TCPS_BOUND): a socket bound to a local address and port, not yet listening or connecting.',
    side: 'A local socket after bind().',
    timers: [],
    pileUp: 'Many mean ports reserved by bind() and never used, for example client sockets bound explicitly before connect().',
    settings: [],
    platformNotes: [`${NO_RFC_STATE}: to the RFC the socket is still CLOSED. psutil reports the Solaris one as CONN_BOUND.`],
    inspect: ['Get-NetTCPConnection -State Bound', 'netstat -an -P tcp'],
  },
  IDLE: {
    state: 'IDLE',
    rfc: '§3.3.2',
    meaning: 'Solaris/illumos (TCPS_IDLE): a TCP socket that has been opened but not yet bound to a port.',
    side: 'A local socket right after socket().',
    timers: [],
    pileUp: 'Many mean an application opens sockets and never uses them.',
    settings: [],
    platformNotes: [`${NO_RFC_STATE}: to the RFC it is CLOSED. psutil reports it as CONN_IDLE.`],
    inspect: ['netstat -an -P tcp'],
  },
  NONE: {
    state: 'NONE',
    rfc: '§3.3.2',
    meaning: 'psutil / gopsutil: the socket has no TCP state at all, because it is a UDP or UNIX socket.',
    side: 'Nobody: it is not a TCP connection.',
    timers: [],
    pileUp: 'Nothing about TCP: count these apart from the TCP states.',
    settings: [],
    platformNotes: [`${NO_RFC_STATE}. psutil uses CONN_NONE for every UDP and UNIX socket; Telegraf reports them as tcp_none.`],
    inspect: ['python3 -c "import psutil; print(psutil.net_connections(kind=\'udp\'))"'],
  },
  UNKNOWN: {
    state: 'UNKNOWN',
    rfc: '§3.3.2',
    meaning: 'The tool could not name the state: Linux netstat prints it for non-TCP sockets; .NET TcpState.Unknown is 0.',
    side: 'Unknown; often not a TCP connection at all.',
    timers: [],
    pileUp: 'Usually non-TCP sockets, or a state number the tool does not know (for example a state added by a newer kernel).',
    settings: [],
    platformNotes: [
      `${NO_RFC_STATE}. Linux netstat also prints UNKNOWN for UNIX sockets and some UDP rows; libbpf-tools tcpstates prints it for Linux state 13 (BOUND_INACTIVE).`,
    ],
    inspect: ['netstat -an | grep UNKNOWN'],
  },
};
