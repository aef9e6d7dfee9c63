// The tools, kernels and libraries whose spellings of TCP states we recognise, with where each
// spelling was read. Pure data: no `vscode`, no DOM.
import type { Locale } from '../model/locales';

export const SOURCE_IDS = [
  'rfc',
  'linux-kernel',
  'linux-bpf',
  'tracepoint',
  'linux-proc',
  'linux-netstat',
  'ss',
  'ss-filter',
  'lsof',
  'bsd-kernel',
  'bsd-netstat',
  'solaris',
  'windows-netstat',
  'windows-mib',
  'windows-winsock',
  'powershell',
  'dotnet',
  'rust',
  'psutil',
  'gopsutil',
  'node-exporter',
  'snmp-mib',
  'net-tools-l10n',
  'windows-netstat-de',
  'network-os',
  'c-enum',
  'informal',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export interface Source {
  readonly id: SourceId;
  /** Short human name, used in hovers: "`SYN_RECV` — Linux netstat spelling of RFC SYN-RECEIVED". */
  readonly name: string;
  /** Where the spelling is defined or printed, so a reader can check it. */
  readonly reference: string;
}

export const SOURCES: Readonly<Record<SourceId, Source>> = {
  rfc: { id: 'rfc', name: 'RFC 9293', reference: 'RFC 9293 §3.3.2 (state list and Figure 5)' },
  'linux-kernel': {
    id: 'linux-kernel',
    name: 'Linux kernel',
    reference: 'include/net/tcp_states.h (enum TCP_*, TCPF_* masks)',
  },
  'linux-bpf': { id: 'linux-bpf', name: 'Linux BPF', reference: 'include/uapi/linux/bpf.h (BPF_TCP_*)' },
  tracepoint: {
    id: 'tracepoint',
    name: 'Linux tracepoint sock:inet_sock_set_state',
    reference: 'include/trace/events/sock.h (oldstate=%s newstate=%s)',
  },
  'linux-proc': {
    id: 'linux-proc',
    name: 'Linux /proc/net/tcp',
    reference: 'net/ipv4/tcp_ipv4.c (st column, %02X of the kernel state)',
  },
  'linux-netstat': {
    id: 'linux-netstat',
    name: 'Linux netstat',
    reference: 'net-tools netstat.c tcp_state[] (also bcc, psutil and gopsutil on Linux)',
  },
  ss: { id: 'ss', name: 'ss', reference: 'iproute2 misc/ss.c sstate_name[]' },
  'ss-filter': { id: 'ss-filter', name: 'ss state filter', reference: 'iproute2 misc/ss.c scan_state(), man ss(8) STATE-FILTER' },
  lsof: { id: 'lsof', name: 'lsof', reference: 'lsof NAME column, e.g. (LISTEN); -sTCP:LISTEN filter' },
  'bsd-kernel': {
    id: 'bsd-kernel',
    name: 'BSD/macOS kernel',
    reference: 'netinet/tcp_fsm.h (TCPS_*) in FreeBSD and XNU',
  },
  'bsd-netstat': {
    id: 'bsd-netstat',
    name: 'BSD/macOS netstat',
    reference: 'netinet/tcp_fsm.h tcpstates[] as printed by netstat (state) column; also lwIP',
  },
  solaris: { id: 'solaris', name: 'Solaris/illumos', reference: 'illumos inet/tcp.h (TCPS_IDLE, TCPS_BOUND)' },
  'windows-netstat': {
    id: 'windows-netstat',
    name: 'Windows netstat',
    reference: 'netstat -ano State column (Windows)',
  },
  'windows-mib': {
    id: 'windows-mib',
    name: 'Windows MIB_TCP_STATE',
    reference: 'tcpmib.h MIB_TCP_STATE (iphlpapi GetTcpTable)',
  },
  'windows-winsock': {
    id: 'windows-winsock',
    name: 'Windows TCPSTATE',
    reference: 'mstcpip.h TCPSTATE (SIO_TCP_INFO)',
  },
  powershell: {
    id: 'powershell',
    name: 'PowerShell Get-NetTCPConnection',
    reference: 'MSFT_NetTCPConnection State (Get-NetTCPConnection -State)',
  },
  dotnet: {
    id: 'dotnet',
    name: '.NET TcpState',
    reference: 'System.Net.NetworkInformation.TcpState',
  },
  rust: { id: 'rust', name: 'Rust TcpState', reference: 'netstat2 TcpState, smoltcp tcp::State' },
  psutil: { id: 'psutil', name: 'psutil', reference: 'psutil/_common.py CONN_* constants' },
  gopsutil: { id: 'gopsutil', name: 'gopsutil', reference: 'shirou/gopsutil net/net_windows.go state names' },
  'node-exporter': {
    id: 'node-exporter',
    name: 'Prometheus node_exporter',
    reference: 'collector/tcpstat_linux.go node_tcp_connection_states{state=…}',
  },
  'snmp-mib': { id: 'snmp-mib', name: 'SNMP TCP-MIB', reference: 'RFC 1213 / RFC 4022 tcpConnState' },
  'net-tools-l10n': {
    id: 'net-tools-l10n',
    name: 'Linux netstat (translated)',
    reference: 'net-tools po/*.po gettext translations of tcp_state[]',
  },
  'windows-netstat-de': {
    id: 'windows-netstat-de',
    name: 'Windows netstat (German)',
    reference: 'German-language Windows netstat State column',
  },
  'network-os': {
    id: 'network-os',
    name: 'network OS CLI',
    reference: 'router/switch CLIs and appliances (e.g. Ruijie, IBM DataPower)',
  },
  'c-enum': {
    id: 'c-enum',
    name: 'C enum constant',
    reference: 'an enum member written after its type, Type_Member (e.g. TcpState_Listen in embedded stacks)',
  },
  informal: {
    id: 'informal',
    name: 'informal variant',
    reference: 'seen in tutorials and vendor docs, never printed by a tool',
  },
};

/**
 * The names above that hold words rather than a tool's own name, in each other language. A
 * name not listed here ('Linux netstat', 'psutil') is the same in every language.
 */
const LOCAL_NAMES: Readonly<Record<Locale, Partial<Record<SourceId, string>>>> = {
  en: {},
  'zh-cn': {
    'linux-kernel': 'Linux 内核',
    tracepoint: 'Linux 跟踪点 sock:inet_sock_set_state',
    'ss-filter': 'ss 状态过滤器',
    'bsd-kernel': 'BSD/macOS 内核',
    'net-tools-l10n': 'Linux netstat（翻译版）',
    'windows-netstat-de': 'Windows netstat（德语版）',
    'network-os': '网络设备操作系统 CLI',
    'c-enum': 'C 枚举常量',
    informal: '非正式写法',
  },
};

/** A source's name in `locale`: "`SYN_RECV` — Linux 内核 的写法". */
export function sourceName(id: SourceId, locale: Locale): string {
  return LOCAL_NAMES[locale][id] ?? SOURCES[id].name;
}
