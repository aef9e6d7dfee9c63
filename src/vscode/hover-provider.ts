// The hover: explains the TCP state name under the cursor. Looks only at the hovered line (and
// a bounded sample of the document's start), so it never stalls on huge files. Extension host.
import * as vscode from 'vscode';
import { explainState } from '../core/explain';
import { mentionAt } from '../core/recognizer';
import { toMarkdown } from '../core/render';
import { documentContext } from './document-context';
import type { HoverSettings } from './settings';

export class TcpStateHoverProvider implements vscode.HoverProvider {
  constructor(private readonly settings: () => HoverSettings) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
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
