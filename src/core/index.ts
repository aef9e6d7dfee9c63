// The core's one public entry: what the extension (through its lazily loaded bundle), the CLI
// and the benchmarks use. Everything here is pure: no `vscode`, no DOM, no Node APIs. Inside,
// the core is grouped by concern:
//   recognition/  spellings and their sources, document and line context, the recogniser, the
//                 chunked line scanner, text encodings
//   model/        the states, the RFC 9293 §3.10 transition table, explanations (facts written
//                 once, prose per language), locales
//   simulation/   the two-endpoint simulator the table drives, its scenarios and its words
//   views/        what is shown: Markdown/plain rendering, the diagram source, the walkthrough view
//   census/       counts of a socket dump by state, port, peer and process, and the diagnoses
//   capture/      the pcap/pcapng reader (link layers, IP, TCP segments): imported directly by
//                 what reads captures, so the hover's bundle does not carry it
export { analyseDocument, documentSampleOfLines, type DocumentContext } from './recognition/context';
export { sniffEncoding, SNIFF_BYTES, type TextEncodingName } from './recognition/encoding';
export { LineScanner, type LocatedMention } from './recognition/line-scanner';
export { findInLine, findMentions, mentionAt, type StateMention } from './recognition/recognizer';
export { explainState, resolveToken } from './model/explain';
export { isLocale, LOCALES, toLocale, type Locale } from './model/locales';
export { isRfcState, STATE_INFO, type RfcState, type StateId } from './model/states';
export { eventsFrom, type RowId } from './model/transitions';
export { runSettled, SCENARIOS, scenarioById, type LinuxDifference, type Profile, type RunOptions, type SettledCall, type SettledStep } from './simulation';
export { diagramEdges, diagramSource } from './views/diagram';
export { toMarkdown, toPlainText } from './views/render';
export { walkthroughView, type WalkthroughView } from './views/walkthrough-view';
export { Census, CensusScanner, diagnose, DIAGNOSIS_RULES, type CensusResult, type Diagnosis, type DiagnosisRule, type StateCensus } from './census';
export { EXPLORER_PROFILES, Explorer, History, isExplorerProfile, parsePrediction, pinnedEvents, profileOptions, type ExplorerProfile, type HistoryData, type Prediction } from './explorer';
export { explorerView, verdictText, type ExplorerView } from './views/explorer-view';
export { unplayableText } from './views/explorer-words';
export { exchangePcap, packetdrillScript } from './explorer/export';
