// What the benchmark measures: the core exactly as the hover provider and the CLI use it.
export { analyseDocument, explainState, LineScanner, mentionAt, toMarkdown } from '../src/core';
