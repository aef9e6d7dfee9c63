// The answer to an explorer search job (explorer-search-job.ts): the session built again from its
// start and the path's events, and a breadth-first search for the events that fire the row (or
// null). Pure (no Node, no DOM, no `vscode`), so the same answer comes from Node's worker thread
// (src/explorer-search.ts) and from a browser's Web Worker (src/web/explorer-search-worker.ts).
import { Explorer } from './core/explorer';
import { shortestPathTo } from './core/explorer/coverage';
import type { SimEvent } from './core/simulation';
import type { SearchRequest } from './explorer-search-job';

export function runSearch(request: SearchRequest): readonly SimEvent[] | null {
  const explorer = new Explorer(request.start, request.events);
  return shortestPathTo(explorer.fork(), explorer.profile, request.target, request.limits) ?? null;
}
