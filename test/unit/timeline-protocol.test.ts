// Messages between the capture timeline webview and the extension: only well-formed ones are
// accepted, in both directions, and the state diagram's "paths" message is checked as strictly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHostMessage } from '../../src/shared/diagram-protocol';
import type { TimelineConnection } from '../../src/core/timeline/types';
import { isConnectionRow, parseStatePaths, parseTextOrigin, parseTimelineHostMessage, parseTimelineMessage } from '../../src/shared/timeline-protocol';
import { MAX_DURATION_MS } from '../../src/shared/messages';
import { clientClosesFirst } from './timeline-fixture';

// The protocol's row is the connection without its segments.
const { segmentList, ...row }: TimelineConnection = clientClosesFirst();
void segmentList;

test('well-formed webview messages are accepted as they are', () => {
  assert.deepEqual(parseTimelineMessage({ type: 'select', id: 3, expanded: true }), { type: 'select', id: 3, expanded: true });
  assert.deepEqual(parseTimelineMessage({ type: 'showOnDiagram', id: 0 }), { type: 'showOnDiagram', id: 0 });
  assert.deepEqual(parseTimelineMessage({ type: 'listShown', rows: 5000, ms: 312.5 }), { type: 'listShown', rows: 5000, ms: 312.5 });
  assert.deepEqual(parseTimelineMessage({ type: 'sequenceShown', id: 1, arrows: 12, ms: 80 }), { type: 'sequenceShown', id: 1, arrows: 12, ms: 80 });
  assert.deepEqual(parseTimelineMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
});

test('malformed or unknown webview messages are rejected', () => {
  for (const bad of [
    null,
    'select',
    [],
    { type: 'select', id: '3', expanded: false },
    { type: 'select', id: -1, expanded: false },
    { type: 'select', id: 1.5, expanded: false },
    { type: 'select', id: 1 },
    { type: 'select', id: 1e12, expanded: false },
    { type: 'showOnDiagram' },
    { type: 'listShown', rows: 1, ms: -1 },
    { type: 'listShown', rows: 1, ms: Infinity },
    { type: 'sequenceShown', id: 1, arrows: 'many', ms: 1 },
    { type: 'cacheSvg', key: 'k', svg: '<script>alert(1)</script>' },
    { type: 'readFile', path: '/etc/passwd' },
  ]) {
    assert.equal(parseTimelineMessage(bad), undefined, JSON.stringify(bad));
  }
});

test('the timeline message carries rows that pass field by field', () => {
  const message = { type: 'timeline', source: 'pcap', connections: [row], tcpSegments: 9, error: undefined, skipped: undefined };
  assert.deepEqual(parseTimelineHostMessage(message), message);
  const skipped = { ...message, skipped: '3 frames of link type 127 (IEEE 802.11 radiotap) skipped: …' };
  assert.deepEqual(parseTimelineHostMessage(skipped), skipped);
  assert.equal(parseTimelineHostMessage({ ...message, skipped: 127 }), undefined);
  assert.ok(isConnectionRow({ ...row, startNs: undefined, durationNs: undefined, opener: undefined, firstCloser: undefined, states: [['UNKNOWN'], ['UNKNOWN']] }));
  for (const bad of [
    { ...row, id: -2 },
    { ...row, endpoints: [row.endpoints[0]] },
    { ...row, endpoints: [{ ...row.endpoints[0], port: 70000 }, row.endpoints[1]] },
    { ...row, startNs: '12e5' },
    { ...row, segments: [1] },
    { ...row, opener: 2 },
    { ...row, ending: 'exploded' },
    { ...row, states: [['SYN-SENT', 'ESTAB'], []] },
    { ...row, joinedMidStream: 'no' },
  ]) {
    assert.equal(isConnectionRow(bad), false, JSON.stringify(bad));
    assert.equal(parseTimelineHostMessage({ ...message, connections: [bad] }), undefined);
  }
  assert.equal(parseTimelineHostMessage({ ...message, source: 'wireshark' }), undefined);
  assert.equal(parseTimelineHostMessage({ ...message, error: 5 }), undefined);
});

test('a batch of connections while reading is checked row by row, with its progress', () => {
  const batch = { type: 'connections', connections: [row], bytes: 1_000_000, total: 5_000_000 };
  assert.deepEqual(parseTimelineHostMessage(batch), batch);
  assert.deepEqual(parseTimelineHostMessage({ ...batch, total: undefined }), { ...batch, total: undefined });
  assert.deepEqual(parseTimelineHostMessage({ ...batch, connections: [] }), { ...batch, connections: [] });
  assert.equal(parseTimelineHostMessage({ ...batch, connections: [{ ...row, ending: 'exploded' }] }), undefined);
  assert.equal(parseTimelineHostMessage({ ...batch, connections: 'all' }), undefined);
  assert.equal(parseTimelineHostMessage({ ...batch, bytes: -1 }), undefined);
  assert.equal(parseTimelineHostMessage({ ...batch, total: 1.5 }), undefined);
});

test('the other host messages are checked too', () => {
  const sequence = { type: 'sequence', id: 1, expanded: false, source: 'sequenceDiagram\n', folded: 10, notDrawn: 0, legend: [{ mark: 'retransmission', short: 'retransmission', text: 'sent again' }] };
  assert.deepEqual(parseTimelineHostMessage(sequence), sequence);
  assert.equal(parseTimelineHostMessage({ ...sequence, source: 'flowchart LR\nA-->B' }), undefined);
  const configured = { ...sequence, source: '%%{init: {"sequence": {"mirrorActors": false}}}%%\nsequenceDiagram\n' };
  assert.deepEqual(parseTimelineHostMessage(configured), configured);
  assert.equal(parseTimelineHostMessage({ ...sequence, source: '%%{init: {}}%%\nflowchart LR\n' }), undefined);
  assert.equal(parseTimelineHostMessage({ ...sequence, legend: [{ mark: 'evil', short: '', text: '' }] }), undefined);
  assert.deepEqual(parseTimelineHostMessage({ type: 'progress', bytes: 1_000_000, total: 5_000_000 }), { type: 'progress', bytes: 1_000_000, total: 5_000_000 });
  assert.deepEqual(parseTimelineHostMessage({ type: 'progress', bytes: 10, total: undefined }), { type: 'progress', bytes: 10, total: undefined });
  assert.equal(parseTimelineHostMessage({ type: 'progress', bytes: -1, total: 2 }), undefined);
  assert.deepEqual(parseTimelineHostMessage({ type: 'failed', message: 'gone' }), { type: 'failed', message: 'gone' });
  assert.deepEqual(parseTimelineHostMessage({ type: 'sequencePending', id: 2 }), { type: 'sequencePending', id: 2 });
  assert.equal(parseTimelineHostMessage({ type: 'eval' }), undefined);
});

test("the state diagram takes both endpoints' paths, RFC states only", () => {
  const paths = { type: 'paths', title: 'a.pcap: A ↔ B', paths: [{ label: 'A', states: ['SYN-SENT', 'ESTABLISHED'] }, { label: 'B', states: ['LISTEN'] }] };
  assert.deepEqual(parseStatePaths(paths), paths);
  assert.deepEqual(parseHostMessage(paths), paths);
  assert.equal(parseStatePaths({ ...paths, paths: [paths.paths[0]] }), undefined);
  assert.equal(parseStatePaths({ ...paths, paths: [{ label: 'A', states: ['UNKNOWN'] }, paths.paths[1]] }), undefined);
  assert.equal(parseStatePaths({ ...paths, paths: [{ label: 'A', states: ['ESTAB'] }, paths.paths[1]] }), undefined);
  assert.equal(parseHostMessage({ ...paths, title: 7 }), undefined);
});

test('a text panel\'s origin (kept in the webview\'s state for a reload) passes only as a document and a forward range', () => {
  assert.deepEqual(parseTextOrigin({ uri: 'file:///tmp/ss.log' }), { uri: 'file:///tmp/ss.log' });
  assert.deepEqual(parseTextOrigin({ uri: 'untitled:Untitled-1', range: [2, 0, 9, 14] }), { uri: 'untitled:Untitled-1', range: [2, 0, 9, 14] });
  for (const bad of [undefined, 'file:///x', { uri: '' }, { uri: 7 }, { uri: 'file:///x', range: [1, 2, 3] }, { uri: 'file:///x', range: [5, 0, 2, 0] }, { uri: 'file:///x', range: [1, 4, 1, 2] }, { uri: 'file:///x', range: [0, -1, 1, 0] }, { uri: 'x'.repeat(5000) }]) {
    assert.equal(parseTextOrigin(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
  }
  const message = { type: 'origin', origin: { uri: 'file:///tmp/ss.log', range: [0, 0, 3, 0] } };
  assert.deepEqual(parseTimelineHostMessage(message), message);
  assert.equal(parseTimelineHostMessage({ type: 'origin', origin: { uri: 'file:///x', range: 'all' } }), undefined);
});

test('the timeline’s timings are finite times of at most an hour, its counts finite and bounded', () => {
  for (const ms of [0, 0.5, MAX_DURATION_MS]) {
    assert.ok(parseTimelineMessage({ type: 'listShown', rows: 1, ms }), String(ms));
    assert.ok(parseTimelineMessage({ type: 'sequenceShown', id: 1, arrows: 1, ms }), String(ms));
  }
  for (const bad of [Infinity, -Infinity, Number.NaN, 1e308, -1, MAX_DURATION_MS + 1, '5', null]) {
    assert.equal(parseTimelineMessage({ type: 'listShown', rows: 1, ms: bad }), undefined, `ms ${String(bad)}`);
    assert.equal(parseTimelineMessage({ type: 'sequenceShown', id: 1, arrows: 1, ms: bad }), undefined, `ms ${String(bad)}`);
  }
  for (const bad of [Infinity, Number.NaN, 1e308, -1, 2.5, 1e12]) {
    assert.equal(parseTimelineMessage({ type: 'listShown', rows: bad, ms: 1 }), undefined, `rows ${bad}`);
    assert.equal(parseTimelineMessage({ type: 'sequenceShown', id: 1, arrows: bad, ms: 1 }), undefined, `arrows ${bad}`);
    assert.equal(parseTimelineMessage({ type: 'sequenceShown', id: bad, arrows: 1, ms: 1 }), undefined, `id ${bad}`);
  }
  for (const durationNs of [Infinity, Number.NaN, 1e308, -1]) {
    assert.equal(isConnectionRow({ ...row, durationNs }), false, `durationNs ${durationNs}`);
  }
  assert.ok(isConnectionRow({ ...row, durationNs: 1.5e6 }));
});

test('an error text from the timeline is made log-safe', () => {
  assert.deepEqual(parseTimelineMessage({ type: 'error', message: 'a\r\n[info] forged\u009b31m' }), { type: 'error', message: 'a\\x0d\\x0a[info] forged\\x9b31m' });
});
