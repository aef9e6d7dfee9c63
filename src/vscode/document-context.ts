// Judges whether a document looks like network output or code, once per document version,
// from a bounded sample of its first lines. Runs in the extension host.
import type * as vscode from 'vscode';
import { analyseDocument, DOCUMENT_SAMPLE_CHARS, type DocumentContext } from '../core/context';

/** Lines sampled at most, whatever their length: bounds the work on a document of short lines. */
const SAMPLE_LINES = 2000;

const cache = new WeakMap<vscode.TextDocument, { version: number; context: DocumentContext }>();

export function documentContext(document: vscode.TextDocument): DocumentContext {
  const cached = cache.get(document);
  if (cached && cached.version === document.version) return cached.context;
  const parts: string[] = [];
  let size = 0;
  const lines = Math.min(document.lineCount, SAMPLE_LINES);
  for (let i = 0; i < lines && size < DOCUMENT_SAMPLE_CHARS; i++) {
    const text = document.lineAt(i).text;
    const part = text.length > DOCUMENT_SAMPLE_CHARS - size ? text.slice(0, DOCUMENT_SAMPLE_CHARS - size) : text;
    parts.push(part);
    size += part.length + 1;
  }
  const context = analyseDocument(parts.join('\n'));
  cache.set(document, { version: document.version, context });
  return context;
}
