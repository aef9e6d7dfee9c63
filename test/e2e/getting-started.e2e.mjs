// End-to-end: the Getting Started walkthrough in a real VS Code (code-server), VSIX installed.
// "Welcome: Open Walkthrough..." lists ours; its page lists our five steps (the titles read from
// package.nls.json); each step's button, clicked on the page, does what the step says in the
// workbench (the diagram drawn, the sample dump open and a hover on a state in it, the guided
// walkthrough, the sample's census, the sample capture's timeline), and the step shows completed
// afterwards. Each step's image (media/getting-started/*.png, shipped in the VSIX) is taken here.
// Then the same page with --locale zh-cn.
import { describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { spawnSync } from 'node:child_process';
import { extensionHostLogs, waitForLog } from './harness/code-server.mjs';
import { ensureDebianPackages } from './harness/install.mjs';
import { languagePack } from './harness/language-pack.mjs';
import { useWorkbench } from './harness/suite.mjs';
import { closeHover, frameWith, hoverWithMouse, runCommand, showInPalette } from './harness/workbench.mjs';
import { ROOT } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const IMAGES = join(ROOT, 'media', 'getting-started');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const NLS = {
  en: JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')),
  'zh-cn': JSON.parse(readFileSync(join(ROOT, 'package.nls.zh-cn.json'), 'utf8')),
};
const [WALKTHROUGH] = manifest.contributes.walkthroughs;
/** A %key% of the manifest in a language. */
const text = (value, locale = 'en') => NLS[locale][/^%(.+)%$/.exec(value)[1]];
/** The step's button label and command link, from its description: the line that is only a link. */
function button(step, locale = 'en') {
  const line = text(step.description, locale)
    .split('\n')
    .map((l) => /^\[([^\]]+)\]\((command:[^)]+)\)$/.exec(l.trim()))
    .find(Boolean);
  return { label: line[1], href: line[2] };
}
const STEP = Object.fromEntries(WALKTHROUGH.steps.map((s) => [s.id, s]));
const DUMP = 'ss-tan-close-wait.log';
const CAPTURE = 'handshake-teardown.pcap';

/** The page's element of a step (VS Code ids a step by extension id, walkthrough id and step id). */
const stepLocator = (page, id) => page.locator(`button.getting-started-step[data-step-id$="#${WALKTHROUGH.id}#${id}"]`);
/** The step's completion mark (a codicon that is "checked" once the step is done). */
const doneMark = (page, id) => page.locator(`.codicon[data-done-step-id$="#${WALKTHROUGH.id}#${id}"]`);

/** Opens our walkthrough as a person would: the palette's "Welcome: Open Walkthrough..." and its title in the list. */
async function openWalkthroughPage(page, locale = 'en') {
  const title = text(WALKTHROUGH.title, locale);
  await showInPalette(page, 'Welcome: Open Walkthrough...');
  await page.keyboard.press('Enter');
  // The command opens a second quick pick, of the walkthroughs: ours is picked from it by its title.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await stepLocator(page, WALKTHROUGH.steps[0].id).waitFor();
}

/**
 * Shows our walkthrough's page again as a person would: its tab, if another editor in its group
 * covers it; then, if the page went back to its start (it does when its tab is activated again),
 * our walkthrough from its list.
 */
async function backToPage(page, locale = 'en') {
  // VS Code names the page's tab "Welcome" until a walkthrough is selected and "Walkthrough: TCP
  // State Lens" once one is (GettingStartedInput.getName); which one a run sees depends on when
  // the title is read, so both are the page's.
  const tab = page.locator('.tab', { hasText: /Welcome|欢迎|Walkthrough: |演练[:：]/ }).first();
  if (!(await tab.evaluate((t) => t.classList.contains('active')))) await tab.click();
  const details = page.locator('.gettingStarted.showDetails');
  const shown = await details.waitFor({ timeout: 2000 }).then(() => true, () => false);
  if (!shown) {
    await page.locator(`button.getting-started-category[x-dispatch$="#${WALKTHROUGH.id}"]`).click();
    await details.waitFor();
  }
  await page.locator(`h2.category-title[x-category-title-for$="#${WALKTHROUGH.id}"]`, { hasText: text(WALKTHROUGH.title, locale) }).waitFor();
}

/** Selects the step on the page and clicks its button (labelled in `locale`); returns the button's label. */
async function clickStepButton(page, id, locale = 'en') {
  await backToPage(page, locale);
  const step = stepLocator(page, id);
  // The selected step is expanded and disabled (it is not a button to press again).
  if ((await step.getAttribute('aria-expanded')) !== 'true') await step.click();
  await page.locator(`button.getting-started-step.expanded[data-step-id$="#${id}"]`).waitFor();
  await stepImage(page, id, locale);
  const { label } = button(STEP[id], locale);
  await step.locator('.button-container .monaco-button', { hasText: label }).click();
  return label;
}

/** The page has the selected step's image (from the VSIX), loaded, with its alternative text. */
async function stepImage(page, id, locale = 'en') {
  const step = STEP[id];
  const image = page.locator(`.getting-started-media img[srcset*="${encodeURIComponent(step.media.image)}"]`);
  // Attached, not necessarily visible: the page hides its media column when its group is narrow.
  await image.waitFor({ state: 'attached' });
  assert.equal(await image.getAttribute('alt'), text(step.media.altText, locale), id);
  const loaded = await image.evaluate((img) => (img.complete ? img.naturalWidth : new Promise((resolve) => img.addEventListener('load', () => resolve(img.naturalWidth), { once: true }))));
  assert.ok(loaded > 0, `${step.media.image} did not load`);
}

/** Waits until the page shows the step completed (after the page, which re-renders, is back in view). */
async function assertDone(page, id, locale = 'en') {
  await backToPage(page, locale);
  await doneMark(page, id).and(page.locator('.codicon-getting-started-step-checked')).waitFor();
  assert.equal(await doneMark(page, id).getAttribute('aria-checked'), 'true', id);
}

/**
 * Saves the step's image: the part of the page in `box` (CSS pixels), clipped to the viewport, in
 * 256 colours or fewer (pngquant: a third of the bytes, the same to the eye), since it ships in the VSIX.
 */
async function saveStepImage(page, id, box) {
  const viewport = page.viewportSize();
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  const clip = { x, y, width: Math.min(viewport.width - x, Math.ceil(box.width)), height: Math.min(viewport.height - y, Math.ceil(box.height)) };
  mkdirSync(IMAGES, { recursive: true });
  const path = join(IMAGES, `${id}.png`);
  await page.screenshot({ path, clip });
  await ensureDebianPackages(['pngquant']);
  const quantised = spawnSync('pngquant', ['--force', '--strip', '--quality=65-90', '--output', path, path], { encoding: 'utf8' });
  assert.equal(quantised.status, 0, `pngquant ${path}: ${quantised.stderr}`);
}

/** The box of the editor group that shows the tab `title` (the webview or editor a step opened). */
async function groupBox(page, title) {
  const group = page.locator('.editor-group-container', { has: page.locator(`.tab.active[aria-label*="${title}"], .tab.active[title*="${title}"]`) }).first();
  await group.waitFor();
  return group.boundingBox();
}

describe('the Getting Started walkthrough in a real VS Code', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'tsl-getting-started-'));
  after(() => rmSync(workspace, { recursive: true, force: true }));
  // No breadcrumbs: the images show the step's editor, not the path of the extension's install folder.
  const ctx = useWorkbench({ vsix: VSIX, workspace, settings: { 'breadcrumbs.enabled': false } });
  const guarded = ctx.test;

  guarded('"Welcome: Open Walkthrough..." lists ours, and its page lists our steps in order, none done yet', async () => {
    // More room for the page and the editors beside it.
    await runCommand(ctx.page, 'View: Close Primary Side Bar');
    await openWalkthroughPage(ctx.page);
    const titles = await ctx.page.locator('button.getting-started-step .step-title').allTextContents();
    assert.deepEqual(titles, WALKTHROUGH.steps.map((s) => text(s.title)));
    assert.equal(await ctx.page.locator(`h2.category-title[x-category-title-for$="#${WALKTHROUGH.id}"]`).textContent(), text(WALKTHROUGH.title));
    for (const step of WALKTHROUGH.steps) assert.equal(await doneMark(ctx.page, step.id).getAttribute('aria-checked'), 'false', step.id);
  });

  guarded('"Open the state diagram": its button draws the diagram, and the step is done', async () => {
    await clickStepButton(ctx.page, 'diagram');
    const frame = await frameWith(ctx.page, '#diagram svg g.node[data-state="TIME-WAIT"]', 'diagram webview with its SVG');
    const states = await frame.locator('#diagram svg g.node[data-state]').evaluateAll((nodes) => new Set(nodes.map((n) => n.dataset.state)).size);
    assert.equal(states, 11);
    await waitForLog(ctx.server, /diagram rendered/);
    await saveStepImage(ctx.page, 'diagram', await groupBox(ctx.page, 'TCP State Diagram'));
    await assertDone(ctx.page, 'diagram');
  });

  guarded('"Hover a state name in a log": its button opens the sample dump read-only, a hover on CLOSE-WAIT explains it, and then the step is done', async () => {
    await clickStepButton(ctx.page, 'hover');
    await ctx.page.locator(`.tab.active[aria-label*="${DUMP}"], .tab.active[title*="${DUMP}"]`).first().waitFor();
    // Not done by the click: only a hover completes it.
    assert.equal(await doneMark(ctx.page, 'hover').getAttribute('aria-checked'), 'false');
    // A log document: the language the hover and the census serve.
    await ctx.page.locator('.editor-group-container', { has: ctx.page.locator(`.tab.active[aria-label*="${DUMP}"]`) }).locator('.monaco-editor .view-lines').first().click();
    await ctx.page.locator('.statusbar-item', { hasText: /^Log$/ }).first().waitFor();
    const shown = await hoverWithMouse(ctx.page, 'CLOSE-WAIT');
    assert.match(shown, /CLOSE-WAIT — ss spelling of RFC CLOSE-WAIT/);
    assert.match(shown, /Who is in it/);
    // The picture: the dump's editor from its tab down to below the hovered line, and the whole hover (it may reach past the editor's left edge).
    const hover = await ctx.page.locator('.monaco-editor .monaco-hover:not(.hidden)').first().boundingBox();
    const word = await ctx.page.locator('.editor-instance .view-line', { hasText: 'CLOSE-WAIT' }).first().boundingBox();
    const group = await groupBox(ctx.page, DUMP);
    const left = Math.min(group.x, hover.x - 8);
    const bottom = Math.max(hover.y + hover.height, word.y + word.height) + 8;
    await saveStepImage(ctx.page, 'hover', { x: left, y: group.y, width: group.x + group.width - left, height: bottom - group.y });
    await closeHover(ctx.page);
    // Read-only: typing in it is refused, so nothing is written into the extension's folder.
    await ctx.page.locator('.editor-group-container', { has: ctx.page.locator(`.tab.active[aria-label*="${DUMP}"]`) }).locator('.monaco-editor .view-lines').first().click();
    await ctx.page.keyboard.type('x');
    await ctx.page.locator('.monaco-editor-overlaymessage', { hasText: /read-only/i }).first().waitFor();
    await assertDone(ctx.page, 'hover');
  });

  guarded('"Follow a connection step by step": its button opens the guided walkthrough beside the page, and the step is done', async () => {
    await clickStepButton(ctx.page, 'walkthrough');
    const frame = await frameWith(ctx.page, 'body[data-scenario="handshake-and-teardown"] #sequence svg', 'walkthrough webview');
    await frame.locator('#states g.node.tsl-client').first().waitFor();
    await frame.locator('#sequence[data-step="0"]').waitFor({ state: 'attached' });
    // A few steps on with its Next button, so the picture shows the SYN and the SYN,ACK on their way.
    for (const step of [1, 2, 3, 4]) {
      await frame.locator('#next').click();
      await frame.locator(`#sequence[data-step="${step}"]`).waitFor({ state: 'attached' });
    }
    await saveStepImage(ctx.page, 'walkthrough', await groupBox(ctx.page, 'TCP Walkthrough'));
    await assertDone(ctx.page, 'walkthrough');
  });

  guarded('"Count the states in a dump": its button counts the sample, the diagram shows its CLOSE-WAIT pile-up and diagnosis, and the step is done', async () => {
    await clickStepButton(ctx.page, 'census');
    const frame = await frameWith(ctx.page, '#census:not([hidden]) tbody tr[data-state="CLOSE-WAIT"]', 'diagram webview with the census of the sample');
    const rows = await frame.locator('#census tbody tr[data-state]').evaluateAll((trs) => trs.map((tr) => [tr.dataset.state, Number(tr.querySelector('.count').textContent)]));
    // What samples/ss-tan-close-wait.log holds (test/unit/samples.test.ts counts it too).
    assert.deepEqual(rows, [['CLOSE-WAIT', 24], ['ESTABLISHED', 9], ['LISTEN', 4], ['TIME-WAIT', 2], ['FIN-WAIT-2', 1]]);
    // Named by its file name, not by a path inside the extension.
    await frame.locator('#census .document', { hasText: DUMP }).waitFor();
    assert.equal(await frame.locator('#census .document').textContent(), DUMP);
    const diagnosis = frame.locator('#census .diagnosis', { hasText: 'CLOSE-WAIT' });
    await diagnosis.waitFor();
    assert.match(await diagnosis.innerText(), /8080/);
    await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"][data-count="24"]').first().waitFor();
    await saveStepImage(ctx.page, 'census', await groupBox(ctx.page, 'TCP State Diagram'));
    // The table's line link shows the counted sample at that line.
    await frame.locator('#census tr[data-state="CLOSE-WAIT"] a.line-link').click();
    await ctx.page.locator('.statusbar-item', { hasText: /^Ln 16, Col 1\b/ }).waitFor();
    await assertDone(ctx.page, 'census');
  });

  guarded('"Open a capture": its button opens the sample capture in the timeline editor, its connection from SYN to the last ACK, and the step is done', async () => {
    await clickStepButton(ctx.page, 'capture');
    await ctx.page.locator(`.tab.active[aria-label*="${CAPTURE}"], .tab.active[title*="${CAPTURE}"]`).first().waitFor();
    const frame = await frameWith(ctx.page, '#rows .row[data-id="0"]', 'timeline webview of the sample capture');
    assert.equal(await frame.locator('#rows .row[data-id]').count(), 1);
    // Named by its file name, not by a path inside the extension.
    assert.equal(await frame.locator('header.toolbar h1').textContent(), `Capture timeline: ${CAPTURE}`);
    await frame.locator('#rows .row[data-id="0"]').click();
    await frame.locator('#sequence[data-id="0"] svg').waitFor();
    const arrows = await frame.locator('#sequence svg text.messageText').allTextContents();
    assert.match(arrows[0], /^SYN /);
    assert.ok(arrows.filter((a) => /^FIN,ACK /.test(a)).length === 2, arrows.join(' | '));
    await frame.locator('#facts li', { hasText: 'TIME-WAIT' }).first().waitFor();
    await saveStepImage(ctx.page, 'capture', await groupBox(ctx.page, CAPTURE));
    await assertDone(ctx.page, 'capture');
  });

  guarded('every step shows completed, and the extension host logged no error from the extension', async () => {
    await backToPage(ctx.page);
    for (const step of WALKTHROUGH.steps) assert.equal(await doneMark(ctx.page, step.id).getAttribute('aria-checked'), 'true', step.id);
    const errors = extensionHostLogs(ctx.server.userDataDir)
      .flatMap((path) => readFileSync(path, 'utf8').split('\n'))
      .filter((l) => /\[error\]/i.test(l) && /tcp-state-lens|tcpStateLens|TCP State Lens/i.test(l));
    assert.deepEqual(errors, []);
  });
});

// Seen: --locale zh-cn alone leaves VS Code English, the walkthrough's strings included (no
// language pack, so VS Code reads package.nls.json); with a zh-cn pack (the test one of
// harness/language-pack.mjs, VS Code's own words left English) the page is package.nls.zh-cn.json's.
describe('the Getting Started walkthrough in Chinese (--locale zh-cn, with a zh-cn language pack)', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'tsl-getting-started-zh-'));
  after(() => rmSync(workspace, { recursive: true, force: true }));
  const ctx = useWorkbench({ vsix: VSIX, workspace, locale: 'zh-cn', extensions: [languagePack('zh-cn')] });

  ctx.test("the palette's list and the page show our Chinese title, steps, descriptions and buttons, and a button still does its step", async () => {
    const page = ctx.page;
    await openWalkthroughPage(page, 'zh-cn');
    assert.equal(await page.locator(`h2.category-title[x-category-title-for$="#${WALKTHROUGH.id}"]`).textContent(), text(WALKTHROUGH.title, 'zh-cn'));
    assert.deepEqual(await page.locator('button.getting-started-step .step-title').allTextContents(), WALKTHROUGH.steps.map((s) => text(s.title, 'zh-cn')));
    // The selected step's description, its button and its image's alternative text.
    const first = WALKTHROUGH.steps[0];
    const description = text(first.description, 'zh-cn').split('\n')[0];
    assert.equal((await stepLocator(page, first.id).locator('.step-description-container p').first().textContent())?.trim(), description);
    await clickStepButton(page, 'hover', 'zh-cn');
    await page.locator(`.tab.active[aria-label*="${DUMP}"], .tab.active[title*="${DUMP}"]`).first().waitFor();
    // The hover in the display language (the explanation language is "auto").
    const shown = await hoverWithMouse(page, 'CLOSE-WAIT');
    assert.match(shown, /CLOSE-WAIT — .*的写法/);
    await closeHover(page);
    await assertDone(page, 'hover', 'zh-cn');
  });
});

// VS Code for the Web (code-server with `remote.extensionKind`: web, as web.e2e.mjs runs it): the
// samples come through vscode.workspace.fs from the extension's URI, with no Node.
describe("the Getting Started walkthrough's samples in VS Code for the Web (the browser's extension host)", () => {
  const workspace = mkdtempSync(join(tmpdir(), 'tsl-getting-started-web-'));
  after(() => rmSync(workspace, { recursive: true, force: true }));
  const ctx = useWorkbench({ vsix: VSIX, workspace, settings: { 'remote.extensionKind': { 'tcp-state-lens.tcp-state-lens': ['web'] } } });

  ctx.test('the dump opens with its hover, its census counts, the capture shows its timeline, and the Node extension host never woke the extension', async () => {
    const page = ctx.page;
    await runCommand(page, 'View: Close Primary Side Bar');
    await openWalkthroughPage(page);
    await clickStepButton(page, 'hover');
    await page.locator(`.tab.active[aria-label*="${DUMP}"], .tab.active[title*="${DUMP}"]`).first().waitFor();
    assert.match(await hoverWithMouse(page, 'CLOSE-WAIT'), /CLOSE-WAIT — ss spelling of RFC CLOSE-WAIT/);
    await closeHover(page);
    await assertDone(page, 'hover');
    await clickStepButton(page, 'census');
    const census = await frameWith(page, '#census:not([hidden]) tbody tr[data-state="CLOSE-WAIT"]', 'diagram webview with the census of the sample');
    assert.equal(await census.locator('#census tr[data-state="CLOSE-WAIT"] .count').textContent(), '24');
    await assertDone(page, 'census');
    await clickStepButton(page, 'capture');
    const timeline = await frameWith(page, '#rows .row[data-id="0"]', 'timeline webview of the sample capture');
    assert.equal(await timeline.locator('#rows .row[data-id]').count(), 1);
    await assertDone(page, 'capture');
    const activations = extensionHostLogs(ctx.server.userDataDir)
      .flatMap((path) => readFileSync(path, 'utf8').split('\n'))
      .filter((line) => line.includes('tcp-state-lens.tcp-state-lens') && /activat/i.test(line));
    assert.deepEqual(activations, [], 'the Node extension host activated the extension');
  });
});
