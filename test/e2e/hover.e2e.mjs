// End-to-end: the packaged VSIX installed into a real VS Code (code-server), driven in Chromium.
// Hovering each kind of spelling shows the right explanation; prose shows none; Restricted Mode
// works; the extension host logs no error from the extension.
import { describe } from 'node:test';
import { useWorkbench } from './harness/suite.mjs';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionHostLogs } from './harness/code-server.mjs';
import { closeHover, goTo, hoverAtCursor, hoverWithMouse, openFile } from './harness/workbench.mjs';
import { ROOT, saveReadmeScreenshot } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const EXPECTED = join(ROOT, 'test', 'fixtures', 'expected');

/** Where a spelling stands in a sample, read from the hand-written expected mentions. */
function locate(file, text) {
  const mentions = JSON.parse(readFileSync(join(EXPECTED, `${file}.json`), 'utf8'));
  const found = mentions.find((m) => m.text === text);
  if (!found) throw new Error(`${text} is not an expected mention of ${file}`);
  return found;
}

const CASES = [
  ['linux-netstat-antp.log', 'SYN_RECV', 'SYN_RECV — Linux netstat spelling of RFC SYN-RECEIVED'],
  ['ss-tanp.log', 'ESTAB', 'ESTAB — ss spelling of RFC ESTABLISHED'],
  ['windows-netstat-ano.log', 'LISTENING', 'LISTENING — Windows netstat spelling of RFC LISTEN'],
  ['windows-netstat-de.log', 'ABHÖREN', 'ABHÖREN — Windows netstat (German) spelling of RFC LISTEN'],
  ['macos-netstat.log', 'FIN_WAIT_1', 'FIN_WAIT_1 — BSD/macOS netstat spelling of RFC FIN-WAIT-1'],
  ['proc-net-tcp.txt', '0A', '0A — Linux /proc/net/tcp spelling of RFC LISTEN'],
  ['tcp_state_machine.c', 'TCP_FIN_WAIT2', 'TCP_FIN_WAIT2 — Linux kernel spelling of RFC FIN-WAIT-2'],
  ['conn_report.py', 'CONN_CLOSE_WAIT', 'CONN_CLOSE_WAIT — psutil spelling of RFC CLOSE-WAIT'],
  ['TcpWatcher.cs', 'TcpState.LastAck', 'TcpState.LastAck — .NET TcpState spelling of RFC LAST-ACK'],
  ['tracepoints.log', 'TCP_SYN_SENT', 'TCP_SYN_SENT — Linux tracepoint sock:inet_sock_set_state spelling of RFC SYN-SENT'],
  ['Get-NetTCPConnection.ps1', 'TimeWait', 'TimeWait — PowerShell Get-NetTCPConnection spelling of RFC TIME-WAIT'],
  ['check-conns.sh', 'time-wait', 'time-wait — ss state filter spelling of RFC TIME-WAIT'],
];

describe('hover in a real VS Code, extension installed from the VSIX', () => {
  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE });
  const guarded = ctx.test;

  for (const [file, text, headline] of CASES) {
    guarded(`hover on ${text} in ${file} explains it`, async () => {
      await openFile(ctx.page, file);
      const at = locate(file, text);
      await goTo(ctx.page, at.line, at.column + 1);
      const shown = await hoverAtCursor(ctx.page);
      assert.ok(shown.includes(headline), `hover shows:\n${shown}`);
      assert.match(shown, /Who is in it/);
      assert.match(shown, /Timers/);
      await closeHover(ctx.page);
    });
  }

  guarded('moving the mouse over TIME_WAIT in a netstat dump shows the explanation', async () => {
    await openFile(ctx.page, 'linux-netstat-antp.log');
    const shown = await hoverWithMouse(ctx.page, 'TIME_WAIT');
    assert.match(shown, /TIME_WAIT — Linux netstat spelling of RFC TIME-WAIT/);
    assert.match(shown, /FIN-WAIT-2 →/);
    assert.match(shown, /net\.ipv4\.tcp_tw_reuse/);
    await saveReadmeScreenshot(ctx.page, 'hover-time-wait.png');
    await closeHover(ctx.page);
  });

  guarded('prose words get no hover; a real mention in the same file does', async () => {
    await openFile(ctx.page, 'release-notes.txt');
    // Record every hover that renders, so a hover on the prose word cannot slip by unseen.
    await ctx.page.evaluate(() => {
      /** @type {any} */ (window).__tslHovers = [];
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content')) {
          const text = el.textContent ?? '';
          const seen = /** @type {any} */ (window).__tslHovers;
          if (text && !seen.includes(text)) seen.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const lines = readFileSync(join(WORKSPACE, 'release-notes.txt'), 'utf8').split('\n');
    for (const word of ['listen', 'closed', 'established', 'Closing', 'CLOSED']) {
      const line = lines.findIndex((l) => new RegExp(`\\b${word}\\b`).test(l));
      assert.ok(line >= 0, word);
      await goTo(ctx.page, line + 1, lines[line].search(new RegExp(`\\b${word}\\b`)) + 2);
      await ctx.page.keyboard.press('F1');
      await ctx.page.locator('.quick-input-widget input').fill('>Show or Focus Hover');
      await ctx.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show or Focus Hover' }).first().waitFor();
      await ctx.page.keyboard.press('Enter');
    }
    const mention = lines.findIndex((l) => l.includes('CLOSE_WAIT'));
    await goTo(ctx.page, mention + 1, lines[mention].indexOf('CLOSE_WAIT') + 2);
    const shown = await hoverAtCursor(ctx.page);
    assert.match(shown, /CLOSE_WAIT — Linux netstat spelling of RFC CLOSE-WAIT/);
    const seen = await ctx.page.evaluate(() => /** @type {any} */ (window).__tslHovers);
    const ours = seen.filter((text) => text.includes('RFC 9293'));
    assert.ok(ours.every((text) => text.includes('CLOSE_WAIT')), `unexpected hovers: ${JSON.stringify(ours)}`);
    await closeHover(ctx.page);
  });

  guarded('the extension host logs no error from the extension', async () => {
    const logs = extensionHostLogs(ctx.server.userDataDir);
    assert.ok(logs.length > 0, 'no extension host log found');
    const text = logs.map((path) => readFileSync(path, 'utf8')).join('\n');
    assert.match(text, /tcp-state-lens/i, 'the extension host never mentioned the extension');
    const errors = text.split('\n').filter((l) => /\[error\]/i.test(l) && /tcp-state-lens|tcpStateLens/i.test(l));
    assert.deepEqual(errors, []);
  });
});

describe('Restricted Mode (workspace trust on, folder not trusted)', () => {
  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE, trust: false });

  ctx.test('the hover works while the workspace is restricted', async () => {
    const { page } = ctx;
    // VS Code may ask whether to trust the folder (answer no, as a cautious user would) or
    // go straight to Restricted Mode: wait for whichever comes first.
    const dontTrust = page.locator('.monaco-dialog-box .monaco-button', { hasText: /No|Don't Trust|Restricted/ }).first();
    const restricted = page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first();
    await Promise.race([dontTrust.waitFor(), restricted.waitFor()]);
    if (await dontTrust.isVisible()) await dontTrust.click();
    await restricted.waitFor();
    await openFile(page, 'ss-tanp.log');
    const at = locate('ss-tanp.log', 'CLOSE-WAIT');
    await goTo(page, at.line, at.column + 1);
    const shown = await hoverAtCursor(page);
    assert.match(shown, /CLOSE-WAIT — ss spelling of RFC CLOSE-WAIT/);
  });
});
