// Runs the explorer's path search in a Web Worker (browser extension host) and waits for its
// answer, for at most SEARCH_TIMEOUT_MS, as the Node host does in a worker thread: a search of
// seconds on the extension host's own thread would freeze every extension. VS Code lets a web
// extension start workers of its own (nested in the extension host's worker), but refuses one
// from a vscode-remote: address (an extension installed on a remote and run in the browser); so
// the script (dist/web/explorer-search.js) is read through vscode.workspace.fs and started from a
// blob: address, which works wherever the extension is installed.
import * as vscode from 'vscode';
import { SEARCH_TIMEOUT_MS, type SearchRequest } from '../explorer-search-job';
import type { SimEvent } from '../core/simulation';

/** The script's blob: address, made once (a few hundred kB, kept for the session). */
let scriptAddress: Promise<string> | undefined;

function addressOf(script: vscode.Uri): Promise<string> {
  scriptAddress ??= Promise.resolve(vscode.workspace.fs.readFile(script)).then(
    (bytes) => URL.createObjectURL(new Blob([new TextDecoder().decode(bytes)], { type: 'text/javascript' })),
    (error: unknown) => {
      // A read that failed is tried again by the next search.
      scriptAddress = undefined;
      throw error;
    },
  );
  return scriptAddress;
}

export async function searchInWebWorker(script: vscode.Uri, request: SearchRequest): Promise<readonly SimEvent[] | undefined> {
  if (typeof Worker !== 'function') throw new Error(vscode.l10n.t('this extension host cannot start a worker for the search'));
  const address = await addressOf(script);
  return new Promise((resolve, reject) => {
    const worker = new Worker(address, { name: 'tcp-state-lens-explorer-search' });
    const stop = (): void => {
      clearTimeout(timer);
      worker.terminate();
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no answer within ${SEARCH_TIMEOUT_MS / 1000} s`));
    }, SEARCH_TIMEOUT_MS);
    worker.onmessage = (event: MessageEvent<readonly SimEvent[] | null>) => {
      stop();
      resolve(event.data ?? undefined);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      stop();
      reject(new Error(event.message || 'the search worker failed'));
    };
    worker.postMessage(request);
  });
}
