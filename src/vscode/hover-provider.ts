// The hover: explains the TCP state name under the cursor. Looks only at the hovered line (and
// a bounded sample of the document's start), so it never stalls on huge files. Extension host.
import * as vscode from 'vscode';
import { COMMANDS, CONTEXT_KEYS } from './contributions';
import { documentContext } from './document-context';
import { loadCore } from './load-core';
import type { HoverSettings } from './settings';
import { stepDone } from './step-progress';

const SHOW_DIAGRAM = COMMANDS.showDiagram;

export class TcpStateHoverProvider implements vscode.HoverProvider {
  constructor(private readonly settings: () => HoverSettings) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const { mentionAt, explainState, toMarkdown, isRfcState, STATE_INFO } = loadCore();
    const line = document.lineAt(position.line).text;
    const mention = mentionAt(line, position.character, documentContext(document));
    if (!mention) return undefined;
    const view = explainState(mention.state, this.settings().locale, mention);
    const rfcState = isRfcState(mention.state) ? mention.state : STATE_INFO[mention.state].nearest;
    const diagramLink = rfcState ? `command:${SHOW_DIAGRAM}?${encodeURIComponent(JSON.stringify([rfcState]))}` : undefined;
    const markdown = new vscode.MarkdownString(toMarkdown(view, diagramLink ? { diagramLink } : {}));
    // Trusted for our own command only: any other command: link in the text stays inert.
    markdown.isTrusted = { enabledCommands: [SHOW_DIAGRAM] };
    markdown.supportThemeIcons = true;
    markdown.supportHtml = false;
    const range = new vscode.Range(position.line, mention.offset, position.line, mention.offset + mention.length);
    stepDone(CONTEXT_KEYS.hoverShown);
    return new vscode.Hover(markdown, range);
  }
}
