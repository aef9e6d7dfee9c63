// What the explorer panel shows, from a session (explorer/explorer.ts): the current path as the
// walkthrough draws a run (sequence diagram, states, narration, timers, rows), the choices of
// this step in words, the whole history tree with its branch points and the current path, the
// steps a profile switch marked and why, the table's rows visited, the prediction score. Made
// whole after every move: the webview draws it and keeps no state of its own. Pure.
import type { Locale } from '../model/i18n';
import type { RfcState } from '../model/states';
import { TRANSITIONS } from '../model/transitions';
import { EXPLORER_PROFILES, nextTimer, timerLength, type Choice, type Explorer, type ExplorerProfile, type Verdict } from '../explorer';
import { segmentText, WORDS, type Scenario, type SimEvent, type StepFacts } from '../simulation';
import { EXPLORER_WORDS, reasonText, unplayableText } from './explorer-words';
import { walkthroughView, type StepView } from './walkthrough-view';

export interface ChoiceView {
  readonly id: string;
  readonly kind: Choice['kind'] | 'next-timer';
  /** Who it happens to: the caller, the timer's owner, the segment's receiver. */
  readonly endpoint: 'client' | 'server';
  readonly label: string;
  /** The rows it fires (hidden by the webview in predict mode). */
  readonly rows: readonly string[];
  /** For a segment choice: the segment, as the walkthrough writes it. */
  readonly segment?: string;
}

export interface HistoryEntry {
  readonly id: number;
  readonly parent?: number;
  readonly depth: number;
  readonly label: string;
  readonly onPath: boolean;
  readonly current: boolean;
  /** How many branches leave this step (2 or more: a branch point). */
  readonly branches: number;
}

export interface MarkView {
  readonly step: number;
  readonly reasons: readonly string[];
}

export interface CoverageRow {
  readonly id: string;
  readonly event: string;
  readonly from: string;
  readonly visited: boolean;
}

export interface ExplorerView {
  readonly profile: ExplorerProfile;
  readonly profiles: readonly { readonly id: ExplorerProfile; readonly label: string }[];
  readonly title: string;
  readonly sequenceSource: string;
  readonly steps: readonly StepView[];
  /** History node of each step on the current path. */
  readonly nodes: readonly number[];
  readonly choices: readonly ChoiceView[];
  readonly history: readonly HistoryEntry[];
  readonly marks: readonly MarkView[];
  /** Why the path stops short after a profile switch or a restore. */
  readonly unplayable?: string;
  readonly coverage: readonly CoverageRow[];
  readonly score: { readonly right: number; readonly asked: number };
  readonly states: readonly RfcState[];
}

function choiceLabel(choice: Choice, locale: Locale, profile: ExplorerProfile): string {
  const words = WORDS[locale];
  const say = EXPLORER_WORDS[locale];
  const who = words.endpoints[choice.endpoint];
  if (choice.kind === 'call' && choice.call) {
    const bytes = choice.event.kind === 'user' && choice.event.bytes ? ` ${choice.event.bytes} B` : '';
    return say.call(who.participant, words.calls[choice.call].note + bytes);
  }
  if (choice.kind === 'timer' && choice.timer) return say.timer(who.participant, words.timers[choice.timer].timeout, timerLength(profile, choice.timer).seconds);
  const segment = choice.segment ? segmentText(choice.segment) + (choice.segment.retransmission ? words.again : '') + (choice.segment.duplicate ? words.copy : '') : '';
  return say.segment[choice.kind as 'deliver' | 'drop' | 'duplicate'](segment, who.object);
}

/**
 * A history entry's words: what its event was, with the segment it moved as the walkthrough
 * writes it (the step's own facts; `#id` only for a step its profile could not play).
 */
function eventLabel(event: SimEvent | undefined, depth: number, step: StepFacts | undefined, locale: Locale): string {
  const words = WORDS[locale];
  const say = EXPLORER_WORDS[locale];
  if (!event) return `0 · ${say.start}`;
  const head = `${depth} · `;
  const moved = step?.delivered ?? step?.lost ?? step?.duplicated;
  const segment = (id: number | undefined): string => (moved ? segmentText(moved) : id !== undefined ? `#${id}` : '');
  switch (event.kind) {
    case 'user':
      return head + say.call(words.endpoints[event.endpoint].participant, words.calls[event.call].note + (event.bytes ? ` ${event.bytes} B` : ''));
    case 'timer':
      return head + say.call(words.endpoints[event.endpoint].participant, words.timers[event.timer].timeout);
    case 'deliver':
      return head + say.segment.deliver(segment(event.segment), words.endpoints[event.to].object);
    case 'lose':
      return head + say.segment.drop(segment(event.segment), words.endpoints[event.to].object);
    case 'duplicate':
      return head + say.segment.duplicate(segment(event.segment), words.endpoints[event.to].object);
    case 'inject':
      return head + words.oldDuplicate.appears;
  }
}

export interface ExplorerViewInput {
  readonly explorer: Explorer;
  readonly locale: Locale;
  /** The run the path was loaded from, for the sequence diagram's title. */
  readonly title?: string;
  readonly unplayable?: string;
}

export function explorerView({ explorer, locale, title, unplayable }: ExplorerViewInput): ExplorerView {
  const say = EXPLORER_WORDS[locale];
  const steps: readonly StepFacts[] = explorer.steps;
  const history = explorer.history;
  const path = history.path();
  const runTitle = title ?? say.title;
  const pseudo: Scenario = { id: 'explorer', number: 0, title: { en: runTitle, 'zh-cn': runTitle }, summary: { en: EXPLORER_WORDS.en.start, 'zh-cn': EXPLORER_WORDS['zh-cn'].start }, iss: explorer.start.iss ?? { client: 100, server: 300 }, events: history.events() };
  const run = walkthroughView(pseudo, locale, steps);
  const choices = explorer.choices();
  const profile = explorer.profile;
  const views: ChoiceView[] = choices.map((choice) => ({
    id: choice.id,
    kind: choice.kind,
    endpoint: choice.endpoint,
    label: choiceLabel(choice, locale, profile),
    rows: choice.outcome.rows,
    ...(choice.segment ? { segment: segmentText(choice.segment) } : {}),
  }));
  const next = nextTimer(choices, profile);
  if (next) views.unshift({ id: `next:${next.id}`, kind: 'next-timer', endpoint: next.endpoint, label: say.next(choiceLabel(next, locale, profile)), rows: next.outcome.rows });
  const onPath = new Set(path);
  const nodeSteps = explorer.stepsByNode();
  const entries: HistoryEntry[] = [];
  for (let id = 0; id < history.size; id++) {
    const node = history.node(id);
    if (!node) continue;
    entries.push({
      id,
      ...(node.parent !== undefined ? { parent: node.parent } : {}),
      depth: node.depth,
      label: eventLabel(node.event, node.depth, nodeSteps.get(id), locale),
      onPath: onPath.has(id),
      current: id === history.current,
      branches: history.childrenOf(id).length,
    });
  }
  const change = explorer.profileSwitch;
  const visited = explorer.visitedRows;
  return {
    profile,
    profiles: EXPLORER_PROFILES.map((id) => ({ id, label: say.profiles[id] })),
    title: runTitle,
    sequenceSource: run.sequenceSource,
    steps: run.steps,
    nodes: path,
    choices: views,
    history: entries,
    marks: (change?.changes ?? []).map((c) => ({ step: c.step, reasons: c.reasons.map((r) => reasonText(r, locale)) })),
    ...(unplayable ?? change?.unplayable ? { unplayable: unplayable ?? unplayableText(change!.unplayable!, locale) } : {}),
    coverage: TRANSITIONS.map((row) => ({ id: row.id, event: say.rowEvent(row), from: row.from.join(', '), visited: visited.has(row.id) })),
    score: explorer.predictionScore,
    states: [...new Set(TRANSITIONS.flatMap((row) => row.from))],
  };
}

/** A verdict in words: each part predicted, right or not, and the rows that decided it. */
export function verdictText(verdict: Verdict, locale: Locale): string {
  const say = EXPLORER_WORDS[locale];
  const part = (name: string, judged: { predicted: unknown; actual: unknown; right: boolean } | undefined): string | undefined =>
    judged ? `${name} ${judged.right ? '✓' : '✗'} ${String(judged.predicted || say.nothingSent)}${judged.right ? '' : ` → ${String(judged.actual ?? say.nothingSent) || say.nothingSent}`}` : undefined;
  const words = WORDS[locale];
  const parts = [part(words.endpoints.client.participant, verdict.client), part(words.endpoints.server.participant, verdict.server), part(say.flags, verdict.flags), part('SEQ', verdict.seq), part('ACK', verdict.ack)].filter((p): p is string => p !== undefined);
  const rows = verdict.rows.map((id) => {
    const row = TRANSITIONS.find((r) => r.id === id);
    return row ? say.row(row) : id;
  });
  return say.verdict(verdict.right ? say.right : say.wrong, parts, rows);
}
