// The read-only editor of .pcap / .pcapng / .cap files (extension host): VS Code opens a capture
// in it by default and it shows the capture's timeline (timeline-view.ts). Read-only, so the
// document is only its URI: nothing to save, revert or back up.
import * as vscode from 'vscode';
import { TIMELINE_VIEW_TYPES } from './contributions';
import { documentLabel } from './document-label';
import { TimelineView } from './timeline-view';
import type { PanelContext } from './webview-panel';

class CaptureDocument implements vscode.CustomDocument {
  constructor(readonly uri: vscode.Uri) {}
  dispose(): void {}
}

export class CaptureEditorProvider implements vscode.CustomReadonlyEditorProvider<CaptureDocument> {
  constructor(private readonly panels: () => PanelContext) {}

  openCustomDocument(uri: vscode.Uri): CaptureDocument {
    return new CaptureDocument(uri);
  }

  resolveCustomEditor(document: CaptureDocument, panel: vscode.WebviewPanel): void {
    const label = documentLabel(document.uri, this.panels().extensionUri);
    new TimelineView(panel, this.panels(), { kind: 'capture', uri: document.uri }, label);
  }
}

export function registerCaptureEditor(panels: () => PanelContext): vscode.Disposable {
  // Each editor tab reads the file on its own: the documents hold nothing to share.
  return vscode.window.registerCustomEditorProvider(TIMELINE_VIEW_TYPES.captureEditor, new CaptureEditorProvider(panels), {
    supportsMultipleEditorsPerDocument: true,
    webviewOptions: { retainContextWhenHidden: false },
  });
}
