// The explorer's session: a history of events (history.ts), the profile they run under, and
// the run of the current path. The learner picks the next event among the choices (choices.ts),
// goes back to any step and picks differently (a branch), switches profile (the same events run
// again; compare.ts marks what changed), and in predict mode is scored (predict.ts). The rows
// fired on every branch played are kept for the coverage view. Pure: no `vscode`, no DOM.
import type { RowId } from '../model/transitions';
import { startRun, type Run, type Scenario, type SimEvent, type StepFacts } from '../simulation';
import { choicesOf, profileRefusal, type Choice, type UnplayableReason } from './choices';
import { compareRuns, type StepChange } from './compare';
import { History, type HistoryData } from './history';
import { judge, scored, type Prediction, type Score, type Verdict } from './predict';
import { profileOptions, type ExplorerProfile } from './profiles';

/** Where a session starts: the ISS of both sides (and, from a scenario, its events). */
export interface ExplorerStart {
  readonly iss?: Scenario['iss'];
  readonly synRetries?: number;
  readonly profile?: ExplorerProfile;
}

/** A step of the path that a profile switch could not play, and why. */
export interface Unplayable {
  readonly step: number;
  readonly reason: UnplayableReason;
}

export interface ProfileSwitch {
  readonly changes: readonly StepChange[];
  readonly unplayable?: Unplayable;
}

/** The scenario's events, each delivery and loss naming the segment it takes (so a branch can be matched to it). */
export function pinnedEvents(scenario: Pick<Scenario, 'events' | 'iss' | 'synRetries'>, profile: ExplorerProfile): SimEvent[] {
  const run = startRun({ ...profileOptions(profile), iss: scenario.iss, ...(scenario.synRetries !== undefined ? { synRetries: scenario.synRetries } : {}) });
  return scenario.events.map((event) => {
    const step = run.play(event);
    if (event.kind === 'deliver' && step.delivered && !event.delayAck) return { kind: 'deliver', to: event.to, segment: step.delivered.id };
    if (event.kind === 'deliver' && step.delivered) return { ...event, newest: undefined, segment: step.delivered.id } as SimEvent;
    if (event.kind === 'lose' && step.lost) return { kind: 'lose', to: event.to, segment: step.lost.id };
    return event;
  });
}

export class Explorer {
  readonly history: History;
  private profileId: ExplorerProfile;
  private run: Run;
  private readonly visited = new Set<RowId>();
  private score: Score = { right: 0, asked: 0 };
  private lastSwitch: ProfileSwitch | undefined;

  constructor(
    readonly start: ExplorerStart = {},
    events: readonly SimEvent[] = [],
    history?: History,
  ) {
    this.profileId = start.profile ?? 'rfc9293';
    this.history = history ?? new History();
    if (!history) for (const event of events) this.history.choose(event);
    this.run = this.newRun();
    this.restore(this.history.current);
    for (const leaf of this.history.leaves()) this.visit(leaf);
  }

  static fromData(start: ExplorerStart, data: HistoryData): Explorer | undefined {
    const history = History.from(data);
    return history ? new Explorer(start, [], history) : undefined;
  }

  get profile(): ExplorerProfile {
    return this.profileId;
  }

  /** The steps from step 0 to the current one. */
  get steps(): readonly StepFacts[] {
    // A copy: the run's own list grows with every step played, and a caller keeps what it read.
    return this.run.steps.slice();
  }

  get current(): number {
    return this.history.current;
  }

  get predictionScore(): Score {
    return this.score;
  }

  /** Rows fired on any branch played so far. */
  get visitedRows(): ReadonlySet<RowId> {
    return this.visited;
  }

  /** The changes the last profile switch marked (cleared when the learner switches again). */
  get profileSwitch(): ProfileSwitch | undefined {
    return this.lastSwitch;
  }

  /** The run of the current step, to look at (a fork: playing on it leaves the session alone). */
  fork(): Run {
    return this.run.fork();
  }

  choices(): Choice[] {
    return choicesOf(this.run, this.profileId);
  }

  /** Plays the choice `id` (one of `choices()`); with a prediction, judges it. Undefined when no such choice is offered now. */
  choose(id: string, prediction?: Prediction): { readonly step: StepFacts; readonly verdict?: Verdict } | undefined {
    const choice = this.choices().find((c) => c.id === id);
    if (!choice) return undefined;
    return this.play(choice.event, prediction);
  }

  /** Plays `event` (it must be playable: the caller took it from `choices()` or a search). */
  play(event: SimEvent, prediction?: Prediction): { readonly step: StepFacts; readonly verdict?: Verdict } {
    const refusal = profileRefusal(event, this.profileId);
    if (refusal?.kind === 'no-timer') throw new Error(`explorer: the ${refusal.endpoint}'s ${refusal.timer} timer does not exist under ${this.profileId} (${refusal.source})`);
    const step = this.run.play(event);
    this.history.choose(event);
    for (const row of step.rows) this.visited.add(row);
    if (!prediction) return { step };
    const verdict = judge(prediction, step);
    this.score = scored(this.score, verdict);
    return { step, verdict };
  }

  /** Goes to history node `id`: its events replayed on a fresh run, so the TCBs are exactly those of that step. */
  goTo(id: number): Unplayable | undefined {
    if (!this.history.node(id)) return { step: 0, reason: { kind: 'no-step', id } };
    return this.restore(id);
  }

  /** The same events under another profile; marks the steps whose outcome changed. */
  setProfile(profile: ExplorerProfile): ProfileSwitch {
    const before = this.steps;
    const from = this.profileId;
    this.profileId = profile;
    const unplayable = this.restore(this.history.current);
    this.lastSwitch = { changes: compareRuns(before, this.run.steps, from, profile), ...(unplayable ? { unplayable } : {}) };
    return this.lastSwitch;
  }

  private newRun(): Run {
    return startRun({ ...profileOptions(this.profileId), ...(this.start.iss ? { iss: this.start.iss } : {}), ...(this.start.synRetries !== undefined ? { synRetries: this.start.synRetries } : {}) });
  }

  /**
   * Replays the path to `id` on a fresh run. An event this profile cannot play ends the path
   * at the step before it, which becomes the current step; the reason is returned.
   */
  private restore(id: number): Unplayable | undefined {
    const path = this.history.path(id);
    const run = this.newRun();
    let reached = 0;
    for (const nodeId of path.slice(1)) {
      const event = this.history.node(nodeId)?.event as SimEvent;
      let reason = profileRefusal(event, this.profileId);
      if (!reason) {
        try {
          run.play(event);
          reached = nodeId;
        } catch (error) {
          reason = { kind: 'refused', message: error instanceof Error ? error.message.replace(/^simulator: /, '') : String(error) };
        }
      }
      if (reason) {
        this.run = run;
        this.history.goTo(reached);
        return { step: run.steps.length, reason };
      }
    }
    this.run = run;
    this.history.goTo(id);
    return undefined;
  }

  /**
   * The step each history node made (node 0: the start), on every branch, replayed under the
   * current profile; a node its profile cannot play has none. For the history's words.
   */
  stepsByNode(): Map<number, StepFacts> {
    const steps = new Map<number, StepFacts>();
    for (const leaf of this.history.leaves()) {
      const run = this.newRun();
      steps.set(0, run.steps[0] as StepFacts);
      for (const id of this.history.path(leaf).slice(1)) {
        const event = this.history.node(id)?.event as SimEvent;
        try {
          if (profileRefusal(event, this.profileId)) break;
          steps.set(id, run.play(event));
        } catch {
          break;
        }
      }
    }
    return steps;
  }

  /** Counts the rows of the branch ending at `leaf` as visited. */
  private visit(leaf: number): void {
    const run = this.newRun();
    for (const event of this.history.events(leaf)) {
      try {
        for (const row of run.play(event).rows) this.visited.add(row);
      } catch {
        return;
      }
    }
  }
}
