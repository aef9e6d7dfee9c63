// Real-looking samples (netstat on Linux/macOS/Windows, ss, /proc, kernel C, psutil, .NET,
// PowerShell, tracepoints, shell, prose) give exactly the mentions written down by hand in
// test/fixtures/expected/ — written independently of the recogniser, from the tools' formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseDocument } from '../../src/core/recognition/context';
import { findMentions, mentionAt } from '../../src/core/recognition/recognizer';
import { LineScanner, type LocatedMention } from '../../src/core/recognition/line-scanner';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const WORKSPACE = join(FIXTURES, 'workspace');

interface Expected {
  line: number;
  column: number;
  text: string;
  state: string;
}

function located(text: string): Expected[] {
  const found: Expected[] = [];
  const scanner = new LineScanner((m: LocatedMention) => found.push({ line: m.line, column: m.column, text: m.text, state: m.state }));
  scanner.push(text);
  scanner.end();
  return found;
}

const files = readdirSync(WORKSPACE).filter((name) => !name.startsWith('.'));

test('every sample file has an expected-mentions file', () => {
  assert.ok(files.length >= 10, `only ${files.length} samples`);
  const expected = new Set(readdirSync(join(FIXTURES, 'expected')));
  for (const name of files) assert.ok(expected.has(`${name}.json`), name);
});

for (const name of files) {
  test(`sample ${name} gives exactly the expected mentions`, () => {
    const text = readFileSync(join(WORKSPACE, name), 'utf8');
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected', `${name}.json`), 'utf8')) as Expected[];
    assert.deepEqual(located(text), expected);
  });

  test(`sample ${name}: the hover finds each mention under every character of it, and nothing else`, () => {
    const text = readFileSync(join(WORKSPACE, name), 'utf8');
    const doc = analyseDocument(text);
    const lines = text.split(/\r\n?|\n/);
    const expected = located(text);
    const hovered: Expected[] = [];
    lines.forEach((line, index) => {
      for (let c = 0; c < line.length; c++) {
        const m = mentionAt(line, c, doc);
        if (m && m.offset === c) hovered.push({ line: index + 1, column: c + 1, text: m.text, state: m.state });
        if (m) assert.ok(m.offset <= c && c < m.offset + m.length, `${name}:${index + 1}:${c + 1}`);
      }
    });
    assert.deepEqual(hovered, expected);
  });

  test(`sample ${name}: streaming in small chunks gives the same mentions as the whole text`, () => {
    const text = readFileSync(join(WORKSPACE, name), 'utf8');
    const whole = findMentions(text).map((m) => m.text);
    const pieces: string[] = [];
    const scanner = new LineScanner((m) => pieces.push(m.text));
    for (let i = 0; i < text.length; i += 7) scanner.push(text.slice(i, i + 7));
    scanner.end();
    assert.deepEqual(pieces, whole);
  });
}
