// The walkthrough's fixed words in each language: the names of the endpoints, of the
// application's calls and of the timers, and the sequence diagram's few labels. One table, read
// by the narration's sentences (narration.ts) and by the sequence diagram (walkthrough-view.ts),
// so a call or a timer is named in one place. Pure.
import type { Locale } from '../../model/i18n';
import type { EndpointId, LinuxDifferenceId, TimerKind, UserCall } from '../types';

export interface EndpointWords {
  /** Starting a sentence: 'The client'. */
  readonly subject: string;
  /** Inside a sentence: 'the client'. */
  readonly object: string;
  /** The sequence diagram's lifeline. */
  readonly participant: string;
}

export interface CallWords {
  /** A note over the caller's lifeline: 'passive OPEN (listen)'. */
  readonly note: string;
  /** After the caller's name in the narration: 'opens passively (listen)'. */
  readonly verb: string;
}

export interface TimerWords {
  /** The timer in the narration, after a possessive ("The client's …"): 'retransmission timer'. */
  readonly timer: string;
  /** Its firing, a note over the lifeline: 'retransmission timeout'. */
  readonly timeout: string;
}

export interface Words {
  readonly endpoints: Readonly<Record<EndpointId, EndpointWords>>;
  /** A stale segment of an earlier connection: the sender of a delivered one, its lifeline, its note. */
  readonly oldDuplicate: { readonly object: string; readonly participant: string; readonly appears: string };
  readonly calls: Readonly<Record<UserCall, CallWords>>;
  readonly timers: Readonly<Record<TimerKind, TimerWords>>;
  /** What Linux does where it differs from RFC 9293, after "Linux differs here:" (narration.ts); the source follows it. */
  readonly linux: Readonly<Record<LinuxDifferenceId, string>>;
  /** After a segment: on a lost arrow; on a retransmitted arrow or segment in flight; in the narration's list. */
  readonly lost: string;
  readonly again: string;
  readonly retransmitted: string;
  /** After a copy the network made of a segment (the explorer's "duplicate"): on its arrow, in flight, in the narration. */
  readonly copy: string;
}

export const WORDS: Readonly<Record<Locale, Words>> = {
  en: {
    endpoints: {
      client: { subject: 'The client', object: 'the client', participant: 'Client' },
      server: { subject: 'The server', object: 'the server', participant: 'Server' },
    },
    oldDuplicate: { object: 'an old duplicate', participant: 'old duplicate', appears: 'an old duplicate appears' },
    calls: {
      'passive-open': { note: 'passive OPEN (listen)', verb: 'opens passively (listen)' },
      'active-open': { note: 'active OPEN (connect)', verb: 'opens actively (connect)' },
      send: { note: 'SEND', verb: 'sends data' },
      close: { note: 'close()', verb: 'closes the socket (close(): RFC CLOSE)' },
      shutdown: { note: 'shutdown(SHUT_WR)', verb: 'shuts down its sending side (shutdown(SHUT_WR): RFC CLOSE)' },
      abort: { note: 'ABORT', verb: 'aborts (ABORT)' },
      'stop-reading': { note: 'stops reading', verb: 'stops reading: what arrives now stays unread in the receive queue' },
    },
    timers: {
      retransmission: { timer: 'retransmission timer', timeout: 'retransmission timeout' },
      'time-wait': { timer: '2MSL timer', timeout: '2MSL timeout' },
      'fin-wait-2': { timer: 'FIN-WAIT-2 timer', timeout: 'FIN-WAIT-2 timeout' },
    },
    linux: {
      'close-with-unread-data': 'close() with received data the application never read sends RST instead of FIN, and the socket is CLOSED at once (RFC 9293 lets it: "SHOULD send a RST to show that data was lost")',
      'data-after-close': 'new data arriving after close() is answered with RST and the connection is CLOSED, since no one will read it (RFC 9293 SHOULD; RFC 1122)',
      'abort-rst-carries-ack': 'the RST of an abort carries ACK (RFC 9293: <SEQ=SND.NXT><CTL=RST>)',
      'syn-ack-fin-in-syn-sent': 'a FIN on the SYN,ACK is not taken: the ACK is for SEQ+1 and the socket stays ESTABLISHED until the peer sends the FIN again (RFC 9293: CLOSE-WAIT)',
      'rst-in-time-wait-ignored': 'with net.ipv4.tcp_rfc1337 = 1 a RST in TIME-WAIT is ignored (RFC 1337); with 0, the default, it ends TIME-WAIT as RFC 9293 says',
      'freebsd-rst-in-time-wait-ignored': 'a RST in TIME-WAIT is ignored, always (RFC 1337\'s first fix), where RFC 9293 ends TIME-WAIT',
    },
    lost: ' (lost)',
    again: ' (again)',
    retransmitted: ' (retransmitted)',
    copy: ' (network copy)',
  },
  'zh-cn': {
    endpoints: {
      client: { subject: '客户端', object: '客户端', participant: '客户端 Client' },
      server: { subject: '服务器', object: '服务器', participant: '服务器 Server' },
    },
    oldDuplicate: { object: '旧连接的重复报文段', participant: '旧连接 old', appears: '旧的重复报文段出现' },
    calls: {
      'passive-open': { note: '被动打开 (listen)', verb: '被动打开 (listen)' },
      'active-open': { note: '主动打开 (connect)', verb: '主动打开 (connect)' },
      send: { note: '发送数据', verb: '发送数据' },
      close: { note: '关闭 close()', verb: '关闭套接字（close()，即 RFC 的 CLOSE）' },
      shutdown: { note: '半关闭 shutdown(SHUT_WR)', verb: '关闭发送方向（shutdown(SHUT_WR)，即 RFC 的 CLOSE）' },
      abort: { note: '中止 (ABORT)', verb: '中止连接 (ABORT)' },
      'stop-reading': { note: '停止读取', verb: '停止读取：此后到达的数据留在接收队列中，无人读取' },
    },
    timers: {
      retransmission: { timer: '重传定时器', timeout: '重传超时' },
      'time-wait': { timer: '2MSL 定时器', timeout: '2MSL 超时' },
      'fin-wait-2': { timer: 'FIN-WAIT-2 定时器', timeout: 'FIN-WAIT-2 超时' },
    },
    linux: {
      'close-with-unread-data': '应用未读完已收到的数据就调用 close()，发出的是 RST 而不是 FIN，套接字立即进入 CLOSED（RFC 9293 允许：“应发送 RST 以表明数据丢失”）',
      'data-after-close': 'close() 之后又到达新数据，因无人再读，以 RST 回应并进入 CLOSED（RFC 9293 的 SHOULD；RFC 1122）',
      'abort-rst-carries-ack': '中止时发出的 RST 带有 ACK（RFC 9293：<SEQ=SND.NXT><CTL=RST>）',
      'syn-ack-fin-in-syn-sent': 'SYN,ACK 上携带的 FIN 不被处理：ACK 只确认到 SEQ+1，套接字停在 ESTABLISHED，等对端重传 FIN（RFC 9293：进入 CLOSE-WAIT）',
      'rst-in-time-wait-ignored': 'net.ipv4.tcp_rfc1337 = 1 时忽略 TIME-WAIT 中收到的 RST（RFC 1337）；默认值 0 时按 RFC 9293 结束 TIME-WAIT',
      'freebsd-rst-in-time-wait-ignored': 'TIME-WAIT 中收到的 RST 一律忽略（RFC 1337 的第一种修正），而 RFC 9293 会结束 TIME-WAIT',
    },
    lost: '（丢失）',
    again: '（再次）',
    retransmitted: '（重传）',
    copy: '（网络复制）',
  },
};
