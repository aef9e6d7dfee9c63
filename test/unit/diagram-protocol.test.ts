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

const CENSUS = {
  type: 'census',
  document: 'close-wait-pileup.log',
  counts: { 'CLOSE-WAIT': 40, ESTABLISHED: 30, LISTEN: 5 },
  rows: [
    { state: 'CLOSE-WAIT', count: 40, firstLine: 38 },
    { state: 'ESTABLISHED', count: 30, firstLine: 8 },
    { state: 'LISTEN', count: 5, firstLine: 3 },
  ],
  diagnoses: [{ title: 'Connections pile up in CLOSE-WAIT', because: '40 connections on port 8080', advice: 'Call close()' }],
};

test('a census from the host is accepted as it is', () => {
  assert.deepEqual(parseHostMessage(CENSUS), CENSUS);
  const empty = { type: 'census', document: 'empty.log', counts: {}, rows: [], diagnoses: [] };
  assert.deepEqual(parseHostMessage(empty), empty);
  // A platform-only state has a row (the table shows it) though the diagram has no box for it.
  const bound = { ...CENSUS, counts: { BOUND: 2 }, rows: [{ state: 'BOUND', count: 2, firstLine: 1 }] };
  assert.deepEqual(parseHostMessage(bound), bound);
});

test('malformed census messages are rejected', () => {
  const row = CENSUS.rows[0]!;
  const diagnosis = CENSUS.diagnoses[0]!;
  for (const message of [
    { ...CENSUS, document: 7 },
    { ...CENSUS, document: 'x'.repeat(100_000) },
    { ...CENSUS, counts: [] },
    { ...CENSUS, counts: { CLOSE_WAIT: 40 } },
    { ...CENSUS, counts: JSON.parse('{"__proto__": 1}') },
    { ...CENSUS, counts: { LISTEN: -1 } },
    { ...CENSUS, counts: { LISTEN: 1.5 } },
    { ...CENSUS, counts: { LISTEN: '5' } },
    { ...CENSUS, rows: 'CLOSE-WAIT' },
    { ...CENSUS, rows: [{ ...row, state: 'BANANA' }] },
    { ...CENSUS, rows: [{ ...row, count: Number.NaN }] },
    { ...CENSUS, rows: [{ ...row, firstLine: 0 }] },
    { ...CENSUS, rows: [{ ...row, firstLine: 2.5 }] },
    { ...CENSUS, rows: [null] },
    { ...CENSUS, rows: Array.from({ length: 1000 }, () => row) },
    { ...CENSUS, diagnoses: [{ ...diagnosis, advice: undefined }] },
    { ...CENSUS, diagnoses: [{ ...diagnosis, title: { en: 'x' } }] },
    { ...CENSUS, diagnoses: [{ ...diagnosis, because: 'b'.repeat(100_000) }] },
    { ...CENSUS, diagnoses: undefined },
    { type: 'census' },
  ]) {
    assert.equal(parseHostMessage(message), undefined, JSON.stringify(message)?.slice(0, 120));
  }
});

test('revealLine from the webview: a whole line number from 1, nothing else', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'revealLine', line: 38 }), { type: 'revealLine', line: 38 });
  assert.deepEqual(parseWebviewMessage({ type: 'revealLine', line: 1, extra: 'dropped' }), { type: 'revealLine', line: 1 });
  for (const line of [0, -3, 1.5, '38', Number.NaN, Number.POSITIVE_INFINITY, 1e12, null, undefined]) {
    assert.equal(parseWebviewMessage({ type: 'revealLine', line }), undefined, String(line));
  }
});
