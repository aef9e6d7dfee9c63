// Text a webview sent reaches the log on one line, without terminal escapes or bidi controls, and
// cut: a webview cannot forge a log line ("\n[error] …"), recolour a terminal or flood the log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logPreview, logSafe } from '../../src/shared/log-text';

test('a forged line and an ANSI escape come out on one line, without ESC', () => {
  const out = logSafe('render failed\n2024-01-01 [error] forged line\r\n\u001b[31mred\u001b[0m', 500);
  assert.doesNotMatch(out, /[\n\r\u001b]/);
  assert.equal(out, 'render failed\\x0a2024-01-01 [error] forged line\\x0d\\x0a\\x1b[31mred\\x1b[0m');
});

test('every C0, DEL and C1 character, the line separators and the bidi controls are escaped', () => {
  const unsafe = [
    ...Array.from({ length: 0x20 }, (_, i) => i),
    ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
    0x061c,
    0x200e,
    0x200f,
    0x2028,
    0x2029,
    0x202a,
    0x202b,
    0x202c,
    0x202d,
    0x202e,
    0x2066,
    0x2067,
    0x2068,
    0x2069,
  ];
  for (const code of unsafe) {
    const out = logSafe(`a${String.fromCharCode(code)}b`, 100);
    assert.equal(out.length > 3 && out.startsWith('a\\') && out.endsWith('b'), true, `U+${code.toString(16)}: ${JSON.stringify(out)}`);
    assert.ok([...out].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) < 0x7f), `U+${code.toString(16)}`);
  }
  // What is not a control stays as it is: text in any language, emoji, a lone backslash.
  for (const text of ['TIME-WAIT ≠ CLOSE-WAIT', '连接已关闭', 'מצב', '🙂', 'C:\\path']) assert.equal(logSafe(text, 100), text);
});

test('the text is cut to its cap, escapes included, and says it was cut', () => {
  assert.equal(logSafe('x'.repeat(50), 10), `${'x'.repeat(9)}…`);
  assert.equal(logSafe('x'.repeat(10), 10), 'x'.repeat(10));
  assert.ok(logSafe('\n'.repeat(50), 10).length <= 10);
  assert.ok(logSafe('\u001b'.repeat(8), 10).endsWith('…'));
  // Not between a surrogate pair's halves.
  assert.equal(logSafe(`${'x'.repeat(8)}🙂🙂`, 10), `${'x'.repeat(8)}…`);
  // A huge text costs what its cap does.
  const started = performance.now();
  assert.equal(logSafe('\n'.repeat(50_000_000), 200).length, 200);
  assert.ok(performance.now() - started < 500);
});

test('a preview of an untrusted value is bounded, one line, and never throws', () => {
  assert.equal(logPreview({ type: 'x', n: 1, list: [true, null] }, 200), '{"type":"x","n":1,"list":[true,null]}');
  const huge = { type: 'cacheSvg', key: 'k', svg: `<svg>${'\n'.repeat(10_000_000)}`, many: new Array(1_000_000).fill(0) };
  const preview = logPreview(huge, 200);
  assert.ok(preview.length <= 200);
  assert.doesNotMatch(preview, /\n/);
  let deep: unknown = 'bottom';
  for (let i = 0; i < 10_000; i++) deep = [deep];
  assert.ok(logPreview(deep, 200).length <= 200);
  const hostile = Object.defineProperty({}, 'boom', {
    enumerable: true,
    get() {
      throw new Error('no');
    },
  });
  assert.equal(typeof logPreview(hostile, 200), 'string');
  assert.equal(logPreview(undefined, 200), 'undefined');
  // JSON already escapes C0; the C1, separator and bidi characters it leaves are escaped after.
  assert.equal(logPreview('a\u001b[1mb\u009b\u2028\u202e', 200), '"a\\u001b[1mb\\x9b\\u2028\\u202e"');
});
