// Entry point of the extension in the browser's web worker extension host (vscode.dev,
// github.dev, or a VS Code for the browser whose settings run it there): the activation shared
// with the Node host (src/vscode/activate.ts), built by esbuild for the browser with the core
// bundled in (a web worker cannot require a sibling file). Everything reads files through
// vscode.workspace.fs; what needs this machine's sockets or /proc (the TCP Connections view, the
// explorer's replay on the kernel) is absent here, and says why.
import * as vscode from 'vscode';
import * as core from '../lazy-core';
import { activateExtension } from '../vscode/activate';
import * as timelineCore from '../vscode/timeline-core';
import { searchInWebWorker } from './search-in-web-worker';

export function activate(context: vscode.ExtensionContext): void {
  const searchScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'explorer-search.js');
  activateExtension(context, {
    kind: 'web',
    core: () => core,
    timelineCore: () => timelineCore,
    searchPath: (request) => searchInWebWorker(searchScript, request),
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
