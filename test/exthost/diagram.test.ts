/// <reference types="mocha" />
// Extension-host suite: the diagram command opens one reusable panel, and bad arguments from a
// command link or another extension are ignored, never acted on.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

function diagramTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('tcpStateLens.diagram'));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  // Tab changes arrive as events; wait for the one that makes the condition true.
  while (!condition()) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 30_000);
      const listener = vscode.window.tabGroups.onDidChangeTabs(() => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      });
    });
  }
}

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
    await until(() => diagramTabs().length === 1, 'the diagram tab');
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
