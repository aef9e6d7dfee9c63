// The core, bundled on its own (dist/lazy-core.js) and loaded on first use (src/vscode/load-core.ts),
// so activation stays small and fast: the spelling catalogue, the transition table and the
// explanations in two languages are most of the extension's size.
export * from './core';
