// End-to-end in Chinese: the VSIX in a real VS Code (code-server) started with `--locale zh-cn`,
// the explanation language left at "auto". Seen first: `--locale zh-cn` alone leaves VS Code
// English (vscode.env.language 'en', no l10n bundle, the hover and the palette English) until a
// language pack for zh-cn is installed, so a test one is (harness/language-pack.mjs). Then the
// command palette has our Chinese titles (package.nls.zh-cn.json), the hover on a state name in a
// log, the diagram's explanation pane, the walkthrough's narration, a census diagnosis of an ss
// dump and the explorer's coverage list and verdict (the transition table's rows in full Chinese
// words) are the core's Chinese, and the pages' own words are the l10n bundle's. With zh-tw, for
// which nothing is translated yet, the same Simplified Chinese (the files the build writes).
// Every expected text is read from the core (bundled here from src/ with esbuild, as the
// extension's is), the bundle or package.nls, never retyped.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useWorkbench } from './harness/suite.mjs';
import { languagePack } from './harness/language-pack.mjs';
import { frameWith, goTo, hoverAtCursor, closeHover, openFile, runCommand } from './harness/workbench.mjs';
import { ROOT } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const json = (path) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const BUNDLE = json('l10n/bundle.l10n.zh-cn.json');
const NLS = json('package.nls.zh-cn.json');
/** A command's title as the palette shows it in Chinese: its category, then its package.nls.zh-cn.json title. */
const command = (key) => `TCP: ${NLS[key]}`;

/** The core, from the same source the extension ships. */
async function core() {
  const built = await esbuild.build({
    stdin: {
      contents:
        "export { CensusScanner, diagnose, explainState, toPlainText, walkthroughView, scenarioById } from './src/core';" +
        "export { rowText } from './src/core/model/transition-text'; export { transitionById } from './src/core/model/transitions';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
  });
  return import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
}

/** Where a spelling stands in a sample, read from the hand-written expected mentions. */
function locate(file, text) {
  const found = json(`test/fixtures/expected/${file}.json`).find((m) => m.text === text);
  if (!found) throw new Error(`${text} is not an expected mention of ${file}`);
  return found;
}

/** The hover on TIME_WAIT in a netstat dump: the core's Chinese headline, meaning and headings. */
async function chineseHover(ctx, tcp) {
  const at = locate('linux-netstat-antp.log', 'TIME_WAIT');
  await openFile(ctx.page, 'linux-netstat-antp.log');
  await goTo(ctx.page, at.line, at.column + 1);
  const shown = await hoverAtCursor(ctx.page);
  const view = tcp.explainState('TIME-WAIT', 'zh-cn', { text: 'TIME_WAIT', source: 'linux-netstat' });
  assert.ok(shown.includes(`TIME_WAIT — ${view.headline}`), `hover shows:\n${shown}`);
  assert.match(view.headline, /的写法/);
  assert.ok(shown.includes(view.data.meaning), 'the meaning, in Chinese');
  assert.ok(shown.includes(view.data.side), 'who is in it, in Chinese');
  assert.match(shown, /主动关闭方/);
  await closeHover(ctx.page);
}

describe('in Chinese (--locale zh-cn, with a zh-cn language pack)', () => {
  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE, locale: 'zh-cn', extensions: [languagePack('zh-cn')] });
  const guarded = ctx.test;
  /** @type {any} */
  let tcp;

  guarded('the hover on a state name in a log is Chinese', async () => {
    tcp = await core();
    await chineseHover(ctx, tcp);
  });

  guarded("the diagram's page and its explanation pane are Chinese", async () => {
    await runCommand(ctx.page, command('command.showDiagram'));
    const frame = await frameWith(ctx.page, '#diagram svg g.node[data-state]', 'diagram webview');
    assert.equal(await frame.locator('header h1').textContent(), BUNDLE['TCP State Diagram']);
    assert.equal(await frame.locator('#export').textContent(), BUNDLE['Export SVG…']);
    assert.equal(await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"]').first().getAttribute('aria-label'), BUNDLE['{0}: show explanation'].replace('{0}', 'CLOSE-WAIT'));
    await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"]').first().click();
    await frame.locator('#explanation .title', { hasText: 'CLOSE-WAIT' }).waitFor();
    const expected = tcp.toPlainText(tcp.explainState('CLOSE-WAIT', 'zh-cn'));
    const pane = frame.locator('#explanation .body');
    await frame.locator('#explanation .body', { hasText: '哪一方处于此状态' }).waitFor();
    assert.equal((await pane.textContent()).trim(), expected.trim());
    assert.match(expected, /被动关闭方/);
    await runCommand(ctx.page, 'View: Close All Editors');
  });

  guarded("the walkthrough's narration and controls are Chinese", async () => {
    const view = tcp.walkthroughView(tcp.scenarioById('handshake-and-teardown'), 'zh-cn');
    assert.match(view.title, /三次握手与四次挥手/);
    await runCommand(ctx.page, command('command.walkthrough.start'));
    const frame = await frameWith(ctx.page, 'body[data-scenario="handshake-and-teardown"] #sequence svg', 'walkthrough');
    await frame.locator('#sequence[data-step="0"]').waitFor({ state: 'attached' });
    assert.equal(await frame.locator('#narration').textContent(), view.steps[0].narration);
    assert.equal(await frame.locator('#next').textContent(), `${BUNDLE.Next} ▶`);
    assert.equal(await frame.locator('#next').getAttribute('title'), BUNDLE['Next (Right)']);
    await frame.locator('#narration').click();
    await ctx.page.keyboard.press('ArrowRight');
    await frame.locator('#sequence[data-step="1"]').waitFor({ state: 'attached' });
    const narration = await frame.locator('#narration').textContent();
    assert.equal(narration, view.steps[1].narration);
    assert.match(narration, /[\u4e00-\u9fff]/);
    assert.equal(await frame.locator('#title').textContent(), `${view.number}. ${view.title}`);
    assert.equal(await frame.locator('#client-state').textContent(), BUNDLE['{0}: {1}'].replace('{0}', BUNDLE.Client).replace('{1}', view.steps[1].client));
    await runCommand(ctx.page, 'View: Close All Editors');
  });

  guarded('a census diagnosis of an ss dump is Chinese', async () => {
    const dump = 'close-wait-pileup.log';
    const scanner = new tcp.CensusScanner();
    scanner.push(readFileSync(join(WORKSPACE, dump), 'utf8'));
    const [expected] = tcp.diagnose(scanner.end());
    assert.equal(expected?.id, 'many-close-wait');
    await openFile(ctx.page, dump);
    await runCommand(ctx.page, command('command.countStates'));
    const frame = await frameWith(ctx.page, '#census .diagnosis', 'diagram webview with a census diagnosis');
    const diagnosis = frame.locator('#census .diagnosis').first();
    assert.equal(await diagnosis.locator('h3').textContent(), expected.title['zh-cn']);
    assert.equal(await diagnosis.locator('.because').textContent(), `${BUNDLE['Because:']} ${expected.because['zh-cn']}`);
    assert.equal(await diagnosis.locator('.advice').textContent(), `${BUNDLE['What to check:']} ${expected.advice['zh-cn']}`);
    assert.equal(await frame.locator('#census-title').evaluate((h) => h.firstChild?.textContent), `${BUNDLE['State counts:']} `);
    await runCommand(ctx.page, 'View: Close All Editors');
  });

  guarded("the explorer's coverage list and verdict name the table's rows in full Chinese words", async () => {
    const r06 = tcp.rowText(tcp.transitionById('R06'), 'zh-cn');
    const u01 = tcp.rowText(tcp.transitionById('U01'), 'zh-cn');
    assert.equal(r06.event, '收到不带 ACK 的 SYN');
    await runCommand(ctx.page, command('command.explorer.start'));
    const frame = await frameWith(ctx.page, 'body[data-drawn="0"][data-step="0"] #sequence svg', 'explorer at step 0');
    // The coverage list: each row by its event in Chinese, not the figure's label ('rcv SYN').
    const coverage = frame.locator('#coverage li[data-row="R06"]');
    await coverage.waitFor({ state: 'attached' });
    const item = await coverage.textContent();
    assert.ok(item?.startsWith(`· R06 ${r06.event} (LISTEN) `), item ?? '');
    assert.ok(!item.includes('rcv SYN'), item);
    // Predict mode: a wrong prediction's verdict names the row that decided, event → action in Chinese.
    await frame.locator('#narration').click();
    await ctx.page.keyboard.press('p');
    await frame.locator('#prediction:not([hidden])').waitFor();
    await frame.locator('#predict-server').selectOption('SYN-RECEIVED');
    await frame.locator('#choices button[data-choice="call:server:passive-open"]').click();
    await frame.locator('body[data-drawn="1"][data-step="1"]').waitFor({ state: 'attached' });
    await frame.locator('#verdict.wrong').waitFor();
    const verdict = await frame.locator('#verdict').innerText();
    assert.ok(verdict.includes(`U01（§3.10.1）：${u01.event} → ${u01.action}`), verdict);
    assert.match(verdict, /^不完全对：/);
    await ctx.page.keyboard.press('p');
    await runCommand(ctx.page, 'View: Close All Editors');
  });
});

describe('in Traditional Chinese (--locale zh-tw): the Simplified Chinese strings, as nothing is translated yet', () => {
  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE, locale: 'zh-tw', extensions: [languagePack('zh-tw')] });

  ctx.test('the palette, the hover and the diagram page are Simplified Chinese', async () => {
    const tcp = await core();
    await chineseHover(ctx, tcp);
    await runCommand(ctx.page, command('command.showDiagram'));
    const frame = await frameWith(ctx.page, '#diagram svg g.node[data-state]', 'diagram webview');
    assert.equal(await frame.locator('header h1').textContent(), BUNDLE['TCP State Diagram']);
    assert.equal(await frame.locator('#export').textContent(), BUNDLE['Export SVG…']);
  });
});
