// How the walkthrough describes a running timer: what it guards, what happens when it fires,
// how long it runs per RFC 9293 and on Linux, in each language. Made from the engine's
// TimerFact. Pure.
import type { Locale } from '../../model/i18n';
import type { TimerFact, TimerKind } from '../types';
import { LINUX, RFC as RFC_FACTS } from '../../model/explanation-facts';

export interface TimerText {
  readonly what: string;
  readonly duration: string;
  readonly rfc: string;
}

/**
 * A retransmission's retry budget, by what it retransmits: the SYN, the SYN,ACK, data, or a FIN
 * (which Linux bounds with tcp_retries2 while the application holds the socket, tcp_orphan_retries
 * once close() has orphaned it; TimerFact does not say which, so the FIN text gives both).
 */
type RetryBudget = 'syn' | 'syn-ack' | 'data' | 'fin';

interface TimerSentences {
  readonly timeWait: { readonly what: string; readonly duration: string };
  readonly finWait2: { readonly what: string; readonly duration: string };
  /** `segment`: what is sent again, written as in `resentSegment`. */
  readonly retransmission: { readonly what: (segment: string) => string; readonly duration: Readonly<Record<RetryBudget, string>> };
  /** Where the RFC says it: the sections, or that it has no such timer. */
  readonly rfc: Readonly<Record<TimerKind, string>>;
  /** What a retransmission sends again: `bytes` of data, or a segment not known. */
  readonly data: (bytes: number) => string;
  readonly unacknowledged: string;
}

const SENTENCES: Readonly<Record<Locale, TimerSentences>> = {
  en: {
    timeWait: {
      what: 'TIME-WAIT: when 2MSL has passed the connection is deleted (CLOSED); a retransmitted FIN restarts it',
      duration: '2MSL = 4 min per RFC 9293 (MSL 2 min); Linux waits a fixed 60 s (TCP_TIMEWAIT_LEN)',
    },
    finWait2: {
      what: 'FIN-WAIT-2 (Linux, orphaned socket): if the peer never sends its FIN, the connection is deleted',
      duration: 'Linux net.ipv4.tcp_fin_timeout = 60 s; RFC 9293 waits for ever',
    },
    rfc: { 'time-wait': '§3.10.7.4, §3.10.8', 'fin-wait-2': 'not in RFC 9293 (§3.10.8 has no such timer)', retransmission: '§3.8.1' },
    data: (bytes) => `${bytes} bytes of data`,
    unacknowledged: 'the unacknowledged segment',
    retransmission: {
      what: (segment) => `retransmission: if no ACK comes in time, send ${segment} again`,
      duration: {
        syn:
          `RTO starts at ${RFC_FACTS.rto.initialSeconds} s (${RFC_FACTS.rto.rfc}) and doubles each retry; Linux (${LINUX.syn.linearSince} and later) keeps it at ` +
          `${LINUX.syn.initialTimeoutSeconds} s for the first tcp_syn_linear_timeouts = ${LINUX.syn.linearTimeouts} retransmissions, then doubles it: with ` +
          `tcp_syn_retries = ${LINUX.syn.retries}, retransmissions at +${LINUX.syn.retransmitAtSeconds.join(', ')} s and connect() fails after about ${LINUX.syn.giveUpSeconds} s`,
        'syn-ack': `RTO starts at ${RFC_FACTS.rto.initialSeconds} s and doubles each retry; Linux drops the half-open connection after tcp_synack_retries = ${LINUX.synAck.retries} (about ${LINUX.synAck.giveUpSeconds} s)`,
        data:
          `RTO from the measured round trip (at least ${RFC_FACTS.rto.minSeconds} s per ${RFC_FACTS.rto.rfc}; Linux's floor is ${LINUX.rtoMinMs} ms, tcp_rto_min_us), ` +
          `doubled each retry; Linux tcp_retries2 = ${LINUX.retries2.retries} (about ${LINUX.retries2.giveUpSeconds} s)`,
        fin:
          `RTO from the measured round trip (at least ${RFC_FACTS.rto.minSeconds} s per ${RFC_FACTS.rto.rfc}; Linux's floor is ${LINUX.rtoMinMs} ms), doubled each retry; ` +
          `Linux gives up after tcp_orphan_retries = ${LINUX.orphanRetries.value} (read as ${LINUX.orphanRetries.meaning}) once close() has orphaned the socket, ` +
          `after tcp_retries2 = ${LINUX.retries2.retries} while the application still holds it (after shutdown())`,
      },
    },
  },
  'zh-cn': {
    timeWait: {
      what: 'TIME-WAIT：等满 2MSL 后删除连接 (CLOSED)；若收到重传的 FIN 则重新计时',
      duration: 'RFC 9293：2MSL = 4 分钟（MSL 2 分钟）；Linux 固定 60 秒 (TCP_TIMEWAIT_LEN)',
    },
    finWait2: {
      what: 'FIN-WAIT-2 定时器（Linux，应用已关闭套接字）：若对端一直不发 FIN，就删除连接',
      duration: 'Linux net.ipv4.tcp_fin_timeout = 60 秒；RFC 9293 会一直等待',
    },
    rfc: { 'time-wait': '§3.10.7.4, §3.10.8', 'fin-wait-2': 'RFC 9293 中没有（§3.10.8 没有这个定时器）', retransmission: '§3.8.1' },
    data: (bytes) => `${bytes} 字节数据`,
    unacknowledged: '未被确认的报文段',
    retransmission: {
      what: (segment) => `重传定时器：超时仍未收到确认，就重发 ${segment}`,
      duration: {
        syn:
          `RTO 初值 ${RFC_FACTS.rto.initialSeconds} 秒 (${RFC_FACTS.rto.rfc})，每次重试翻倍；Linux（${LINUX.syn.linearSince} 起）前 tcp_syn_linear_timeouts = ${LINUX.syn.linearTimeouts} 次重传` +
          `保持 ${LINUX.syn.initialTimeoutSeconds} 秒，之后才翻倍：按 tcp_syn_retries = ${LINUX.syn.retries}，在 +${LINUX.syn.retransmitAtSeconds.join('、')} 秒重传，` +
          `约 ${LINUX.syn.giveUpSeconds} 秒后 connect() 失败`,
        'syn-ack': `RTO 初值 ${RFC_FACTS.rto.initialSeconds} 秒，每次重试翻倍；Linux 重试 tcp_synack_retries = ${LINUX.synAck.retries} 次（约 ${LINUX.synAck.giveUpSeconds} 秒）后丢弃半连接`,
        data:
          `RTO 由往返时间估算（${RFC_FACTS.rto.rfc} 要求至少 ${RFC_FACTS.rto.minSeconds} 秒；Linux 下限为 ${LINUX.rtoMinMs} 毫秒，tcp_rto_min_us），每次重试翻倍；` +
          `Linux tcp_retries2 = ${LINUX.retries2.retries}（约 ${LINUX.retries2.giveUpSeconds} 秒）`,
        fin:
          `RTO 由往返时间估算（${RFC_FACTS.rto.rfc} 要求至少 ${RFC_FACTS.rto.minSeconds} 秒；Linux 下限为 ${LINUX.rtoMinMs} 毫秒），每次重试翻倍；` +
          `close() 使套接字成为孤儿连接后，Linux 按 tcp_orphan_retries = ${LINUX.orphanRetries.value}（按 ${LINUX.orphanRetries.meaning} 处理）放弃；` +
          `应用仍持有套接字时（shutdown() 之后）按 tcp_retries2 = ${LINUX.retries2.retries}`,
      },
    },
  },
};

/** The segment a retransmission sends again, as the timer line writes it. */
function resentSegment(resends: TimerFact['resends'], say: TimerSentences): string {
  if (!resends) return say.unacknowledged;
  return `${resends.len > 0 ? say.data(resends.len) : resends.flags.join(',')} (SEQ=${resends.seq})`;
}

function retryBudget(timer: TimerFact): RetryBudget {
  if (timer.state === 'SYN-SENT') return 'syn';
  if (timer.state === 'SYN-RECEIVED') return 'syn-ack';
  return timer.resends?.flags.includes('FIN') ? 'fin' : 'data';
}

export function timerText(timer: TimerFact, locale: Locale): TimerText {
  const say = SENTENCES[locale];
  const rfc = say.rfc[timer.kind];
  if (timer.kind === 'time-wait') return { ...say.timeWait, rfc };
  if (timer.kind === 'fin-wait-2') return { ...say.finWait2, rfc };
  return { what: say.retransmission.what(resentSegment(timer.resends, say)), duration: say.retransmission.duration[retryBudget(timer)], rfc };
}
