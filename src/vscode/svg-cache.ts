// Laid-out diagrams kept across panels and across sessions, so Mermaid lays a diagram out once
// per source and theme, not at every first open: a file in the extension's global storage. The
// state diagram itself ships laid out (media/state-diagram.svg), so what is kept here is the
// walkthrough's sequence diagrams, and a state diagram only when its source is not the shipped one.
//
// The key is a hash of the Mermaid source and the theme's colours (made by the webview), so a
// new version of the diagram or another theme simply misses. What is read back is checked like
// any webview message, and the webview's CSP runs no script that an SVG might carry.
import * as vscode from 'vscode';
import { isCacheEntry } from '../shared/messages';

/** Enough for the diagram in a light, a dark and two high-contrast themes, plus a spare. */
const MAX_ENTRIES = 6;

export class SvgCache {
  private readonly entries = new Map<string, string>();
  private readonly loaded: Promise<void>;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.loaded = this.load();
  }

  /** All entries, once the file has been read (an empty cache if it could not be). */
  async snapshot(): Promise<Record<string, string>> {
    await this.loaded;
    return Object.fromEntries(this.entries);
  }

  put(key: string, svg: string): void {
    if (this.entries.get(key) === svg) return;
    this.entries.delete(key);
    this.entries.set(key, svg);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.writing = this.writing.then(() => this.save());
  }

  private async load(): Promise<void> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.file));
    } catch {
      return; // no cache yet
    }
    try {
      const data: unknown = JSON.parse(text);
      if (typeof data !== 'object' || data === null) throw new Error('not an object');
      for (const [key, svg] of Object.entries(data)) {
        const entry = { key, svg };
        if (isCacheEntry(entry)) this.entries.set(entry.key, entry.svg);
      }
    } catch (error) {
      this.log.warn(`diagram cache ${this.file.fsPath} is unreadable and will be rewritten: ${String(error)}`);
    }
  }

  private async save(): Promise<void> {
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.file, '..'));
      await vscode.workspace.fs.writeFile(this.file, new TextEncoder().encode(JSON.stringify(Object.fromEntries(this.entries))));
    } catch (error) {
      this.log.warn(`diagram cache could not be written to ${this.file.fsPath}: ${String(error)}`);
    }
  }
}
