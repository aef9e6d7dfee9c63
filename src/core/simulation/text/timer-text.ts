// How the walkthrough describes a running timer: what it guards, what happens when it fires,
// how long it runs per RFC 9293 and on Linux, in each language. Made from the engine's
// TimerFact. Pure.
import type { Locale } from '../../model/i18n';
import type { TimerFact, TimerKind } from '../types';

export interface TimerText {
  readonly what: string;
  readonly duration: string;
  readonly rfc: string;
}

/** A retransmission's retry budget, by what it retransmits: the SYN, the SYN,ACK, or data and FINs. */
type RetryBudget = 'syn' | 'syn-ack' | 'data';

interface TimerSentences {
  readonly timeWait: { readonly what: string; readonly duration: string };
  readonly finWait2: { readonly what: string; readonly duration: string };
  /** `segment`: what is sent again, written as in `resentSegment`. */
  readonly retransmission: { readonly what: (segment: string) => string; readonly duration: Readonly<Record<RetryBudget, string>> };
}

const RFC: Readonly<Record<TimerKind, string>> = {
  'time-wait': '§3.10.7.4, §3.10.8',
  'fin-wait-2': 'not in RFC 9293 (§3.10.8 has no such timer)',
  retransmission: '§3.8.1',
};

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
    retransmission: {
      what: (segment) => `retransmission: if no ACK comes in time, send ${segment} again`,
      duration: {
        syn: 'RTO starts at 1 s (RFC 6298) and doubles each retry; Linux gives up after tcp_syn_retries = 6 (about 127 s)',
        'syn-ack': 'RTO starts at 1 s and doubles each retry; Linux drops the half-open connection after tcp_synack_retries = 5 (about 63 s)',
        data: 'RTO from the measured round trip (at least 1 s, RFC 6298), doubled each retry; Linux tcp_retries2 = 15',
      },
    },
  },
  'zh-cn': {
    timeWait: {
      what: 'TIME-WAIT：等满 2MSL 后删除连接 (CLOSED)；若收到重传的 FIN 则重新计时',
      duration: 'RFC 9293：2MSL = 4 分钟（MSL 2 分钟）；Linux 固定 60 秒 (TCP_TIMEWAIT_LEN)',
    },
    finWait2: {
      what: 'FIN-WAIT-2 定时器（Linux，应用已关闭套接字）：若对方一直不发 FIN，就删除连接',
      duration: 'Linux net.ipv4.tcp_fin_timeout = 60 秒；RFC 9293 会一直等待',
    },
    retransmission: {
      what: (segment) => `重传定时器：超时仍未收到确认，就重发 ${segment}`,
      duration: {
        syn: 'RTO 初值 1 秒 (RFC 6298)，每次重试翻倍；Linux 重试 tcp_syn_retries = 6 次（约 127 秒）后放弃',
        'syn-ack': 'RTO 初值 1 秒，每次重试翻倍；Linux 重试 tcp_synack_retries = 5 次（约 63 秒）后丢弃半连接',
        data: 'RTO 由往返时间估算（至少 1 秒，RFC 6298），每次重试翻倍；Linux tcp_retries2 = 15',
      },
    },
  },
};

/** The segment a retransmission sends again, as the timer line writes it in both languages. */
function resentSegment(resends: TimerFact['resends']): string {
  if (!resends) return 'the unacknowledged segment';
  return `${resends.len > 0 ? `${resends.len} bytes of data` : resends.flags.join(',')} (SEQ=${resends.seq})`;
}

function retryBudget(timer: TimerFact): RetryBudget {
  if (timer.state === 'SYN-SENT') return 'syn';
  return timer.state === 'SYN-RECEIVED' ? 'syn-ack' : 'data';
}

export function timerText(timer: TimerFact, locale: Locale): TimerText {
  const say = SENTENCES[locale];
  const rfc = RFC[timer.kind];
  if (timer.kind === 'time-wait') return { ...say.timeWait, rfc };
  if (timer.kind === 'fin-wait-2') return { ...say.finWait2, rfc };
  return { what: say.retransmission.what(resentSegment(timer.resends)), duration: say.retransmission.duration[retryBudget(timer)], rfc };
}
