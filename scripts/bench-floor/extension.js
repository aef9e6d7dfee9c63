// The benchmark's floor (scripts/bench-vscode.mjs): a do-nothing extension whose one command
// opens a webview holding a static SVG of 60 groups, under the same kind of CSP as TCP State
// Lens's panels (nonce-only script, inline styles). Opening it costs what any webview costs.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the extension host loads extensions as CommonJS
const vscode = require('vscode');

/** 12 boxes and 48 arcs, about the size of the state diagram, laid out in a grid. */
function staticSvg() {
  const groups = [];
  for (let i = 0; i < 12; i++) {
    const x = (i % 4) * 200 + 20;
    const y = Math.floor(i / 4) * 160 + 20;
    groups.push(`<g class="node" id="floor-${i}" transform="translate(${x},${y})"><rect width="140" height="40" rx="4"/><text x="70" y="25" text-anchor="middle">STATE-${i}</text></g>`);
  }
  for (let i = 0; i < 48; i++) {
    const from = i % 12;
    const to = (i * 5 + 1) % 12;
    const [x1, y1, x2, y2] = [(from % 4) * 200 + 90, Math.floor(from / 4) * 160 + 60, (to % 4) * 200 + 90, Math.floor(to / 4) * 160 + 20];
    groups.push(`<g class="edge"><path d="M${x1},${y1} C${x1},${y1 + 60} ${x2},${y2 - 60} ${x2},${y2}"/><text x="${(x1 + x2) / 2}" y="${(y1 + y2) / 2}">event ${i} / action</text></g>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 820 500" width="820">${groups.join('')}</svg>`;
}

function html(webview) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const csp = `default-src 'none'; style-src ${webview.cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}'`;
  return `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<style>rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-focusBorder); } path { fill: none; stroke: var(--vscode-editor-foreground); } text { fill: var(--vscode-editor-foreground); font: 13px var(--vscode-font-family); }</style>
<title>Floor</title></head><body><div id="floor">${staticSvg()}</div>
<script nonce="${nonce}">document.body.dataset.ready = 'true';
requestAnimationFrame(() => setTimeout(() => { document.body.dataset.paintedAt = String(performance.timeOrigin + performance.now()); }, 0));</script></body></html>`;
}

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.commands.registerCommand('tslBenchFloor.show', () => {
      const panel = vscode.window.createWebviewPanel('tslBenchFloor', 'Bench Floor', vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
      panel.webview.html = html(panel.webview);
    }),
  );
};
