// The walkthrough's scenarios: short lists of events. The states come out of the simulator;
// none is written here. Client ISS 100 and server ISS 300 follow RFC 9293 Figures 6–8.
// Pure: no `vscode`, no DOM.
import type { EndpointId, Scenario, SimEvent } from './types';
import { LINUX } from '../model/explanation-facts';

const listen: SimEvent = { kind: 'user', endpoint: 'server', call: 'passive-open' };
const connect: SimEvent = { kind: 'user', endpoint: 'client', call: 'active-open' };
const to = (endpoint: EndpointId, extra: { delayAck?: boolean; newest?: boolean } = {}): SimEvent => ({ kind: 'deliver', to: endpoint, ...extra });
const lose = (endpoint: EndpointId): SimEvent => ({ kind: 'lose', to: endpoint });
const call = (endpoint: EndpointId, name: 'send' | 'close' | 'shutdown' | 'abort' | 'active-open' | 'stop-reading', bytes?: number): SimEvent => ({ kind: 'user', endpoint, call: name, ...(bytes ? { bytes } : {}) });
const timer = (endpoint: EndpointId, kind: 'retransmission' | 'time-wait' | 'fin-wait-2'): SimEvent => ({ kind: 'timer', endpoint, timer: kind });

/** The three-way handshake: listen, SYN, SYN,ACK, ACK (RFC 9293 Figure 6). */
const HANDSHAKE: readonly SimEvent[] = [listen, connect, to('server'), to('client'), to('server')];
const ISS = { client: 100, server: 300 } as const;

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'handshake-and-teardown',
    number: 1,
    title: { en: 'Three-way handshake and four-way teardown', 'zh-cn': '三次握手与四次挥手' },
    summary: {
      en: 'The client connects, sends 100 bytes and closes first: client path CLOSED → SYN-SENT → ESTABLISHED → FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT → CLOSED; server path CLOSED → LISTEN → SYN-RECEIVED → ESTABLISHED → CLOSE-WAIT → LAST-ACK → CLOSED.',
      'zh-cn': '客户端建立连接、发送 100 字节后先关闭。客户端路径 ①–⑦：CLOSED → SYN-SENT → ESTABLISHED → FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT → CLOSED；服务器路径：CLOSED → LISTEN → SYN-RECEIVED → ESTABLISHED → CLOSE-WAIT → LAST-ACK → CLOSED。',
    },
    iss: ISS,
    events: [...HANDSHAKE, call('client', 'send', 100), to('server'), to('client'), call('client', 'close'), to('server'), to('client'), call('server', 'close'), to('client'), to('server'), timer('client', 'time-wait')],
  },
  {
    id: 'server-closes-first',
    number: 2,
    title: { en: 'The server closes first', 'zh-cn': '服务器先关闭' },
    summary: {
      en: 'Whoever closes first goes through FIN-WAIT and pays TIME-WAIT: here the server, as an HTTP server does when it closes idle connections.',
      'zh-cn': '先关闭的一方经历 FIN-WAIT 并承担 TIME-WAIT：这里是服务器，就像 HTTP 服务器主动关闭空闲连接时那样。',
    },
    iss: ISS,
    events: [...HANDSHAKE, call('server', 'close'), to('client'), to('server'), call('client', 'close'), to('server'), to('client'), timer('server', 'time-wait')],
  },
  {
    id: 'half-close',
    number: 3,
    title: { en: 'Half-close: data keeps flowing in CLOSE-WAIT', 'zh-cn': '半关闭：CLOSE-WAIT 中仍可发送数据' },
    summary: {
      en: 'The client shuts down its sending side; the server, in CLOSE-WAIT, still sends 200 bytes, which the client in FIN-WAIT-2 receives and acknowledges, before closing.',
      'zh-cn': '客户端关闭发送方向 (shutdown)；处于 CLOSE-WAIT 的服务器仍发送 200 字节，FIN-WAIT-2 中的客户端照常接收并确认，之后服务器再关闭。',
    },
    iss: ISS,
    events: [...HANDSHAKE, call('client', 'shutdown'), to('server'), to('client'), call('server', 'send', 200), to('client'), to('server'), call('server', 'close'), to('client'), to('server'), timer('client', 'time-wait')],
  },
  {
    id: 'fin-ack-combined',
    number: 4,
    title: { en: 'FIN and ACK in one segment: FIN-WAIT-1 straight to TIME-WAIT', 'zh-cn': 'FIN 与 ACK 合并：FIN-WAIT-1 直接进入 TIME-WAIT' },
    summary: {
      en: "The server delays its ACK of the client's FIN and closes at once, so one FIN,ACK both acknowledges the client's FIN and carries the server's: the client skips FIN-WAIT-2 (Figure 5 note 2).",
      'zh-cn': '服务器延迟确认客户端的 FIN 并立即关闭，于是一个 FIN,ACK 既确认客户端的 FIN 又带上自己的 FIN：客户端跳过 FIN-WAIT-2（图 5 注 2）。',
    },
    iss: ISS,
    events: [...HANDSHAKE, call('client', 'close'), to('server', { delayAck: true }), call('server', 'close'), to('client'), to('server'), timer('client', 'time-wait')],
  },
  {
    id: 'simultaneous-close',
    number: 5,
    title: { en: 'Simultaneous close through CLOSING', 'zh-cn': '同时关闭：经过 CLOSING' },
    summary: {
      en: "Both sides close before either FIN arrives. Each receives a FIN whose ACK does not cover its own FIN, so both go to CLOSING, then TIME-WAIT (RFC 9293 Figure 13).",
      'zh-cn': '双方在对端的 FIN 到达前都已关闭。各自收到的 FIN 所带的 ACK 并未确认自己的 FIN，于是双方都进入 CLOSING，再进入 TIME-WAIT（RFC 9293 图 13）。',
    },
    iss: ISS,
    events: [...HANDSHAKE, call('client', 'close'), call('server', 'close'), to('client'), to('server'), to('client'), to('server'), timer('client', 'time-wait'), timer('server', 'time-wait')],
  },
  {
    id: 'simultaneous-open',
    number: 6,
    title: { en: 'Simultaneous open', 'zh-cn': '同时打开' },
    summary: {
      en: "Both sides connect to each other at once; the SYNs cross, both go SYN-SENT → SYN-RECEIVED, and each SYN,ACK, its SYN trimmed as already received, completes the open (RFC 9293 Figure 7).",
      'zh-cn': '双方同时向对端发起连接；两个 SYN 在途中交叉，双方都从 SYN-SENT 进入 SYN-RECEIVED，对端的 SYN,ACK 中已收过的 SYN 被裁掉后，其 ACK 完成连接（RFC 9293 图 7）。',
    },
    iss: ISS,
    events: [connect, call('server', 'active-open'), to('client'), to('server'), to('client'), to('server')],
  },
  {
    id: 'last-ack-lost',
    number: 7,
    title: { en: 'The last ACK is lost: why TIME-WAIT exists', 'zh-cn': '最后的 ACK 丢失：TIME-WAIT 为何存在' },
    summary: {
      en: "The client's final ACK is lost. The server in LAST-ACK retransmits its FIN; the client, still in TIME-WAIT, answers it and restarts 2MSL. Had it gone straight to CLOSED, the server would get a RST instead of a clean close.",
      'zh-cn': '客户端最后的 ACK 丢失。LAST-ACK 中的服务器重传 FIN；仍在 TIME-WAIT 的客户端重新确认并重新计时 2MSL。若客户端已直接 CLOSED，服务器得到的将是 RST 而不是正常关闭。',
    },
    iss: ISS,
    events: [...HANDSHAKE, call('client', 'close'), to('server'), to('client'), call('server', 'close'), to('client'), lose('server'), timer('server', 'retransmission'), to('client'), to('server'), timer('client', 'time-wait')],
  },
  {
    id: 'reset',
    number: 8,
    title: { en: 'RST: an abort, and a port with no listener', 'zh-cn': 'RST：中止连接，以及无人监听的端口' },
    summary: {
      en: 'The client aborts an established connection (close() with SO_LINGER 0): one RST, both sides CLOSED, no TIME-WAIT. Then it connects to a port nobody listens on and gets RST,ACK: "connection refused".',
      'zh-cn': '客户端中止已建立的连接（SO_LINGER 为 0 的 close()）：一个 RST，双方直接 CLOSED，没有 TIME-WAIT。随后它连接一个无人监听的端口，收到 RST,ACK：“连接被拒绝”。',
    },
    iss: ISS,
    events: [...HANDSHAKE, call('client', 'abort'), to('server'), connect, to('server'), to('client')],
  },
  {
    id: 'syn-lost',
    number: 9,
    title: { en: 'SYN lost: retransmitted until the connect gives up', 'zh-cn': 'SYN 丢失：重传直到连接超时' },
    summary: {
      en: `Every SYN is lost. The client retransmits it with the same ISS, doubling the timeout, and gives up after its retries (2 here). Linux keeps the timeout at ${LINUX.syn.initialTimeoutSeconds} s for its first ${LINUX.syn.linearTimeouts} retransmissions (tcp_syn_linear_timeouts, since ${LINUX.syn.linearSince}), then doubles it: with tcp_syn_retries ${LINUX.syn.retries} it retransmits ${LINUX.syn.retransmissions} times, the last after ${LINUX.syn.lastRetransmissionSeconds} s, and connect() fails with "timed out" after about ${LINUX.syn.giveUpSeconds} s (ip-sysctl.rst).`,
      'zh-cn': `每个 SYN 都丢失。客户端用同一个 ISS 重传并把超时加倍，重试用尽后放弃（这里 2 次）。Linux 的前 ${LINUX.syn.linearTimeouts} 次重传超时固定为 ${LINUX.syn.initialTimeoutSeconds} 秒（tcp_syn_linear_timeouts，${LINUX.syn.linearSince} 起），之后才翻倍：按 tcp_syn_retries ${LINUX.syn.retries} 共重传 ${LINUX.syn.retransmissions} 次，最后一次在 ${LINUX.syn.lastRetransmissionSeconds} 秒时，约 ${LINUX.syn.giveUpSeconds} 秒后 connect() 以“超时”失败（ip-sysctl.rst）。`,
    },
    iss: ISS,
    synRetries: 2,
    events: [listen, connect, lose('server'), timer('client', 'retransmission'), lose('server'), timer('client', 'retransmission'), lose('server'), timer('client', 'retransmission')],
  },
  {
    id: 'old-duplicate-syn',
    number: 10,
    title: { en: 'An old duplicate SYN: SYN-RECEIVED back to LISTEN', 'zh-cn': '旧的重复 SYN：SYN-RECEIVED 退回 LISTEN' },
    summary: {
      en: "A SYN of an earlier connection (seq 90) reaches the listener first. The client rejects the SYN,ACK it did not ask for with a RST, the server goes back to LISTEN, and the client's real SYN then opens the connection (RFC 9293 Figure 8).",
      'zh-cn': '一个早先连接的 SYN（seq 90）先到达监听方。客户端用 RST 拒绝这个它没有请求过的 SYN,ACK，服务器退回 LISTEN，随后客户端真正的 SYN 建立连接（RFC 9293 图 8）。',
    },
    iss: ISS,
    events: [
      listen,
      connect,
      { kind: 'inject', to: 'server', flags: ['SYN'], seq: 90 },
      to('server'),
      to('client'),
      // The RST overtakes the client's delayed SYN, as in Figure 8.
      to('server', { newest: true }),
      to('server'),
      to('client'),
      to('server'),
    ],
  },
  {
    id: 'close-wait-leak',
    number: 11,
    title: { en: 'The peer never closes: CLOSE-WAIT stays, FIN-WAIT-2 times out', 'zh-cn': '对端迟迟不关闭：CLOSE-WAIT 滞留，FIN-WAIT-2 超时' },
    summary: {
      en: "The server's application never calls close(), the usual cause of a CLOSE-WAIT pile-up. Linux deletes the client's orphaned socket when its FIN-WAIT-2 timer fires (tcp_fin_timeout, not in the RFC); when the server finally closes, its FIN gets a RST.",
      'zh-cn': '服务器的应用一直不调用 close()，这是 CLOSE-WAIT 堆积的常见原因。客户端已关闭的套接字在 FIN-WAIT-2 定时器超时后被 Linux 删除（tcp_fin_timeout，RFC 中没有）；服务器最终关闭时，它的 FIN 换来的是 RST。',
    },
    iss: ISS,
    events: [...HANDSHAKE, call('client', 'close'), to('server'), to('client'), timer('client', 'fin-wait-2'), call('server', 'close'), to('client'), to('server')],
  },
  {
    id: 'close-with-unread-data',
    number: 12,
    title: { en: 'Linux: close() with unread data sends RST, not FIN', 'zh-cn': 'Linux：带着未读数据 close()，发出 RST 而不是 FIN' },
    summary: {
      en: "The server's application stops reading, the client's 100 bytes arrive and wait unread, and the server calls close(). Linux (as RFC 9293 §3.6.1 allows, SHLD-3) sends RST instead of FIN: both sides are CLOSED at once, no FIN-WAIT, no TIME-WAIT, and the client's read() fails with ECONNRESET. Checked against the kernel by npm run test:kernel.",
      'zh-cn': '服务器的应用停止读取，客户端的 100 字节到达后无人读取，随后服务器调用 close()。Linux（RFC 9293 §3.6.1 的 SHLD-3 允许）发出 RST 而不是 FIN：双方立即 CLOSED，没有 FIN-WAIT，也没有 TIME-WAIT，客户端的 read() 以 ECONNRESET 失败。npm run test:kernel 用真实内核核对了这一过程。',
    },
    iss: ISS,
    profile: 'linux',
    events: [...HANDSHAKE, call('server', 'stop-reading'), call('client', 'send', 100), to('server'), to('client'), call('server', 'close'), to('client')],
  },
];

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.id === id);
}
