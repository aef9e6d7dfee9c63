// A step told in one or two sentences, in English and Simplified Chinese, made from what the
// step did (event, segment, state change, segments sent, timers), never written per step. Pure.
import { segmentText as seg } from './segment-text';
import type { EndpointId, Step } from './types';

type Facts = Omit<Step, 'narration'>;

const NAME = { en: { client: 'The client', server: 'The server' }, zh: { client: '客户端', server: '服务器' } } as const;

const CALL_EN: Record<string, string> = {
  'passive-open': 'opens passively (listen)',
  'active-open': 'opens actively (connect)',
  send: 'sends data',
  close: 'closes the socket (close(): RFC CLOSE)',
  shutdown: 'shuts down its sending side (shutdown(SHUT_WR): RFC CLOSE)',
  abort: 'aborts (ABORT)',
};
const CALL_ZH: Record<string, string> = {
  'passive-open': '被动打开 (listen)',
  'active-open': '主动打开 (connect)',
  send: '发送数据',
  close: '关闭套接字（close()，即 RFC 的 CLOSE）',
  shutdown: '关闭发送方向（shutdown(SHUT_WR)，即 RFC 的 CLOSE）',
  abort: '中止连接 (ABORT)',
};

function who(endpoint: EndpointId | 'old-duplicate', zh: boolean): string {
  if (endpoint === 'old-duplicate') return zh ? '旧连接的重复报文段' : 'an old duplicate';
  return zh ? NAME.zh[endpoint] : NAME.en[endpoint];
}

export function narrate(step: Facts): { en: string; 'zh-cn': string } {
  const event = step.event;
  const actor = step.actor ?? 'client';
  const en: string[] = [];
  const zh: string[] = [];
  if (event?.kind === 'user') {
    en.push(`${who(actor, false)} ${CALL_EN[event.call]}${event.bytes ? ` (${event.bytes} bytes)` : ''}.`);
    zh.push(`${who(actor, true)}${CALL_ZH[event.call]}${event.bytes ? `（${event.bytes} 字节）` : ''}。`);
  } else if (event?.kind === 'timer') {
    const names = { 'time-wait': ['the 2MSL timer', '2MSL 定时器'], 'fin-wait-2': ['FIN-WAIT-2 timer', 'FIN-WAIT-2 定时器'], retransmission: ['the retransmission timer', '重传定时器'] };
    const timer = names[event.timer];
    en.push(`${who(actor, false)}'s ${timer[0]} fires.`);
    zh.push(`${who(actor, true)}的${timer[1]}超时。`);
  } else if (step.delivered) {
    en.push(`${who(actor, false)} receives ${seg(step.delivered)} from ${who(step.delivered.from, false).replace(/^The /, 'the ')}.`);
    zh.push(`${who(actor, true)}收到${who(step.delivered.from, true)}发来的 ${seg(step.delivered)}。`);
  } else if (step.lost) {
    en.push(`The network loses ${seg(step.lost)} on its way to the ${actor}.`);
    zh.push(`发往${who(actor, true)}的 ${seg(step.lost)} 在网络中丢失。`);
  } else if (event?.kind === 'inject') {
    en.push(`An old duplicate ${event.flags.join(',')} seq=${event.seq} from an earlier connection is on its way to the ${actor}.`);
    zh.push(`一个早先连接遗留的重复报文段 ${event.flags.join(',')} seq=${event.seq} 正发往${who(actor, true)}。`);
  }
  for (const endpoint of ['client', 'server'] as const) {
    const from = step.before[endpoint];
    const to = step.states[endpoint];
    if (from !== to) {
      en.push(`${who(endpoint, false)} goes ${from} → ${to}.`);
      zh.push(`${who(endpoint, true)}从 ${from} 进入 ${to}。`);
    }
  }
  if (step.sent.length) {
    const list = step.sent.map((s) => `${seg(s)}${s.retransmission ? ' (retransmitted)' : ''}`).join('; ');
    const listZh = step.sent.map((s) => `${seg(s)}${s.retransmission ? '（重传）' : ''}`).join('；');
    en.push(`It sends ${list}.`);
    zh.push(`发出 ${listZh}。`);
  }
  const restarted = step.timersStarted.filter((t) => step.timersStopped.some((s) => s.endpoint === t.endpoint && s.kind === t.kind));
  if (restarted.some((t) => t.kind === 'time-wait')) {
    en.push('TIME-WAIT answers the repeated FIN and starts its 2MSL wait again: this is why TIME-WAIT exists.');
    zh.push('处于 TIME-WAIT 的一方重新确认这个重复的 FIN，并重新开始 2MSL 计时：这正是 TIME-WAIT 存在的原因。');
  }
  return { en: en.join(' '), 'zh-cn': zh.join('') };
}
