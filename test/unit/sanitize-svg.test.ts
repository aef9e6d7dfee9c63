// The SVG sanitiser's decisions that need no DOM (media/sanitize-svg.ts): which elements and
// attributes stay, how ids and references get their prefix, which CSS may stay, which style
// selectors stay inside the SVG. The DOM walk itself is tried in the real webview
// (test/e2e/hostile.e2e.mjs). The module is a webview one (outside this project's files, so not
// importable here): esbuild, loaded at run time from node_modules, bundles it for Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Esbuild from 'esbuild';

const ROOT = join(__dirname, '..', '..', '..');

/** The pure part of media/sanitize-svg.ts. */
interface Sanitizer {
  cleanCss(text: string, prefix: string): string | undefined;
  isAllowedElement(localName: string): boolean;
  cleanAttribute(name: string, value: string, prefix: string, root: boolean): string | undefined;
  splitSelectors(list: string): string[];
  prefixIdSelectors(selector: string, prefix: string): string;
  selectorScope(selector: string, rootId: string): 'root' | 'inside' | undefined;
}

function loadSanitizer(): Sanitizer {
  const require = createRequire(join(ROOT, 'package.json'));
  const esbuild = require('esbuild') as typeof Esbuild;
  const built = esbuild.buildSync({ entryPoints: [join(ROOT, 'media', 'sanitize-svg.ts')], bundle: true, format: 'cjs', platform: 'node', write: false, logLevel: 'silent' });
  const dir = mkdtempSync(join(tmpdir(), 'tsl-sanitize-'));
  try {
    const file = join(dir, 'sanitize-svg.cjs');
    writeFileSync(file, built.outputFiles[0]!.text);
    return require(file) as Sanitizer;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const s = loadSanitizer();
const P = 'tslab12i3-';

test('elements: what Mermaid draws stays; HTML carriers, scripts, links, images, nested SVGs and animations go', () => {
  for (const name of ['g', 'path', 'rect', 'text', 'tspan', 'line', 'polygon', 'marker', 'defs', 'symbol', 'style', 'title', 'desc', 'filter', 'feDropShadow']) assert.ok(s.isAllowedElement(name), name);
  for (const name of ['foreignObject', 'script', 'meta', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'a', 'image', 'use', 'svg', 'animate', 'set', 'div', 'img']) assert.ok(!s.isAllowedElement(name), name);
});

test('attributes: handlers and unknown ones go; ids and ID references get the prefix', () => {
  for (const name of ['onload', 'onclick', 'onmouseover', 'formaction', 'autofocus', 'tabindex', 'aria-owns', 'aria-controls', 'xml:base']) assert.equal(s.cleanAttribute(name, 'x', P, false), undefined, name);
  assert.equal(s.cleanAttribute('id', 'narration', P, false), `${P}narration`);
  assert.equal(s.cleanAttribute('id', '', P, false), undefined);
  assert.equal(s.cleanAttribute('aria-labelledby', 'title-a  desc-b', P, true), `${P}title-a ${P}desc-b`);
  assert.equal(s.cleanAttribute('class', 'node default', P, false), 'node default');
  assert.equal(s.cleanAttribute('data-state', 'CLOSED', P, false), 'CLOSED');
  assert.equal(s.cleanAttribute('d', 'M0,0L10,10', P, false), 'M0,0L10,10');
});

test('href: only a same-document #id, prefixed', () => {
  assert.equal(s.cleanAttribute('href', '#g', P, false), `#${P}g`);
  assert.equal(s.cleanAttribute('xlink:href', '#g', P, false), `#${P}g`);
  for (const value of ['javascript:alert(1)', 'http://127.0.0.1:1/x.png', '//example.com/x', 'data:image/svg+xml,<svg/>', '#a b', '#', ' #a']) {
    assert.equal(s.cleanAttribute('href', value, P, false), undefined, value);
  }
});

test('the root keeps its size and names only: nothing that moves, transforms or paints beyond it', () => {
  for (const name of ['transform', 'filter', 'clip-path', 'x', 'y', 'overflow', 'fill']) assert.equal(s.cleanAttribute(name, 'x', P, true), undefined, name);
  assert.equal(s.cleanAttribute('viewBox', '0 0 10 10', P, true), '0 0 10 10');
  assert.equal(s.cleanAttribute('xmlns', 'http://www.w3.org/2000/svg', P, true), 'http://www.w3.org/2000/svg');
  assert.equal(s.cleanAttribute('xmlns', 'http://www.w3.org/1999/xhtml', P, true), undefined);
});

test('CSS: url(#id) is prefixed; any other URL, escapes, comments and custom properties are refused', () => {
  assert.equal(s.cleanCss('url(#arrow)', P), `url(#${P}arrow)`);
  assert.equal(s.cleanCss(`marker-end: url("#a"); fill: url('#b')`, P), `marker-end: url("#${P}a"); fill: url('#${P}b')`);
  assert.equal(s.cleanCss('fill: var(--vscode-editor-foreground, #1f1f1f); stroke-width: 2px', P), 'fill: var(--vscode-editor-foreground, #1f1f1f); stroke-width: 2px');
  assert.equal(s.cleanCss('translate(10, 20) rotate(5)', P), 'translate(10, 20) rotate(5)');
  for (const css of [
    'fill: url(http://127.0.0.1:1/x)',
    'background: URL(//x)',
    'cursor: image-set("http://x/a.png" 1x)',
    'background: -webkit-image-set("x" 1x)',
    'background: u\\72 l(http://x)',
    'fill: url("#a) url(http://x")',
    '--x: url(http://x)',
    'fill: red; --x: 1',
    '/**/--x: 1',
    'content: attr(href)',
    'width: expression(alert(1))',
  ]) {
    assert.equal(s.cleanCss(css, P), undefined, css);
  }
});

test('selectors: ids get the prefix outside strings; lists split at top-level commas only', () => {
  assert.equal(s.prefixIdSelectors('#root .node > rect', P), `#${P}root .node > rect`);
  assert.equal(s.prefixIdSelectors('#a [href="#b"] :is(#c, .d)', P), `#${P}a [href="#b"] :is(#${P}c, .d)`);
  assert.equal(s.prefixIdSelectors('#\\31 23', P), `#${P}\\31 23`);
  assert.deepEqual(s.splitSelectors('#r .a, #r :is(.b, .c), [x=","]'), ['#r .a', '#r :is(.b, .c)', '[x=","]']);
});

test('selector scope: the root itself, inside it, or (refused) anywhere else', () => {
  const root = `${P}svg-1`;
  const scope = (selector: string): string | undefined => s.selectorScope(selector, root);
  assert.equal(scope(`#${root}`), 'root');
  assert.equal(scope(`#${root}.flowchart:hover`), 'root');
  assert.equal(scope(`#${root}:has(~ div)`), 'root'); // its subject is still the root
  assert.equal(scope(`#${root} .node rect`), 'inside');
  assert.equal(scope(`#${root}>g`), 'inside');
  assert.equal(scope(`#${root} g ~ g`), 'inside'); // a sibling of a descendant is a descendant
  assert.equal(scope(`#${root} ~ div`), undefined);
  assert.equal(scope(`#${root}+*`), undefined);
  assert.equal(scope(`#${root} || td`), undefined);
  assert.equal(scope('body'), undefined);
  assert.equal(scope('*'), undefined);
  assert.equal(scope(`:is(#${root}) text`), undefined);
  assert.equal(scope(`#${root}0 .a`), undefined); // another id, which only starts like it
  assert.equal(scope(`#${root}\\ ~ div`), undefined);
  assert.equal(scope('#narration'), undefined);
});
