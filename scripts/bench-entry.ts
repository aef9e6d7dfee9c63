// What the benchmark measures: the core exactly as the hover provider and the CLI use it.
export { analyseDocument } from '../src/core/context';
export { mentionAt } from '../src/core/recognizer';
export { LineScanner } from '../src/core/line-scanner';
export { explainState } from '../src/core/explain';
export { toMarkdown } from '../src/core/render';
