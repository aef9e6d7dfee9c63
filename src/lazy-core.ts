// The part of the core the hover, the diagram and the walkthrough need, bundled on its own (dist/lazy-core.js)
// and loaded on first use, so activation stays small and fast: the spelling catalogue, the
// transition table and the explanations in two languages are most of the extension's size.
export { mentionAt } from './core/recognizer';
export { explainState } from './core/explain';
export { toMarkdown, toPlainText } from './core/render';
export { diagramSource } from './core/diagram';
export { SCENARIOS, scenarioById } from './core/simulation';
export { walkthroughView } from './core/walkthrough-view';
