// Entry point of the extension in the Node extension host (desktop VS Code, code-server, a
// remote): the activation shared with the browser (src/vscode/activate.ts), with what only Node
// has: the core loaded from sibling bundles on first use, files streamed from disk, this
// machine's connections, the explorer's replay on the kernel and its search in a worker thread.
import * as vscode from 'vscode';
import type * as LazyCore from './lazy-core';
import { activateExtension } from './vscode/activate';
import { registerConnectionsView } from './vscode/connections-view';
import { replayOnKernel } from './vscode/explorer-kernel';
import { searchInWorker } from './vscode/explorer-search-run';
import { streamLocalFile } from './vscode/local-file';
import type * as TimelineCore from './vscode/timeline-core';

export function activate(context: vscode.ExtensionContext): void {
  const searchScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'explorer-search.js').fsPath;
  activateExtension(context, {
    kind: 'node',
    // Plain requires of sibling bundles: esbuild leaves them alone (external) and Node resolves
    // them next to dist/extension.js. A dynamic import() would make every hover asynchronous.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    core: () => require('./lazy-core.js') as typeof LazyCore,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    timelineCore: () => require('./timeline-core.js') as typeof TimelineCore,
    streamLocalFile,
    registerConnections: registerConnectionsView,
    replayOnKernel,
    searchPath: (request) => searchInWorker(searchScript, request),
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
