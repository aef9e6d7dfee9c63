// The part of the core the hover needs, bundled on its own (dist/hover-core.js) and loaded on
// the first hover, so activation stays small and fast: the spelling catalogue, the transition
// table and the explanations in two languages are most of the extension's size.
export { mentionAt } from './core/recognizer';
export { explainState } from './core/explain';
export { toMarkdown } from './core/render';
