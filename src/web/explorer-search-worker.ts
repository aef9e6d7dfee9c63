// The explorer's path search in a browser Web Worker (dist/web/explorer-search.js, started by
// search-in-web-worker.ts): it answers the one job it is sent (explorer-search-answer.ts) with
// the events that fire the row, or null. Node's is src/explorer-search.ts.
import { runSearch } from '../explorer-search-answer';
import type { SearchRequest } from '../explorer-search-job';

self.onmessage = (event: MessageEvent<SearchRequest>) => {
  self.postMessage(runSearch(event.data));
};
