/// <reference types="mocha" />
// Extension-host suite: the diagram command opens one reusable panel, and bad arguments from a
// command link or another extension are ignored, never acted on.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { untilTabs, webviewTabs } from './webview-tabs';

const diagramTabs = (): vscode.Tab[] => webviewTabs('tcpStateLens.diagram');

suite('TCP State Lens diagram command', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('is contributed and opens one panel, reused when run again', async () => {
    const extension = vscode.extensions.getExtension('tcp-state-lens.tcp-state-lens');
    const contributed = (extension?.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.ok(contributed.includes('tcpStateLens.showDiagram'));
    // Running a contributed command wakes the extension if it is still asleep.
    await vscode.commands.executeCommand('tcpStateLens.showDiagram');
    assert.ok((await vscode.commands.getCommands(true)).includes('tcpStateLens.showDiagram'));
    await untilTabs(() => diagramTabs().length === 1, 'the diagram tab');
    await vscode.commands.executeCommand('tcpStateLens.showDiagram', 'TIME-WAIT');
    assert.equal(diagramTabs().length, 1);
  });

  test('ignores arguments that are not RFC state names', async () => {
    for (const bad of [42, 'DROP TABLE', { state: 'LISTEN' }, ['LISTEN'], '<script>']) {
      await vscode.commands.executeCommand('tcpStateLens.showDiagram', bad);
    }
    assert.equal(diagramTabs().length, 1);
  });
});
