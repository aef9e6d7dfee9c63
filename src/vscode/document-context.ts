// Judges whether a document looks like network output or code, once per document version, from
// the same sample the CLI judges a file by (the core's `documentSample`: the first 64 K
// characters of its lines joined by `\n`), so the editor and the CLI never disagree about a
// document. Runs in the extension host.
import type * as vscode from 'vscode';
import { analyseDocument, DOCUMENT_SAMPLE_CHARS, type DocumentContext } from '../core/context';

const cache = new WeakMap<vscode.TextDocument, { version: number; context: DocumentContext }>();

export function documentContext(document: vscode.TextDocument): DocumentContext {
  const cached = cache.get(document);
  if (cached && cached.version === document.version) return cached.context;
  const parts: string[] = [];
  // Each line costs at least its line break, so at most DOCUMENT_SAMPLE_CHARS lines are read.
  for (let i = 0, size = 0; i < document.lineCount && size < DOCUMENT_SAMPLE_CHARS; i++) {
    const text = document.lineAt(i).text;
    const part = text.length > DOCUMENT_SAMPLE_CHARS - size ? text.slice(0, DOCUMENT_SAMPLE_CHARS - size) : text;
    parts.push(part);
    size += part.length + 1;
  }
  const context = analyseDocument(parts.join('\n'));
  cache.set(document, { version: document.version, context });
  return context;
}
