// Messages from the walkthrough webview are untrusted: only well-formed ones are accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWalkthroughHostMessage, parseWalkthroughMessage, parseWalkthroughState } from '../../src/shared/walkthrough-protocol';

test('well-formed webview messages are accepted as they are', () => {
  assert.deepEqual(parseWalkthroughMessage({ type: 'control', control: 'next' }), { type: 'control', control: 'next' });
  assert.deepEqual(parseWalkthroughMessage({ type: 'speed', speed: 2 }), { type: 'speed', speed: 2 });
  assert.deepEqual(parseWalkthroughMessage({ type: 'shown', scenario: 'half-close', step: 3, ms: 1.5 }), { type: 'shown', scenario: 'half-close', step: 3, ms: 1.5 });
  assert.deepEqual(parseWalkthroughMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
});

test('malformed or unknown messages are rejected', () => {
  for (const bad of [
    null,
    'next',
    [],
    { type: 'control', control: 'rm -rf' },
    { type: 'control' },
    { type: 'speed', speed: 1000 },
    { type: 'speed', speed: '2' },
    { type: 'shown', scenario: '../../etc', step: 1, ms: 1 },
    { type: 'shown', scenario: 'reset', step: -1, ms: 1 },
    { type: 'shown', scenario: 'reset', step: 1.5, ms: 1 },
    { type: 'cacheSvg', key: 'k', svg: '<script>alert(1)</script>' },
    { type: 'cacheSvg', key: 'k'.repeat(500), svg: '<svg/>' },
    { type: 'eval', code: '1' },
  ]) {
    assert.equal(parseWalkthroughMessage(bad), undefined, JSON.stringify(bad));
  }
  assert.equal(parseWalkthroughMessage({ type: 'error', message: 'x'.repeat(10_000) })?.type, 'error');
});

test('a saved state is read back only if it is one we wrote', () => {
  assert.deepEqual(parseWalkthroughState({ scenario: 'reset', step: 4 }), { scenario: 'reset', step: 4 });
  for (const bad of [undefined, {}, { scenario: 'reset' }, { scenario: 'Reset!', step: 1 }, { scenario: 'reset', step: '4' }]) {
    assert.equal(parseWalkthroughState(bad), undefined, JSON.stringify(bad));
  }
});

test('the webview checks host messages too', () => {
  assert.deepEqual(parseWalkthroughHostMessage({ type: 'step', step: 2 }), { type: 'step', step: 2 });
  assert.equal(parseWalkthroughHostMessage({ type: 'step', step: 'x' }), undefined);
  assert.equal(parseWalkthroughHostMessage({ type: 'load', view: null }), undefined);
});
