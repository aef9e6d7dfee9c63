// The hover: explains the TCP state name under the cursor. Looks only at the hovered line (and
// a bounded sample of the document's start), so it never stalls on huge files. Extension host.
import * as vscode from 'vscode';
import type * as HoverCore from '../hover-core';
import { documentContext } from './document-context';
import type { HoverSettings } from './settings';

let core: typeof HoverCore | undefined;

/** Loads the hover's core on first use (see hover-core.ts for why it is a separate file). */
function loadCore(): typeof HoverCore {
  // A plain require of a sibling bundle: esbuild leaves it alone (external), Node resolves it
  // next to dist/extension.js. A dynamic import() would make every hover asynchronous.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  core ??= require('./hover-core.js') as typeof HoverCore;
  return core;
}

export class TcpStateHoverProvider implements vscode.HoverProvider {
  constructor(private readonly settings: () => HoverSettings) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const { mentionAt, explainState, toMarkdown } = loadCore();
    const line = document.lineAt(position.line).text;
    const mention = mentionAt(line, position.character, documentContext(document));
    if (!mention) return undefined;
    const view = explainState(mention.state, this.settings().locale, mention);
    const markdown = new vscode.MarkdownString(toMarkdown(view));
    // Our own text only; no command links yet, so nothing needs trusting.
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    const range = new vscode.Range(position.line, mention.offset, position.line, mention.offset + mention.length);
    return new vscode.Hover(markdown, range);
  }
}
