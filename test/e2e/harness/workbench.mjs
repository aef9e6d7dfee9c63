// Drives the VS Code workbench in Debian's Chromium with playwright-core, the way a person
// would: Quick Open, Go to Line, the command palette, the mouse. Every step waits for what it
// needs on screen (a selector or a text), never for a fixed time.
import { chromium } from 'playwright-core';
import { ensureDebianPackages } from './install.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchBrowser() {
  if (!process.env.CHROMIUM_PATH) await ensureDebianPackages(['chromium']);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine has no network: keep Chromium from calling home (it would fail noisily).
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** How long a single UI wait may take before it fails: generous, for a slow and busy machine. */
export const UI_TIMEOUT = 60_000;

export async function openWorkbench(browser, server, folder) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor();
  return page;
}

export async function dismissNotifications(page) {
  await page.evaluate(() => {
    for (const button of document.querySelectorAll('.notification-toast .codicon-notifications-clear, .notifications-toasts .action-label.codicon-close')) {
      /** @type {HTMLElement} */ (button).click();
    }
  });
}

/** Opens a workspace file through Quick Open and waits until its editor is the active one. */
export async function openFile(page, name) {
  await page.keyboard.press('Escape');
  // One editor at a time keeps the tab bar (and what is on screen) predictable.
  await runCommand(page, 'View: Close All Editors');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
  await page.locator(`.tab.active[aria-label*="${name}"], .tab.active[title*="${name}"]`).first().waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/**
 * In an open quick pick: types `filter`, waits until the row the list has focused (the one Enter
 * takes) shows `title`, then presses Enter. Waiting for the row merely to be listed is not
 * enough: while the list is still narrowing, another row can hold the focus.
 */
export async function pickInQuickInput(page, filter, title) {
  await page.keyboard.type(filter);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * Developer: Reload Window, as a person does it (the workbench shuts down properly and saves its
 * state), resolving once the new workbench is up.
 */
export async function reloadWindow(page) {
  const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded;
  await page.locator('.monaco-workbench').waitFor();
}

/**
 * Opens a capture from the explorer, as a person would; it opens in the timeline editor (no text
 * editor to wait for). Only once the workbench knows the extension's contributions (its command is
 * in the palette): a capture opened before then goes to the text editor's "binary file" page.
 * Resolves with the time (performance.now()) of the click, for a benchmark.
 */
export async function openCapture(page, name) {
  await showInPalette(page, 'TCP: Show Timeline of tcpdump Text');
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors');
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor();
  const clicked = performance.now();
  await row.click();
  await page.locator(`.tab.active[aria-label*="${name}"], .tab.active[title*="${name}"]`).first().waitFor();
  return clicked;
}

/**
 * Right-clicks `name` in the explorer and picks "Count States" from its context menu. In the first
 * seconds the workbench has not read the languages yet, so the focused row's language (and the
 * menu entry that needs it) is unknown, and stays so until the focus moves: then the `other`
 * file's row is right-clicked, and this one again, until the entry shows (or the UI time-out passes).
 */
export async function countFromExplorer(page, name, other) {
  const rowOf = (file) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first();
  const menu = page.locator('.context-view .monaco-menu').first();
  const item = page.locator('.context-view .action-label', { hasText: /^Count States/ }).first();
  const pathHover = page.locator('.context-view .hover-contents');
  const openMenu = async (file) => {
    await page.keyboard.press('Escape');
    // A menu still open, or the path tooltip of the row the mouse rests on, would catch the
    // click meant for the row under it: close the one, move the mouse off the list for the other.
    await menu.waitFor({ state: 'hidden' });
    await page.mouse.move(800, 450);
    await pathHover.waitFor({ state: 'hidden' });
    await rowOf(file).click({ button: 'right' });
    await menu.waitFor();
  };
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    await openMenu(name);
    if (await item.waitFor({ timeout: 3000 }).then(() => true, () => false)) break;
    if (Date.now() > deadline) throw new Error(`the explorer's context menu of ${name} never offered "Count States"`);
    await openMenu(other);
  }
  // Chosen with the keyboard, on the item the mouse has focused: a click on a menu that has just
  // opened was sometimes taken for a hover only (the item highlighted, the menu left open).
  await item.hover();
  await page.locator('.context-view .action-item.focused .action-label', { hasText: /^Count States/ }).waitFor();
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden' });
}

/** Runs a command from the palette by its title, as a person would. */
export async function runCommand(page, title) {
  await showInPalette(page, title);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * Opens the command palette on `title`, ready for Enter. The palette does not refresh its list
 * when an extension's commands arrive while it is open (the remote extension host registers them
 * a moment after the workbench is up), so it is reopened until the command shows.
 */
export async function showInPalette(page, title) {
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    const found = await row.waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (found) break;
    if (Date.now() > deadline) throw new Error(`command "${title}" never appeared in the palette`);
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }
}

/**
 * Puts the cursor at a 1-based line and character column: Go to Line to the line's start,
 * then one Right per character (Go to Line's own column counts tabs as several columns).
 */
export async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:1`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col 1\\b`) }).first().waitFor();
  for (let i = 1; i < column; i++) await page.keyboard.press('ArrowRight');
}

// The editor's hover widget (workbench hovers, e.g. on the title bar, live outside the editor).
const HOVER = '.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content';

/** The editor hover that shows: an earlier hover's widget left in the page does not count. */
function shownHover(page) {
  return page.locator(HOVER).filter({ visible: true }).first();
}

/**
 * Shows the editor hover at the cursor (Show or Focus Hover) and returns its text. A hover
 * asked for before the extension has woken up comes back empty and is not asked again by the
 * editor, so the request is repeated until the hover shows or the UI time-out passes.
 */
export async function hoverAtCursor(page) {
  return untilHoverShows(page, 'at the cursor', 5000, () => runCommand(page, 'Show or Focus Hover'));
}

/**
 * Asks for the editor hover with `ask` and waits up to `wait` ms for it, again until it shows or
 * the UI time-out passes; returns its text. Both ways of asking share why: a hover asked for too
 * early (the extension still waking up) is not asked for again by the editor.
 */
async function untilHoverShows(page, where, wait, ask) {
  const hover = shownHover(page);
  const deadline = Date.now() + UI_TIMEOUT;
  for (let tries = 1; ; tries++) {
    await ask(Math.max(1000, deadline - Date.now()));
    const shown = await hover.waitFor({ state: 'visible', timeout: wait }).then(() => true, () => false);
    if (shown) return hover.innerText();
    if (Date.now() > deadline) throw new Error(`no hover appeared ${where} after ${tries} tries`);
  }
}

/** Waits until no hover shows (after Escape), so the next one is a new hover. */
export async function closeHover(page) {
  await page.keyboard.press('Escape');
  await shownHover(page).waitFor({ state: 'hidden' }).catch(() => {});
}

/**
 * Moves the mouse over the first on-screen occurrence of `text` and returns the hover's text.
 * Seen in CI: a mouse that rests on the word before the extension's hover provider is registered
 * (a document the walkthrough has just opened, the extension still activating) never gets a
 * hover, because VS Code asks only when the mouse moves. So each try finds the word again (the
 * layout may have moved), moves off and back on, and waits a while for the hover; until it shows.
 */
export async function hoverWithMouse(page, text) {
  return untilHoverShows(page, `over "${text}"`, 10_000, async (timeout) => {
    const box = await onScreen(page, text, timeout);
    await page.mouse.move(box.x - 40, box.y + 200);
    await page.mouse.move(box.x, box.y, { steps: 5 });
  });
}

/** Waits until `text` shows in an editor and returns the centre of its first occurrence. */
async function onScreen(page, text, timeout) {
  const found = await page.waitForFunction((needle) => {
    const lines = document.querySelectorAll('.editor-instance .view-lines .view-line');
    for (const line of lines) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.indexOf(needle);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        const rect = range.getBoundingClientRect();
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }
    }
    return null;
  }, text, { timeout }).catch(() => null);
  if (!found) throw new Error(`"${text}" is not on screen`);
  return found.jsonValue();
}

/** Picks a colour theme through Preferences: Color Theme (Ctrl+K Ctrl+T). */
export async function pickTheme(page, name) {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  // Typed, not filled: a quick pick that is still closing can leave an inert twin behind.
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * The webview document (an iframe inside VS Code's webview iframe) that has `selector`, once it
 * has it; `what` names it in the error if it never does.
 */
export async function frameWith(page, selector, what) {
  const deadline = Date.now() + UI_TIMEOUT;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    // A new frame, or a look again soon: the frame may be there already, its content not yet.
    await page.waitForEvent('framenavigated', { timeout: 100 }).catch(() => {});
  }
  throw new Error(`the ${what} never appeared`);
}
