// Messages from the walkthrough webview are untrusted: only well-formed ones are accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWalkthroughHostMessage, parseWalkthroughMessage, parseWalkthroughState } from '../../src/shared/walkthrough-protocol';
import { MAX_DURATION_MS } from '../../src/shared/messages';

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

test('a load message is checked field by field: every real scenario passes, a wrong shape does not', async () => {
  const { SCENARIOS, walkthroughView, diagramSource } = await import('../../src/core');
  const labels = { client: 'Client', server: 'Server' };
  for (const scenario of SCENARIOS) {
    for (const locale of ['en', 'zh-cn'] as const) {
      const message = { type: 'load', view: walkthroughView(scenario, locale), stateDiagram: diagramSource().source, step: 0, labels };
      assert.deepEqual(parseWalkthroughHostMessage(JSON.parse(JSON.stringify(message))), JSON.parse(JSON.stringify(message)), `${scenario.id} ${locale}`);
    }
  }
  const good = JSON.parse(JSON.stringify({ type: 'load', view: walkthroughView(SCENARIOS[0]!, 'en'), stateDiagram: diagramSource().source, step: 0, labels }));
  const broken = (change: (m: typeof good) => void) => {
    const copy = JSON.parse(JSON.stringify(good));
    change(copy);
    return parseWalkthroughHostMessage(copy);
  };
  assert.equal(broken((m) => (m.step = m.view.steps.length)), undefined, 'a step past the end');
  assert.equal(broken((m) => (m.view.steps[0].client = 'NOT-A-STATE')), undefined, 'an unknown state');
  assert.equal(broken((m) => (m.view.steps[0].narration = 42)), undefined, 'a narration that is no text');
  assert.equal(broken((m) => (m.view.items[0].kind = 'script')), undefined, 'an unknown item kind');
  assert.equal(broken((m) => (m.view.steps = [])), undefined, 'no steps');
  assert.equal(broken((m) => (m.view.scenarioId = '<img src=x>')), undefined, 'a scenario id that is not ours');
  assert.equal(broken((m) => (m.labels.client = { toString: 1 })), undefined, 'a label that is no text');
  assert.equal(broken((m) => (m.stateDiagram = 'x'.repeat(300_000))), undefined, 'a huge diagram source');
});

test('a step’s timing is a finite time of at most an hour', () => {
  for (const ms of [0, 0.5, MAX_DURATION_MS]) {
    assert.ok(parseWalkthroughMessage({ type: 'shown', scenario: 'reset', step: 1, ms }), String(ms));
  }
  for (const ms of [Infinity, -Infinity, Number.NaN, 1e308, -1, MAX_DURATION_MS + 1, '5', null, undefined]) {
    assert.equal(parseWalkthroughMessage({ type: 'shown', scenario: 'reset', step: 1, ms }), undefined, String(ms));
  }
  for (const step of [Infinity, 1e308, Number.NaN, -1]) {
    assert.equal(parseWalkthroughMessage({ type: 'shown', scenario: 'reset', step, ms: 1 }), undefined, String(step));
  }
  for (const speed of [Infinity, 1e308, Number.NaN, -1, 3]) {
    assert.equal(parseWalkthroughMessage({ type: 'speed', speed }), undefined, String(speed));
    assert.equal(parseWalkthroughHostMessage({ type: 'playing', playing: true, speed }), undefined, String(speed));
  }
  assert.deepEqual(parseWalkthroughHostMessage({ type: 'playing', playing: true, speed: 4 }), { type: 'playing', playing: true, speed: 4 });
});

test('an error text from the walkthrough is made log-safe', () => {
  const parsed = parseWalkthroughMessage({ type: 'error', message: 'x\n[error] forged\u001b[2J' });
  assert.deepEqual(parsed, { type: 'error', message: 'x\\x0a[error] forged\\x1b[2J' });
});
