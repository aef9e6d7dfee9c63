// Every text the core says in Simplified Chinese, as a user meets it: each state's explanation
// (hover and CLI, for every spelling), each census diagnosis on the census fixtures, each
// walkthrough scenario, the full words of every row of the transition table, the explorer at
// every step of every scenario under every profile, the capture timeline's sequence diagrams,
// notes and damaged-file messages, the kernel replay's stops, and the CLI's own words. Not a
// test itself (the build bundles only *.test.ts): the completeness and terminology tests read it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_WORDS } from '../../src/cli-words';
import { CaptureReader } from '../../src/core/capture';
import { skippedLinkTypesText } from '../../src/core/capture/link-layer';
import { CensusScanner, diagnose, DIAGNOSIS_RULES } from '../../src/core/census';
import { EXPLORER_PROFILES, Explorer, pinnedEvents, type Verdict } from '../../src/core/explorer';
import { explainState } from '../../src/core/model/explain';
import { PHRASES } from '../../src/core/model/i18n';
import type { Locale } from '../../src/core/model/locales';
import { ALL_STATES } from '../../src/core/model/states';
import { rowText } from '../../src/core/model/transition-text';
import { TRANSITIONS } from '../../src/core/model/transitions';
import { SPELLINGS } from '../../src/core/recognition/spellings';
import { SCENARIOS, WORDS } from '../../src/core/simulation';
import { TIME_WAIT_NOTE, TimelineBuilder } from '../../src/core/timeline';
import { explorerView, verdictText } from '../../src/core/views/explorer-view';
import { EXPLORER_WORDS, unplayableText } from '../../src/core/views/explorer-words';
import { toMarkdown, toPlainText } from '../../src/core/views/render';
import { SEQUENCE_WORDS, sequenceDiagram } from '../../src/core/views/sequence-diagram';
import { walkthroughView } from '../../src/core/views/walkthrough-view';
import { replayableEvents } from '../../src/kernel-replay/plan';
import { concat, ipv4, pcapFile, tcpHeader } from './capture-writer';
import { script } from './timeline-script';

export type Text = readonly [label: string, text: string];

const ROOT = join(__dirname, '..', '..', '..');

/** Arguments a word function is called with: tokens that are no English word, so only the function's own words show. */
const SAMPLE_ARGS = ['X1', 2, 'X3', 4, 'X5', 6, 7, 8];

/** Every string in `value`, deep; a function is called with sample arguments (one that throws on them is passed over). */
export function stringsOf(value: unknown, label: string, out: Text[] = []): Text[] {
  if (typeof value === 'string') out.push([label, value]);
  else if (typeof value === 'function') {
    try {
      const said = (value as (...args: unknown[]) => unknown)(...SAMPLE_ARGS.slice(0, (value as () => unknown).length));
      // A function of objects reads fields of the samples: 'undefined' in its text says so.
      if (!JSON.stringify(said ?? '').includes('undefined')) stringsOf(said, `${label}()`, out);
    } catch {
      // A function of objects, not of words: its words are reached through the views below.
    }
  } else if (Array.isArray(value)) value.forEach((item, i) => stringsOf(item, `${label}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) stringsOf(item, `${label}.${key}`, out);
  return out;
}

function explanations(locale: Locale, out: Text[]): void {
  for (const state of ALL_STATES) {
    const view = explainState(state, locale);
    out.push([`explain ${state} (text)`, toPlainText(view)], [`explain ${state} (hover)`, toMarkdown(view, { diagramLink: 'command:x' })]);
  }
  for (const [text, spelling] of SPELLINGS) {
    for (const source of spelling.sources) out.push([`explain ${text} (${source})`, toPlainText(explainState(spelling.state, locale, { text, source }))]);
  }
}

/** The diagnoses of every census fixture; `fired` learns which rules fired. */
function diagnoses(locale: Locale, out: Text[], fired: Set<string>): void {
  const dir = join(ROOT, 'test', 'fixtures', 'census');
  for (const name of readdirSync(dir)) {
    const scanner = new CensusScanner();
    scanner.push(readFileSync(join(dir, name), 'utf8'));
    for (const d of diagnose(scanner.end())) {
      fired.add(d.id);
      out.push([`${name} ${d.id} title`, d.title[locale]], [`${name} ${d.id} because`, d.because[locale]], [`${name} ${d.id} advice`, d.advice[locale]]);
      d.sources[locale].forEach((source, i) => out.push([`${name} ${d.id} sources[${i}]`, source]));
    }
  }
}

function walkthroughs(locale: Locale, out: Text[]): void {
  for (const scenario of SCENARIOS) stringsOf(walkthroughView(scenario, locale), `walkthrough ${scenario.id}`, out);
}

/** Every row's event, guard, action and note, as the explorer's verdicts and coverage list say them. */
function table(locale: Locale, out: Text[]): void {
  for (const row of TRANSITIONS) for (const [field, text] of Object.entries(rowText(row, locale))) out.push([`table ${row.id} ${field}`, text]);
}

/** The explorer at every step of every scenario, under every profile, and after each profile switch. */
function explorer(locale: Locale, out: Text[]): void {
  const verdict: Verdict = {
    right: false,
    client: { predicted: 'ESTABLISHED', actual: 'SYN-SENT', right: false },
    server: { predicted: 'LISTEN', actual: 'LISTEN', right: true },
    flags: { predicted: 'SYN', actual: 'SYN,ACK', right: false },
    rows: ['R01'],
  } as Verdict;
  stringsOf(verdictText(verdict, locale), 'verdict', out);
  for (const scenario of SCENARIOS) {
    for (const profile of EXPLORER_PROFILES) {
      const session = new Explorer({ iss: scenario.iss, profile, ...(scenario.synRetries !== undefined ? { synRetries: scenario.synRetries } : {}) }, pinnedEvents(scenario, profile));
      for (let node = 0; node < session.history.size; node++) {
        session.goTo(node);
        const view = explorerView({ explorer: session, locale });
        for (const choice of view.choices) out.push([`explorer ${scenario.id} ${profile} node ${node} choice`, choice.label]);
        for (const entry of view.history) out.push([`explorer ${scenario.id} ${profile} history`, entry.label]);
      }
      stringsOf(explorerView({ explorer: session, locale }), `explorer ${scenario.id} ${profile}`, out);
      for (const other of EXPLORER_PROFILES) {
        if (other === profile) continue;
        const change = session.setProfile(other);
        if (change.unplayable) out.push([`explorer ${scenario.id} ${profile}→${other} unplayable`, unplayableText(change.unplayable, locale)]);
        stringsOf(explorerView({ explorer: session, locale }).marks, `explorer ${scenario.id} ${profile}→${other} marks`, out);
        session.setProfile(profile);
      }
    }
  }
  out.push(['explorer no-step', unplayableText({ step: 0, reason: { kind: 'no-step', id: 9 } }, locale)]);
}

/** A capture's connections with every mark, their sequence diagrams folded and not, and the notes. */
function timeline(locale: Locale, out: Text[]): void {
  const lines = [
    'c S 100', 's S. 300 101', 'c . 101 301',
    ...Array.from({ length: 12 }, (_, i) => `c P. ${101 + i * 10} 301 len=10`),
    'c P. 101 301 len=10', 's . 301 101', 's . 301 101', 's . 301 221 win=0',
    'c F. 221 301', 's . 301 222', 's F. 301 222', 'c . 222 302',
  ];
  const builder = new TimelineBuilder({ keepSegments: true });
  for (const segment of script(lines)) builder.push(segment);
  for (const segment of script(['c S 5000 t=2', 's R. 0 5001 t=2.001'], { client: { address: '10.0.0.1', port: 40001 } })) builder.push(segment);
  const built = builder.end({ source: 'pcap' });
  for (const connection of built.connections) {
    for (const expanded of [false, true]) out.push([`sequence ${connection.id}${expanded ? ' expanded' : ''}`, sequenceDiagram({ ...connection, joinedMidStream: true }, { locale, expanded }).source]);
  }
  stringsOf(SEQUENCE_WORDS[locale], 'SEQUENCE_WORDS', out);
  out.push(['TIME_WAIT_NOTE', TIME_WAIT_NOTE[locale]]);
  out.push(['skipped link types', skippedLinkTypesText([{ linkType: 105, frames: 2 }, { linkType: 999, frames: 1 }], locale) ?? '']);
  // Damaged captures: empty, too short, foreign, a pcap cut inside a record, a pcapng without its section header.
  const pcap = pcapFile({ littleEndian: true, linkType: 101 }, [{ seconds: 1, fraction: 0, data: ipv4(tcpHeader({ flags: 0x02 })) }]);
  const damaged: Uint8Array[] = [new Uint8Array(0), Uint8Array.of(0xd4, 0xc3), concat(Uint8Array.of(0xde, 0xad, 0xbe, 0xef), new Uint8Array(60)), pcap.subarray(0, pcap.length - 5), concat(Uint8Array.of(1, 0, 0, 0, 28, 0, 0, 0), new Uint8Array(24))];
  for (const [i, bytes] of damaged.entries()) {
    const reader = new CaptureReader();
    reader.push(bytes);
    const error = reader.end().error;
    if (error) out.push([`damaged capture ${i}`, error.describe(locale)]);
  }
}

/** Where the kernel replay stops, for each scenario and for each kind of event loopback cannot make. */
function kernelReplay(locale: Locale, out: Text[]): void {
  const listen = { kind: 'user', endpoint: 'server', call: 'passive-open' } as const;
  const connect = { kind: 'user', endpoint: 'client', call: 'active-open' } as const;
  const histories = [
    ...SCENARIOS.map((s) => s.events),
    [listen, connect, { kind: 'user', endpoint: 'client', call: 'close' } as const],
    [listen, connect, { kind: 'deliver', to: 'server', newest: true } as const],
    [listen, connect, { kind: 'duplicate', to: 'server', segment: 1 } as const],
    [listen, connect, { kind: 'lose', to: 'server' } as const],
    [listen, connect, { kind: 'timer', endpoint: 'client', timer: 'retransmission' } as const],
    [{ kind: 'user', endpoint: 'client', call: 'passive-open' } as const],
    [{ kind: 'user', endpoint: 'client', call: 'close' } as const],
  ];
  for (const [i, events] of histories.entries()) {
    const stop = replayableEvents(events).stoppedAt;
    if (stop) out.push([`kernel replay ${i}`, stop.reason[locale]]);
  }
}

export interface Corpus {
  readonly texts: readonly Text[];
  /** The diagnosis rules the fixtures made fire. */
  readonly fired: ReadonlySet<string>;
}

/** Everything the core says in `locale`, labelled by where it comes from. */
export function corpus(locale: Locale): Corpus {
  const texts: Text[] = [];
  const fired = new Set<string>();
  explanations(locale, texts);
  diagnoses(locale, texts, fired);
  walkthroughs(locale, texts);
  table(locale, texts);
  explorer(locale, texts);
  timeline(locale, texts);
  kernelReplay(locale, texts);
  stringsOf(PHRASES[locale], 'PHRASES', texts);
  stringsOf(WORDS[locale], 'WORDS', texts);
  stringsOf(EXPLORER_WORDS[locale], 'EXPLORER_WORDS', texts);
  stringsOf(CLI_WORDS[locale], 'CLI_WORDS', texts);
  // Mermaid sources write characters as entities (#65306; for '：'): read as the diagram shows them.
  return { texts: texts.map(([label, text]) => [label, text.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))] as const), fired };
}

export { DIAGNOSIS_RULES };
