// Helpers of the extension-host suites: the open tabs of one of our webviews, and waiting for
// the tab strip to reach a condition (tab changes arrive as events).
import * as vscode from 'vscode';

export function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType));
}

/** Waits, on tab events (and at least once a second), until `condition` holds; fails after 30 s. */
export async function untilTabs(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      };
      const listener = vscode.window.tabGroups.onDidChangeTabs(done);
      const timer = setTimeout(done, 1000);
    });
  }
}
