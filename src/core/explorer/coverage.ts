// How much of the transition table the explorer's own events reach, computed: a breadth-first
// search over `choicesOf` (choices.ts) from a run, which records for every row of TRANSITIONS the
// first path of explorer events that fires it (breadth first: the shortest it found), and for
// every row it never fires, why, from the row's data (event kind, guard, label), the simulator's
// CALL_ROWS, the walkthrough's scenarios and what the search saw. Pure: no Node, no DOM.
//
// The search, level by level (a level: the worlds `n` events from the start):
// - Worlds are told apart by `worldKey`: two worlds that differ only in their segments' ids (or
//   in the order of the segments in flight, which the explorer names by id) are one world, and
//   its choices are examined once.
// - A drop is played only while at least MAX_IN_FLIGHT_FOR_COPIES segments are in flight. A
//   segment the learner leaves alone is held for ever, which changes nothing that dropping it
//   would not, except the explorer's copy limit: a drop only ever matters to make room for a copy.
// - A duplicate is played only together with the delivery of the copy (two events): a copy in
//   flight changes nothing until it arrives. What this leaves out: a copy made while the network
//   had room and delivered once it had none (more than MAX_IN_FLIGHT_FOR_COPIES in flight).
// - Bounds (SEARCH_LIMITS): paths of at most `maxDepth` events; at most `maxWorlds` worlds whose
//   choices are examined; a level of more than `levelWidth` worlds is thinned to that many, the
//   most novel first (see `thin`). Up to the first thinned level the search is exhaustive, and
//   the paths it finds are shortest (`completeDepth`); beyond, they are the shortest it found.
import { RFC_STATES, type RfcState } from '../model/states';
import type { EventKind, Transition } from '../model/transition-types';
import { TRANSITIONS, transitionById, type RowId } from '../model/transitions';
import { Run, SCENARIOS, startRun, type EndpointId, type LinuxDifferenceId, type Segment, type SimEvent, type StepFacts, type TimerKind } from '../simulation';
import { CALL_ROWS } from '../simulation/user-calls';
import { choicesOf, EXPLORER_CALLS, MAX_IN_FLIGHT_FOR_COPIES, type Choice, type ChoiceKind } from './choices';
import { profileOptions, timerLength, type ExplorerProfile } from './profiles';

export interface SearchLimits {
  /** The longest path searched, in events. */
  readonly maxDepth: number;
  /** Worlds whose choices are examined, in all (each distinct world at most once). */
  readonly maxWorlds: number;
  /** Worlds examined at one depth: a level with more is thinned to this many. */
  readonly levelWidth: number;
}

/**
 * The bounds the CLI and the tests use. From the start the levels grow about fourfold (4,700
 * worlds six events out), so the search is exhaustive up to 6 events and thinned beyond; the
 * whole table takes about 9,800 worlds, 3–5 s on two cores. The deepest rows it reaches first
 * lie 9–11 events out (R47 LAST-ACK's last ACK, R49 and R50 in TIME-WAIT, R51 a RST there); with
 * 16 levels instead of 12 no further row was reached, with narrower levels R22 was lost.
 */
export const SEARCH_LIMITS: SearchLimits = { maxDepth: 12, maxWorlds: 20_000, levelWidth: 1_500 };

/** What a search did. */
export interface SearchFacts {
  /** Distinct worlds whose choices were examined. */
  readonly worlds: number;
  /** Distinct worlds met, examined or not. */
  readonly seen: number;
  /** The longest path examined, in events. */
  readonly depth: number;
  /**
   * Every path of up to this many events was examined (within the search's rules): a row first
   * fired at most this deep was fired by a shortest path, and a row not fired needs a longer one.
   */
  readonly completeDepth: number;
  /** Why the search ended: every world it met was examined, or a bound was reached. */
  readonly stoppedBy: 'exhausted' | 'maxDepth' | 'maxWorlds';
}

export interface ReachedRow {
  readonly row: RowId;
  readonly event: string;
  /** The endpoint whose row it is, and both endpoints' states before the step that fires it. */
  readonly endpoint: EndpointId;
  readonly from: { readonly client: RfcState; readonly server: RfcState };
  /** Events from the start; the last one fires the row. */
  readonly steps: number;
  /** Proven shortest: no path of fewer events fires the row (`steps` ≤ the search's completeDepth). */
  readonly shortest: boolean;
  readonly path: readonly SimEvent[];
}

/**
 * - 'no-call': a user call the simulator carries out for none of the explorer's calls (CALL_ROWS);
 * - 'profile': the profile takes it away (a timer it does not run, or a Linux behaviour instead);
 * - 'no-event': only the walkthrough's scenarios reach it, with events the explorer does not offer;
 * - 'timer': timer events were played in its states, and none fired it;
 * - 'guard': events of its kind were played in its states, and its guard never held;
 * - 'bounds': not fired within the search's bounds.
 */
export type UnreachedCause = 'no-call' | 'profile' | 'no-event' | 'timer' | 'guard' | 'bounds';

export interface UnreachedRow {
  readonly row: RowId;
  readonly event: string;
  readonly cause: UnreachedCause;
  readonly why: string;
}

/** A place where the profile's Linux behaviour replaced a row of RFC 9293's (simulation/types.ts LinuxDifference). */
export interface DifferenceSeen {
  readonly id: LinuxDifferenceId;
  readonly rfcRow?: RowId;
  readonly source: string;
  /** Steps the search examined that made it. */
  readonly count: number;
}

/** An event the simulator refused although the explorer's world seemed to allow it (a running timer, a segment in flight). */
export interface SimulatorRefusal {
  readonly event: 'timer' | 'deliver';
  readonly endpoint: EndpointId;
  readonly state: RfcState;
  readonly message: string;
  readonly count: number;
  /** The first path to a world where it was refused. */
  readonly path: readonly SimEvent[];
}

export interface CoverageReport {
  readonly profile: ExplorerProfile;
  readonly limits: SearchLimits;
  readonly searched: SearchFacts;
  /** In table order. */
  readonly reached: readonly ReachedRow[];
  /** In table order. */
  readonly unreached: readonly UnreachedRow[];
  readonly differences: readonly DifferenceSeen[];
  readonly refusals: readonly SimulatorRefusal[];
}

// ---- The world, as the search tells worlds apart ----

const ENDPOINTS: readonly EndpointId[] = ['client', 'server'];

const segmentKey = (s: Segment): string => `${s.from}>${s.to} ${s.flags.join(',')} ${s.seq}/${s.ack ?? '-'} ${s.len}${s.retransmission ? ' re' : ''}${s.duplicate ? ' dup' : ''}`;

const timersKey = (timers: ReadonlySet<TimerKind>): string => (timers.size < 2 ? [...timers].join('') : [...timers].sort().join('+'));

/**
 * A canonical key of a run's world: both states; each TCB's numbers (ISS, IRS, SND.UNA, SND.NXT,
 * RCV.NXT), flags and counters, timers and retransmission queue; and the segments in flight as a
 * multiset. Segment ids are left out: equivalent worlds reached in different orders number their
 * segments differently.
 */
export function worldKey(run: Run): string {
  const world = run.world;
  let key = '';
  for (const endpoint of ENDPOINTS) {
    const t = world.tcb[endpoint];
    key += `${world.stateOf(endpoint)}|${t.iss ?? ''} ${t.irs ?? ''} ${t.sndUna} ${t.sndNxt} ${t.rcvNxt}|${+t.passive}${+t.orphaned}${+t.reading} ${t.unread} ${t.synRetries} ${t.incarnation}|${timersKey(t.timers)}|`;
    for (const s of t.queue) key += `${segmentKey(s)};`;
    key += '|';
  }
  return key + world.network.map(segmentKey).sort().join(';');
}

// ---- The search ----

/** A run whose forks are kept: `choicesOf` plays each choice on a fork, which the search then goes on from. */
class KeptForks extends Run {
  readonly forks: Run[] = [];

  constructor(of: Run) {
    super({ iss: of.world.config.iss }, {}, of);
  }

  override fork(): Run {
    const fork = super.fork();
    this.forks.push(fork);
    return fork;
  }
}

/**
 * The explorer tries every call on a fork, and the simulator refuses most of them by throwing:
 * a search throws some hundred thousand errors whose stack traces nobody reads. Where the engine
 * records them (V8's `Error.stackTraceLimit`; elsewhere nothing happens) it stops while `f` runs.
 */
function withoutStackTraces<T>(f: () => T): T {
  const errors = Error as unknown as { stackTraceLimit?: number };
  const limit = errors.stackTraceLimit;
  if (typeof limit !== 'number') return f();
  errors.stackTraceLimit = 0;
  try {
    return f();
  } finally {
    errors.stackTraceLimit = limit;
  }
}

interface Expanded {
  readonly choice: Choice;
  /** The run after the choice (after the copy's delivery too, for a duplicate). */
  readonly run: Run;
  /** The step whose rows count: the choice's, or for a duplicate the copy's delivery. */
  readonly step: StepFacts;
  /** Events it takes: 1, or 2 for a duplicate and its delivery. */
  readonly events: 1 | 2;
}

/** The choices of `run` the search follows, each with the run it leads to. */
function expand(run: Run, profile: ExplorerProfile): { readonly choices: readonly Choice[]; readonly next: readonly Expanded[] } {
  const kept = new KeptForks(run);
  const choices = withoutStackTraces(() => choicesOf(kept, profile));
  const played = new Map<SimEvent, Run>();
  for (const fork of kept.forks) {
    const event = fork.steps[kept.steps.length]?.event;
    if (event) played.set(event, fork);
  }
  const next: Expanded[] = [];
  for (const choice of choices) {
    if (choice.kind === 'drop' && run.world.network.length < MAX_IN_FLIGHT_FOR_COPIES) continue;
    const child = played.get(choice.event) ?? replay(run, choice.event);
    if (choice.kind !== 'duplicate') {
      next.push({ choice, run: child, step: choice.outcome, events: 1 });
      continue;
    }
    const copy = choice.outcome.duplicated;
    if (!copy) continue;
    try {
      const step = child.play({ kind: 'deliver', to: copy.to, segment: copy.id });
      next.push({ choice, run: child, step, events: 2 });
    } catch {
      // The copy could not arrive: the original's delivery is a choice of its own.
    }
  }
  return { choices, next };
}

function replay(run: Run, event: SimEvent): Run {
  const fork = run.fork();
  fork.play(event);
  return fork;
}

const compare = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? '?' : a < b ? '<' : a > b ? '>' : '=');

/**
 * What makes a world new to the search, as short facts: the pair of states; each endpoint's state
 * with its SYN retries, timers, incarnation, flags and queue; each segment in flight as its
 * receiver would judge it (its state, the flags, SEQ against RCV.NXT, ACK against SND.UNA and
 * SND.NXT, data or not), which is what decides the row its arrival fires. `f` gets each fact.
 */
function noveltyFacts(run: Run, f: (fact: string) => void): void {
  const world = run.world;
  f(`${world.stateOf('client')}/${world.stateOf('server')}`);
  for (const endpoint of ENDPOINTS) {
    const t = world.tcb[endpoint];
    const at = `${endpoint[0]} ${world.stateOf(endpoint)}`;
    f(`${at} r${t.synRetries}`);
    f(`${at} t${timersKey(t.timers)}`);
    f(`${at} i${t.incarnation}`);
    f(`${at} f${+t.passive}${+t.orphaned}${+t.reading}${+(t.unread > 0)}`);
    f(`${at} q${t.queue.map((s) => s.flags.join(',')).join(' ')}`);
  }
  for (const s of world.network) {
    const t = world.tcb[s.to];
    f(`${s.to[0]} ${world.stateOf(s.to)} <${s.flags.join(',')} ${compare(s.seq, t.rcvNxt)}${compare(s.ack, t.sndUna)}${compare(s.ack, t.sndNxt)}${s.len > 0 ? 'd' : ''}`);
  }
}

/** How many of a world's facts no world examined before had. */
function novelty(run: Run, known: ReadonlySet<string>): number {
  let score = 0;
  noveltyFacts(run, (fact) => {
    if (!known.has(fact)) score++;
  });
  return score;
}

/**
 * A level of more than `width` worlds, thinned to `width`: first the worlds with the most facts
 * (`noveltyFacts`) no world examined before had, then the rest in the order they were met.
 */
function thin(level: readonly Run[], width: number, known: ReadonlySet<string>): Run[] {
  if (level.length <= width) return [...level];
  const scored = level.map((run, order) => ({ run, order, score: novelty(run, known) }));
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, width).map((entry) => entry.run);
}

interface Visit {
  /** The world examined, and the choices the explorer offers there. */
  readonly parent: Run;
  readonly choices: readonly Choice[];
}

interface Found {
  readonly next: Expanded;
  /** Events from the search's start to the end of this step. */
  readonly depth: number;
}

interface Hooks {
  /** Each world examined. */
  readonly examine?: (visit: Visit) => void;
  /** Each step followed; true ends the search at once. */
  readonly found: (found: Found) => boolean;
  /** After each level; true ends the search. */
  readonly levelDone?: (depth: number) => boolean;
}

function search(start: Run, profile: ExplorerProfile, limits: SearchLimits, hooks: Hooks): SearchFacts {
  const seen = new Set<string>([worldKey(start)]);
  const known = new Set<string>();
  const levels: Run[][] = [[start.fork()]];
  let worlds = 0;
  let depth = 0;
  let completeDepth = 0;
  let complete = true;
  let stoppedBy: SearchFacts['stoppedBy'] = 'maxDepth';
  const facts = (): SearchFacts => ({ worlds, seen: seen.size, depth, completeDepth, stoppedBy });
  for (let level = 0; level < limits.maxDepth; level++) {
    if (levels.slice(level).every((runs) => !runs || runs.length === 0)) {
      stoppedBy = 'exhausted';
      if (complete) completeDepth = limits.maxDepth;
      break;
    }
    const met = levels[level] ?? [];
    const examined = thin(met, limits.levelWidth, known);
    if (examined.length < met.length) complete = false;
    levels[level] = [];
    for (const run of examined) {
      if (worlds >= limits.maxWorlds) {
        stoppedBy = 'maxWorlds';
        complete = false;
        break;
      }
      worlds++;
      noveltyFacts(run, (fact) => known.add(fact));
      const { choices, next } = expand(run, profile);
      hooks.examine?.({ parent: run, choices });
      for (const step of next) {
        const at = level + step.events;
        if (at > limits.maxDepth) continue;
        depth = Math.max(depth, at);
        if (hooks.found({ next: step, depth: at })) return facts();
        if (at >= limits.maxDepth) continue;
        const key = worldKey(step.run);
        if (seen.has(key)) continue;
        seen.add(key);
        (levels[at] ??= []).push(step.run);
      }
    }
    if (complete) completeDepth = level + 1;
    if (stoppedBy === 'maxWorlds' || hooks.levelDone?.(level)) break;
  }
  return facts();
}

/** The rows the simulator carries out for the calls the explorer offers (simulation/user-calls.ts CALL_ROWS). */
const EXPLORER_CALL_ROWS: ReadonlySet<RowId> = new Set(EXPLORER_CALLS.flatMap((call) => CALL_ROWS[call]));

const limitsWith = (limits: Partial<SearchLimits> | undefined): SearchLimits => ({ ...SEARCH_LIMITS, ...limits });

/** The events after `from`'s own steps. */
const eventsAfter = (run: Run, from: number): SimEvent[] => run.steps.slice(from).map((step) => step.event as SimEvent);

/**
 * The shortest path of explorer events from `run` (left as it is: the search starts from a fork)
 * to a step that fires `target`: the events from `run`'s current step, the last one firing it.
 * Undefined when no path within the bounds does. Shortest while the search is exhaustive (see
 * SEARCH_LIMITS); a path found beyond the first thinned level is the shortest the search found.
 */
export function shortestPathTo(run: Run, profile: ExplorerProfile, target: RowId, limits?: Partial<SearchLimits>): SimEvent[] | undefined {
  // A call the simulator never carries out is fired by no path: no search needed.
  if (transitionById(target).eventKind === 'user' && !EXPLORER_CALL_ROWS.has(target)) return undefined;
  const from = run.steps.length;
  let best: Found | undefined;
  search(run, profile, limitsWith(limits), {
    found: (found) => {
      if (!found.next.step.rows.includes(target) || (best && best.depth <= found.depth)) return false;
      best = found;
      // A single event one level out is as short as anything this level can still find.
      return found.next.events === 1;
    },
    // A duplicate and its delivery reach two levels out; the next level's steps are no shorter.
    levelDone: (level) => best !== undefined && best.depth <= level + 2,
  });
  return best ? eventsAfter(best.next.run, from) : undefined;
}

// ---- The whole table ----

const CHOICE_EVENT_KIND: Partial<Record<ChoiceKind, EventKind>> = { call: 'user', timer: 'timer', deliver: 'segment' };

/** Counts by key, and the first thing kept for each key. */
class Tally<K, V = undefined> {
  readonly counts = new Map<K, number>();
  readonly first = new Map<K, V>();

  add(key: K, value?: V): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (!this.first.has(key)) this.first.set(key, value as V);
  }

  count(key: K): number {
    return this.counts.get(key) ?? 0;
  }
}

/** What the search saw, for the reasons of the rows it never fired. */
class Seen {
  /** Worlds examined with an endpoint in each state. */
  readonly states = new Tally<RfcState>();
  /** Events of each kind played by an endpoint in each state: `${kind} ${state}`. */
  readonly played = new Tally<string>();
  /** The rows those events fired: `${kind} ${state} ${row}`. */
  readonly fired = new Tally<string>();
  /** Rows a running timer that the profile does not run would fire, were it offered. */
  readonly withheld = new Tally<RowId, { timer: TimerKind; state: RfcState; source: string }>();
  readonly differences = new Tally<LinuxDifferenceId, { rfcRow?: RowId; source: string }>();
  readonly refusals = new Tally<string, Omit<SimulatorRefusal, 'count'>>();
  readonly timers = new Set<TimerKind>();
  /** The flags of the segments delivered to an endpoint in each state: `${state} ${flags}`. */
  readonly flags = new Tally<string>();

  constructor(readonly profile: ExplorerProfile) {}

  examine({ parent, choices }: Visit): void {
    const world = parent.world;
    for (const state of new Set(ENDPOINTS.map((endpoint) => world.stateOf(endpoint)))) this.states.add(state);
    for (const choice of choices) {
      for (const d of choice.outcome.differences) this.differences.add(d.id, { ...(d.rfcRow ? { rfcRow: d.rfcRow } : {}), source: d.source });
      const kind = CHOICE_EVENT_KIND[choice.kind];
      if (!kind) continue;
      const at = `${kind} ${world.stateOf(choice.endpoint)}`;
      this.played.add(at);
      for (const row of choice.outcome.rows) this.fired.add(`${at} ${row}`);
      if (choice.segment) this.flags.add(`${world.stateOf(choice.endpoint)} ${choice.segment.flags.join(',')}`);
    }
    for (const endpoint of ENDPOINTS) {
      const state = world.stateOf(endpoint);
      for (const timer of world.tcb[endpoint].timers) {
        this.timers.add(timer);
        const length = timerLength(this.profile, timer);
        const event: SimEvent = { kind: 'timer', endpoint, timer };
        if (length.seconds === undefined) {
          const step = tryPlay(parent, event);
          if (typeof step !== 'string') for (const row of step.rows) this.withheld.add(row, { timer, state, source: length.source });
        } else if (!choices.some((c) => c.kind === 'timer' && c.endpoint === endpoint && c.timer === timer)) {
          this.refuse(parent, event, endpoint, state);
        }
      }
    }
    for (const segment of world.network) {
      if (choices.some((c) => c.kind === 'deliver' && c.segment?.id === segment.id)) continue;
      this.refuse(parent, { kind: 'deliver', to: segment.to, segment: segment.id }, segment.to, world.stateOf(segment.to));
    }
  }

  private refuse(run: Run, event: SimEvent & { kind: 'timer' | 'deliver' }, endpoint: EndpointId, state: RfcState): void {
    const result = tryPlay(run, event);
    if (typeof result !== 'string') return;
    // Segment ids and numbers differ from world to world; the message's words do not.
    const message = result.replace(/^simulator: /, '').replace(/\{.*\}/, 'event');
    this.refusals.add(`${event.kind} ${endpoint} ${state} ${message}`, { event: event.kind, endpoint, state, message, path: eventsAfter(run, 1) });
  }

  /** The rows fired by events of `kind` in `states`, most often first. */
  firedIn(kind: EventKind, states: readonly RfcState[]): RowId[] {
    const counts = new Map<RowId, number>();
    for (const [key, count] of this.fired.counts) {
      const [k, state, row] = key.split(' ') as [string, RfcState, RowId];
      if (k === kind && states.includes(state)) counts.set(row, (counts.get(row) ?? 0) + count);
    }
    return [...counts].sort((a, b) => b[1] - a[1]).map(([row]) => row);
  }

  /** The flags of the segments delivered in `states`, each once, most often first. */
  flagsIn(states: readonly RfcState[]): string[] {
    const counts = new Map<string, number>();
    for (const [key, count] of this.flags.counts) {
      const [state, flags] = key.split(' ') as [RfcState, string];
      if (states.includes(state)) counts.set(flags, (counts.get(flags) ?? 0) + count);
    }
    return [...counts].sort((a, b) => b[1] - a[1]).map(([flags]) => flags);
  }

  playedIn(kind: EventKind, states: readonly RfcState[]): number {
    return states.reduce((sum, state) => sum + this.played.count(`${kind} ${state}`), 0);
  }

  worldsIn(states: readonly RfcState[]): number {
    return states.reduce((sum, state) => sum + this.states.count(state), 0);
  }
}

function tryPlay(run: Run, event: SimEvent): StepFacts | string {
  try {
    return withoutStackTraces(() => run.fork().play(event));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Where the walkthrough's scenarios fire a row, and whether every event up to there is one the explorer offers. */
export interface ScenarioRow {
  readonly scenario: number;
  readonly step: number;
  /** The first event up to that step that the explorer does not offer, in words; undefined: it offers them all. */
  readonly missing?: string;
}

/** An event the explorer cannot make, in words; undefined when it can. */
function notOffered(event: SimEvent, profile: ExplorerProfile): string | undefined {
  switch (event.kind) {
    case 'inject':
      return 'an old duplicate from another connection (an inject event)';
    case 'deliver':
      return event.delayAck ? 'a delivery whose ACK is delayed' : undefined;
    case 'timer':
      return timerLength(profile, event.timer).seconds === undefined ? `the ${event.timer} timer, which ${profile} does not run` : undefined;
    case 'user':
      return EXPLORER_CALLS.includes(event.call) ? undefined : `the ${event.call} call`;
    default:
      return undefined;
  }
}

/** Every scenario run under the profile's options: the rows each step fires. */
export function scenarioRows(profile: ExplorerProfile): ReadonlyMap<RowId, readonly ScenarioRow[]> {
  const rows = new Map<RowId, ScenarioRow[]>();
  for (const scenario of SCENARIOS) {
    const run = startRun({ ...profileOptions(profile), iss: scenario.iss, ...(scenario.synRetries !== undefined ? { synRetries: scenario.synRetries } : {}) });
    let missing: string | undefined;
    for (const event of scenario.events) {
      missing ??= notOffered(event, profile);
      let step: StepFacts;
      try {
        step = run.play(event);
      } catch {
        break;
      }
      for (const row of new Set(step.rows)) {
        const list = rows.get(row) ?? [];
        if (!list.some((r) => r.scenario === scenario.number)) list.push({ scenario: scenario.number, step: step.index, ...(missing ? { missing } : {}) });
        rows.set(row, list);
      }
    }
  }
  return rows;
}

const EVENT_WORDS: Readonly<Record<EventKind, string>> = { user: 'calls', timer: 'timer events', segment: 'deliveries' };

function statesText(states: readonly RfcState[]): string {
  return states.length === RFC_STATES.length ? 'every state' : states.join(', ');
}

function rowsText(rows: readonly RowId[]): string {
  if (rows.length === 0) return 'no row';
  return rows.length <= 6 ? rows.join(', ') : `${rows.slice(0, 6).join(', ')} and ${rows.length - 6} more`;
}

function boundsText(limits: SearchLimits, searched: SearchFacts): string {
  const thinned = searched.completeDepth < searched.depth ? `, and beyond that up to ${searched.depth} events in levels thinned to ${limits.levelWidth} worlds` : '';
  return `every path of up to ${searched.completeDepth} events${thinned}; ${searched.worlds} worlds examined`;
}

/** What the reasons are drawn from, besides the row. */
interface WhyContext {
  readonly seen: Seen;
  readonly scenarios: ReadonlyMap<RowId, readonly ScenarioRow[]>;
  /** The rows the simulator carries out for the explorer's calls (CALL_ROWS). */
  readonly callRows: ReadonlySet<RowId>;
  readonly reached: ReadonlySet<RowId>;
  readonly limits: SearchLimits;
  readonly searched: SearchFacts;
}

/** Why the search never fired `row`: from its data, CALL_ROWS and what the search saw. */
function whyUnreached(row: Transition, context: WhyContext): { cause: UnreachedCause; why: string } {
  const { seen, scenarios, callRows, reached } = context;
  const profile = seen.profile;
  const from = statesText(row.from);
  if (row.eventKind === 'user' && !callRows.has(row.id)) {
    const refusal = row.label.action.startsWith('error') ? `; the table's answer is a refusal ("${row.label.action}"), and the explorer leaves out the calls the simulator refuses` : '';
    return { cause: 'no-call', why: `no call the explorer offers carries it out: the simulator carries out its calls as rows ${[...callRows].join(', ')} (simulation/user-calls.ts CALL_ROWS)${refusal}` };
  }
  const withheld = seen.withheld.first.get(row.id);
  if (withheld) {
    return { cause: 'profile', why: `the ${withheld.timer} timer runs in ${withheld.state} (${seen.withheld.count(row.id)} worlds) and would fire it, but ${profile} has no ${withheld.timer} timer (${withheld.source}), so the explorer offers no event for it` };
  }
  const instead = [...seen.differences.first].filter(([, d]) => d.rfcRow === row.id);
  if (instead.length) {
    const what = instead.map(([id, d]) => `${id} (${seen.differences.count(id)} steps; ${d.source})`).join('; ');
    return { cause: 'profile', why: `under ${profile} the events that fire it under RFC 9293 do what Linux does instead: ${what}` };
  }
  const worlds = seen.worldsIn(row.from);
  const played = seen.playedIn(row.eventKind, row.from);
  const fired = seen.firedIn(row.eventKind, row.from);
  const delivered = row.eventKind === 'segment' && played ? `; the segments delivered there carried ${seen.flagsIn(row.from).join(' / ')}` : '';
  // Rows of the same event, as the figure labels it, that answered it there instead.
  const siblings = fired.filter((id) => id !== row.id && sameLabelledEvent(transitionById(id), row));
  const answered = siblings.length ? `; the simulator answers the same event ("${row.label.event}") with ${siblings.join(', ')} there` : '';
  const saw = worlds
    ? `the search reached ${from} in ${worlds} worlds and played ${played} ${EVENT_WORDS[row.eventKind]} there, which fired ${rowsText(fired)} but never ${row.id}${delivered}${answered}`
    : `the search never reached ${from}`;
  const runs = scenarios.get(row.id) ?? [];
  const scenario = runs[0];
  if (scenario?.missing && runs.every((s) => s.missing)) {
    return { cause: 'no-event', why: `the walkthrough reaches it only with an event the explorer does not offer: scenario ${scenario.scenario} fires it at step ${scenario.step}, after ${scenario.missing}; ${saw}` };
  }
  const inScenario = scenario ? `; scenario ${scenario.scenario} fires it at step ${scenario.step}` : '';
  if (played > 0 && row.eventKind === 'timer') {
    const refused = [...seen.refusals.first.values()].filter((r) => r.event === 'timer' && row.from.includes(r.state));
    const refusedText = refused.length ? `; in ${[...new Set(refused.map((r) => r.state))].join(', ')} the simulator refused a running timer ("${refused[0]?.message}")` : '';
    return { cause: 'timer', why: `no timer the simulator runs fires it: ${saw}; the timers the search saw are ${[...seen.timers].sort().join(', ')}${refusedText}${inScenario}` };
  }
  // A guard some reached row shares did hold somewhere: that is no reason.
  const guardHeld = TRANSITIONS.some((other) => other.guard === row.guard && reached.has(other.id));
  if (played > 0 && row.guard && !guardHeld) {
    const never = siblings.length ? '' : '; the simulator never made the guard true there';
    return { cause: 'guard', why: `guarded by "${row.guard}": ${saw}${never}${inScenario}` };
  }
  return { cause: 'bounds', why: `not reached within the bounds (${boundsText(context.limits, context.searched)}): ${saw}${inScenario}` };
}

/** Two rows of the same event: the same kind, and the same event in the figure's words. */
const sameLabelledEvent = (a: Transition, b: Transition): boolean => a.eventKind === b.eventKind && a.label.event === b.label.event;

export interface CoverageOptions {
  readonly limits?: Partial<SearchLimits>;
}

/**
 * The table's coverage by the explorer's events under `profile`: one search from the start (both
 * CLOSED, ISS 100 and 300), every row of TRANSITIONS either reached, with the first path that fires
 * it, or unreached, with why.
 */
export function coverage(profile: ExplorerProfile, options: CoverageOptions = {}): CoverageReport {
  const limits = limitsWith(options.limits);
  const start = startRun(profileOptions(profile));
  const firsts = new Map<RowId, Found>();
  const seen = new Seen(profile);
  const searched = search(start, profile, limits, {
    examine: (visit) => seen.examine(visit),
    found: (found) => {
      for (const row of found.next.step.rows) {
        const first = firsts.get(row);
        if (!first || first.depth > found.depth) firsts.set(row, found);
      }
      return false;
    },
  });
  const scenarios = scenarioRows(profile);
  const reachedIds = new Set(firsts.keys());
  const reached: ReachedRow[] = [];
  const unreached: UnreachedRow[] = [];
  for (const row of TRANSITIONS) {
    const first = firsts.get(row.id);
    if (!first) {
      unreached.push({ row: row.id, event: row.event, ...whyUnreached(row, { seen, scenarios, callRows: EXPLORER_CALL_ROWS, reached: reachedIds, limits, searched }) });
      continue;
    }
    const step = first.next.step;
    reached.push({
      row: row.id,
      event: row.event,
      endpoint: step.actor as EndpointId,
      from: step.before,
      steps: first.depth,
      shortest: first.depth <= searched.completeDepth,
      path: eventsAfter(first.next.run, 1),
    });
  }
  const differences = [...seen.differences.first].map(([id, d]) => ({ id, ...d, count: seen.differences.count(id) }));
  const refusals = [...seen.refusals.first].map(([key, r]) => ({ ...r, count: seen.refusals.count(key) }));
  return { profile, limits, searched, reached, unreached, differences, refusals };
}
