// The explorer webview's numbers are checked like the other protocols': a node, a prediction's
// sequence numbers and a saved history's events are whole numbers in range, never Infinity,
// NaN, 1e308 or negative; and its error text reaches the log on one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExplorerMessage, parseSimEvent } from '../../src/shared/explorer-protocol';

const NOT_NUMBERS: readonly unknown[] = [Infinity, -Infinity, Number.NaN, 1e308, -1, 1.5, '3'];

test('a node to go to is a whole number in range', () => {
  assert.deepEqual(parseExplorerMessage({ type: 'goTo', node: 3 }), { type: 'goTo', node: 3 });
  for (const node of NOT_NUMBERS) assert.equal(parseExplorerMessage({ type: 'goTo', node }), undefined, String(node));
});

test('a prediction’s sequence and acknowledgement numbers are whole numbers in range', () => {
  const base = { type: 'choose', id: 'call:client:active-open' };
  assert.ok(parseExplorerMessage({ ...base, prediction: { client: 'SYN-SENT', server: 'LISTEN', seq: 0, ack: 1 } }));
  for (const n of NOT_NUMBERS) {
    assert.equal(parseExplorerMessage({ ...base, prediction: { client: 'SYN-SENT', server: 'LISTEN', seq: n } }), undefined, `seq ${String(n)}`);
    assert.equal(parseExplorerMessage({ ...base, prediction: { client: 'SYN-SENT', server: 'LISTEN', ack: n } }), undefined, `ack ${String(n)}`);
  }
});

test('a saved event’s numbers are whole numbers in range', () => {
  assert.ok(parseSimEvent({ kind: 'user', endpoint: 'client', call: 'send', bytes: 100 }));
  for (const n of NOT_NUMBERS) {
    assert.equal(parseSimEvent({ kind: 'user', endpoint: 'client', call: 'send', bytes: n }), undefined, `bytes ${String(n)}`);
    assert.equal(parseSimEvent({ kind: 'deliver', to: 'server', segment: n }), undefined, `segment ${String(n)}`);
    assert.equal(parseSimEvent({ kind: 'inject', to: 'server', flags: ['RST'], seq: n }), undefined, `seq ${String(n)}`);
  }
});

test('an error text from the explorer is made log-safe', () => {
  assert.deepEqual(parseExplorerMessage({ type: 'error', message: 'a\n[error] forged\u2066' }), { type: 'error', message: 'a\\x0a[error] forged\\u2066' });
});
