// Runs the explorer's path search (src/explorer-search.ts) in a worker thread and waits for its
// answer, for at most SEARCH_TIMEOUT_MS: a search that takes longer is stopped, never left
// running. Node only (worker_threads): the browser's is src/web/search-in-web-worker.ts.
import { Worker } from 'node:worker_threads';
import { SEARCH_TIMEOUT_MS, type SearchRequest } from '../explorer-search-job';
import type { SimEvent } from '../core/simulation';

export function searchInWorker(script: string, request: SearchRequest): Promise<readonly SimEvent[] | undefined> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: request });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`no answer within ${SEARCH_TIMEOUT_MS / 1000} s`));
    }, SEARCH_TIMEOUT_MS);
    worker.once('message', (path: readonly SimEvent[] | null) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(path ?? undefined);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
