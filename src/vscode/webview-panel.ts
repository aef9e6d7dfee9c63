// What every webview panel of ours does the same way (extension host): the strict page, the ready
// handshake, each message rate-limited, parsed and checked before use (a webview message is
// untrusted input), the messages every webview sends (ready, cacheSvg, error), logging what a
// webview sent only on one line and cut (log-text.ts), and disposal that runs once and never
// touches a webview VS Code has already disposed. Each panel adds only what is its own.
import * as vscode from 'vscode';
import { logPreview, logSafe } from '../shared/log-text';
import { isRecord, MAX_ERROR_CHARS, type CommonWebviewMessage } from '../shared/messages';
import { DropTally, TokenBucket } from '../shared/rate-limit';
import type { HostAbilities } from './host';
import type { HoverSettings } from './settings';
import type { SvgCache } from './svg-cache';
import { webviewOptions } from './webview-html';

/** What a panel needs from the extension. */
export interface PanelContext {
  readonly extensionUri: vscode.Uri;
  readonly settings: () => HoverSettings;
  readonly log: vscode.LogOutputChannel;
  /** Laid-out SVGs by source and theme, so an open after the first skips Mermaid's layout. */
  readonly svgCache: SvgCache;
  /** What the extension host we run in can do (the Node host or the browser's). */
  readonly host: HostAbilities;
}

/**
 * Messages a webview may send: a burst of 200, then 50 a second. The busiest real sender is a
 * walkthrough playing at 4× with the buttons held down (a `shown` per step, a `control` per key
 * repeat: some 30 a second at most), and a page sends a handful at start (ready, rendered,
 * cacheSvg); so no real page comes near, while a runaway or hostile one costs the host at most
 * 50 parses a second.
 */
export const MESSAGE_BURST = 200;
export const MESSAGES_PER_SECOND = 50;
/**
 * cacheSvg messages: 10, then 10 a minute. Each may be 1 MB and changes the cache file; a page
 * offers one per diagram it lays out (the state diagram once per theme, a walkthrough's sequence
 * diagram once per scenario), a few a minute when someone clicks through the scenarios. One
 * dropped costs only a layout the next time.
 */
export const CACHE_SVG_BURST = 10;
export const CACHE_SVG_PER_SECOND = 10 / 60;
/** Lines a webview's content may add to the log (its errors, its malformed messages): 20, then one a second. */
const WEBVIEW_LINES_BURST = 20;
/** Characters of a malformed message shown in the log. */
const MALFORMED_PREVIEW_CHARS = 200;

export abstract class WebviewPanelBase<In extends { readonly type: string }, Out> {
  /** The webview has said it is ready: messages sent before then would be lost. */
  protected ready = false;
  /** Set once VS Code has disposed the panel: its webview then throws on any use. */
  protected disposed = false;
  /** When the panel was created: the log says how long the webview took to start and draw. */
  protected readonly created = Date.now();
  protected readonly disposables: vscode.Disposable[] = [];
  private readonly messages = new TokenBucket(MESSAGE_BURST, MESSAGES_PER_SECOND, Date.now);
  private readonly cacheOffers = new TokenBucket(CACHE_SVG_BURST, CACHE_SVG_PER_SECOND, Date.now);
  /** Messages dropped over a rate: reported at most once a second, not once each (a log flood). */
  private readonly dropped = new DropTally(1_000, Date.now);
  private readonly webviewLines = new TokenBucket(WEBVIEW_LINES_BURST, 1, Date.now);
  private suppressedLines = 0;

  protected constructor(
    protected readonly panel: vscode.WebviewPanel,
    protected readonly context: PanelContext,
    /** How the log names this panel. */
    private readonly name: string,
    private readonly parse: (raw: unknown) => In | undefined,
  ) {
    panel.webview.options = webviewOptions(context.extensionUri);
    // The page carries the cached SVGs, so it is written once the cache file has been read.
    void Promise.resolve(context.svgCache.snapshot())
      .then((cache) => this.html(cache))
      .then(
        (html) => {
          if (!this.disposed) panel.webview.html = html;
        },
        (error: unknown) => context.log.error(`${name}: the page could not be made: ${error instanceof Error ? error.message : String(error)}`),
      );
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receiveRaw(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The page, with the cached SVGs the webview may draw from. */
  protected abstract html(svgCache: Record<string, string>): Promise<string>;

  /** A well-formed message of this panel's own protocol (the common ones are handled here). */
  protected abstract receive(message: Exclude<In, CommonWebviewMessage>): void;

  /** The webview has started: send what it waits for. */
  protected abstract onReady(): void;

  /** Called once when the panel goes, before its listeners are disposed. */
  protected onDispose(): void {}

  protected send(message: Out): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
  }

  /** Whether a message may be handled now; counted and reported if not. Before parsing: parsing costs too. */
  private admit(raw: unknown): boolean {
    let over: string | undefined;
    if (!this.messages.take()) over = `${MESSAGES_PER_SECOND} messages a second`;
    // Only what passed the first limit takes from the second, so a flood does not also starve the cache.
    else if (isRecord(raw) && raw.type === 'cacheSvg' && !this.cacheOffers.take()) over = `${CACHE_SVG_BURST} cacheSvg messages a minute`;
    if (over === undefined) return true;
    const count = this.dropped.drop();
    if (count !== undefined) this.context.log.warn(`${this.name}: dropped ${count} message${count === 1 ? '' : 's'} from the webview over the rate limit (latest over ${over})`);
    return false;
  }

  /** Logs a line made of what the webview sent, within its own rate; the lines held back are counted in the next one. */
  private logFromWebview(level: 'warn' | 'error', line: string): void {
    if (!this.webviewLines.take()) {
      this.suppressedLines++;
      return;
    }
    const held = this.suppressedLines > 0 ? ` (and ${this.suppressedLines} such lines held back)` : '';
    this.suppressedLines = 0;
    this.context.log[level](line + held);
  }

  private receiveRaw(raw: unknown): void {
    if (!this.admit(raw)) return;
    const message = this.parse(raw);
    if (!message) {
      this.logFromWebview('warn', `${this.name}: ignored a malformed message from the webview: ${logPreview(raw, MALFORMED_PREVIEW_CHARS)}`);
      return;
    }
    // The messages every protocol shares; the rest are this panel's own.
    const common = message as unknown as CommonWebviewMessage;
    switch (common.type) {
      case 'ready':
        this.ready = true;
        this.onReady();
        return;
      case 'cacheSvg':
        this.context.svgCache.put(common.key, common.svg);
        return;
      case 'error':
        // Made log-safe by the parser already; again here, so no protocol can forget it.
        this.logFromWebview('error', `${this.name}: ${logSafe(common.message, MAX_ERROR_CHARS)}`);
        return;
      default:
        this.receive(message as Exclude<In, CommonWebviewMessage>);
    }
  }

  /** Runs once, when VS Code disposes the panel (closed, or replaced by a revived one). */
  private dispose(): void {
    if (this.disposed) return;
    this.disposed = true; // first: nothing after this touches the webview
    this.onDispose();
    const unreported = this.dropped.take();
    if (unreported > 0) this.context.log.warn(`${this.name}: dropped ${unreported} more message${unreported === 1 ? '' : 's'} from the webview over the rate limit`);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
