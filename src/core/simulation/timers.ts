// How the walkthrough describes a running timer: what it guards, what happens when it fires,
// how long it runs per RFC 9293 and on Linux. Pure.
import type { RfcState } from '../states';
import type { EndpointId, TimerKind, TimerView } from './types';

interface TimerTcb {
  readonly state: RfcState;
  readonly queue: readonly { readonly flags: readonly string[]; readonly seq: number; readonly len: number }[];
}

export function timerView(endpoint: EndpointId, kind: TimerKind, tcb: TimerTcb): TimerView {
  if (kind === 'time-wait') {
    return {
      endpoint,
      kind,
      what: 'TIME-WAIT: when 2MSL has passed the connection is deleted (CLOSED); a retransmitted FIN restarts it',
      whatZh: 'TIME-WAIT：等满 2MSL 后删除连接 (CLOSED)；若收到重传的 FIN 则重新计时',
      rfc: '§3.10.7.4, §3.10.8',
      duration: '2MSL = 4 min per RFC 9293 (MSL 2 min); Linux waits a fixed 60 s (TCP_TIMEWAIT_LEN)',
      durationZh: 'RFC 9293：2MSL = 4 分钟（MSL 2 分钟）；Linux 固定 60 秒 (TCP_TIMEWAIT_LEN)',
    };
  }
  if (kind === 'fin-wait-2') {
    return {
      endpoint,
      kind,
      what: 'FIN-WAIT-2 (Linux, orphaned socket): if the peer never sends its FIN, the connection is deleted',
      whatZh: 'FIN-WAIT-2 定时器（Linux，应用已关闭套接字）：若对方一直不发 FIN，就删除连接',
      rfc: 'not in RFC 9293 (§3.10.8 has no such timer)',
      duration: 'Linux net.ipv4.tcp_fin_timeout = 60 s; RFC 9293 waits for ever',
      durationZh: 'Linux net.ipv4.tcp_fin_timeout = 60 秒；RFC 9293 会一直等待',
    };
  }
  const front = tcb.queue[0];
  const what = front ? `${front.len > 0 ? `${front.len} bytes of data` : front.flags.join(',')} (SEQ=${front.seq})` : 'the unacknowledged segment';
  const syn = tcb.state === 'SYN-SENT';
  const synAck = tcb.state === 'SYN-RECEIVED';
  return {
    endpoint,
    kind,
    what: `retransmission: if no ACK comes in time, send ${what} again`,
    whatZh: `重传定时器：超时仍未收到确认，就重发 ${what}`,
    rfc: '§3.8.1',
    duration: syn
      ? 'RTO starts at 1 s (RFC 6298) and doubles each retry; Linux gives up after tcp_syn_retries = 6 (about 127 s)'
      : synAck
        ? 'RTO starts at 1 s and doubles each retry; Linux drops the half-open connection after tcp_synack_retries = 5 (about 63 s)'
        : 'RTO from the measured round trip (at least 1 s, RFC 6298), doubled each retry; Linux tcp_retries2 = 15',
    durationZh: syn
      ? 'RTO 初值 1 秒 (RFC 6298)，每次重试翻倍；Linux 重试 tcp_syn_retries = 6 次（约 127 秒）后放弃'
      : synAck
        ? 'RTO 初值 1 秒，每次重试翻倍；Linux 重试 tcp_synack_retries = 5 次（约 63 秒）后丢弃半连接'
        : 'RTO 由往返时间估算（至少 1 秒，RFC 6298），每次重试翻倍；Linux tcp_retries2 = 15',
  };
}
