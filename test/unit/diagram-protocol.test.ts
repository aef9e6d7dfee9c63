// The diagram webview's messages: every one checked before the extension acts on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_GROUP_ENTRIES, MAX_GROUP_KEY_CHARS, MAX_URI_CHARS, parseHostMessage, parseWebviewMessage, savedCensus } from '../../src/shared/diagram-protocol';
import { MAX_DURATION_MS, MAX_ERROR_CHARS, MAX_SVG_CHARS } from '../../src/shared/messages';

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

const GROUPS = {
  localPorts: [{ key: '8080', count: 40, approximate: false }],
  peers: [
    { key: '203.0.113.20', count: 14, approximate: false },
    { key: '203.0.113.21', count: 13, approximate: false },
  ],
  processes: [{ key: 'java', count: 40, approximate: false }],
};

const CENSUS = {
  type: 'census',
  document: 'close-wait-pileup.log',
  counts: { 'CLOSE-WAIT': 40, ESTABLISHED: 30, LISTEN: 5 },
  rows: [
    { state: 'CLOSE-WAIT', count: 40, firstLine: 38, groups: GROUPS },
    { state: 'ESTABLISHED', count: 30, firstLine: 8, groups: { localPorts: [], peers: [], processes: [] } },
    { state: 'LISTEN', count: 5, firstLine: 3 },
  ],
  diagnoses: [{ title: 'Connections pile up in CLOSE-WAIT', because: '40 connections on port 8080', advice: 'Call close()' }],
  linkable: true,
  uri: 'file:///work/close-wait-pileup.log',
};

test('a census from the host is accepted as it is', () => {
  assert.deepEqual(parseHostMessage(CENSUS), CENSUS);
  const empty = { type: 'census', document: 'empty.log', counts: {}, rows: [], diagnoses: [], linkable: true };
  assert.deepEqual(parseHostMessage(empty), empty);
  // A platform-only state has a row (the table shows it) though the diagram has no box for it.
  const bound = { ...CENSUS, counts: { BOUND: 2 }, rows: [{ state: 'BOUND', count: 2, firstLine: 1 }] };
  assert.deepEqual(parseHostMessage(bound), bound);
});

test('a census of what has no document (a live one) comes without links and without a URI', () => {
  const live = { ...CENSUS, document: 'This machine', linkable: false, uri: undefined };
  delete live.uri;
  assert.deepEqual(parseHostMessage(live), live);
  assert.equal((parseHostMessage(live) as { uri?: string }).uri, undefined);
});

test("a row's rankings: up to the top entries, each key, whole count and approximate mark kept", () => {
  const full = Array.from({ length: MAX_GROUP_ENTRIES }, (_, i) => ({ key: `10.0.0.${i}`, count: 5 - i, approximate: i > 2 }));
  const longKey = [{ key: 'p'.repeat(MAX_GROUP_KEY_CHARS), count: Number.MAX_SAFE_INTEGER, approximate: true }];
  const message = { ...CENSUS, rows: [{ ...CENSUS.rows[0]!, groups: { localPorts: longKey, peers: full, processes: [] } }] };
  assert.deepEqual(parseHostMessage(message), message);
  // Anything else an entry carries is not passed on.
  const extra = { ...CENSUS, rows: [{ ...CENSUS.rows[0]!, groups: { ...GROUPS, processes: [{ key: 'java', count: 1, approximate: false, error: 3 }] } }] };
  const parsed = parseHostMessage(extra);
  assert.deepEqual(parsed?.type === 'census' && parsed.rows[0]?.groups?.processes, [{ key: 'java', count: 1, approximate: false }]);
});

test('malformed census messages are rejected', () => {
  const row = CENSUS.rows[0]!;
  const entry = GROUPS.localPorts[0]!;
  const diagnosis = CENSUS.diagnoses[0]!;
  const withGroups = (groups: unknown) => ({ ...CENSUS, rows: [{ ...row, groups }] });
  const withPorts = (localPorts: unknown) => withGroups({ ...GROUPS, localPorts });
  const noLinkable: Partial<typeof CENSUS> = { ...CENSUS };
  delete noLinkable.linkable;
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
    // linkable: a boolean, always there; a URI only with links, a non-empty string of bounded length.
    noLinkable,
    { ...CENSUS, linkable: 'yes' },
    { ...CENSUS, linkable: 1 },
    { ...CENSUS, linkable: false },
    { ...CENSUS, uri: 7 },
    { ...CENSUS, uri: '' },
    { ...CENSUS, uri: `file:///${'a'.repeat(MAX_URI_CHARS)}` },
    { ...CENSUS, uri: { scheme: 'file', path: '/etc/passwd' } },
    // A row's rankings: all three lists, at most MAX_GROUP_ENTRIES bounded entries each.
    withGroups(null),
    withGroups('8080'),
    withGroups([]),
    withGroups({ localPorts: GROUPS.localPorts, peers: GROUPS.peers }),
    withGroups({ ...GROUPS, peers: 'x' }),
    withPorts(Array.from({ length: MAX_GROUP_ENTRIES + 1 }, () => entry)),
    withPorts([null]),
    withPorts(['8080']),
    withPorts([{ ...entry, key: 8080 }]),
    withPorts([{ ...entry, key: 'k'.repeat(MAX_GROUP_KEY_CHARS + 1) }]),
    withPorts([{ ...entry, count: -1 }]),
    withPorts([{ ...entry, count: 2.5 }]),
    withPorts([{ ...entry, count: '40' }]),
    withPorts([{ ...entry, count: Number.MAX_SAFE_INTEGER + 1 }]),
    withPorts([{ ...entry, count: Number.POSITIVE_INFINITY }]),
    withPorts([{ ...entry, approximate: undefined }]),
    withPorts([{ ...entry, approximate: 0 }]),
  ]) {
    assert.equal(parseHostMessage(message), undefined, JSON.stringify(message)?.slice(0, 160));
  }
});

test("the census in the webview's saved state: checked as a host message, told apart from none", () => {
  assert.deepEqual(savedCensus({ selected: 'LISTEN', zoom: 1, census: CENSUS }), CENSUS);
  for (const state of [undefined, null, 'census', [], {}, { selected: 'LISTEN', zoom: 2 }]) {
    assert.equal(savedCensus(state), undefined, JSON.stringify(state));
  }
  for (const census of [null, 'census', { ...CENSUS, type: 'highlight' }, { ...CENSUS, linkable: 'yes' }, { ...CENSUS, rows: [{ state: 'BANANA', count: 1, firstLine: 1 }] }]) {
    assert.equal(savedCensus({ census }), 'malformed', JSON.stringify(census)?.slice(0, 120));
  }
});

test('revealLine from the webview: a whole line number from 1, nothing else', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'revealLine', line: 38 }), { type: 'revealLine', line: 38 });
  assert.deepEqual(parseWebviewMessage({ type: 'revealLine', line: 1, extra: 'dropped' }), { type: 'revealLine', line: 1 });
  for (const line of [0, -3, 1.5, '38', Number.NaN, Number.POSITIVE_INFINITY, 1e12, null, undefined]) {
    assert.equal(parseWebviewMessage({ type: 'revealLine', line }), undefined, String(line));
  }
});

// Timings go into the log and the benchmark: a number that is no time (Infinity, NaN, 1e308, < 0) is not one.
const NOT_TIMES: readonly unknown[] = [Infinity, -Infinity, Number.NaN, 1e308, -1, MAX_DURATION_MS + 1, '5', null];

test('the rendered timing is a finite time of at most an hour', () => {
  for (const ms of [0, 0.25, MAX_DURATION_MS]) {
    assert.ok(parseWebviewMessage({ type: 'rendered', states: 11, edges: 24, ms, cached: true }), String(ms));
  }
  for (const ms of NOT_TIMES) {
    assert.equal(parseWebviewMessage({ type: 'rendered', states: 11, edges: 24, ms, cached: true }), undefined, String(ms));
  }
  for (const count of [Infinity, 1e308, Number.NaN, -1]) {
    assert.equal(parseWebviewMessage({ type: 'rendered', states: count, edges: 24, ms: 1, cached: true }), undefined, String(count));
    assert.equal(parseWebviewMessage({ type: 'rendered', states: 11, edges: count, ms: 1, cached: true }), undefined, String(count));
    assert.equal(parseWebviewMessage({ type: 'revealLine', line: count }), undefined, String(count));
  }
});

test('an error text from the webview reaches the log on one line, without escapes', () => {
  const parsed = parseWebviewMessage({ type: 'error', message: 'boom\n[error] forged \u001b[31mred\u001b[0m\r\u2028\u202e' });
  assert.equal(parsed?.type, 'error');
  const message = parsed?.type === 'error' ? parsed.message : '';
  assert.doesNotMatch(message, /[\n\r\u001b\u2028\u202e]/);
  assert.equal(message, 'boom\\x0a[error] forged \\x1b[31mred\\x1b[0m\\x0d\\u2028\\u202e');
});

test('an SVG is capped at MAX_SVG_CHARS, ten times the largest real one', () => {
  assert.ok(MAX_SVG_CHARS <= 1_000_000);
  const svg = `<svg>${'x'.repeat(MAX_SVG_CHARS - 11)}</svg>`;
  assert.equal(svg.length, MAX_SVG_CHARS);
  assert.ok(parseWebviewMessage({ type: 'cacheSvg', key: 'k', svg }));
  assert.equal(parseWebviewMessage({ type: 'cacheSvg', key: 'k', svg: svg + ' ' }), undefined);
});
