// End-to-end accessibility: every webview of the extension in a real VS Code (code-server), VSIX
// installed, in the default light theme and in both high-contrast themes. In each webview:
//  - axe-core (node_modules/axe-core) runs inside the webview's own document: no violation of
//    impact "serious" or "critical" may remain (colour contrast included, so the high-contrast
//    themes count); every violation, minor and moderate too, is printed for the record;
//  - Tab from the top of the page reaches every enabled, rendered control (buttons, selects,
//    inputs, links, summaries, anything with tabindex ≥ 0) and nothing else, and each Tab stop
//    shows a focus indicator (an outline, a box shadow, or for a state box of the diagram its
//    border in the theme's focus colour) that it does not have when not focused;
//  - the live regions that announce a change exist and are rendered (in the accessibility tree)
//    before the change, and after it one of them says the new state's name.
//
// How axe gets into a webview: the page's Content Security Policy allows only scripts with its
// nonce and no eval, so an injected <script> (frame.addScriptTag) would be refused, and an eval of
// axe's text inside frame.evaluate too (only Playwright's own evaluation is exempt). This test
// therefore opens the workbench in a browser context of its own with Playwright's `bypassCSP: true`
// (Chromium's Page.setBypassCSP, which covers the webview's nested frames), and adds axe with
// addScriptTag. The harness's openWorkbench is left as it is: every other test keeps the CSP on.
// The extension's pages are the same; only the browser stops enforcing their policy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { startCodeServer } from './harness/code-server.mjs';
import { ensureDebianPackages } from './harness/install.mjs';
import { dismissNotifications, frameWith, launchBrowser, openFile, pickTheme, runCommand, showInPalette, UI_TIMEOUT } from './harness/workbench.mjs';
import { ROOT, saveFailure } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const DUMP = 'close-wait-pileup.log';
const CAPTURE = 'handshake-and-teardown.pcap';
const TEXT = 'handshake-and-teardown.tcpdump.log';
const THEMES = [
  { name: 'Default Light Modern', kind: 'vscode-light' },
  { name: 'Dark High Contrast', kind: 'vscode-high-contrast' },
  { name: 'Light High Contrast', kind: 'vscode-high-contrast-light' },
];

/** The extension's core, bundled from its TypeScript: the scenarios, the explorer and its pcap export. */
async function loadCore() {
  const built = await esbuild.build({ entryPoints: [join(ROOT, 'src', 'core', 'index.ts')], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
}

/** The workbench, as the harness's openWorkbench opens it, in a context that does not enforce CSP (see the header). */
async function openWorkbenchWithoutCsp(browser, server, folder) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor();
  return page;
}

/**
 * The harness's openCapture, with a wait for the palette to close after its Escape: on a busy
 * machine the next palette could otherwise open on the closing one's inert input.
 */
async function openCapture(page, name) {
  await showInPalette(page, 'TCP: Show Timeline of tcpdump Text');
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
  await page.locator(`.tab.active[aria-label*="${name}"], .tab.active[title*="${name}"]`).first().waitFor();
}

// ---- axe ----

/** Runs axe-core in the webview's document; returns its violations (every impact), printed. */
async function audit(frame, what) {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.addScriptTag({ content: AXE_SOURCE });
  const violations = await frame.evaluate(async () => {
    const axe = /** @type {any} */ (window).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300) })),
    }));
  });
  // How much text colour-contrast checked, and left for a person to review (text over an image or a gradient, say).
  const contrast = await frame.evaluate(async () => {
    const axe = /** @type {any} */ (window).axe;
    const result = await axe.run(document, { runOnly: ['color-contrast'] });
    const count = (list) => list.reduce((n, r) => n + r.nodes.length, 0);
    return { passed: count(result.passes), review: count(result.incomplete) };
  });
  const lines = violations.flatMap((v) => [`  ${v.impact} ${v.id} (${v.nodes.length}): ${v.help}`, ...v.nodes.slice(0, 6).map((n) => `      ${n.target}: ${n.summary}`)]);
  console.log(`[a11y] ${what}: ${violations.length ? `${violations.length} violations` : 'no violations'} (colour contrast: ${contrast.passed} texts pass, ${contrast.review} to review)${lines.length ? `\n${lines.join('\n')}` : ''}`);
  return violations;
}

/** Asserts that axe found nothing serious or critical; records every violation for the summary. */
async function assertAudit(frame, what) {
  const violations = await audit(frame, what);
  figures.push({ what, violations: violations.map((v) => `${v.id} ${v.impact} ×${v.nodes.length}`) });
  for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
    problems.push(`${what}: axe ${v.impact} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
  }
}

/** What the run found, printed at its end. */
const figures = [];
/**
 * What the running test found wrong: each check records its findings and goes on, so one run
 * shows all of them; the test fails at its end if there are any.
 */
let problems = [];

// ---- keyboard ----

/**
 * The page's elements that Tab should reach, each with a key (its index in the document) and a
 * name: the enabled, rendered controls and elements with a tabindex ≥ 0, and the scroll
 * containers with nothing focusable inside, which Chromium puts in the Tab order itself.
 */
async function focusables(frame) {
  await installHelpers(frame);
  return frame.evaluate(() => {
    const { elements, name } = /** @type {any} */ (window).__a11y;
    const all = elements();
    const tabbable = (e) => e.tabIndex >= 0 && !e.matches(':disabled') && !e.closest('[inert]') && e.checkVisibility({ visibilityProperty: true });
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]';
    const listed = [...document.querySelectorAll(selector)].filter(tabbable);
    const scrollers = all.filter((e) => {
      if (!(e instanceof HTMLElement) || listed.includes(e) || !e.checkVisibility()) return false;
      const style = getComputedStyle(e);
      const scrolls = (overflow, size, client) => /auto|scroll/.test(overflow) && size > client;
      if (!scrolls(style.overflowY, e.scrollHeight, e.clientHeight) && !scrolls(style.overflowX, e.scrollWidth, e.clientWidth)) return false;
      return !listed.some((f) => e.contains(f));
    });
    return [
      ...listed.map((e) => ({ key: all.indexOf(e), name: name(e), control: e.matches('a[href], button, input, select, textarea') })),
      ...scrollers.map((e) => ({ key: all.indexOf(e), name: `${name(e)} (a scroll container)`, control: false })),
    ];
  });
}

/**
 * Puts the page-side helpers into the webview's document (once per document): how an element
 * shows focus, and the live regions with what a change in them would announce.
 */
async function installHelpers(frame) {
  await frame.evaluate(() => {
    const w = /** @type {any} */ (window);
    if (w.__a11y) return;
    const seen = (colour) => !!colour && colour !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(colour);
    /**
     * How an element shows focus: its outline, box shadow and (a state box of the diagram, an
     * SVG group) its box's stroke, as one comparable text; '' when it shows nothing.
     */
    const indicator = (e) => {
      const style = getComputedStyle(e);
      const parts = [];
      if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && seen(style.outlineColor)) parts.push(`outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`);
      if (style.boxShadow !== 'none') parts.push(`shadow ${style.boxShadow}`);
      const rect = e instanceof SVGElement ? e.querySelector('rect') : null;
      if (rect) {
        const r = getComputedStyle(rect);
        if (parseFloat(r.strokeWidth) > 0 && seen(r.stroke)) parts.push(`stroke ${r.stroke} ${r.strokeWidth}`);
      }
      return parts.join('; ');
    };
    const implicit = { status: 'polite', log: 'polite', alert: 'assertive', timer: 'off', marquee: 'off' };
    /** The text a change under `root` would announce: not what is in a nested aria-live="off", aria-hidden or unrendered part. */
    const announced = (root) => {
      let text = '';
      const walk = (node) => {
        for (const child of node.childNodes) {
          if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
          else if (child instanceof Element) {
            if (child.getAttribute('aria-live') === 'off' || child.getAttribute('aria-hidden') === 'true') continue;
            if (!child.checkVisibility({ visibilityProperty: true })) continue;
            walk(child);
            text += ' ';
          }
        }
      };
      walk(root);
      return text.replace(/\s+/g, ' ').trim();
    };
    /** The live regions: politeness, whether rendered (so in the accessibility tree, so announced), what they would say. */
    const liveRegions = () =>
      [...document.querySelectorAll('[aria-live], [role]')]
        .filter((e) => e.hasAttribute('aria-live') || (e.getAttribute('role') ?? '') in implicit)
        .map((e) => ({
          id: e.id || e.getAttribute('class') || e.tagName.toLowerCase(),
          live: e.getAttribute('aria-live') ?? implicit[e.getAttribute('role') ?? ''],
          rendered: e.checkVisibility(),
          text: announced(e),
        }));
    const name = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.dataset?.state ? `[${e.dataset.state}]` : ''} "${(e.getAttribute('aria-label') || e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
    w.__a11y = { indicator, liveRegions, name, elements: () => [...document.querySelectorAll('*')] };
  });
}

/**
 * Tabs through the page from `start` (clicked, as a person clicks into a panel; the title, so
 * nothing focusable is before it) until the focus leaves the webview; returns each stop with how
 * it showed focus then, and at rest once the focus has gone.
 */
async function tabThrough(page, frame, start) {
  await installHelpers(frame);
  await frame.locator(start).first().click();
  const stops = [];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const stop = await frame.evaluate(() => {
      const { indicator, elements, name } = /** @type {any} */ (window).__a11y;
      const e = document.activeElement;
      if (!document.hasFocus() || !e || e === document.body || e === document.documentElement) return null;
      return { key: elements().indexOf(e), name: name(e), focusVisible: e.matches(':focus-visible'), focused: indicator(e) };
    });
    if (!stop || stops.some((s) => s.key === stop.key)) break;
    stops.push(stop);
  }
  const rest = await frame.evaluate((keys) => {
    const { indicator, elements } = /** @type {any} */ (window).__a11y;
    const all = elements();
    return keys.map((k) => indicator(all[k]));
  }, stops.map((s) => s.key));
  return stops.map((s, i) => ({ ...s, rest: rest[i] }));
}

/** Asserts that Tab reaches every control of the page, and nothing else, each with a visible focus. */
async function assertKeyboard(page, frame, start, what) {
  const expected = await focusables(frame);
  const stops = await tabThrough(page, frame, start);
  const name = new Map(expected.map((e) => [e.key, e.name]));
  const keys = (list) => list.map((e) => e.key).sort((a, b) => a - b);
  const missed = expected.filter((e) => !stops.some((s) => s.key === e.key)).map((e) => e.name);
  const extra = stops.filter((s) => !name.has(s.key)).map((s) => s.name);
  const invisible = stops.filter((s) => !s.focusVisible || !s.focused || s.focused === s.rest).map((s) => `${name.get(s.key) ?? s.key}: focused "${s.focused}", at rest "${s.rest}"`);
  const controls = expected.filter((e) => e.control).length;
  console.log(`[a11y] ${what}: ${stops.length} Tab stops; ${expected.length} focusable (${controls} buttons, selects, inputs, links)${extra.length ? `; also ${extra.join(', ')}` : ''}${missed.length ? `; missed ${missed.join(', ')}` : ''}${invisible.length ? `; no visible focus: ${invisible.join(' | ')}` : ''}`);
  const figure = figures.find((f) => f.what === what);
  if (figure) figure.tab = `${stops.length} stops / ${expected.length} focusable (${controls} controls)`;
  for (const m of missed) problems.push(`${what}: Tab never reaches ${m}`);
  for (const x of extra) problems.push(`${what}: Tab stops at ${x}, which is not a control`);
  if (!missed.length && !extra.length && keys(stops).join() !== keys(expected).join()) problems.push(`${what}: the Tab stops are not the focusable elements`);
  for (const i of invisible) problems.push(`${what}: no visible focus on ${i}`);
}

// ---- live regions ----

async function liveRegions(frame) {
  await installHelpers(frame);
  return frame.evaluate(() => /** @type {any} */ (window).__a11y.liveRegions());
}

/** Asserts that each of `ids` is a live region (polite or assertive) that is rendered now. */
async function assertLive(frame, ids, what) {
  const regions = await liveRegions(frame);
  for (const id of ids) {
    const region = regions.find((r) => r.id === id);
    if (!region) problems.push(`${what}: #${id} is not a live region (the live regions: ${regions.map((r) => r.id).join(', ')})`);
    else if (region.live !== 'polite' && region.live !== 'assertive') problems.push(`${what}: #${id} is aria-live="${region.live}"`);
    else if (!region.rendered) problems.push(`${what}: #${id} is not rendered, so not in the accessibility tree: a change in it is not announced`);
  }
}

/** Waits until one of the page's rendered live regions says `text`; returns it. */
async function waitForAnnouncement(frame, text, what) {
  await installHelpers(frame);
  const found = await frame
    .waitForFunction((needle) => /** @type {any} */ (window).__a11y.liveRegions().find((r) => r.rendered && r.live !== 'off' && r.text.includes(needle)), text, { timeout: 10_000 })
    .then((handle) => handle.jsonValue())
    .catch(() => undefined);
  if (!found) {
    problems.push(`${what}: no rendered live region says ${text}: ${JSON.stringify(await liveRegions(frame))}`);
    return;
  }
  console.log(`[a11y] ${what}: #${found.id} (aria-live ${found.live}) announces "${found.text.slice(0, 160)}"`);
}

// ---- the webviews ----

function diagramFrame(page) {
  return frameWith(page, '#diagram svg g.node[data-state][tabindex]', 'diagram webview with its states');
}

async function censusFrame(page) {
  const frame = await frameWith(page, '#census:not([hidden]) tbody tr[data-state] ~ tr', 'diagram webview with a census');
  await frame.locator('#census tbody tr[data-state="LISTEN"]').waitFor();
  await frame.locator('#census .diagnosis').first().waitFor();
  return frame;
}

async function walkthroughFrame(page, step) {
  const frame = await frameWith(page, `body[data-scenario="handshake-and-teardown"] #sequence[data-step="${step}"] svg`, `walkthrough at step ${step}`);
  return frame;
}

function explorerFrame(page, step) {
  return frameWith(page, `body[data-drawn="${step}"][data-step="${step}"] #sequence svg`, `explorer at step ${step}`);
}

describe('accessibility of every webview in a real VS Code', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'tsl-a11y-'));
  const ctx = { server: undefined, browser: undefined, page: undefined, core: undefined };

  before(async () => {
    ctx.core = await loadCore();
    copyFileSync(join(ROOT, 'test', 'fixtures', 'workspace', DUMP), join(workspace, DUMP));
    // A capture of scenario 1 as the explorer exports it, and tcpdump's text of it.
    const scenario = ctx.core.scenarioById('handshake-and-teardown');
    const explorer = new ctx.core.Explorer({ iss: scenario.iss, profile: 'rfc9293' }, ctx.core.pinnedEvents(scenario, 'rfc9293'));
    writeFileSync(join(workspace, CAPTURE), ctx.core.exchangePcap(explorer.steps));
    await ensureDebianPackages(['tcpdump']);
    const text = spawnSync('tcpdump', ['-nn', '-tt', '-r', join(workspace, CAPTURE)], { encoding: 'utf8' });
    assert.equal(text.status, 0, text.stderr);
    writeFileSync(join(workspace, TEXT), text.stdout);
    ctx.server = await startCodeServer({ vsix: VSIX, workspace });
    ctx.browser = await launchBrowser();
    ctx.page = await openWorkbenchWithoutCsp(ctx.browser, ctx.server, workspace);
    await dismissNotifications(ctx.page);
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
    rmSync(workspace, { recursive: true, force: true });
    console.log(`[a11y] summary\n${figures.map((f) => `  ${f.what}: ${f.violations.length ? f.violations.join(', ') : 'no violations'}${f.tab ? `; Tab: ${f.tab}` : ''}`).join('\n')}`);
  });

  const guarded = (name, body) =>
    test(name, async () => {
      problems = [];
      try {
        await body();
        assert.deepEqual(problems, [], `${name}: accessibility problems`);
      } catch (error) {
        await saveFailure(ctx.page, ctx.server, name);
        throw error;
      }
    });

  /** Picks a colour theme and waits until the workbench wears it (its quick pick closed). */
  async function chooseTheme(page, theme) {
    await page.keyboard.press('Escape');
    await pickTheme(page, theme.name);
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.locator(`.monaco-workbench.${theme.kind === 'vscode-high-contrast' ? 'hc-black' : 'hc-light'}`).waitFor();
  }

  /** Waits until the webview's document follows `theme`. */
  const inTheme = (frame, theme) => frame.locator(`body[data-vscode-theme-kind="${theme.kind}"]`).waitFor({ state: 'attached' });

  for (const theme of THEMES) {
    const first = theme === THEMES[0];

    guarded(`${theme.name}: the state diagram`, async () => {
      const page = ctx.page;
      if (!first) await chooseTheme(page, theme);
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'TCP: Show State Diagram');
      const frame = await diagramFrame(page);
      await inTheme(frame, theme);
      const what = `${theme.name} / diagram`;
      await assertAudit(frame, what);
      await assertKeyboard(page, frame, '.toolbar h1', what);
      if (first) {
        await assertLive(frame, ['explanation'], what);
        // A state picked with the keyboard: its explanation is announced, with its name.
        await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"]').focus();
        await page.keyboard.press('Enter');
        await frame.locator('#explanation .title', { hasText: 'CLOSE-WAIT' }).waitFor();
        await waitForAnnouncement(frame, 'CLOSE-WAIT', what);
      } else {
        await frame.locator('#diagram g.node[data-state="CLOSE-WAIT"]').click();
        await frame.locator('#explanation .title', { hasText: 'CLOSE-WAIT' }).waitFor();
      }
      await assertAudit(frame, `${what} with an explanation`);
    });

    guarded(`${theme.name}: the census (TCP: Count States)`, async () => {
      const page = ctx.page;
      if (first) {
        // The census pane announces what it shows: its live region is there before a census is.
        await runCommand(page, 'View: Close All Editors');
        await runCommand(page, 'TCP: Show State Diagram');
        await assertLive(await diagramFrame(page), ['census'], `${theme.name} / census before counting`);
      }
      await openFile(page, DUMP);
      await runCommand(page, 'TCP: Count States');
      const frame = await censusFrame(page);
      await inTheme(frame, theme);
      const what = `${theme.name} / census`;
      if (first) await waitForAnnouncement(frame, 'CLOSE-WAIT', what);
      await frame.locator('#census tr[data-state="CLOSE-WAIT"] button.expand').click();
      await frame.locator('#census tr.groups[data-groups-of="CLOSE-WAIT"]').waitFor();
      await assertAudit(frame, what);
      await assertKeyboard(page, frame, '.toolbar h1', what);
    });

    guarded(`${theme.name}: the walkthrough`, async () => {
      const page = ctx.page;
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'TCP: Start Walkthrough');
      let frame = await walkthroughFrame(page, 0);
      await inTheme(frame, theme);
      const what = `${theme.name} / walkthrough`;
      await assertAudit(frame, what);
      await assertKeyboard(page, frame, '#title', what);
      if (first) {
        await assertLive(frame, ['narration', 'position'], what);
        const view = ctx.core.walkthroughView(ctx.core.scenarioById('handshake-and-teardown'), 'en');
        // Next, by the keyboard: the step's new state is announced by name.
        await frame.locator('#next').focus();
        await page.keyboard.press('Enter');
        frame = await walkthroughFrame(page, 1);
        await waitForAnnouncement(frame, view.steps[1].server, `${what} step 1 (server ${view.steps[1].server})`);
        await page.keyboard.press('Enter');
        frame = await walkthroughFrame(page, 2);
        await waitForAnnouncement(frame, view.steps[2].client, `${what} step 2 (client ${view.steps[2].client})`);
        await assertAudit(frame, `${what} at step 2`);
      }
    });

    guarded(`${theme.name}: the explorer`, async () => {
      const page = ctx.page;
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'TCP: Open Explorer: Drive the Network');
      const frame = await explorerFrame(page, 0);
      await inTheme(frame, theme);
      const what = `${theme.name} / explorer`;
      await assertAudit(frame, what);
      await assertKeyboard(page, frame, '#title', what);
      if (first) {
        await assertLive(frame, ['narration', 'verdict', 'notice', 'position'], what);
        // The first choice, by Tab and Enter: the endpoint that moves is announced in its new state.
        const before = await frame.locator('body').evaluate((b) => ({ client: b.dataset.client, server: b.dataset.server }));
        await frame.locator('#choices button').first().focus();
        await page.keyboard.press('Enter');
        const after = await explorerFrame(page, 1);
        const now = await after.locator('body').evaluate((b) => ({ client: b.dataset.client, server: b.dataset.server }));
        const moved = now.client !== before.client ? now.client : now.server;
        assert.notDeepEqual(now, before, 'the first choice changes a state');
        await waitForAnnouncement(after, moved, `${what} step 1 (${moved})`);
        await assertAudit(after, `${what} at step 1`);
      }
    });

    guarded(`${theme.name}: the capture timeline (a .pcap)`, async () => {
      const page = ctx.page;
      await openCapture(page, CAPTURE);
      const frame = await frameWith(page, 'body[data-loaded="true"] #rows .row[data-id="0"]', 'timeline webview with the connection list');
      await inTheme(frame, theme);
      const what = `${theme.name} / capture timeline`;
      if (first) {
        await assertLive(frame, ['status'], what);
        // A connection picked with the keyboard (the grid's arrow keys): its states are announced.
        await frame.locator('#list').focus();
        await page.keyboard.press('ArrowDown');
        await frame.locator('#facts li[data-endpoint="0"]', { hasText: 'SYN-SENT' }).waitFor();
        await waitForAnnouncement(frame, 'SYN-SENT', what);
      } else {
        await frame.locator('#rows .row[data-id="0"]').click();
      }
      await frame.locator('#sequence[data-id="0"] svg').waitFor();
      await assertAudit(frame, what);
      await assertKeyboard(page, frame, '.toolbar h1', what);
    });

    guarded(`${theme.name}: the timeline of tcpdump text`, async () => {
      const page = ctx.page;
      await openFile(page, TEXT);
      await runCommand(page, 'TCP: Show Timeline of tcpdump Text');
      const frame = await frameWith(page, 'body[data-loaded="true"] #rows .row[data-id="0"]', 'timeline webview of tcpdump text');
      await inTheme(frame, theme);
      const what = `${theme.name} / tcpdump text timeline`;
      if (first) await assertLive(frame, ['status'], what);
      await assertAudit(frame, `${what} (nothing picked)`);
      await frame.locator('#rows .row[data-id="0"]').click();
      await frame.locator('#sequence[data-id="0"] svg').waitFor();
      await assertAudit(frame, what);
      await assertKeyboard(page, frame, '.toolbar h1', what);
    });
  }
});
