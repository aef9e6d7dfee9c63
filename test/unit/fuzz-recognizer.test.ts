// Fuzz: the recogniser (findMentions, findInLine, mentionAt) on any text a user can open: ASCII,
// any UTF-16 (lone surrogates too), real spellings in noise, megabyte lines. What it protects:
// the hover and the CLI never throw on a user's file, a mention always points at its own text
// (an offset off by one underlines the wrong characters), the answer is the same every time,
// and the hover (mentionAt, which scans only around the cursor) says what a whole-line scan
// says. Bounded runs here; `npm run bench` runs the same properties longer (scripts/bench-fuzz.mjs).
// Replay a failure: TSL_FUZZ_SEED=<seed printed> [TSL_FUZZ_PATH=<path>] node --test out/test/unit/fuzz-recognizer.test.js
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzz, type Fuzz } from './fuzz-harness';
import type { DocumentContext } from '../../src/core/recognition/context';
import { findInLine, findMentions, mentionAt, type StateMention } from '../../src/core/recognition/recognizer';
import { SOURCE_IDS } from '../../src/core/recognition/sources';
import { SPELLINGS } from '../../src/core/recognition/spellings';
import { isStateId } from '../../src/core/model/states';

// ----

const SPELLING_TEXTS = [...SPELLINGS.keys()];
/** Qualifiers, table words and separators the recogniser's rules look at, so rules actually fire. */
const CONTEXT_WORDS = ['tcp ', 'tcp6 ', 'udp ', 'ss ', 'state ', 'state=', 'TcpState.', 'State::', '-State ', 'INTEGER: ', 'listen(2)', '"0A"', "'01'", 'case ', '10.0.0.1:80 ', '[::1]:22 ', '*:* ', '0100007F:0277 ', '   0: '];
const NOISE = fc.string({ maxLength: 6, size: 'max', unit: fc.constantFrom('a', 'Z', '_', '-', '.', ':', ' ', '\t', '(', '"', '0', '9', 'é', 'Ö', '中', '😀', '\u0300') });

/** Any UTF-16 code unit, lone surrogates included: what a decoder hands over for a broken file. */
const codeUnits = fc.string({ maxLength: 200, size: 'max', unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
const SEPARATORS = fc.constantFrom(' ', ' ', '  ', '', '\t', ', ', '=', '\n');
const spelled = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...SPELLING_TEXTS), fc.constantFrom(...CONTEXT_WORDS), NOISE), SEPARATORS), { maxLength: 60, size: 'max' })
  .map((parts) => parts.flat().join(''));
const anyText = fc.oneof(fc.string({ maxLength: 200, size: 'max' }), fc.string({ maxLength: 200, size: 'max', unit: 'binary' }), codeUnits, spelled, spelled.map((s) => s.replace(/ /g, '\r\n')));
const aLine = anyText.map((s) => s.replace(/[\r\n]/g, ' '));
const docs: fc.Arbitrary<DocumentContext | undefined> = fc.option(fc.record({ network: fc.boolean(), powershellTable: fc.boolean() }), { nil: undefined });

const SOURCES: ReadonlySet<string> = new Set(SOURCE_IDS);

/** Everything a mention promises about itself, in the text it was found in. */
function wellFormed(text: string, found: readonly StateMention[], base = 0): void {
  let end = base;
  for (const m of found) {
    assert.ok(Number.isInteger(m.offset) && m.offset >= end, `mention at ${m.offset} overlaps or precedes the one ending at ${end}`);
    assert.ok(m.length > 0 && m.length === m.text.length, `length ${m.length} of ${JSON.stringify(m.text)}`);
    assert.ok(m.offset + m.length <= base + text.length, `mention ${m.offset}+${m.length} past the end (${base + text.length})`);
    assert.equal(text.slice(m.offset - base, m.offset - base + m.length), m.text, 'the text at the offset is the token');
    assert.ok(isStateId(m.state), m.state);
    assert.ok(SOURCES.has(m.source) && m.sources.every((s) => SOURCES.has(s)), `${m.source} / ${m.sources.join(',')}`);
    end = m.offset + m.length;
  }
}

export const FUZZ: readonly Fuzz[] = [
  fuzz(
    'fuzz recogniser: findMentions never throws, every mention is its own text in the line, the same twice',
    400,
    fc.property(anyText, docs, (text, doc) => {
      const found = doc ? findMentions(text, doc) : findMentions(text);
      wellFormed(text, found);
      assert.deepEqual(doc ? findMentions(text, doc) : findMentions(text), found);
    }),
  ),
  fuzz(
    'fuzz recogniser: findInLine at any base is the same as at 0, shifted; findMentions of one line is findInLine',
    300,
    fc.property(aLine, docs, fc.nat({ max: 1e9 }), (line, doc, base) => {
      const context = doc ?? { network: true, powershellTable: false };
      const at0 = findInLine(line, context);
      wellFormed(line, at0);
      const shifted = findInLine(line, context, base);
      wellFormed(line, shifted, base);
      assert.deepEqual(shifted, at0.map((m) => ({ ...m, offset: m.offset + base })));
      assert.deepEqual(findMentions(line, context), at0);
    }),
  ),
  fuzz(
    'fuzz recogniser: mentionAt at any character says what the whole-line scan says there',
    300,
    fc.property(aLine, docs, fc.array(fc.nat(), { maxLength: 8, size: 'max' }), (line, doc, picks) => {
      const context = doc ?? { network: true, powershellTable: false };
      const all = findInLine(line, context);
      // Every character of every mention, and random characters (past the end too).
      const positions = [...all.flatMap((m) => [m.offset, m.offset + m.length - 1, m.offset + (m.length >> 1)]), ...picks.map((p) => p % (line.length + 2))];
      for (const at of positions) {
        const whole = all.find((m) => m.offset <= at && at < m.offset + m.length);
        assert.deepEqual(mentionAt(line, at, context), whole, `at ${at} of ${JSON.stringify(line)}`);
      }
    }),
  ),
  fuzz(
    'fuzz recogniser: a 1 MB line of spellings and noise: well-formed, and mentionAt agrees at a few places',
    3,
    fc.property(fc.array(spelled.map((s) => s.replace(/[\r\n]/g, ' ')), { minLength: 50, maxLength: 50, size: 'max' }), fc.array(fc.nat(), { minLength: 20, maxLength: 20, size: 'max' }), (parts, picks) => {
      let line = parts.join(' ');
      while (line.length < 1 << 20) line += ` ${line}`;
      line = line.slice(0, 1 << 20);
      const doc = { network: true, powershellTable: false };
      const all = findInLine(line, doc);
      wellFormed(line, all);
      for (const pick of picks) {
        const at = pick % line.length;
        assert.deepEqual(mentionAt(line, at, doc), all.find((m) => m.offset <= at && at < m.offset + m.length), `at ${at}`);
      }
    }),
  ),
];
