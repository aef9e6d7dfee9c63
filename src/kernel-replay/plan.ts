// Which part of an explorer history real sockets on loopback can replay, worked out without a
// socket. On loopback a segment is processed inside the call that sends it: nothing is lost,
// copied, reordered or held back, and no timer of ours gets to fire. So a history is replayed up
// to the first event real sockets cannot make happen: each application call, followed by the
// network delivering what is in flight, oldest first; the stop says why in words a learner can
// read. Each call carries the simulator's states at rest after it, what the kernel should show.
// Pure: no Node, no `vscode` (lint bans both here).
import { LINUX } from '../core/model/explanation-facts';
import { localized, type Locale, type Localized } from '../core/model/locales';
import type { RfcState } from '../core/model/states';
import { startRun, type EndpointId, type EventRunOptions, type Run, type SimEvent, type UserCall } from '../core/simulation';
import { segmentText } from '../core/simulation/text/segment-text';
import { WORDS } from '../core/simulation/text/words';

/** One application call to make on real sockets, with what the simulator says it leads to. */
export interface ReplayCall {
  /** The call's step in the explorer's history (its index among the events + 1). */
  readonly step: number;
  readonly endpoint: EndpointId;
  readonly call: UserCall;
  readonly bytes?: number;
  /** As the replay shows it: 'connect(client)', 'write(server, 100)'. */
  readonly label: string;
  /** The steps of the deliveries after it in the history, up to the next call or the stop. */
  readonly deliveries: readonly number[];
  /**
   * The simulator's states (the 'linux' profile unless told otherwise) once everything in flight
   * after the call has arrived, oldest first: what the kernel should show at rest. Where the
   * history stops or ends with segments still in flight, these go past the history, as loopback does.
   */
  readonly settled: { readonly client: RfcState; readonly server: RfcState };
  /** Whether the history itself delivers all of it (no segment left in flight before the next call, the stop or the end). */
  readonly complete: boolean;
  /** Whether each endpoint's application reads what arrives (the 'stop-reading' call ends that), right after the call. */
  readonly reading: { readonly client: boolean; readonly server: boolean };
}

export interface ReplayStop {
  readonly step: number;
  /** In words a learner can read, in each language: "the network loses ACK seq=102 ack=302 on its way to the server; loopback never loses one". */
  readonly reason: Localized<string>;
}

export interface ReplayPlan {
  readonly calls: readonly ReplayCall[];
  readonly stoppedAt?: ReplayStop;
}

const LABEL_OF: Readonly<Record<UserCall, string>> = {
  'passive-open': 'listen', 'active-open': 'connect', send: 'write', close: 'close', shutdown: 'shutdown', abort: 'abort', 'stop-reading': 'stop-reading',
};

function labelOf(endpoint: EndpointId, call: UserCall, bytes?: number): string {
  return call === 'send' ? `${LABEL_OF[call]}(${endpoint}, ${bytes ?? 0})` : `${LABEL_OF[call]}(${endpoint})`;
}

/** The words of a stop, in each language; `who` is an endpoint as the walkthrough names it ('the client', '客户端'). */
interface StopWords {
  readonly clientListens: string;
  readonly serverConnects: string;
  readonly callInFlight: (who: string, call: string, inFlight: number) => string;
  readonly delayedAck: (who: string) => string;
  readonly overtakes: string;
  readonly outOfOrder: (segment: string, who: string, older: string, olderTo: string) => string;
  readonly loses: (segment: string | undefined, who: string) => string;
  readonly duplicates: (segment: string | undefined, who: string) => string;
  readonly oldSegment: (segment: string) => string;
  readonly timeWait: (who: string) => string;
  readonly finWait2: (who: string) => string;
  readonly retransmission: (who: string) => string;
  readonly simulatorRefuses: (message: string) => string;
  readonly nodeClosed: (who: string, call: string) => string;
}

const STOP_WORDS: Localized<StopWords> = {
  en: {
    clientListens: 'the client listens; the replay lets only the server listen',
    serverConnects: 'the server connects to the client; the replay lets only the client connect',
    callInFlight: (who, call, n) =>
      `${who} calls ${call} while ${n === 1 ? 'a segment is' : `${n} segments are`} still on the way; on loopback ${n === 1 ? 'it' : 'they'} would have arrived already`,
    delayedAck: (who) => `${who} holds back the ACK it owes (a delayed ACK); the replay cannot tell the kernel when to send its ACKs`,
    overtakes: 'the newest segment in flight overtakes older ones; loopback delivers segments in the order they were sent',
    outOfOrder: (segment, who, older, olderTo) => `the network delivers ${segment} to ${who} while the older ${older} is still on the way to ${olderTo}; loopback delivers segments in the order they were sent`,
    loses: (segment, who) => `the network loses ${segment ?? 'a segment'} on its way to ${who}; loopback never loses one`,
    duplicates: (segment, who) => `the network duplicates ${segment ?? 'a segment'} on its way to ${who}; loopback never makes copies`,
    oldSegment: (segment) => `an old segment of an earlier connection (${segment}) appears; real sockets cannot forge one on loopback`,
    timeWait: (who) => `${possessive(who)} TIME-WAIT timer fires; Linux keeps TIME-WAIT for ${LINUX.timeWait.seconds} s (${LINUX.timeWait.constant}), and the replay does not wait that long`,
    finWait2: (who) => `${possessive(who)} FIN-WAIT-2 timer fires; Linux waits net.ipv4.tcp_fin_timeout (${LINUX.finTimeoutSeconds} s by default) for it, and the replay does not wait that long`,
    retransmission: (who) => `${possessive(who)} retransmission timer fires; on loopback every segment arrives and is acknowledged long before the timeout, so the kernel never retransmits here`,
    simulatorRefuses: (message) => `the simulator cannot play this event (${message})`,
    nodeClosed: (who, call) => `Node has already closed ${possessive(who)} socket, so ${call} cannot be replayed`,
  },
  'zh-cn': {
    clientListens: '客户端在监听；重放只让服务器监听',
    serverConnects: '服务器向客户端发起连接；重放只让客户端发起连接',
    callInFlight: (who, call, n) => `${who}调用 ${call} 时还有 ${n} 个报文段在途；在环回上${n === 1 ? '它' : '它们'}早已到达`,
    delayedAck: (who) => `${who}推迟了它应发的 ACK（延迟确认）；重放无法告诉内核何时发送 ACK`,
    overtakes: '最新的在途报文段超过了较早的报文段；环回按发送顺序交付报文段',
    outOfOrder: (segment, who, older, olderTo) => `网络把 ${segment} 交付给${who}，而较早的 ${older} 还在发往${olderTo}的途中；环回按发送顺序交付报文段`,
    loses: (segment, who) => `网络丢弃了发往${who}的${segment ? ` ${segment}` : '一个报文段'}；环回从不丢包`,
    duplicates: (segment, who) => `网络复制了发往${who}的${segment ? ` ${segment}` : '一个报文段'}；环回从不复制报文段`,
    oldSegment: (segment) => `出现了一个早先连接的旧报文段（${segment}）；真实套接字无法在环回上伪造它`,
    timeWait: (who) => `${who}的 TIME-WAIT 定时器到期；Linux 让 TIME-WAIT 保持 ${LINUX.timeWait.seconds} 秒（${LINUX.timeWait.constant}），重放不会等这么久`,
    finWait2: (who) => `${who}的 FIN-WAIT-2 定时器到期；Linux 为此等待 net.ipv4.tcp_fin_timeout（默认 ${LINUX.finTimeoutSeconds} 秒），重放不会等这么久`,
    retransmission: (who) => `${who}的重传定时器到期；在环回上每个报文段都远在超时之前到达并得到确认，所以内核在这里从不重传`,
    // The simulator's message is English (an event it refuses is a bug of ours): the log has it.
    simulatorRefuses: () => '模拟器无法执行这个事件',
    nodeClosed: (who, call) => `Node 已经关闭了${who}的套接字，所以无法重放 ${call}`,
  },
};

/** 'the client' → "the client's". */
function possessive(who: string): string {
  return `${who}'s`;
}

/** A stop's words in every language. */
function said(words: (w: StopWords, locale: Locale) => string): Localized<string> {
  return localized((locale) => words(STOP_WORDS[locale], locale));
}

/** How the walkthrough names an endpoint as the object of a sentence, in `locale`. */
const endpointName = (endpoint: EndpointId, locale: Locale): string => WORDS[locale].endpoints[endpoint].object;

/** Why real sockets on loopback cannot make `event` happen next, or undefined when they can. */
function notOnLoopback(run: Run, event: SimEvent): Localized<string> | undefined {
  const network = run.world.network;
  const segmentTo = (id: number | undefined, to: EndpointId) => network.find((s) => s.to === to && (id === undefined || s.id === id));
  switch (event.kind) {
    case 'user': {
      if (event.endpoint === 'client' && event.call === 'passive-open') return said((w) => w.clientListens);
      if (event.endpoint === 'server' && event.call === 'active-open') return said((w) => w.serverConnects);
      if (network.length > 0) return said((w, l) => w.callInFlight(endpointName(event.endpoint, l), labelOf(event.endpoint, event.call, event.bytes), network.length));
      return undefined;
    }
    case 'deliver': {
      if (event.delayAck) return said((w, l) => w.delayedAck(endpointName(event.to, l)));
      if (event.newest) return said((w) => w.overtakes);
      const takes = segmentTo(event.segment, event.to);
      const oldest = network[0];
      if (takes && oldest && takes.id !== oldest.id) return said((w, l) => w.outOfOrder(segmentText(takes), endpointName(event.to, l), segmentText(oldest), endpointName(oldest.to, l)));
      return undefined;
    }
    case 'lose': {
      const lost = segmentTo(event.segment, event.to);
      return said((w, l) => w.loses(lost && segmentText(lost), endpointName(event.to, l)));
    }
    case 'duplicate': {
      const copied = segmentTo(event.segment, event.to);
      return said((w, l) => w.duplicates(copied && segmentText(copied), endpointName(event.to, l)));
    }
    case 'inject':
      return said((w) => w.oldSegment(`${event.flags.join(',')} seq=${event.seq}`));
    case 'timer': {
      const who = (l: Locale): string => endpointName(event.endpoint, l);
      switch (event.timer) {
        case 'time-wait':
          return said((w, l) => w.timeWait(who(l)));
        case 'fin-wait-2':
          return said((w, l) => w.finWait2(who(l)));
        case 'retransmission':
          return said((w, l) => w.retransmission(who(l)));
      }
    }
  }
}

/** Why Node cannot make `call` (it has already closed the socket the simulator still writes on). */
export function nodeClosedReason(call: ReplayCall): Localized<string> {
  return said((w, l) => w.nodeClosed(endpointName(call.endpoint, l), call.label));
}

/** Deliveries before the network counts as never settling: a bug, not a history. */
const MAX_SETTLE_DELIVERIES = 100;

/** The states once everything in flight arrives, oldest first, played on a fork (the run stays as it is). */
function settledStates(run: Run): ReplayCall['settled'] {
  const fork = run.fork();
  try {
    for (let n = 0; n < MAX_SETTLE_DELIVERIES; n++) {
      const next = fork.world.network[0];
      if (!next) break;
      fork.play({ kind: 'deliver', to: next.to, segment: next.id });
    }
  } catch {
    // The simulator cannot deliver it: the states as far as it got.
  }
  return { client: fork.world.stateOf('client'), server: fork.world.stateOf('server') };
}

/**
 * How the explorer ran the history (its ISS, profile, sysctls; default the 'linux' profile with
 * ISS 100 and 300): which segment is in flight when, and so where the replay must stop, follows
 * the history as the learner made it, and the stop's words name the segments as the explorer shows them.
 */
export type ReplayRunOptions = EventRunOptions;

/**
 * Which calls of `events` real sockets on loopback can replay, and where that ends (the first
 * event they cannot make happen, with why). `settled` is the simulator's under the same
 * options: with the 'linux' profile, what the kernel should show. Pure.
 */
export function replayableEvents(events: readonly SimEvent[], options: ReplayRunOptions = {}): ReplayPlan {
  const run = startRun({ profile: 'linux', ...options });
  const calls: ReplayCall[] = [];
  let open: { readonly call: Omit<ReplayCall, 'deliveries' | 'settled' | 'complete'>; readonly deliveries: number[] } | undefined;
  const finish = (): void => {
    if (open) calls.push({ ...open.call, deliveries: open.deliveries, settled: settledStates(run), complete: run.world.network.length === 0 });
    open = undefined;
  };
  let stoppedAt: ReplayStop | undefined;
  for (const [index, event] of events.entries()) {
    const step = index + 1;
    const reason = notOnLoopback(run, event);
    if (reason) {
      stoppedAt = { step, reason };
      break;
    }
    if (event.kind === 'user') finish();
    try {
      run.play(event);
    } catch (e) {
      const message = (e as Error).message;
      stoppedAt = { step, reason: said((w) => w.simulatorRefuses(message)) };
      break;
    }
    if (event.kind === 'user') {
      const tcb = run.world.tcb;
      open = {
        call: { step, endpoint: event.endpoint, call: event.call, ...(event.bytes !== undefined ? { bytes: event.bytes } : {}), label: labelOf(event.endpoint, event.call, event.bytes), reading: { client: tcb.client.reading, server: tcb.server.reading } },
        deliveries: [],
      };
    } else open?.deliveries.push(step);
  }
  finish();
  return stoppedAt ? { calls, stoppedAt } : { calls };
}
