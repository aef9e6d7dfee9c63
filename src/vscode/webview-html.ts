// The page every webview of ours starts from: a strict Content Security Policy, our script by
// nonce, our stylesheet, and data for the script as JSON in non-executed script elements.
import * as vscode from 'vscode';

/** Escapes text for an HTML text node or attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A user-visible string of a page, translated and escaped. */
export function localizedHtml(text: string): string {
  return escapeHtml(vscode.l10n.t(text));
}

function nonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/** Scripts on, and only our own dist folder readable: nothing else of the extension or the workspace. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}

export interface PageParts {
  readonly title: string;
  /** File names in dist/ (base.css, shared by all our webviews, comes first). */
  readonly script: string;
  readonly style: string;
  /** Already-escaped HTML of the body. */
  readonly body: string;
  /** Each entry becomes <script type="application/json" id="data-KEY">. */
  readonly data: Readonly<Record<string, unknown>>;
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, parts: PageParts): string {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const uri = (file: string): string => escapeHtml(webview.asWebviewUri(vscode.Uri.joinPath(dist, file)).toString());
  const n = nonce();
  // Mermaid writes <style> elements and style attributes into its SVG, so styles need
  // 'unsafe-inline'; scripts stay nonce-only, and nothing is loaded from outside the extension.
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  // JSON in a non-executed script element; `<` escaped so no text can close the element.
  const json = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
  const data = Object.entries(parts.data)
    .map(([key, value]) => `<script type="application/json" id="data-${escapeHtml(key)}">${json(value)}</script>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri('base.css')}">
<link rel="stylesheet" href="${uri(parts.style)}">
<title>${escapeHtml(parts.title)}</title>
</head>
<body>
${parts.body}
${data}
<script nonce="${n}" id="main-script" data-mermaid="${uri('mermaid.tiny.js')}" src="${uri(parts.script)}"></script>
</body>
</html>`;
}
