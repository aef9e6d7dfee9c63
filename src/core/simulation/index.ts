// The connection simulator: two endpoints, the network between them, and the scenarios.
// The engine (simulate.ts, world.ts, user-calls.ts, timer-expiry.ts, arrival/) records facts;
// text/ says them in words. `simulate` joins the two for callers that want both.
import { LOCALES, type Localized } from '../model/locales';
import { narrate } from './text/narration';
import { runScenario } from './simulate';
import type { RunOptions, Scenario, Step } from './types';

export type * from './types';
export { Run, runEvents, runScenario, runSettled, startRun, type EventRunOptions, type SettledCall, type SettledStep } from './simulate';
export { SCENARIOS, scenarioById } from './scenarios';
export { narrate } from './text/narration';
export { segmentText } from './text/segment-text';
export { timerText, type TimerText } from './text/timer-text';
export { WORDS, type Words } from './text/words';

/** A scenario run and told: the engine's facts, each step with its narration in both languages. */
export function simulate(scenario: Scenario, options: RunOptions = {}): readonly Step[] {
  return runScenario(scenario, options).map((step) => ({
    ...step,
    narration: Object.fromEntries(LOCALES.map((locale) => [locale, narrate(scenario, step, locale)])) as Localized<string>,
  }));
}
