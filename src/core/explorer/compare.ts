// What changes when the same events run under another profile: each step whose outcome differs
// (states, rows fired, segments sent, timers started and how long they run), with the reasons
// the engine gives (its LinuxDifference facts, each with its source) and the timers' lengths
// (profiles.ts). Facts only; the explorer's view words them. Pure.
import type { LinuxDifferenceId, Segment, StepFacts, TimerKind } from '../simulation';
import { timerLength, type ExplorerProfile } from './profiles';

export type ChangeReason =
  | { readonly kind: 'behaviour'; readonly id: LinuxDifferenceId; readonly source: string }
  | { readonly kind: 'timer'; readonly timer: TimerKind; readonly before: number | undefined; readonly after: number | undefined; readonly source: string }
  /** The states, rows or segments differ with no fact of the engine's to say why (kept so no change goes unmarked). */
  | { readonly kind: 'outcome' };

export interface StepChange {
  readonly step: number;
  readonly reasons: readonly ChangeReason[];
}

const segmentKey = (s: Segment): string => `${s.from}>${s.to} ${s.flags.join(',')} ${s.seq}/${s.ack ?? '-'} ${s.len}`;

function outcomeKey(step: StepFacts): string {
  return JSON.stringify([step.states, step.rows, step.sent.map(segmentKey), step.timersStarted.map((t) => `${t.endpoint}:${t.kind}`)]);
}

/**
 * The steps of `after` (run under `to`) that differ from `before` (run under `from`), step by
 * step over the steps both have. A step that only one of them could play is the caller's to report.
 */
export function compareRuns(before: readonly StepFacts[], after: readonly StepFacts[], from: ExplorerProfile, to: ExplorerProfile): StepChange[] {
  const changes: StepChange[] = [];
  const length = Math.min(before.length, after.length);
  for (let i = 1; i < length; i++) {
    const [was, is] = [before[i] as StepFacts, after[i] as StepFacts];
    const reasons: ChangeReason[] = [];
    const seen = new Set<LinuxDifferenceId>();
    for (const d of [...is.differences, ...was.differences]) {
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      reasons.push({ kind: 'behaviour', id: d.id, source: d.source });
    }
    for (const timer of new Set(is.timersStarted.map((t) => t.kind))) {
      const [a, b] = [timerLength(from, timer), timerLength(to, timer)];
      if (a.seconds !== b.seconds) reasons.push({ kind: 'timer', timer, before: a.seconds, after: b.seconds, source: `${a.source}; ${b.source}` });
    }
    if (reasons.length === 0 && outcomeKey(was) !== outcomeKey(is)) reasons.push({ kind: 'outcome' });
    if (reasons.length) changes.push({ step: i, reasons });
  }
  return changes;
}
