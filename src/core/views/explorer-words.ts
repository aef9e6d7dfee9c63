// The explorer's own words in each language: its choices, its history's entries, the reasons a
// profile switch marks a step, the verdicts of predict mode. The names of calls, timers and
// endpoints come from the walkthrough's table (simulation/text/words.ts), said in one place. Pure.
import type { Locale } from '../model/i18n';
import type { Transition } from '../model/transition-types';
import { rowText } from '../model/transition-text';
import type { ChangeReason, ChoiceKind, ExplorerProfile, Unplayable } from '../explorer';
import { WORDS } from '../simulation';

export interface ExplorerWords {
  readonly title: string;
  readonly profiles: Readonly<Record<ExplorerProfile, string>>;
  /** A choice on a segment: 'Deliver SYN seq=100 to the server'. */
  readonly segment: Readonly<Record<Exclude<ChoiceKind, 'call' | 'timer'>, (segment: string, receiver: string) => string>>;
  readonly call: (caller: string, note: string) => string;
  readonly timer: (owner: string, timeout: string, seconds: number | undefined) => string;
  readonly next: (timer: string) => string;
  readonly start: string;
  readonly reason: {
    readonly timer: (timer: string, before: number | undefined, after: number | undefined) => string;
    readonly outcome: string;
  };
  readonly right: string;
  readonly wrong: string;
  readonly nothingSent: string;
  /** The flags part of a verdict: 'flags ✗ SYN → SYN,ACK'. */
  readonly flags: string;
  /** A verdict: its head (right or not), the parts judged, the rows that decided it. */
  readonly verdict: (head: string, parts: readonly string[], rows: readonly string[]) => string;
  /**
   * A row of the transition table as a verdict and the coverage list name it: its id, section,
   * event and action in full words (model/transition-text.ts), in every language. The RFC
   * figure's short labels ('rcv SYN / snd SYN,ACK') are the diagram's and the hover's.
   */
  readonly row: (row: Transition) => string;
  readonly rowEvent: (row: Transition) => string;
  /** Why a path stops where a profile cannot play it: 'step 7: the client's FIN-WAIT-2 timer does not exist under this profile (RFC 9293 §3.10.8)'. */
  readonly unplayable: {
    readonly at: (step: number, reason: string) => string;
    readonly noTimer: (owner: string, timer: string, source: string) => string;
    readonly refused: (message: string) => string;
    readonly noStep: (id: number) => string;
  };
}

const seconds = (n: number | undefined, never: string): string => (n === undefined ? never : `${n} s`);

export const EXPLORER_WORDS: Readonly<Record<Locale, ExplorerWords>> = {
  en: {
    title: 'TCP Explorer',
    profiles: { rfc9293: 'RFC 9293', linux: 'Linux (defaults)', 'linux-rfc1337': 'Linux, tcp_rfc1337 = 1', freebsd: 'FreeBSD' },
    segment: {
      deliver: (segment, receiver) => `Deliver ${segment} to ${receiver}`,
      drop: (segment, receiver) => `Drop ${segment} on its way to ${receiver}`,
      duplicate: (segment, receiver) => `Duplicate ${segment} on its way to ${receiver}`,
    },
    call: (caller, note) => `${caller}: ${note}`,
    timer: (owner, timeout, s) => `${owner}: ${timeout} (fire it now${s === undefined ? '' : `; it runs ${s} s`})`,
    next: (timer) => `Advance time to the next timer: ${timer}`,
    start: 'start: both CLOSED',
    reason: {
      timer: (timer, before, after) => `${timer}: ${seconds(before, 'none')} before, ${seconds(after, 'none')} now`,
      outcome: 'the states, rows or segments differ',
    },
    right: 'Right',
    wrong: 'Not quite',
    nothingSent: 'nothing',
    flags: 'flags',
    verdict: (head, parts, rows) => `${head}: ${parts.join('; ')}.${rows.length ? ` ${rows.join(' ')}` : ''}`,
    row: (row) => `${row.id} (${row.rfc}): ${rowText(row, 'en').event} → ${rowText(row, 'en').action}`,
    rowEvent: (row) => rowText(row, 'en').event,
    unplayable: {
      at: (step, reason) => `step ${step}: ${reason}`,
      noTimer: (owner, timer, source) => `${owner}'s ${timer} does not exist under this profile (${source})`,
      refused: (message) => `the simulator cannot play this event (${message})`,
      noStep: (id) => `there is no step ${id}`,
    },
  },
  'zh-cn': {
    title: 'TCP 探索器',
    profiles: { rfc9293: 'RFC 9293', linux: 'Linux（默认设置）', 'linux-rfc1337': 'Linux，tcp_rfc1337 = 1', freebsd: 'FreeBSD' },
    segment: {
      deliver: (segment, receiver) => `把 ${segment} 交付给${receiver}`,
      drop: (segment, receiver) => `丢弃发往${receiver}的 ${segment}`,
      duplicate: (segment, receiver) => `复制发往${receiver}的 ${segment}`,
    },
    call: (caller, note) => `${caller}：${note}`,
    timer: (owner, timeout, s) => `${owner}：${timeout}（立即触发${s === undefined ? '' : `；时长 ${s} 秒`}）`,
    next: (timer) => `时间推进到下一个定时器：${timer}`,
    start: '开始：双方 CLOSED',
    reason: {
      timer: (timer, before, after) => `${timer}：之前 ${seconds(before, '无')}，现在 ${seconds(after, '无')}`,
      outcome: '状态、触发的行或发出的报文段不同',
    },
    right: '正确',
    wrong: '不完全对',
    nothingSent: '不发送',
    flags: '标志位',
    verdict: (head, parts, rows) => `${head}：${parts.join('；')}。${rows.length ? rows.join(' ') : ''}`,
    row: (row) => `${row.id}（${row.rfc}）：${rowText(row, 'zh-cn').event} → ${rowText(row, 'zh-cn').action}`,
    rowEvent: (row) => rowText(row, 'zh-cn').event,
    unplayable: {
      at: (step, reason) => `第 ${step} 步：${reason}`,
      noTimer: (owner, timer, source) => `在这个行为配置下，${owner}没有${timer}（${source}）`,
      // The simulator's message is English (an event it refuses is a bug of ours): the log has it.
      refused: () => '模拟器无法执行这个事件',
      noStep: (id) => `没有第 ${id} 步`,
    },
  },
};

/** A reason a profile switch marked a step, in words, with its source. */
export function reasonText(reason: ChangeReason, locale: Locale): string {
  const words = EXPLORER_WORDS[locale];
  if (reason.kind === 'behaviour') return `${WORDS[locale].linux[reason.id]} (${reason.source})`;
  if (reason.kind === 'timer') return `${words.reason.timer(WORDS[locale].timers[reason.timer].timer, reason.before, reason.after)} (${reason.source})`;
  return words.reason.outcome;
}

/** Where and why a path stops under a profile, in words. */
export function unplayableText(unplayable: Unplayable, locale: Locale): string {
  const say = EXPLORER_WORDS[locale].unplayable;
  const reason = unplayable.reason;
  const why =
    reason.kind === 'no-timer'
      ? say.noTimer(WORDS[locale].endpoints[reason.endpoint].object, WORDS[locale].timers[reason.timer].timer, reason.source)
      : reason.kind === 'refused'
        ? say.refused(reason.message)
        : say.noStep(reason.id);
  return say.at(unplayable.step, why);
}
