// What every webview panel of ours does the same way (extension host): the strict page, the ready
// handshake, each message parsed and checked before use (a webview message is untrusted input),
// the messages both webviews send (ready, cacheSvg, error), logging, and disposal that runs once
// and never touches a webview VS Code has already disposed. The diagram and the walkthrough
// panels add only what is theirs.
import * as vscode from 'vscode';
import type { CommonWebviewMessage } from '../shared/messages';
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
}

export abstract class WebviewPanelBase<In extends { readonly type: string }, Out> {
  /** The webview has said it is ready: messages sent before then would be lost. */
  protected ready = false;
  /** Set once VS Code has disposed the panel: its webview then throws on any use. */
  protected disposed = false;
  /** When the panel was created: the log says how long the webview took to start and draw. */
  protected readonly created = Date.now();
  protected readonly disposables: vscode.Disposable[] = [];

  protected constructor(
    protected readonly panel: vscode.WebviewPanel,
    protected readonly context: PanelContext,
    /** How the log names this panel. */
    private readonly name: string,
    private readonly parse: (raw: unknown) => In | undefined,
  ) {
    panel.webview.options = webviewOptions(context.extensionUri);
    // The page carries the cached SVGs, so it is written once the cache file has been read.
    void context.svgCache.snapshot().then((cache) => {
      if (!this.disposed) panel.webview.html = this.html(cache);
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receiveRaw(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The page, with the cached SVGs the webview may draw from. */
  protected abstract html(svgCache: Record<string, string>): string;

  /** A well-formed message of this panel's own protocol (the common ones are handled here). */
  protected abstract receive(message: Exclude<In, CommonWebviewMessage>): void;

  /** The webview has started: send what it waits for. */
  protected abstract onReady(): void;

  /** Called once when the panel goes, before its listeners are disposed. */
  protected onDispose(): void {}

  protected send(message: Out): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
  }

  private receiveRaw(raw: unknown): void {
    const message = this.parse(raw);
    if (!message) {
      this.context.log.warn(`${this.name}: ignored a malformed message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    // The messages both protocols share; the rest are this panel's own.
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
        this.context.log.error(`${this.name}: ${common.message}`);
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
    for (const disposable of this.disposables) disposable.dispose();
  }
}
