/// <reference types="mocha" />
// Extension-host suite: "TCP: Open Sample" (the Getting Started walkthrough's buttons) through the
// real VS Code API. The dump opens as a read-only log document of our scheme with the shipped
// file's text, and our hover answers in it; counting it shows the diagram; a name or an action
// outside the allow-list opens nothing and throws nothing; the capture opens in its editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { untilTabs, webviewTabs } from './webview-tabs';

const EXTENSION_ID = 'tcp-state-lens.tcp-state-lens';
const OPEN_SAMPLE = 'tcpStateLens.openSample';

function tabCount(): number {
  return vscode.window.tabGroups.all.reduce((n, group) => n + group.tabs.length, 0);
}

suite('TCP State Lens samples', () => {
  let extensionUri: vscode.Uri;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
    extensionUri = extension.extensionUri;
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the dump opens as a log document of our scheme, with the shipped text, and our hover answers on CLOSE-WAIT in it', async () => {
    await vscode.commands.executeCommand(OPEN_SAMPLE, 'dump');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document, 'no editor');
    assert.equal(document.uri.scheme, 'tcp-state-lens-sample');
    assert.equal(document.languageId, 'log');
    const shipped = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'samples', 'ss-tan-close-wait.log')));
    assert.equal(document.getText(), shipped);
    const position = document.positionAt(document.getText().indexOf('CLOSE-WAIT') + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
    assert.ok(texts.some((t) => /`CLOSE-WAIT` — ss spelling of RFC CLOSE-WAIT/.test(t)), texts.join('\n---\n'));
  });

  test('"count" after the dump shows its census on the state diagram', async () => {
    await vscode.commands.executeCommand(OPEN_SAMPLE, 'dump', 'count');
    await untilTabs(() => webviewTabs('tcpStateLens.diagram').length === 1, 'the diagram panel');
  });

  test('the capture opens in the capture timeline editor', async () => {
    await vscode.commands.executeCommand(OPEN_SAMPLE, 'capture');
    await untilTabs(
      () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === 'tcpStateLens.captureTimeline' && t.input.uri.path.endsWith('/samples/handshake-teardown.pcap'))),
      'the capture timeline editor of the sample',
    );
  });

  test('a name or an action outside the allow-list opens nothing and does not throw', async () => {
    const before = tabCount();
    for (const args of [['nope'], ['../package.json'], [{ toString: () => 'dump' }], [42], ['capture', 'count'], ['dump', 'delete']]) {
      await vscode.commands.executeCommand(OPEN_SAMPLE, ...args);
    }
    assert.equal(tabCount(), before);
    assert.equal(vscode.window.activeTextEditor?.document.uri.scheme === 'tcp-state-lens-sample', false);
  });
});
