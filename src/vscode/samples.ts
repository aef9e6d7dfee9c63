// "TCP: Open Sample" (extension host): the samples shipped in the VSIX, for the Getting Started
// walkthrough's buttons. Each opens beside the active editor, as the diagram does, so the
// Getting Started page it was opened from stays in view. The dump opens as a read-only `log` document (hover and census work on
// it, and nothing is written back into the extension's folder); the capture opens in the capture
// timeline editor. Read through vscode.workspace.fs from the extension's URI only, so it works
// where the extension is not on a local disk (VS Code for the Web) too.
import * as vscode from 'vscode';
import { logPreview } from '../shared/log-text';
import { COMMANDS, SAMPLE_ACTIONS, SAMPLE_SCHEME, SAMPLES, TIMELINE_VIEW_TYPES } from './contributions';
import { countStates } from './count-states';
import type { PanelContext } from './webview-panel';

export type SampleName = keyof typeof SAMPLES;
type SampleAction = (typeof SAMPLE_ACTIONS)[number];

function isSampleName(value: unknown): value is SampleName {
  return typeof value === 'string' && Object.hasOwn(SAMPLES, value);
}

function isSampleAction(value: unknown): value is SampleAction {
  return typeof value === 'string' && (SAMPLE_ACTIONS as readonly string[]).includes(value);
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The read-only document of a text sample: `tcp-state-lens-sample:/ss-tan-close-wait.log`. */
export function sampleDocumentUri(name: SampleName): vscode.Uri {
  return vscode.Uri.from({ scheme: SAMPLE_SCHEME, path: `/${fileName(SAMPLES[name])}` });
}

/** Serves the text samples' content from the extension's own files; any other path is not ours. */
class SampleContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const name = (Object.keys(SAMPLES) as SampleName[]).find((n) => sampleDocumentUri(n).path === uri.path);
    if (!name) throw new Error(vscode.l10n.t('TCP State Lens has no sample at {0}.', logPreview(uri.path, 80)));
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, SAMPLES[name]));
    return new TextDecoder().decode(bytes);
  }
}

async function openDump(panels: () => PanelContext, action: SampleAction | undefined): Promise<void> {
  let document = await vscode.workspace.openTextDocument(sampleDocumentUri('dump'));
  // Its name ends in .log, so VS Code gives it the log language; said again in case a setting maps it elsewhere.
  if (document.languageId !== 'log') document = await vscode.languages.setTextDocumentLanguage(document, 'log');
  // Counted, the dump is not shown: the census opens beside the active editor (the Getting Started
  // page) and its table's line links show the dump when asked.
  if (action === 'count') countStates(panels(), document.uri);
  else await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
}

async function openCapture(extensionUri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.joinPath(extensionUri, SAMPLES.capture), TIMELINE_VIEW_TYPES.captureEditor, vscode.ViewColumn.Beside);
}

async function pickSample(): Promise<SampleName | undefined> {
  const items: (vscode.QuickPickItem & { name: SampleName })[] = [
    { name: 'dump', label: vscode.l10n.t('ss -tan dump with a CLOSE-WAIT pile-up'), description: fileName(SAMPLES.dump) },
    { name: 'capture', label: vscode.l10n.t('Capture of one connection: handshake, request, close'), description: fileName(SAMPLES.capture) },
  ];
  return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Open a sample') }))?.name;
}

/**
 * The command: `sample` and `action` come from a command link or another extension, so only the
 * names of SAMPLES and SAMPLE_ACTIONS are taken; anything else is refused with a message.
 */
async function openSample(extensionUri: vscode.Uri, panels: () => PanelContext, sample?: unknown, action?: unknown): Promise<void> {
  const refuse = (what: string): void => {
    panels().log.warn(`openSample: refused ${what}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('TCP State Lens cannot open that sample: {0}.', what));
  };
  const name = sample === undefined ? await pickSample() : sample;
  if (name === undefined) return;
  if (!isSampleName(name)) return refuse(vscode.l10n.t('no sample is named {0}', logPreview(name, 40)));
  if (action !== undefined && !(isSampleAction(action) && name === 'dump')) return refuse(vscode.l10n.t('{0} cannot be done on {1}', logPreview(action, 40), name));
  try {
    if (name === 'dump') await openDump(panels, action);
    else await openCapture(extensionUri);
    panels().log.info(`opened the sample ${name}${action ? ` (${action})` : ''}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    panels().log.error(`openSample ${name} failed: ${reason}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open the sample {0}: {1}', fileName(SAMPLES[name]), reason));
  }
}

export function registerSamples(extensionUri: vscode.Uri, panels: () => PanelContext): vscode.Disposable[] {
  return [
    vscode.workspace.registerTextDocumentContentProvider(SAMPLE_SCHEME, new SampleContentProvider(extensionUri)),
    vscode.commands.registerCommand(COMMANDS.openSample, (sample?: unknown, action?: unknown) => openSample(extensionUri, panels, sample, action)),
  ];
}
