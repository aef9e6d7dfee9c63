// The walkthrough's fixed words in each language: the names of the endpoints, of the
// application's calls and of the timers, and the sequence diagram's few labels. One table, read
// by the narration's sentences (narration.ts) and by the sequence diagram (walkthrough-view.ts),
// so a call or a timer is named in one place. Pure.
import type { Locale } from '../../model/i18n';
import type { EndpointId, TimerKind, UserCall } from '../types';

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
  /** The timer in the narration: 'the retransmission timer'. */
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
  /** After a segment: on a lost arrow; on a retransmitted arrow or segment in flight; in the narration's list. */
  readonly lost: string;
  readonly again: string;
  readonly retransmitted: string;
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
    },
    timers: {
      retransmission: { timer: 'the retransmission timer', timeout: 'retransmission timeout' },
      'time-wait': { timer: 'the 2MSL timer', timeout: '2MSL timeout' },
      'fin-wait-2': { timer: 'FIN-WAIT-2 timer', timeout: 'FIN-WAIT-2 timeout' },
    },
    lost: ' (lost)',
    again: ' (again)',
    retransmitted: ' (retransmitted)',
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
    },
    timers: {
      retransmission: { timer: '重传定时器', timeout: '重传超时' },
      'time-wait': { timer: '2MSL 定时器', timeout: '2MSL 超时' },
      'fin-wait-2': { timer: 'FIN-WAIT-2 定时器', timeout: 'FIN-WAIT-2 超时' },
    },
    lost: ' (丢失)',
    again: ' (again)',
    retransmitted: '（重传）',
  },
};
