// Laid-out diagrams kept across panels and across sessions, so Mermaid lays a diagram out once
// per source and theme, not at every first open: a file in the extension's global storage. The
// state diagram itself ships laid out (media/state-diagram.svg), so what is kept here is the
// walkthrough's sequence diagrams, and a state diagram only when its source is not the shipped one.
//
// The key is a hash of the Mermaid source and the theme's colours (made by the webview), so a
// new version of the diagram or another theme simply misses. What is read back is checked like
// any webview message, and the webview's CSP runs no script that an SVG might carry. The bounds
// (file and entry caps, coalesced and rationed writes) are in src/shared/cache-store.ts, which
// needs no VS Code and is unit-tested; this file only gives it the file and the clock.
import * as vscode from 'vscode';
import { CacheStore, type CacheFile, type CacheLog, type CacheTimers } from '../shared/cache-store';

/** The cache file through vscode.workspace.fs (global storage may be remote or virtual: not node:fs). */
export function workspaceCacheFile(file: vscode.Uri): CacheFile {
  const notFound = (error: unknown): boolean => error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
  return {
    name: file.fsPath,
    async size() {
      try {
        return (await vscode.workspace.fs.stat(file)).size;
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },
    async read() {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    },
    async write(text) {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    },
    async remove() {
      try {
        await vscode.workspace.fs.delete(file, { useTrash: false });
      } catch (error) {
        if (!notFound(error)) throw error;
      }
    },
  };
}

const systemTimers: CacheTimers = {
  now: Date.now,
  after(ms, run) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * The diagram cache of the extension. `dispose` writes what the coalescing still holds (within
 * the write budget); the extension calls it when it is deactivated.
 */
export class SvgCache extends CacheStore {
  constructor(file: vscode.Uri, log: CacheLog, io: CacheFile = workspaceCacheFile(file), timers: CacheTimers = systemTimers) {
    super(io, log, timers);
  }
}
