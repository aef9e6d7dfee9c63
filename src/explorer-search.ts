// The explorer's "take me to an unvisited transition", run in a worker thread (dist/
// explorer-search.js): a breadth-first search over the explorer's events takes seconds and a few
// hundred MB when the row is far or cannot be reached, which on the extension host's own thread
// would freeze every extension. The worker gets the path's events and the session's start, and
// posts back the events that reach the row (or null). Node only (worker_threads); no `vscode`.
import { parentPort, workerData } from 'node:worker_threads';
import { Explorer, type ExplorerStart } from './core/explorer';
import { shortestPathTo, type SearchLimits } from './core/explorer/coverage';
import type { RowId } from './core/model/transitions';
import type { SimEvent } from './core/simulation';

export interface SearchRequest {
  readonly start: ExplorerStart;
  readonly events: readonly SimEvent[];
  readonly target: RowId;
  readonly limits: Partial<SearchLimits>;
}

const request = workerData as SearchRequest;
const explorer = new Explorer(request.start, request.events);
parentPort?.postMessage(shortestPathTo(explorer.fork(), explorer.profile, request.target, request.limits) ?? null);
