// Judges whether a document looks like network output or code, once per document version, from
// the same sample the CLI judges a file by (the first 64 K characters of its lines, see the
// core's `documentSampleOfLines`), so the editor and the CLI never disagree about a document.
// Runs in the extension host.
import type * as vscode from 'vscode';
import type { DocumentContext } from '../core';
import { loadCore } from './load-core';

const cache = new WeakMap<vscode.TextDocument, { version: number; context: DocumentContext }>();

export function documentContext(document: vscode.TextDocument): DocumentContext {
  const cached = cache.get(document);
  if (cached && cached.version === document.version) return cached.context;
  const { analyseDocument, documentSampleOfLines } = loadCore();
  const context = analyseDocument(documentSampleOfLines(document.lineCount, (i) => document.lineAt(i).text));
  cache.set(document, { version: document.version, context });
  return context;
}
