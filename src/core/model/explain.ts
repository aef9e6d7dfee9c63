// Builds the explanation of a state (or of one spelling of it) from the sources of truth: the
// spellings catalogue, the transition table and the per-state explanation data (facts once in
// explanation-facts.ts, prose per language in explanations.<locale>.ts).
// Renders it as Markdown (hover) or plain text (CLI). Pure: no `vscode`.
import { EXPLANATIONS_EN } from './explanations.en';
import { EXPLANATIONS_ZH_CN } from './explanations.zh-cn';
import type { StateExplanation } from './explanation-types';
import { PHRASES, type Locale, type Localized } from './i18n';
import { sourceName, type SourceId } from '../recognition/sources';
import { SPELLINGS } from '../recognition/spellings';
import { isRfcState, STATE_INFO, type StateId } from './states';
import type { Transition } from './transition-types';
import { transitionsInto, transitionsOutOf } from './transitions';

/** Every language's explanations: a locale added to LOCALES without its file does not compile. */
const EXPLANATIONS: Localized<Readonly<Record<StateId, StateExplanation>>> = {
  en: EXPLANATIONS_EN,
  'zh-cn': EXPLANATIONS_ZH_CN,
};

/** A spelling without the enum name a mention may carry (`TcpState.LastAck` → `LastAck`). */
function withoutEnumName(text: string): string {
  return text.replace(/^TcpState(?:\.|::)/, '');
}

/** How many transitions a hover lists per direction before pointing to the diagram. */
export const MAX_LISTED_TRANSITIONS = 6;

export interface TransitionLine {
  readonly id: string;
  /** The other end: where it comes from (entered) or goes to (left). */
  readonly states: readonly string[];
  readonly label: string;
  readonly rfc: string;
  readonly drawn: boolean;
}

export interface ExplanationView {
  readonly state: StateId;
  readonly locale: Locale;
  /** The spelling as seen, and where it comes from; absent when explaining a state by name. */
  readonly spelling?: { readonly text: string; readonly source: SourceId; readonly others: readonly SourceId[] };
  readonly headline: string;
  readonly data: StateExplanation;
  readonly entered: readonly TransitionLine[];
  readonly enteredMore: number;
  readonly left: readonly TransitionLine[];
  readonly leftMore: number;
}

const FIGURE_ORDER: Readonly<Record<Transition['figure'], number>> = {
  arc: 0,
  'arc+note1': 1,
  note2: 2,
  note3: 3,
  text: 4,
  ext: 5,
  impl: 6,
};

function byImportance(a: Transition, b: Transition): number {
  return FIGURE_ORDER[a.figure] - FIGURE_ORDER[b.figure] || a.id.localeCompare(b.id);
}

function toLine(row: Transition, states: readonly string[]): TransitionLine {
  return {
    id: row.id,
    states,
    label: `${row.label.event} / ${row.label.action}`,
    rfc: row.rfc,
    drawn: row.figure === 'arc' || row.figure === 'arc+note1',
  };
}

function headlineFor(state: StateId, locale: Locale, spelling?: ExplanationView['spelling']): string {
  const phrases = PHRASES[locale];
  const info = STATE_INFO[state];
  if (info.kind === 'platform') return phrases.platformOnly(info.platform ?? '');
  if (!spelling || (spelling.source === 'rfc' && spelling.text === state)) return phrases.rfcSpelling;
  return phrases.spellingOf(sourceName(spelling.source, locale), state);
}

/** The explanation of a state; with `seen`, of that spelling of it as found in a document. */
export function explainState(
  state: StateId,
  locale: Locale,
  seen?: { readonly text: string; readonly source: SourceId },
): ExplanationView {
  let spelling: ExplanationView['spelling'];
  if (seen) {
    const all = SPELLINGS.get(withoutEnumName(seen.text))?.sources ?? [];
    spelling = { text: seen.text, source: seen.source, others: all.filter((s) => s !== seen.source) };
  }
  const entered: TransitionLine[] = [];
  const left: TransitionLine[] = [];
  let enteredCount = 0;
  let leftCount = 0;
  if (isRfcState(state)) {
    const into = [...transitionsInto(state)].sort(byImportance);
    const out = [...transitionsOutOf(state)].sort(byImportance);
    enteredCount = into.length;
    leftCount = out.length;
    for (const row of into.slice(0, MAX_LISTED_TRANSITIONS)) entered.push(toLine(row, row.from.filter((s) => s !== state)));
    for (const row of out.slice(0, MAX_LISTED_TRANSITIONS)) left.push(toLine(row, row.to ? [row.to] : []));
  }
  return {
    state,
    locale,
    ...(spelling ? { spelling } : {}),
    headline: headlineFor(state, locale, spelling),
    data: EXPLANATIONS[locale][state],
    entered,
    enteredMore: enteredCount - entered.length,
    left,
    leftMore: leftCount - left.length,
  };
}

/** Looks a token up the way the CLI's `explain` does: any known spelling, or an RFC state name. */
export function resolveToken(token: string): { state: StateId; source?: SourceId } | undefined {
  const trimmed = token.trim();
  const bare = withoutEnumName(trimmed);
  const spelling = SPELLINGS.get(bare);
  if (spelling) {
    const source = bare === trimmed ? (spelling.sources[0] as SourceId) : trimmed.includes('::') ? 'rust' : 'dotnet';
    return { state: spelling.state, source };
  }
  // Forgive case and separators ("time wait", "Time_Wait"): a person typed it.
  const folded = trimmed.toUpperCase().replace(/[\s_]+/g, '-');
  for (const candidate of [folded, folded.replace(/-(\d)$/, '$1')]) {
    if (STATE_INFO[candidate as StateId]) return { state: candidate as StateId };
    const hit = SPELLINGS.get(candidate) ?? SPELLINGS.get(candidate.replace(/-/g, '_'));
    if (hit) return { state: hit.state };
  }
  return undefined;
}

export function rfcLink(section: string): string {
  const first = /\d+(?:\.\d+)*/.exec(section)?.[0] ?? '3.3.2';
  return `https://www.rfc-editor.org/rfc/rfc9293#section-${first}`;
}
