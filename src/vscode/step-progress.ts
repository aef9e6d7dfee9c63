// The Getting Started steps whose command alone does not mean they are done (extension host): a
// step completes on a context key (package.json's `onContext:` completion events), set here the
// first time the thing happened in this window. Once per key: VS Code remembers a completed step.
import * as vscode from 'vscode';
import { CONTEXT_KEYS } from './contributions';

type StepKey = (typeof CONTEXT_KEYS)['hoverShown' | 'censusShown' | 'captureShown'];

const set = new Set<StepKey>();

/** Marks the step that waits for `key` done (a context key set to true; nothing more after the first time). */
export function stepDone(key: StepKey): void {
  if (set.has(key)) return;
  set.add(key);
  void vscode.commands.executeCommand('setContext', key, true);
}
