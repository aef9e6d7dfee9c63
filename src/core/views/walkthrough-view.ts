// What the walkthrough shows, derived from a simulated scenario: the Mermaid sequence diagram of
// the whole run (drawn once, then revealed step by step), and for each step both endpoints'
// states, the narration, the running timers and the RFC rows that fired. The engine gives facts;
// the words come from simulation/text/ (narration, timer lines, call and timer names, labels)
// and from the scenarios' titles and summaries. Pure: no `vscode`, no DOM.
import type { Locale } from '../model/i18n';
import type { EndpointId, Scenario, Segment, SimEvent, StepFacts } from '../simulation';
import { narrate, runScenario, segmentText, timerText, WORDS } from '../simulation';
import type { RfcState } from '../model/states';

/** One line of the sequence diagram: a segment's arrow, or a note over a lifeline. */
export interface SequenceItem {
  readonly step: number;
  readonly kind: 'arrow' | 'note';
  /** Mermaid's left-hand side: the lifeline of a note ('C'), or an arrow ('C->>S', 'S-xC'). */
  readonly where: string;
  readonly text: string;
}

export interface TimerLine {
  readonly endpoint: EndpointId;
  readonly kind: string;
  readonly what: string;
  readonly duration: string;
  readonly rfc: string;
}

export interface StepView {
  readonly index: number;
  readonly client: RfcState;
  readonly server: RfcState;
  readonly narration: string;
  readonly rows: readonly string[];
  readonly rfc: readonly string[];
  readonly timers: readonly TimerLine[];
  /** Segments sent but not yet arrived (or lost) after this step. */
  readonly inFlight: readonly string[];
  /** How many notes and arrows of the sequence diagram are visible at this step. */
  readonly notes: number;
  readonly arrows: number;
  /** Text of the last arrow visible at this step, if any. */
  readonly lastArrow?: string;
}

export interface WalkthroughView {
  readonly scenarioId: string;
  readonly number: number;
  readonly title: string;
  readonly summary: string;
  readonly sequenceSource: string;
  readonly items: readonly SequenceItem[];
  readonly steps: readonly StepView[];
}

const LIFELINE: Readonly<Record<EndpointId | 'old-duplicate', string>> = { client: 'C', server: 'S', 'old-duplicate': 'O' };

/** A segment as the walkthrough writes it, marked when it is a retransmission. */
function segmentLabel(segment: Segment, locale: Locale): string {
  return segmentText(segment) + (segment.retransmission ? WORDS[locale].again : '') + (segment.duplicate ? WORDS[locale].copy : '');
}

/**
 * The markers of the two Chinese articles the project started from: the client's path ①–⑦ and
 * the server's ☐1–☐7, each on the transition that leaves the marked state (① and ☐1 mark the
 * starting CLOSED). A transition of either path gets its marker, whichever endpoint takes it.
 */
const SEED_MARKERS: Readonly<Record<string, string>> = {
  'CLOSED>SYN-SENT': '②',
  'SYN-SENT>ESTABLISHED': '③',
  'ESTABLISHED>FIN-WAIT-1': '④',
  'FIN-WAIT-1>FIN-WAIT-2': '⑤',
  'FIN-WAIT-2>TIME-WAIT': '⑥',
  'TIME-WAIT>CLOSED': '⑦',
  'CLOSED>LISTEN': '☐2',
  'LISTEN>SYN-RECEIVED': '☐3',
  'SYN-RECEIVED>ESTABLISHED': '☐4',
  'ESTABLISHED>CLOSE-WAIT': '☐5',
  'CLOSE-WAIT>LAST-ACK': '☐6',
  'LAST-ACK>CLOSED': '☐7',
};

/** The note over the actor's lifeline that says what it did (user calls and timers). */
function actionNote(event: SimEvent, locale: Locale): string | undefined {
  if (event.kind === 'user') return WORDS[locale].calls[event.call].note + (event.bytes ? ` ${event.bytes} B` : '');
  if (event.kind === 'timer') return WORDS[locale].timers[event.timer].timeout;
  return undefined;
}

/** Mermaid-safe message text: no characters that end a message or start markup. */
function mermaidText(text: string): string {
  return text.replace(/[;#<>]/g, ' ').replace(/:/g, ' ');
}

function itemsOf(step: StepFacts, locale: Locale): SequenceItem[] {
  const items: SequenceItem[] = [];
  const event = step.event;
  if (!event) return items;
  const note = actionNote(event, locale);
  const actor: EndpointId | undefined = event.kind === 'user' || event.kind === 'timer' ? event.endpoint : undefined;
  if (note && actor) items.push({ step: step.index, kind: 'note', where: LIFELINE[actor], text: note });
  const arrived = step.delivered ?? step.lost;
  if (arrived) {
    const arrow = step.lost ? '-x' : '->>';
    const lost = step.lost ? WORDS[locale].lost : '';
    items.push({ step: step.index, kind: 'arrow', where: `${LIFELINE[arrived.from]}${arrow}${LIFELINE[arrived.to]}`, text: `${segmentLabel(arrived, locale)}${lost}` });
  }
  if (event.kind === 'inject') {
    items.push({ step: step.index, kind: 'note', where: 'O', text: WORDS[locale].oldDuplicate.appears });
  }
  for (const endpoint of ['client', 'server'] as const) {
    if (step.states[endpoint] !== step.before[endpoint]) {
      const marker = SEED_MARKERS[`${step.before[endpoint]}>${step.states[endpoint]}`];
      items.push({ step: step.index, kind: 'note', where: LIFELINE[endpoint], text: `→ ${step.states[endpoint]}${marker ? ` ${marker}` : ''}` });
    }
  }
  return items;
}

function sequenceSource(scenario: Scenario, items: readonly SequenceItem[], locale: Locale): string {
  const words = WORDS[locale];
  const lines = ['sequenceDiagram', `  accTitle: ${mermaidText(scenario.title[locale])}`, `  accDescr: ${mermaidText(scenario.summary[locale])}`];
  lines.push(`  participant C as ${words.endpoints.client.participant}`);
  if (items.some((item) => item.where.includes('O'))) lines.push(`  participant O as ${words.oldDuplicate.participant}`);
  lines.push(`  participant S as ${words.endpoints.server.participant}`);
  for (const item of items) {
    lines.push(item.kind === 'arrow' ? `  ${item.where}: ${mermaidText(item.text)}` : `  Note over ${item.where}: ${mermaidText(item.text)}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Simulates `scenario` and prepares everything the walkthrough panel shows, in `locale`. `steps`:
 * the run already played (the explorer's, under its profile), else the scenario is run here.
 */
export function walkthroughView(scenario: Scenario, locale: Locale, steps?: readonly StepFacts[]): WalkthroughView {
  // Items are appended step by step, so what a step shows is everything appended so far.
  const items: SequenceItem[] = [];
  const arrows: SequenceItem[] = [];
  const views = (steps ?? runScenario(scenario)).map((step): StepView => {
    for (const item of itemsOf(step, locale)) {
      items.push(item);
      if (item.kind === 'arrow') arrows.push(item);
    }
    return {
      index: step.index,
      client: step.states.client,
      server: step.states.server,
      narration: narrate(scenario, step, locale),
      rows: step.rows,
      rfc: step.rfc,
      timers: step.timers.map((timer) => {
        const { what, duration, rfc } = timerText(timer, locale);
        return { endpoint: timer.endpoint, kind: timer.kind, what, duration, rfc };
      }),
      inFlight: step.inFlight.map((segment) => `${segment.from} → ${segment.to}: ${segmentLabel(segment, locale)}`),
      notes: items.length - arrows.length,
      arrows: arrows.length,
      lastArrow: arrows.at(-1)?.text,
    };
  });
  return {
    scenarioId: scenario.id,
    number: scenario.number,
    title: scenario.title[locale],
    summary: scenario.summary[locale],
    sequenceSource: sequenceSource(scenario, items, locale),
    items,
    steps: views,
  };
}
