// The page every webview of ours starts from: a strict Content Security Policy, our script
// (inline, by nonce) and our stylesheets (inline), and data for the script as JSON in
// non-executed script elements.
import { readFileSync, statSync } from 'node:fs';
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

/**
 * Scripts on, forms off (no page of ours submits one: without `allow-forms` in the frame's sandbox
 * none can, whatever markup gets in; inputs and selects still work), and only our own dist folder
 * readable: nothing else of the extension or the workspace.
 */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableForms: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}

/** Our own dist files, read once (again only when rebuilt, as in watch mode). */
const distFiles = new Map<string, { readonly mtimeMs: number; readonly text: string }>();

/**
 * The text of dist/`file`, to go inline: a file a webview loads by address costs a request
 * through VS Code's resource service worker to the extension host's side (about 50 ms before a
 * first open can draw, measured in code-server), which a page that brings its own text skips.
 * `</` is escaped so no text can close the element it goes in (`<\/` means the same in a
 * script's strings and in a stylesheet's).
 */
function distText(extensionUri: vscode.Uri, file: string): string {
  const path = vscode.Uri.joinPath(extensionUri, 'dist', file).fsPath;
  const { mtimeMs } = statSync(path);
  let entry = distFiles.get(path);
  if (entry?.mtimeMs !== mtimeMs) distFiles.set(path, (entry = { mtimeMs, text: readFileSync(path, 'utf8').replace(/<\/(script|style)/gi, '<\\/$1') }));
  return entry.text;
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
  // 'unsafe-inline' (media/sanitize-svg.ts keeps an SVG's style rules inside the SVG); scripts stay
  // nonce-only, and nothing is loaded from outside the extension. default-src does not cover a
  // form's target or a <base>, hence form-action and base-uri; frame-src 'none' is what default-src
  // already means, said outright. None of our pages submits a form, has a base or a frame.
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `script-src 'nonce-${n}'`,
    "form-action 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
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
<style>${distText(extensionUri, 'base.css')}</style>
<style>${distText(extensionUri, parts.style)}</style>
<title>${escapeHtml(parts.title)}</title>
</head>
<body>
${parts.body}
${data}
<script nonce="${n}" id="main-script" data-mermaid="${uri('mermaid.tiny.js')}">${distText(extensionUri, parts.script)}</script>
</body>
</html>`;
}
