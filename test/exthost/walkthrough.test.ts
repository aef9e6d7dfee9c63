/// <reference types="mocha" />
// Extension-host suite: the walkthrough's commands are contributed, open one reusable panel,
// do nothing harmful without a panel, and ignore a scenario argument that is not one of ours.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { untilTabs, webviewTabs } from './webview-tabs';

const COMMANDS = ['start', 'next', 'back', 'restart', 'togglePlay', 'pickScenario'].map((name) => `tcpStateLens.walkthrough.${name}`);

const walkthroughTabs = (): vscode.Tab[] => webviewTabs('tcpStateLens.walkthrough');

suite('TCP State Lens walkthrough commands', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('are contributed, with keybindings only while the walkthrough has focus', () => {
    const manifest = vscode.extensions.getExtension('tcp-state-lens.tcp-state-lens')?.packageJSON;
    const contributed = (manifest.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    for (const command of COMMANDS) assert.ok(contributed.includes(command), command);
    for (const binding of manifest.contributes.keybindings as Array<{ when: string }>) assert.match(binding.when, /^tcpStateLens\.walkthroughFocus && /);
  });

  test('step commands without a walkthrough open do nothing and do not fail', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of ['next', 'back', 'restart']) await vscode.commands.executeCommand(`tcpStateLens.walkthrough.${name}`);
    assert.equal(walkthroughTabs().length, 0);
  });

  test('start opens one panel, reused; a scenario argument that is not ours is ignored', async () => {
    await vscode.commands.executeCommand('tcpStateLens.walkthrough.start');
    await untilTabs(() => walkthroughTabs().length === 1, 'the walkthrough tab');
    for (const bad of [42, 'no-such-scenario', { id: 'reset' }, '<script>']) await vscode.commands.executeCommand('tcpStateLens.walkthrough.start', bad);
    await vscode.commands.executeCommand('tcpStateLens.walkthrough.start', 'simultaneous-open');
    for (const name of ['next', 'next', 'back', 'togglePlay', 'togglePlay', 'restart']) await vscode.commands.executeCommand(`tcpStateLens.walkthrough.${name}`);
    assert.equal(walkthroughTabs().length, 1);
  });
});
