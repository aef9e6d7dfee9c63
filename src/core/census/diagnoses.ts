// Diagnoses of a census, written as data: each rule names the states it looks at, its stated
// threshold, its text in every language, the source it cites, and a function that gives the
// numbers that made it fire. Numbers come from model/explanation-facts.ts where it has them.
// Pure: no `vscode`, no Node APIs.
import { localized, type Localized } from '../model/locales';
import type { StateId } from '../model/states';
import { LINUX, RFC, RFC_NAME, sysctlName } from '../model/explanation-facts';
import type { CensusResult, GroupEntry, NotedWord } from './census';

/** Linux's default net.ipv4.ip_local_port_range, its size and what it allows per destination: from the facts, said once. */
export const LOCAL_PORT_RANGE = LINUX.localPortRange;
export const LOCAL_PORT_COUNT = LINUX.localPortCount;
/** New connections per second to one destination (address and port) before TIME-WAIT exhausts the range: ≈ 470. */
export const CONNECTIONS_PER_SECOND_PER_DESTINATION = LINUX.timeWaitConnectionsPerSecond;

/** Fires when the states' mentions reach `minCount` and make at least `minSharePercent` of all mentions. */
export interface StateThreshold {
  readonly kind: 'states';
  readonly minCount: number;
  readonly minSharePercent: number;
}
/** Fires when a word occurs in the dump's text. */
export interface WordThreshold {
  readonly kind: 'word';
  readonly word: NotedWord;
  readonly minCount: number;
}

/** The numbers a diagnosis fired on. */
export interface DiagnosisNumbers {
  readonly count: number;
  /** Percent of all mentions, one decimal. */
  readonly sharePercent: number;
  readonly topLocalPort?: GroupEntry;
  readonly topProcess?: GroupEntry;
  readonly topPeer?: GroupEntry;
  /** Rule-specific numbers (ports in the range, listeners' queues, the first line, …). */
  readonly extra: Readonly<Record<string, number | string>>;
}

export interface DiagnosisRule {
  readonly id: string;
  readonly states: readonly StateId[];
  readonly threshold: StateThreshold | WordThreshold;
  readonly title: Localized<string>;
  /** What it usually means and what to do. */
  readonly advice: Localized<string>;
  /** The sentence stating the numbers, from what `numbers` returned. */
  readonly because: Localized<(n: DiagnosisNumbers) => string>;
  /** Where it is written: citations, the same in every language but for a word of explanation. */
  readonly sources: Localized<readonly string[]>;
  /** The numbers that triggered it, or undefined when it does not fire. */
  readonly numbers: (census: CensusResult) => DiagnosisNumbers | undefined;
}

export interface Diagnosis {
  readonly id: string;
  readonly states: readonly StateId[];
  readonly threshold: StateThreshold | WordThreshold;
  readonly numbers: DiagnosisNumbers;
  readonly title: Localized<string>;
  readonly advice: Localized<string>;
  readonly because: Localized<string>;
  /** Where it is written: citations, the same in every language but for a word of explanation. */
  readonly sources: Localized<readonly string[]>;
}

const IP_SYSCTL = 'Linux Documentation/networking/ip-sysctl.rst';

/** A rule's citations in every language; a part with words in it is given in each. */
function cite(...parts: readonly (string | Localized<string>)[]): Localized<readonly string[]> {
  return localized((locale) => parts.map((part) => (typeof part === 'string' ? part : part[locale])));
}

function total(census: CensusResult): number {
  let sum = 0;
  for (const n of Object.values(census.counts)) sum += n ?? 0;
  return sum;
}

function merged(census: CensusResult, states: readonly StateId[], pick: 'localPorts' | 'peers' | 'processes'): GroupEntry | undefined {
  const sums = new Map<string, GroupEntry>();
  for (const state of states) {
    for (const e of census.states[state]?.[pick] ?? []) {
      const seen = sums.get(e.key);
      sums.set(e.key, { key: e.key, count: (seen?.count ?? 0) + e.count, error: (seen?.error ?? 0) + e.error });
    }
  }
  return [...sums.values()].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))[0];
}

/** The common check: count and share of the states against the threshold. */
function stateNumbers(
  census: CensusResult,
  states: readonly StateId[],
  threshold: StateThreshold,
  extra: (census: CensusResult) => Record<string, number | string> = () => ({}),
): DiagnosisNumbers | undefined {
  let count = 0;
  for (const state of states) count += census.counts[state] ?? 0;
  const all = total(census);
  const sharePercent = all ? Math.round((1000 * count) / all) / 10 : 0;
  if (count < threshold.minCount || sharePercent < threshold.minSharePercent) return undefined;
  return {
    count,
    sharePercent,
    topLocalPort: merged(census, states, 'localPorts'),
    topProcess: merged(census, states, 'processes'),
    topPeer: merged(census, states, 'peers'),
    extra: extra(census),
  };
}

function holder(n: DiagnosisNumbers, zh: boolean): string {
  const parts: string[] = [];
  if (n.topLocalPort) parts.push(zh ? `本地端口 ${n.topLocalPort.key}（${n.topLocalPort.count} 个）` : `local port ${n.topLocalPort.key} (${n.topLocalPort.count})`);
  if (n.topProcess) parts.push(zh ? `进程 ${n.topProcess.key}（${n.topProcess.count} 个）` : `process ${n.topProcess.key} (${n.topProcess.count})`);
  if (n.topPeer) parts.push(zh ? `对端 ${n.topPeer.key}（${n.topPeer.count} 个）` : `peer ${n.topPeer.key} (${n.topPeer.count})`);
  if (!parts.length) return '';
  return zh ? `；最多的是${parts.join('、')}` : `; most held by ${parts.join(', ')}`;
}

function counted(en: string, zh: string): Localized<(n: DiagnosisNumbers) => string> {
  return {
    en: (n) => `${n.count} ${en} (${n.sharePercent}% of all state mentions)${holder(n, false)}.`,
    'zh-cn': (n) => `${n.count} 个 ${zh}（占全部状态的 ${n.sharePercent}%）${holder(n, true)}。`,
  };
}

const CLOSE_WAIT: StateThreshold = { kind: 'states', minCount: 20, minSharePercent: 5 };
const TIME_WAIT: StateThreshold = { kind: 'states', minCount: 200, minSharePercent: 30 };
const SYN_RECV: StateThreshold = { kind: 'states', minCount: 50, minSharePercent: 10 };
const SYN_SENT: StateThreshold = { kind: 'states', minCount: 20, minSharePercent: 10 };
const FIN_WAIT_2: StateThreshold = { kind: 'states', minCount: 50, minSharePercent: 10 };
const LAST_ACK: StateThreshold = { kind: 'states', minCount: 20, minSharePercent: 5 };
const TW_RECYCLE: WordThreshold = { kind: 'word', word: 'tcp_tw_recycle', minCount: 1 };

const SYN_RECV_STATES: readonly StateId[] = ['SYN-RECEIVED', 'NEW_SYN_RECV'];

export const DIAGNOSIS_RULES: readonly DiagnosisRule[] = [
  {
    id: 'many-close-wait',
    states: ['CLOSE-WAIT'],
    threshold: CLOSE_WAIT,
    title: { en: 'Many connections in CLOSE-WAIT', 'zh-cn': '大量连接处于 CLOSE-WAIT' },
    advice: {
      en: 'The peer has closed and this side has received its FIN, but the application has not called close() on the socket. CLOSE-WAIT has no timer: it lasts until the application closes. Look for a leaked socket or a missing close() on an error path in the process that holds them.',
      'zh-cn': '对端已关闭、本端已收到 FIN，但应用没有对套接字调用 close()。CLOSE-WAIT 没有定时器，会一直持续到应用关闭为止。请在持有这些连接的进程中查找泄漏的套接字或错误路径上遗漏的 close()。',
    },
    because: counted('connections in CLOSE-WAIT', 'CLOSE-WAIT 连接'),
    sources: cite({ en: `${RFC_NAME} ${RFC.receiveAfterFin.section}, §3.6.1 (CLOSE-WAIT waits for the local user's CLOSE)`, 'zh-cn': `${RFC_NAME} ${RFC.receiveAfterFin.section}、§3.6.1（CLOSE-WAIT 等待本地用户的 CLOSE）` }),
    numbers: (c) => stateNumbers(c, ['CLOSE-WAIT'], CLOSE_WAIT),
  },
  {
    id: 'many-time-wait',
    states: ['TIME-WAIT'],
    threshold: TIME_WAIT,
    title: { en: 'Many connections in TIME-WAIT', 'zh-cn': '大量连接处于 TIME-WAIT' },
    advice: {
      en: `This side closes first: many short connections are actively closed here. Each waits ${LINUX.timeWait.seconds} s (${LINUX.timeWait.constant}) holding its 4-tuple. With the default net.ipv4.ip_local_port_range ${LOCAL_PORT_RANGE.low}–${LOCAL_PORT_RANGE.high} (${LOCAL_PORT_COUNT} ports), one client can open about ${LOCAL_PORT_COUNT} / ${LINUX.timeWait.seconds} s ≈ ${CONNECTIONS_PER_SECOND_PER_DESTINATION} new connections per second to one destination before connect() runs out of ports. Use keep-alive and connection pooling, let the peer close first, or set ${sysctlName('tcp_tw_reuse')} (it helps outgoing connections only).`,
      'zh-cn': `本端先关闭：大量短连接在这一侧被主动关闭。每个连接要等待 ${LINUX.timeWait.seconds} 秒（${LINUX.timeWait.constant}）并占用其四元组。默认的 net.ipv4.ip_local_port_range 为 ${LOCAL_PORT_RANGE.low}–${LOCAL_PORT_RANGE.high}（${LOCAL_PORT_COUNT} 个端口），一个客户端向同一目的地每秒大约只能新建 ${LOCAL_PORT_COUNT} / ${LINUX.timeWait.seconds} 秒 ≈ ${CONNECTIONS_PER_SECOND_PER_DESTINATION} 个连接，否则 connect() 会耗尽端口。请使用长连接（keep-alive）和连接池，让对端先关闭，或设置 ${sysctlName('tcp_tw_reuse')}（只对发起的连接有效）。`,
    },
    because: {
      en: (n) => `${counted('connections in TIME-WAIT', '').en(n)} The busiest peer holds ${n.extra['topPeerShareOfPortsPercent']}% of the ${LOCAL_PORT_COUNT} ephemeral ports.`,
      'zh-cn': (n) => `${counted('', 'TIME-WAIT 连接')['zh-cn'](n)}最多的对端占用了 ${LOCAL_PORT_COUNT} 个临时端口中的 ${n.extra['topPeerShareOfPortsPercent']}%。`,
    },
    sources: cite(
      { en: `${RFC_NAME} ${RFC.msl.sections.join(', ')} (TIME-WAIT lasts 2×MSL)`, 'zh-cn': `${RFC_NAME} ${RFC.msl.sections.join('、')}（TIME-WAIT 持续 2×MSL）` },
      `${IP_SYSCTL}: ip_local_port_range, tcp_tw_reuse`,
      'Linux include/net/tcp.h: TCP_TIMEWAIT_LEN',
    ),
    numbers: (c) =>
      stateNumbers(c, ['TIME-WAIT'], TIME_WAIT, (census) => {
        const peer = census.states['TIME-WAIT']?.peers[0];
        return {
          localPortRange: `${LOCAL_PORT_RANGE.low}-${LOCAL_PORT_RANGE.high}`,
          localPortCount: LOCAL_PORT_COUNT,
          timeWaitSeconds: LINUX.timeWait.seconds,
          connectionsPerSecondPerDestination: CONNECTIONS_PER_SECOND_PER_DESTINATION,
          topPeerShareOfPortsPercent: peer ? Math.round((1000 * peer.count) / LOCAL_PORT_COUNT) / 10 : 0,
        };
      }),
  },
  {
    id: 'many-syn-recv',
    states: SYN_RECV_STATES,
    threshold: SYN_RECV,
    title: { en: 'Many half-open connections (SYN-RECEIVED)', 'zh-cn': '大量半连接（SYN-RECEIVED）' },
    advice: {
      en: `SYNs arrive and their SYN,ACK goes unanswered: a SYN flood, or clients whose ACK is lost, or a listener whose queues are too small. Check ${sysctlName('tcp_syncookies')} (default 1), ${sysctlName('tcp_max_syn_backlog')} and ${sysctlName('somaxconn')} (default ${LINUX.somaxconn.value}; ${LINUX.somaxconn.before} before ${LINUX.somaxconn.changedIn}) with the backlog the application passes to listen(). On ss LISTEN rows Recv-Q is the accept queue now and Send-Q its limit.`,
      'zh-cn': `SYN 到达而 SYN,ACK 得不到应答：可能是 SYN 洪泛、客户端的 ACK 丢失，或监听队列太小。请检查 ${sysctlName('tcp_syncookies')}（默认 1）、${sysctlName('tcp_max_syn_backlog')} 和 ${sysctlName('somaxconn')}（默认 ${LINUX.somaxconn.value}，${LINUX.somaxconn.changedIn} 之前为 ${LINUX.somaxconn.before}），以及应用传给 listen() 的 backlog。ss 的 LISTEN 行中 Recv-Q 是当前的全连接队列长度，Send-Q 是其上限。`,
    },
    because: {
      en: (n) => `${counted('half-open connections', '').en(n)} Listeners with a waiting accept queue: ${n.extra['listenersWithQueue']} (largest Recv-Q ${n.extra['largestRecvQ']}).`,
      'zh-cn': (n) => `${counted('', '半连接')['zh-cn'](n)}全连接队列不为空的监听套接字：${n.extra['listenersWithQueue']} 个（最大 Recv-Q 为 ${n.extra['largestRecvQ']}）。`,
    },
    sources: cite(`${RFC_NAME} §3.5, §3.10.7.2`, `${IP_SYSCTL}: tcp_syncookies, tcp_max_syn_backlog, somaxconn`, 'listen(2), ss(8)'),
    numbers: (c) =>
      stateNumbers(c, SYN_RECV_STATES, SYN_RECV, (census) => ({
        listenersWithQueue: census.listenQueues.length,
        largestRecvQ: census.listenQueues[0]?.recvQ ?? 0,
        largestRecvQPort: census.listenQueues[0]?.localPort ?? '',
      })),
  },
  {
    id: 'many-syn-sent',
    states: ['SYN-SENT'],
    threshold: SYN_SENT,
    title: { en: 'Many connection attempts pending (SYN-SENT)', 'zh-cn': '大量连接尝试未完成（SYN-SENT）' },
    advice: {
      en: `connect() sent a SYN and nothing came back: the peer is unreachable, a firewall drops the SYN, or the peer's accept queue is full and it drops SYNs. Linux retransmits the SYN ${LINUX.syn.retransmissions} times and gives up after about ${LINUX.syn.giveUpSeconds} s (${sysctlName('tcp_syn_retries')}).`,
      'zh-cn': `connect() 已发出 SYN 但没有回应：对端不可达、防火墙丢弃了 SYN，或对端的全连接队列已满而丢弃 SYN。Linux 会重传 SYN ${LINUX.syn.retransmissions} 次，大约 ${LINUX.syn.giveUpSeconds} 秒后放弃（${sysctlName('tcp_syn_retries')}）。`,
    },
    because: counted('connections in SYN-SENT', 'SYN-SENT 连接'),
    sources: cite(`${RFC_NAME} ${RFC.synRetransmission.section} (${RFC.synRetransmission.rule})`, `${IP_SYSCTL}: tcp_syn_retries`),
    numbers: (c) => stateNumbers(c, ['SYN-SENT'], SYN_SENT),
  },
  {
    id: 'many-fin-wait-2',
    states: ['FIN-WAIT-2'],
    threshold: FIN_WAIT_2,
    title: { en: 'Many connections in FIN-WAIT-2', 'zh-cn': '大量连接处于 FIN-WAIT-2' },
    advice: {
      en: `This side has closed and the peer acknowledged, but the peer has not closed its half: peers are not calling close(). ${sysctlName('tcp_fin_timeout')} (default ${LINUX.finTimeoutSeconds} s) applies only to orphans, sockets the application has already closed; after shutdown(SHUT_WR) the socket waits for the peer as long as it stays open.`,
      'zh-cn': `本端已关闭且对端已确认，但对端没有关闭它的一半：对端没有调用 close()。${sysctlName('tcp_fin_timeout')}（默认 ${LINUX.finTimeoutSeconds} 秒）只对孤儿套接字（应用已关闭的套接字）生效；调用 shutdown(SHUT_WR) 后，只要套接字没有关闭，就会一直等待对端。`,
    },
    because: counted('connections in FIN-WAIT-2', 'FIN-WAIT-2 连接'),
    sources: cite(`${RFC_NAME} §3.6`, `${IP_SYSCTL}: tcp_fin_timeout`),
    numbers: (c) => stateNumbers(c, ['FIN-WAIT-2'], FIN_WAIT_2),
  },
  {
    id: 'many-last-ack',
    states: ['LAST-ACK'],
    threshold: LAST_ACK,
    title: { en: 'Many connections in LAST-ACK', 'zh-cn': '大量连接处于 LAST-ACK' },
    advice: {
      en: `This side closed after the peer did, and its FIN is not acknowledged: peers went away (crashed, unplugged, a middlebox dropped the flow) without acknowledging. The FIN is retransmitted until ${sysctlName('tcp_retries2')} (about ${LINUX.retries2.giveUpSeconds} s) or, for orphans, ${sysctlName('tcp_orphan_retries')}.`,
      'zh-cn': `本端在对端之后关闭，其 FIN 没有得到确认：对端已消失（崩溃、断网、中间设备丢弃了该流）而没有确认。FIN 会一直重传，直到 ${sysctlName('tcp_retries2')}（约 ${LINUX.retries2.giveUpSeconds} 秒）或孤儿套接字的 ${sysctlName('tcp_orphan_retries')} 用尽。`,
    },
    because: counted('connections in LAST-ACK', 'LAST-ACK 连接'),
    sources: cite(`${RFC_NAME} §3.6.1`, `${IP_SYSCTL}: tcp_retries2, tcp_orphan_retries`),
    numbers: (c) => stateNumbers(c, ['LAST-ACK'], LAST_ACK),
  },
  {
    id: 'old-advice-tcp-tw-recycle',
    states: ['TIME-WAIT'],
    threshold: TW_RECYCLE,
    title: { en: 'Old advice: tcp_tw_recycle', 'zh-cn': '过时的建议：tcp_tw_recycle' },
    advice: {
      en: `net.ipv4.tcp_tw_recycle was removed in ${LINUX.twRecycleRemovedIn}: it broke clients behind NAT and the sysctl no longer exists. Use keep-alive, pooling, or ${sysctlName('tcp_tw_reuse')} for outgoing connections instead.`,
      'zh-cn': `net.ipv4.tcp_tw_recycle 已在 ${LINUX.twRecycleRemovedIn} 中移除：它会让 NAT 后的客户端连接失败，该参数已不存在。请改用长连接、连接池，或对发起的连接使用 ${sysctlName('tcp_tw_reuse')}。`,
    },
    because: {
      en: (n) => `The text mentions tcp_tw_recycle ${n.count} time(s), first on line ${n.extra['firstLine']}.`,
      'zh-cn': (n) => `文本中提到 tcp_tw_recycle ${n.count} 次，首次出现在第 ${n.extra['firstLine']} 行。`,
    },
    sources: cite(`Linux ${LINUX.twRecycleRemovedIn}: commit 4396e46187ca ("tcp: remove tcp_tw_recycle")`, `${IP_SYSCTL}: tcp_tw_reuse`),
    numbers: (c) => {
      const seen = c.words[TW_RECYCLE.word];
      if (!seen || seen.count < TW_RECYCLE.minCount) return undefined;
      return { count: seen.count, sharePercent: 0, extra: { firstLine: seen.firstLine } };
    },
  },
];

/** The diagnoses that fire on a census, in the rules' order, each with its numbers. */
export function diagnose(census: CensusResult, rules: readonly DiagnosisRule[] = DIAGNOSIS_RULES): Diagnosis[] {
  const fired: Diagnosis[] = [];
  for (const rule of rules) {
    const numbers = rule.numbers(census);
    if (!numbers) continue;
    fired.push({
      id: rule.id,
      states: rule.states,
      threshold: rule.threshold,
      numbers,
      title: rule.title,
      advice: rule.advice,
      because: { en: rule.because.en(numbers), 'zh-cn': rule.because['zh-cn'](numbers) },
      sources: rule.sources,
    });
  }
  return fired;
}
