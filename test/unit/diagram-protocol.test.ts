// The diagram webview's messages: every one checked before the extension acts on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHostMessage, parseWebviewMessage } from '../../src/shared/diagram-protocol';
import { MAX_ERROR_CHARS, MAX_SVG_CHARS } from '../../src/shared/messages';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"></svg>';

test('well-formed diagram messages are accepted as they are', () => {
  for (const message of [
    { type: 'ready' },
    { type: 'rendered', states: 11, edges: 24, ms: 812.5, cached: false },
    { type: 'selectState', state: 'TIME-WAIT' },
    { type: 'exportSvg', svg: SVG },
    { type: 'cacheSvg', key: 'v3-abc', svg: SVG },
    { type: 'error', message: 'Mermaid could not be loaded' },
  ]) {
    assert.deepEqual(parseWebviewMessage(message), message);
  }
});

test('malformed or unknown diagram messages are rejected', () => {
  for (const message of [
    null,
    'ready',
    [],
    { type: 'nope' },
    { type: 'rendered', states: Number.NaN, edges: 1, ms: 1, cached: true },
    { type: 'rendered', states: -1, edges: 1, ms: 1, cached: true },
    { type: 'rendered', states: 1, edges: 1, ms: 1, cached: 'yes' },
    { type: 'selectState', state: 'TIME_WAIT' },
    { type: 'selectState', state: '__proto__' },
    { type: 'exportSvg', svg: '<script>alert(1)</script>' },
    { type: 'exportSvg', svg: `<svg>${'x'.repeat(MAX_SVG_CHARS)}</svg>` },
    { type: 'cacheSvg', key: 'k'.repeat(201), svg: SVG },
    { type: 'cacheSvg', key: 7, svg: SVG },
    { type: 'error', message: 42 },
  ]) {
    assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message)?.slice(0, 80));
  }
});

test('an error text from the webview is cut before it is logged', () => {
  const parsed = parseWebviewMessage({ type: 'error', message: 'e'.repeat(MAX_ERROR_CHARS * 3) });
  assert.equal(parsed?.type === 'error' && parsed.message.length, MAX_ERROR_CHARS);
});

test('the webview checks host messages too', () => {
  assert.deepEqual(parseHostMessage({ type: 'highlight', state: 'LISTEN' }), { type: 'highlight', state: 'LISTEN' });
  assert.deepEqual(parseHostMessage({ type: 'explanation', state: 'LISTEN', text: 'Waiting' }), { type: 'explanation', state: 'LISTEN', text: 'Waiting' });
  assert.equal(parseHostMessage({ type: 'highlight', state: 'BANANA' }), undefined);
  assert.equal(parseHostMessage({ type: 'explanation', state: 'LISTEN' }), undefined);
});
