// The page every webview of ours starts from: a strict Content Security Policy, our script
// (inline, by nonce) and our stylesheets (inline), and data for the script as JSON in
// non-executed script elements. The same in the Node and the browser extension host: our files
// are read through vscode.workspace.fs, which reaches the extension wherever it is installed.
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
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts on, forms off (no page of ours submits one: without `allow-forms` in the frame's sandbox
 * none can, whatever markup gets in; inputs and selects still work), and only our own dist folder
 * readable: nothing else of the extension or the workspace.
 */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableForms: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
}

/** Our own dist files, read once (again only when rebuilt, as in watch mode), by their URI. */
const distFiles = new Map<string, { readonly mtime: number; readonly text: Promise<string> }>();

/**
 * The text of dist/`file`, to go inline: a file a webview loads by address costs a request
 * through VS Code's resource service worker to the extension host's side (about 50 ms before a
 * first open can draw, measured in code-server), which a page that brings its own text skips.
 * `</` is escaped so no text can close the element it goes in (`<\/` means the same in a
 * script's strings and in a stylesheet's).
 */
async function distText(extensionUri: vscode.Uri, file: string): Promise<string> {
  const uri = vscode.Uri.joinPath(extensionUri, 'dist', file);
  const key = uri.toString();
  const { mtime } = await vscode.workspace.fs.stat(uri);
  let entry = distFiles.get(key);
  if (entry?.mtime !== mtime) {
    const text = Promise.resolve(vscode.workspace.fs.readFile(uri)).then((bytes) => new TextDecoder().decode(bytes).replace(/<\/(script|style)/gi, '<\\/$1'));
    distFiles.set(key, (entry = { mtime, text }));
    // A read that failed is not kept: the next page tries again.
    text.catch(() => {
      if (distFiles.get(key) === entry) distFiles.delete(key);
    });
  }
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

export async function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, parts: PageParts): Promise<string> {
  const [baseCss, style, script] = await Promise.all([distText(extensionUri, 'base.css'), distText(extensionUri, parts.style), distText(extensionUri, parts.script)]);
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
<style>${baseCss}</style>
<style>${style}</style>
<title>${escapeHtml(parts.title)}</title>
</head>
<body>
${parts.body}
${data}
<script nonce="${n}" id="main-script" data-mermaid="${uri('mermaid.tiny.js')}">${script}</script>
</body>
</html>`;
}
