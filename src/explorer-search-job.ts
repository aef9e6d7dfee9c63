// The explorer's "take me to an unvisited transition" as a job for a worker: what is sent (the
// session's start, the path's events, the row) and the bounds. Types and numbers only, so the
// host's bundles that send a job do not carry the search (explorer-search-answer.ts does it).
import type { ExplorerStart } from './core/explorer';
import type { SearchLimits } from './core/explorer/coverage';
import type { RowId } from './core/model/transitions';
import type { SimEvent } from './core/simulation';

export interface SearchRequest {
  readonly start: ExplorerStart;
  readonly events: readonly SimEvent[];
  readonly target: RowId;
  readonly limits: Partial<SearchLimits>;
}

/** Smaller than the CLI's coverage bounds: an answer within a second or two, off the host's thread. */
export const SEARCH_LIMITS_IN_PANEL = { maxDepth: 12, maxWorlds: 6_000, levelWidth: 800 } as const;

/** How long a search may run before it is stopped, never left running. */
export const SEARCH_TIMEOUT_MS = 30_000;
