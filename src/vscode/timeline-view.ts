// The capture timeline in a webview (extension host): the .pcap editor and the tcpdump text panel
// both show one of these. It reads its source into a timeline, sends the webview the connections
// (without their segments), and answers a picked connection with its sequence diagram, built by
// the core. A large capture keeps no segments in memory: a picked connection's segments are read
// again from the file, that connection's only.
import * as vscode from 'vscode';
import type { Timeline, TimelineConnection } from '../core/timeline/types';
import type { CommonWebviewMessage } from '../shared/messages';
import {
  parseTimelineMessage,
  type ConnectionRow,
  type StatePathsMessage,
  type TextOrigin,
  type TimelineHostMessage,
  type TimelineMessage,
} from '../shared/timeline-protocol';
import type { RfcState } from '../core/model/states';
import { CONTEXT_KEYS } from './contributions';
import { DiagramPanel } from './diagram-panel';
import { stepDone } from './step-progress';
import { timelineStrings } from './timeline-strings';
import { timelinePage } from './timeline-page';
import { loadTimelineCore } from './timeline-load';
import { readCaptureTimeline, sizeOf } from './timeline-read';
import { WebviewPanelBase, type PanelContext } from './webview-panel';

/** Captures up to this size keep every segment in memory; larger ones read a picked connection again. */
export const KEEP_ALL_BYTES = 32 * 1024 * 1024;
/** Progress messages at most this often: each one crosses to the webview. */
const PROGRESS_MS = 100;
/**
 * Connections done while reading go to the webview at most this often, the first at once: the
 * list is painted within a fraction of a second of opening a large capture, and a batch is
 * large enough that the webview sorts and filters it a few times a second at most.
 */
const BATCH_MS = 200;

export type TimelineSource =
  | { readonly kind: 'capture'; readonly uri: vscode.Uri }
  | { readonly kind: 'text'; readonly text: string; readonly label: string; readonly origin?: TextOrigin }
  /** A panel restored after a reload whose text cannot be had again: why. */
  | { readonly kind: 'unavailable'; readonly reason: string };

function reasonOf(error: unknown): string {
  // Node's codes from the stream; vscode.workspace.fs's from every other read.
  const code = error instanceof vscode.FileSystemError ? error.code : (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT' || code === 'FileNotFound') return vscode.l10n.t('the file does not exist');
  if (code === 'EACCES' || code === 'EPERM' || code === 'NoPermissions') return vscode.l10n.t('permission denied');
  return error instanceof Error ? error.message : String(error);
}

/** The frames of link types the reader does not decode, in the user's language (the link types' names are the registry's). */
function skippedText(timeline: Timeline): string | undefined {
  const skipped = timeline.skippedLinkTypes ?? [];
  if (skipped.length === 0) return undefined;
  const { linkTypeName } = loadTimelineCore();
  const linkType = (n: number): string => {
    const name = linkTypeName(n);
    return name === undefined ? vscode.l10n.t('link type {0}', n) : vscode.l10n.t('link type {0} ({1})', n, name);
  };
  // A list joined the way the language joins one ('A, B' or 'A、B').
  const what = skipped.map((s) => vscode.l10n.t('{0} frames of {1}', s.frames, linkType(s.linkType))).reduce((list, item) => vscode.l10n.t('{0}, {1}', list, item));
  return vscode.l10n.t('{0} skipped: this reader decodes Ethernet (with VLAN tags), Linux cooked capture (SLL, SLL2), raw IPv4/IPv6 and BSD loopback.', what);
}

function rowOf(connection: TimelineConnection): ConnectionRow {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { segmentList, ...row } = connection;
  return row;
}

export class TimelineView extends WebviewPanelBase<TimelineMessage, TimelineHostMessage> {
  private timeline: Timeline | undefined;
  private failure: string | undefined;
  private progress: { bytes: number; total: number | undefined } = { bytes: 0, total: undefined };
  /** Whether the timeline holds every connection's segments (else they are read again on demand). */
  private keptAll = true;
  /** The last connection read again with its segments. */
  private reread: TimelineConnection | undefined;
  private lastProgress = 0;
  /** While a capture is read: the connections done so far, and those not yet sent to the webview. */
  private found: TimelineConnection[] = [];
  private unsent: ConnectionRow[] = [];
  private lastBatch = 0;

  constructor(
    panel: vscode.WebviewPanel,
    context: PanelContext,
    private readonly source: TimelineSource,
    /** How the page and the log name what is shown. */
    private readonly label: string,
  ) {
    super(panel, context, 'timeline', parseTimelineMessage);
    void this.load();
  }

  private async load(): Promise<void> {
    const started = Date.now();
    try {
      if (this.source.kind === 'unavailable') throw new Error(this.source.reason);
      if (this.source.kind === 'text') {
        this.timeline = loadTimelineCore().timelineOfText(this.source.text, { keepSegments: true });
      } else {
        const size = await sizeOf(this.source.uri);
        this.keptAll = size !== undefined && size <= KEEP_ALL_BYTES;
        const read = await readCaptureTimeline(this.context.host, this.source.uri, {
          keepSegments: this.keptAll,
          locale: this.context.settings().locale,
          onProgress: (bytes, total) => this.onProgress(bytes, total),
          cancelled: () => this.disposed,
          onConnection: (connection) => {
            this.found.push(connection);
            this.unsent.push(rowOf(connection));
          },
        });
        if (this.disposed) return;
        // Connections come done in the order they ended; the list and `connection` want them by id.
        this.timeline = { ...read, connections: [...this.found, ...read.connections].sort((a, b) => a.id - b.id) };
        this.found = [];
        this.unsent = [];
      }
      const t = this.timeline;
      this.context.log.info(`timeline of ${this.label}: ${t.connections.length} connections, ${t.tcpSegments} TCP segments in ${Date.now() - started} ms${t.error ? `; stopped early: ${t.error}` : ''}`);
      this.sendTimeline();
      if (this.source.kind === 'capture') stepDone(CONTEXT_KEYS.captureShown);
    } catch (error) {
      this.failure = vscode.l10n.t('Cannot read {0}: {1}', this.label, reasonOf(error));
      this.context.log.error(`timeline of ${this.label} failed: ${reasonOf(error)}`);
      this.send({ type: 'failed', message: this.failure });
    }
  }

  private onProgress(bytes: number, total: number | undefined): void {
    this.progress = { bytes, total };
    const now = Date.now();
    if (this.unsent.length > 0 && now - this.lastBatch >= BATCH_MS) {
      this.lastBatch = this.lastProgress = now;
      this.send({ type: 'connections', connections: this.unsent, bytes, total });
      this.unsent = [];
      return;
    }
    if (now - this.lastProgress < PROGRESS_MS) return;
    this.lastProgress = now;
    this.send({ type: 'progress', bytes, total });
  }

  private sendTimeline(): void {
    const t = this.timeline;
    if (!t) return;
    this.send({ type: 'timeline', source: t.source, connections: t.connections.map(rowOf), tcpSegments: t.tcpSegments, error: t.error, skipped: skippedText(t) });
  }

  protected override onReady(): void {
    if (this.source.kind === 'text' && this.source.origin) this.send({ type: 'origin', origin: this.source.origin });
    if (this.failure) this.send({ type: 'failed', message: this.failure });
    else if (this.timeline) this.sendTimeline();
    else if (this.found.length > 0) {
      // A webview shown again while reading starts empty: it gets every connection done so far.
      this.send({ type: 'connections', connections: this.found.map(rowOf), ...this.progress });
      this.unsent = [];
    } else this.send({ type: 'progress', ...this.progress });
  }

  protected override receive(message: Exclude<TimelineMessage, CommonWebviewMessage>): void {
    switch (message.type) {
      case 'select':
        void this.showSequence(message.id, message.expanded);
        break;
      case 'showOnDiagram':
        this.showOnDiagram(message.id);
        break;
      case 'listShown':
        this.context.log.info(`timeline of ${this.label}: list of ${message.rows} connections painted ${Math.round(message.ms)} ms after the page started (${Date.now() - this.created} ms after the editor opened)`);
        break;
      case 'sequenceShown':
        this.context.log.info(`timeline of ${this.label}: connection ${message.id}, ${message.arrows} arrows drawn in ${Math.round(message.ms)} ms`);
        break;
    }
  }

  private connection(id: number): TimelineConnection | undefined {
    // While reading, a connection of the list picked already is one of those found so far.
    const connections = this.timeline?.connections ?? this.found;
    return connections[id]?.id === id ? connections[id] : connections.find((c) => c.id === id);
  }

  /** The connection with its segments: from the timeline, or read again from a large file. */
  private async withSegments(id: number): Promise<TimelineConnection | undefined> {
    const connection = this.connection(id);
    if (!connection || this.keptAll || this.source.kind !== 'capture') return connection;
    if (this.reread?.id === id) return this.reread;
    this.send({ type: 'sequencePending', id });
    const again = await readCaptureTimeline(this.context.host, this.source.uri, { keepSegments: (cid) => cid === id, cancelled: () => this.disposed });
    this.reread = again.connections.find((c) => c.id === id);
    return this.reread;
  }

  private async showSequence(id: number, expanded: boolean): Promise<void> {
    try {
      const connection = await this.withSegments(id);
      if (!connection) {
        this.context.log.warn(`timeline: ignored a request for connection ${id}, which ${this.label} does not have`);
        return;
      }
      const { sequenceDiagram, SEQUENCE_WORDS } = loadTimelineCore();
      const locale = this.context.settings().locale;
      const diagram = sequenceDiagram(connection, { locale, expanded });
      const words = SEQUENCE_WORDS[locale].marks;
      const legend = diagram.marks.map((mark) => ({ mark, short: words[mark].short, text: words[mark].explained }));
      this.send({ type: 'sequence', id, expanded, source: diagram.source, folded: diagram.folded, notDrawn: diagram.notDrawn, legend });
    } catch (error) {
      this.context.log.error(`timeline: the sequence of connection ${id} failed: ${reasonOf(error)}`);
    }
  }

  private showOnDiagram(id: number): void {
    const connection = this.connection(id);
    if (!connection) return;
    const [a, b] = connection.endpoints;
    const known = (states: readonly string[]): RfcState[] => states.filter((s): s is RfcState => s !== 'UNKNOWN');
    const message: StatePathsMessage = {
      type: 'paths',
      title: `${this.label}: ${a.label} ↔ ${b.label}`,
      paths: [
        { label: a.label, states: known(connection.states[0]) },
        { label: b.label, states: known(connection.states[1]) },
      ],
    };
    DiagramPanel.showPaths(this.context, message);
  }

  protected override html(): Promise<string> {
    return timelinePage(this.panel.webview, this.context.extensionUri, this.label, timelineStrings());
  }
}
