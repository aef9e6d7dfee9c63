// What the extension host we run in can do (host glue). The Node extension host (desktop VS Code,
// code-server, a remote) and the browser's web worker extension host (vscode.dev, github.dev) run
// one activation (activate.ts); they differ only in this object, which each entry fills in
// (src/extension.ts, src/web/extension.ts). What a browser cannot do is absent, and the features
// that need it say so instead of failing. Types only here: no Node and no DOM.
import type * as vscode from 'vscode';
import type { Explorer, Locale } from '../core';
import type * as LazyCore from '../lazy-core';
import type { SearchRequest } from '../explorer-search-job';
import type { SimEvent } from '../core/simulation';
import type { KernelView } from '../shared/explorer-protocol';
import type { HoverSettings } from './settings';
import type * as TimelineCore from './timeline-core';
import type { PanelContext } from './webview-panel';

/** What the live view of this machine's connections needs from the extension. */
export interface ConnectionsContext {
  readonly settings: () => HoverSettings;
  readonly panels: () => PanelContext;
  readonly log: vscode.LogOutputChannel;
}

export interface HostAbilities {
  /** How the log names this host. */
  readonly kind: 'node' | 'web';
  /** The core (hover, census, diagram, explorer), on first use. */
  readonly core: () => typeof LazyCore;
  /** The capture timeline's core, on first use. */
  readonly timelineCore: () => typeof TimelineCore;
  /**
   * A file on this machine's disk read a chunk at a time, so a large dump is never held whole.
   * Absent where there is no disk (the browser): files are then read whole through
   * vscode.workspace.fs, within a bound.
   */
  readonly streamLocalFile?: (path: string, chunkBytes: number) => AsyncIterable<Uint8Array>;
  /** The "TCP Connections" view of this machine's sockets; absent where there are none to list. */
  readonly registerConnections?: (context: ConnectionsContext) => vscode.Disposable[];
  /** The explorer's current path replayed on loopback sockets; absent without sockets and /proc. */
  readonly replayOnKernel?: (explorer: Explorer, signal: AbortSignal, locale: Locale) => Promise<KernelView>;
  /** The explorer's search for a path to a row, off the extension host's thread. */
  readonly searchPath: (request: SearchRequest) => Promise<readonly SimEvent[] | undefined>;
}
