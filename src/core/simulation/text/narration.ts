// A step told in one or two sentences, made from its facts (event, segment, state change,
// segments sent, timers), never written per step. Each language's sentence patterns are kept
// together below; the names in them come from words.ts. Pure.
import type { Locale } from '../../model/i18n';
import type { RfcState } from '../../model/states';
import { differenceStack, type EndpointId, type Flag, type Scenario, type StepFacts } from '../types';
import { segmentText } from './segment-text';
import { WORDS, type Words } from './words';

interface Sentences {
  /** A user call; `verb` from words.ts. */
  readonly calls: (caller: string, verb: string, bytes: number | undefined) => string;
  readonly timerFires: (owner: string, timer: string) => string;
  readonly receives: (receiver: string, segment: string, sender: string) => string;
  readonly lost: (segment: string, receiver: string) => string;
  readonly duplicated: (segment: string, receiver: string) => string;
  readonly oldDuplicate: (flags: readonly Flag[], seq: number, receiver: string) => string;
  readonly goes: (endpoint: string, from: RfcState, to: RfcState) => string;
  readonly sends: (segments: readonly string[]) => string;
  /** Said when TIME-WAIT's 2MSL restarts on a repeated FIN. */
  readonly timeWaitRestarted: string;
  /** A place where Linux departs from RFC 9293; `what` from words.ts, `source` from the engine's fact. */
  readonly linuxDiffers: (what: string, source: string) => string;
  readonly freebsdDiffers: (what: string, source: string) => string;
  /** What the sentences are joined with. */
  readonly between: string;
}

const SENTENCES: Readonly<Record<Locale, Sentences>> = {
  en: {
    calls: (caller, verb, bytes) => `${caller} ${verb}${bytes ? ` (${bytes} bytes)` : ''}.`,
    timerFires: (owner, timer) => `${owner}'s ${timer} fires.`,
    receives: (receiver, segment, sender) => `${receiver} receives ${segment} from ${sender}.`,
    lost: (segment, receiver) => `The network loses ${segment} on its way to ${receiver}.`,
    duplicated: (segment, receiver) => `The network duplicates ${segment} on its way to ${receiver}: a copy follows it.`,
    oldDuplicate: (flags, seq, receiver) => `An old duplicate ${flags.join(',')} seq=${seq} from an earlier connection is on its way to ${receiver}.`,
    goes: (endpoint, from, to) => `${endpoint} goes ${from} → ${to}.`,
    sends: (segments) => `It sends ${segments.join('; ')}.`,
    timeWaitRestarted: 'TIME-WAIT answers the repeated FIN and starts its 2MSL wait again: this is why TIME-WAIT exists.',
    linuxDiffers: (what, source) => `Linux differs here: ${what} (${source}).`,
    freebsdDiffers: (what, source) => `FreeBSD differs here: ${what} (${source}).`,
    between: ' ',
  },
  'zh-cn': {
    calls: (caller, verb, bytes) => `${caller}${verb}${bytes ? `（${bytes} 字节）` : ''}。`,
    timerFires: (owner, timer) => `${owner}的${timer}超时。`,
    receives: (receiver, segment, sender) => `${receiver}收到${sender}发来的 ${segment}。`,
    lost: (segment, receiver) => `发往${receiver}的 ${segment} 在网络中丢失。`,
    duplicated: (segment, receiver) => `网络复制了发往${receiver}的 ${segment}：一份副本跟在它后面。`,
    oldDuplicate: (flags, seq, receiver) => `一个早先连接遗留的重复报文段 ${flags.join(',')} seq=${seq} 正发往${receiver}。`,
    goes: (endpoint, from, to) => `${endpoint}从 ${from} 进入 ${to}。`,
    sends: (segments) => `发出 ${segments.join('；')}。`,
    timeWaitRestarted: '处于 TIME-WAIT 的一方重新确认这个重复的 FIN，并重新开始 2MSL 计时：这正是 TIME-WAIT 存在的原因。',
    linuxDiffers: (what, source) => `此处 Linux 与 RFC 不同：${what}（${source}）。`,
    freebsdDiffers: (what, source) => `此处 FreeBSD 与 RFC 不同：${what}（${source}）。`,
    between: '',
  },
};

function sender(words: Words, from: EndpointId | 'old-duplicate'): string {
  return from === 'old-duplicate' ? words.oldDuplicate.object : words.endpoints[from].object;
}

/** What the step's event was: a call, a timer, an arrival, a loss, a stale segment. */
function eventSentence(step: StepFacts, words: Words, say: Sentences): string | undefined {
  const event = step.event;
  const actor = words.endpoints[step.actor ?? 'client'];
  if (event?.kind === 'user') return say.calls(actor.subject, words.calls[event.call].verb, event.bytes);
  if (event?.kind === 'timer') return say.timerFires(actor.subject, words.timers[event.timer].timer);
  if (step.delivered) return say.receives(actor.subject, segmentText(step.delivered) + (step.delivered.duplicate ? words.copy : ''), sender(words, step.delivered.from));
  if (step.lost) return say.lost(segmentText(step.lost), actor.object);
  if (step.duplicated) return say.duplicated(segmentText(step.duplicated), actor.object);
  if (event?.kind === 'inject') return say.oldDuplicate(event.flags, event.seq, actor.object);
  return undefined;
}

/** The narration of one step in `locale`; step 0, which has no event, is the scenario's summary. */
export function narrate(scenario: Scenario, step: StepFacts, locale: Locale): string {
  if (!step.event) return scenario.summary[locale];
  const words = WORDS[locale];
  const say = SENTENCES[locale];
  const sentences: string[] = [];
  const event = eventSentence(step, words, say);
  if (event) sentences.push(event);
  for (const endpoint of ['client', 'server'] as const) {
    const [from, to] = [step.before[endpoint], step.states[endpoint]];
    if (from !== to) sentences.push(say.goes(words.endpoints[endpoint].subject, from, to));
  }
  if (step.sent.length) sentences.push(say.sends(step.sent.map((s) => segmentText(s) + (s.retransmission ? words.retransmitted : ''))));
  const restarted = step.timersStarted.filter((t) => step.timersStopped.some((s) => s.endpoint === t.endpoint && s.kind === t.kind));
  if (restarted.some((t) => t.kind === 'time-wait')) sentences.push(say.timeWaitRestarted);
  for (const difference of step.differences) {
    const differs = differenceStack(difference.id) === 'freebsd' ? say.freebsdDiffers : say.linuxDiffers;
    sentences.push(differs(words.linux[difference.id], difference.source));
  }
  return sentences.join(say.between);
}
