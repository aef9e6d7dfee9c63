// End-to-end: hostile SVGs in the diagram cache, in a real VS Code (code-server), VSIX installed.
// Whoever can write the cache file in the extension's global storage, or a webview that posts
// `cacheSvg`, chooses an SVG that a later page draws. Markup that is not script did harm there:
// a <meta http-equiv=refresh> navigated the frame, a <form> could submit, elements took the
// page's ids (`narration`, `states`), a <style> restyled the whole panel. Here a walkthrough
// first fills the cache, its entry is replaced by an SVG carrying every vector (in the SVG, in a
// foreignObject and after the </svg>), the window reloads, and the walkthrough opens again: each
// check on its own. Then each vector alone, in a `cacheSvg` message, drawn by the next page: a
// vector that breaks the page (a refresh) cannot hide what another one does. All is asserted from
// inside the webview, and a real HTTP server on 127.0.0.1 (the vectors' target) is never reached.
import { after, before, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useWorkbench } from './harness/suite.mjs';
import { UI_TIMEOUT, frameWith, reloadWindow, runCommand } from './harness/workbench.mjs';
import { ROOT } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const RFC_STATES = ['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];
const SCENARIO = 'handshake-and-teardown';
const CACHE_FILE = 'diagram-svg-cache.json';

/**
 * The vectors: markup put in the SVG (`inside`), on its root (`root`) or after its </svg> (`after`),
 * each aimed at `target`, the hostile server.
 */
const VECTORS = [
  { name: 'meta refresh inside the SVG', inside: (t) => `<g><meta http-equiv="refresh" content="0;url=${t}/refresh-in-svg"></g>` },
  { name: 'meta refresh after the SVG', after: (t) => `<meta http-equiv="refresh" content="0;url=${t}/refresh">` },
  { name: 'form with a submit input after the SVG', after: (t) => `<form id="hostile-form" action="${t}/form"><input type="submit" id="hostile-submit" value="go"></form>` },
  { name: 'form with a submit button in a foreignObject', inside: (t) => `<foreignObject width="300" height="50"><form action="${t}/fo-form"><button id="hostile-fo-submit" type="submit">go</button></form></foreignObject>` },
  { name: 'the ids narration, states, sequence on SVG elements', inside: () => '<g id="narration"><text x="10" y="40">spoofed narration</text></g><g id="states"><rect width="5" height="5"/></g><g id="sequence"></g>' },
  { name: 'id narration on a div in a foreignObject', inside: () => '<foreignObject width="300" height="50"><div xmlns="http://www.w3.org/1999/xhtml" id="narration">spoofed narration</div></foreignObject>' },
  { name: 'id narration on a div after the SVG', after: () => '<div id="narration">spoofed narration</div>' },
  { name: 'image with an external href', inside: (t) => `<image href="${t}/image.png" width="10" height="10"/>`, after: (t) => `<img src="${t}/img.png">` },
  { name: 'a href="javascript:…"', inside: (t) => `<a href="javascript:fetch('${t}/link')"><text id="hostile-link" x="10" y="60">link</text></a>` },
  { name: 'script', inside: (t) => `<script>fetch('${t}/script')</script>` },
  {
    name: 'on* handlers',
    root: (t) => ` onload="fetch('${t}/onload')"`,
    inside: (t) => `<rect id="hostile-rect" width="10" height="10" onclick="fetch('${t}/onclick')" onmouseover="fetch('${t}/onmouseover')"/>`,
  },
  {
    name: 'style with @import and rules for the whole panel',
    root: () => ' style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999"',
    inside: (t) => `<style>@import url(${t}/import.css);
body{display:none} #narration{display:none} #side{visibility:hidden}
#hostile-root{position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999;background:red}
#hostile-root ~ *{display:none} #hostile-root .spoof{fill:url(${t}/fill.png)}</style><rect class="spoof" width="10" height="10"/>`,
  },
];

/** An SVG with `vectors` (all, or one), drawing `marker` first: the test knows this SVG is the one drawn. */
function hostileSvg(target, marker, vectors = VECTORS) {
  const part = (key) => vectors.map((vector) => vector[key]?.(target) ?? '').join('');
  // The parts after a breakout (a meta ends the SVG for the HTML parser) last, so the others stay in the SVG.
  const inside = [...vectors].sort((a, b) => Number(a.name.startsWith('meta')) - Number(b.name.startsWith('meta')));
  return `<svg id="hostile-root" xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200"${part('root')}><text class="messageText" x="10" y="20">${marker}</text>${inside.map((vector) => vector.inside?.(target) ?? '').join('')}</svg>${part('after')}`;
}

/**
 * What must hold in the walkthrough's document, whatever the SVG held: each check names its
 * vector and returns what it found wrong (nothing when it holds).
 */
const CHECKS = {
  async 'meta refresh: the frame has not navigated, and the page is its own'(frame, url) {
    if (frame.url() !== url) return `the frame went to ${frame.url()}`;
    const found = await frame.locator('body').evaluate(() => ({ refresh: document.querySelectorAll('meta[http-equiv="refresh" i]').length, title: !!document.getElementById('title') }));
    return found.refresh || !found.title ? JSON.stringify(found) : undefined;
  },
  async 'form: no form or submit control got in'(frame) {
    const n = await frame.locator('form, input, button[type="submit"], #hostile-submit, #hostile-fo-submit').count();
    return n ? `${n} form elements` : undefined;
  },
  async "ids narration, states, sequence: each is the page's own element, and no SVG id is one of the page's"(frame) {
    const found = await frame.locator('body').evaluate(() => {
      const own = (id) => {
        const element = document.getElementById(id);
        return element ? `${element.tagName} in ${element.parentElement?.id || element.parentElement?.tagName}` : 'none';
      };
      const pageIds = [...document.querySelectorAll('[id]')].filter((e) => !e.closest('svg')).map((e) => e.id);
      const svgIds = [...document.querySelectorAll('svg [id], svg[id]')].map((e) => e.id);
      return {
        narration: own('narration'),
        states: own('states'),
        sequence: own('sequence'),
        spoofed: /spoofed/.test(document.getElementById('narration')?.textContent ?? ''),
        stolen: svgIds.filter((id) => pageIds.includes(id)),
        duplicates: [...pageIds, ...svgIds].filter((id, i, all) => all.indexOf(id) !== i),
      };
    });
    const want = { narration: 'DIV in side', states: 'DIV in side', sequence: 'SECTION in MAIN', spoofed: false, stolen: [], duplicates: [] };
    return JSON.stringify(found) === JSON.stringify(want) ? undefined : JSON.stringify(found);
  },
  async 'foreignObject: no HTML content inside an SVG'(frame) {
    const n = await frame.locator('body').evaluate(() => document.querySelectorAll('foreignObject').length + [...document.querySelectorAll('svg *')].filter((e) => e.namespaceURI !== 'http://www.w3.org/2000/svg').length);
    return n ? `${n} foreignObject or HTML elements` : undefined;
  },
  async 'image: no image, and no href but #id in an SVG'(frame) {
    const found = await frame.locator('body').evaluate(() => [
      ...[...document.querySelectorAll('image, img')].map((e) => e.outerHTML.slice(0, 100)),
      ...[...document.querySelectorAll('svg *')].flatMap((e) => [...e.attributes].filter((a) => a.localName === 'href' && !a.value.startsWith('#')).map((a) => a.value)),
    ]);
    return found.length ? found.join(', ') : undefined;
  },
  async 'a href="javascript:…": no link in an SVG'(frame) {
    const n = await frame.locator('svg a, [href^="javascript:" i], #hostile-link').count();
    return n ? `${n} links` : undefined;
  },
  async "script: none of the SVG's in the page"(frame, _url, target) {
    // The page's own (its main script, Mermaid's) and VS Code's (acquireVsCodeApi) name no other
    // address; the page's JSON data (never run) holds the cached SVG's text itself. All script
    // elements, SVG ones too (document.scripts has only the HTML ones).
    const found = await frame.locator('body').evaluate(
      (_body, target) =>
        [...document.querySelectorAll('script')]
          .filter((s) => s.getAttribute('type') !== 'application/json' && (s.closest('svg') || (s.getAttribute('src') ?? '').startsWith(target) || (s.textContent ?? '').includes(target)))
          .map((s) => s.outerHTML.slice(0, 100)),
      target,
    );
    return found.length ? found.join(', ') : undefined;
  },
  async 'on* handlers: no element has one'(frame) {
    const found = await frame.locator('body').evaluate(() => [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}[${a.name}]`)));
    return found.length ? found.join(', ') : undefined;
  },
  async 'style: no @import, every rule of an SVG inside it, the page not restyled nor covered'(frame) {
    const found = await frame.locator('#sequence svg').evaluate((svg) => {
      const rules = [...document.querySelectorAll('svg style')].flatMap((style) => [...(/** @type {SVGStyleElement} */ (style).sheet?.cssRules ?? [])].map((rule) => ({ rule, id: style.closest('svg').id })));
      const narration = document.getElementById('narration');
      const box = narration.getBoundingClientRect();
      const atNarration = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      const svgBox = svg.getBoundingClientRect();
      const sequenceBox = document.getElementById('sequence').getBoundingClientRect();
      return {
        imports: [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).filter((rule) => rule instanceof CSSImportRule).length,
        outside: rules.filter(({ rule, id }) => rule instanceof CSSStyleRule && !rule.selectorText.split(',').every((s) => s.trim().startsWith(`#${id}`))).map(({ rule }) => rule.cssText),
        urls: rules.map(({ rule }) => rule.cssText).filter((text) => /url\((?!"?#)/.test(text)),
        body: getComputedStyle(document.body).display,
        narration: getComputedStyle(narration).display,
        side: getComputedStyle(document.getElementById('side')).visibility,
        position: getComputedStyle(svg).position,
        narrationOnTop: atNarration === narration || narration.contains(atNarration),
        svgInSequence: svgBox.left >= sequenceBox.left - 1 && svgBox.top >= sequenceBox.top - 1 && svgBox.right <= sequenceBox.right + 1,
      };
    });
    const want = { imports: 0, outside: [], urls: [], body: 'flex', narration: 'block', side: 'visible', position: 'static', narrationOnTop: true, svgInSequence: true };
    return JSON.stringify(found) === JSON.stringify(want) ? undefined : JSON.stringify(found);
  },
  async 'the panel still draws: the state diagram with its 11 states, one sequence diagram'(frame) {
    const found = await frame.locator('body').evaluate(() => ({
      states: [...new Set([...document.querySelectorAll('#states g.node[data-state]')].map((n) => /** @type {HTMLElement} */ (n).dataset.state))].sort().join(' '),
      sequence: document.querySelectorAll('#sequence svg').length,
    }));
    return found.states === [...RFC_STATES].sort().join(' ') && found.sequence === 1 ? undefined : JSON.stringify(found);
  },
};

/** Every check that fails in `frame`, with what it found. */
async function failures(frame, url, target) {
  const failed = [];
  for (const [name, check] of Object.entries(CHECKS)) {
    const problem = await check(frame, url, target);
    if (problem !== undefined) failed.push(`${name}: ${problem}`);
  }
  return failed;
}

/** The cache file, wherever code-server keeps the extension's global storage under the user-data folder. */
function findCacheFile(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = findCacheFile(path);
      if (found) return found;
    } else if (entry.name === CACHE_FILE) return path;
  }
  return undefined;
}

/** Waits (polling the file, which the extension writes) until the cache file exists and `accept` takes its entries. */
async function waitForCache(server, accept, what) {
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    const path = findCacheFile(server.userDataDir);
    if (path) {
      try {
        const entries = JSON.parse(readFileSync(path, 'utf8'));
        if (accept(entries)) return { path, entries };
      } catch {
        // Being written: read it again.
      }
    }
    if (Date.now() > deadline) throw new Error(`the cache file never ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The walkthrough's document once it shows the scenario with `marker` drawn as its sequence diagram. */
function walkthroughWith(page, marker) {
  return frameWith(page, `body[data-scenario="${SCENARIO}"] #sequence svg text.messageText:has-text("${marker}")`, `walkthrough drawing the cached SVG "${marker}"`);
}

/** Closes every editor, and waits until no tab (and so no webview of ours) is left. */
async function closeEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tab').first().waitFor({ state: 'detached' });
}

/**
 * The workbench afresh, after a failure left it broken (a frame that went elsewhere keeps the
 * keyboard, so the palette no longer opens): so a broken vector does not take the next one's test down.
 */
async function recover(page) {
  await page.reload();
  await page.locator('.monaco-workbench').waitFor();
  await closeEditors(page);
}

/** Steps once (a round trip to the extension and back): time for anything the SVG set off to have happened. */
async function stepOnce(page, frame) {
  const step = Number(await frame.locator('#sequence').getAttribute('data-step'));
  await frame.locator('#narration').click();
  await page.keyboard.press(step === 0 ? 'ArrowRight' : 'ArrowLeft');
  await frame.locator(`#sequence[data-step="${step === 0 ? 1 : 0}"]`).waitFor({ state: 'attached' });
}

describe('hostile SVGs in the diagram cache, in a real VS Code', () => {
  /** Requests that reached the hostile server, and those the browser made to it. */
  const hits = [];
  const requests = [];
  let target = '';
  const hostile = createServer((request, response) => {
    hits.push(request.url);
    response.end('hit');
  });
  before(async () => {
    await new Promise((resolve) => hostile.listen(0, '127.0.0.1', () => resolve(undefined)));
    target = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (hostile.address()).port}`;
  });
  after(() => new Promise((resolve) => hostile.close(resolve)));

  const ctx = useWorkbench({ vsix: VSIX, workspace: WORKSPACE });
  const guarded = ctx.test;
  /** The walkthrough drawing the planted SVG, and its address when it was found. */
  let frame;
  let frameUrl = '';
  /** The cache key of the walkthrough's sequence diagram (the scenario and the theme stay the same). */
  let key = '';

  guarded('a walkthrough fills the cache; its entry becomes an SVG with every vector; after a reload the walkthrough draws it', async () => {
    ctx.page.on('request', (request) => {
      if (request.url().startsWith(target)) requests.push(request.url());
    });
    await runCommand(ctx.page, 'TCP: Start Walkthrough');
    await frameWith(ctx.page, `body[data-scenario="${SCENARIO}"] #sequence svg`, 'first walkthrough');
    // The state diagram is the shipped SVG (never cached): the entry is the scenario's sequence diagram.
    const { path, entries } = await waitForCache(ctx.server, (e) => Object.keys(e).length > 0, 'got the sequence diagram');
    key = Object.keys(entries)[0];
    await closeEditors(ctx.page);
    writeFileSync(path, JSON.stringify({ [key]: hostileSvg(target, 'HOSTILE-FILE') }));
    // A new extension host, which reads the file again.
    await reloadWindow(ctx.page);
    await runCommand(ctx.page, 'TCP: Start Walkthrough');
    frame = await walkthroughWith(ctx.page, 'HOSTILE-FILE');
    frameUrl = frame.url();
    await stepOnce(ctx.page, frame);
  });

  // Each check on its own, on the SVG with every vector.
  for (const [name, check] of Object.entries(CHECKS)) {
    guarded(`from the cache file, all vectors at once: ${name}`, async () => {
      assert.equal(await check(frame, frameUrl, target), undefined);
    });
  }

  guarded('should a form get in all the same, it could not submit: no allow-forms in the sandbox, form-action none in the CSP', async () => {
    const sandbox = (await (await frame.frameElement()).getAttribute('sandbox')) ?? '';
    assert.ok(!sandbox.split(/\s+/).includes('allow-forms'), `sandbox "${sandbox}"`);
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /form-action 'none'/);
    // A form put in by the test itself (as if a script of the page did it), submitted: blocked, so the frame stays.
    await frame.locator('body').evaluate((body, action) => {
      const form = document.createElement('form');
      form.action = action;
      form.append(Object.assign(document.createElement('input'), { type: 'submit' }));
      body.append(form);
      form.requestSubmit();
      form.remove();
    }, `${target}/layer-form`);
    await stepOnce(ctx.page, frame);
    assert.equal(frame.url(), frameUrl, 'the submission did not navigate the frame');
  });

  // Each vector alone, in a cacheSvg message posted the way a page's acquireVsCodeApi().postMessage
  // posts (through the webview host frame's channel to the extension), drawn by the next walkthrough.
  // The state diagram panel posts it: it draws the shipped SVG, whatever the cache holds.
  VECTORS.forEach((vector, i) => {
    guarded(`from a cacheSvg message, one vector: ${vector.name}`, async () => {
      const marker = `HOSTILE-MESSAGE-${i}`;
      // A walkthrough an earlier failure sent elsewhere keeps the keyboard: then the workbench afresh.
      const broken = frame === undefined || frame.isDetached() || frame.url() !== frameUrl;
      if (broken) await recover(ctx.page);
      else await closeEditors(ctx.page);
      await runCommand(ctx.page, 'TCP: Show State Diagram');
      const poster = await frameWith(ctx.page, '#diagram svg g.node[data-state]', 'state diagram to post from');
      const svg = hostileSvg(target, marker, [vector]);
      await poster.parentFrame().evaluate(({ key, svg }) => /** @type {any} */ (window).__vscode_post_message__('onmessage', { message: { type: 'cacheSvg', key, svg } }), { key, svg });
      await waitForCache(ctx.server, (e) => String(e[key]).includes(marker), 'took the posted SVG');
      await closeEditors(ctx.page);
      await runCommand(ctx.page, 'TCP: Start Walkthrough');
      frame = await walkthroughWith(ctx.page, marker);
      frameUrl = frame.url();
      await stepOnce(ctx.page, frame);
      assert.deepEqual(await failures(frame, frameUrl, target), []);
    });
  });

  guarded('no request reached the hostile server, nor did the browser make one to it', async () => {
    assert.deepEqual(hits, [], 'requests the server got');
    assert.deepEqual(requests, [], 'requests the browser made');
  });
});
