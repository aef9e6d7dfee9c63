// Figures taken in a real VS Code (code-server in Chromium), printed by `npm run bench`:
//   - time from the workbench being ready to the first hover shown on a state name (this
//     includes opening the file, which wakes the extension);
//   - the extension's activation time as the extension host reports it
//     (Developer: Show Running Extensions).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer } from '../test/e2e/harness/code-server.mjs';
import { goTo, hoverAtCursor, launchBrowser, openFile, openWorkbench, runCommand } from '../test/e2e/harness/workbench.mjs';

const root = join(import.meta.dirname, '..');
const workspace = join(root, 'test', 'fixtures', 'workspace');

export async function measureInVsCode(vsix, runs = 3) {
  const expected = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'expected', 'linux-netstat-antp.log.json'), 'utf8'));
  const first = expected[0];
  const results = [];
  for (let run = 0; run < runs; run++) {
    const server = await startCodeServer({ vsix, workspace });
    const browser = await launchBrowser();
    try {
      const page = await openWorkbench(browser, server, workspace);
      const ready = performance.now();
      await openFile(page, 'linux-netstat-antp.log');
      await goTo(page, first.line, first.column + 1);
      const text = await hoverAtCursor(page);
      const firstHover = performance.now() - ready;
      if (!/RFC 9293/.test(text)) throw new Error(`unexpected hover: ${text}`);
      await page.keyboard.press('Escape');
      await runCommand(page, 'Developer: Show Running Extensions');
      const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'TCP State Lens' }).first();
      await row.waitFor();
      const activation = await row.locator('.activation-time').first().innerText().catch(async () => row.innerText());
      const ms = /([\d.]+)\s*ms/.exec(activation);
      results.push({ firstHover, activation: ms ? Number(ms[1]) : NaN, activationText: activation.replace(/\s+/g, ' ').trim() });
    } finally {
      await browser.close();
      await server.stop();
    }
  }
  return results;
}
