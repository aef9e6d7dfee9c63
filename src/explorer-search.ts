// The explorer's "take me to an unvisited transition", run in a worker thread (dist/
// explorer-search.js): a breadth-first search over the explorer's events takes seconds and a few
// hundred MB when the row is far or cannot be reached, which on the extension host's own thread
// would freeze every extension. The worker gets the job (explorer-search-job.ts) and posts back
// the events that reach the row (or null). Node only (worker_threads); no `vscode`.
import { parentPort, workerData } from 'node:worker_threads';
import { runSearch } from './explorer-search-answer';
import type { SearchRequest } from './explorer-search-job';

parentPort?.postMessage(runSearch(workerData as SearchRequest));
