// The transition table's Chinese words (src/core/model/transitions.zh-cn.ts) beside the English
// rows: one entry for every row and no other, a guard and a note exactly where the English row
// has one, every text Chinese and not the English left as it is, and everything that stays as
// the RFC writes it (segment notation, variables, state names, calls, sysctls, sections, rows
// referred to, requirement ids, errno names, numbers) found again in the Chinese. And rowText,
// which every view asks for a row's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RFC_STATES } from '../../src/core/model/states';
import { rowText } from '../../src/core/model/transition-text';
import type { RowText } from '../../src/core/model/transition-types';
import { TRANSITIONS, transitionById } from '../../src/core/model/transitions';
import { TRANSITION_TEXT_ZH_CN } from '../../src/core/model/transitions.zh-cn';

const CJK = /[\u4e00-\u9fff]/;
const FIELDS = ['event', 'guard', 'action', 'note'] as const;

test('the Chinese words have one entry for each row of the table, and none for a row it lacks', () => {
  assert.deepEqual(Object.keys(TRANSITION_TEXT_ZH_CN).sort(), TRANSITIONS.map((row) => row.id).sort());
  assert.equal(TRANSITIONS.length, 81);
});

test('a Chinese guard or note exactly where the English row has one', () => {
  const mismatched = TRANSITIONS.flatMap((row) => {
    const zh: RowText = TRANSITION_TEXT_ZH_CN[row.id];
    return (['guard', 'note'] as const).filter((field) => (row[field] === undefined) !== (zh[field] === undefined)).map((field) => `${row.id}.${field}`);
  });
  assert.deepEqual(mismatched, []);
  // Each Chinese entry holds only the four fields of words.
  const extra = TRANSITIONS.flatMap((row) => Object.keys(TRANSITION_TEXT_ZH_CN[row.id]).filter((key) => !(FIELDS as readonly string[]).includes(key)).map((key) => `${row.id}.${key}`));
  assert.deepEqual(extra, []);
});

test('every Chinese text holds Chinese and is not the English text left as it is', () => {
  const bad = TRANSITIONS.flatMap((row) =>
    FIELDS.flatMap((field) => {
      const zh = TRANSITION_TEXT_ZH_CN[row.id][field];
      if (zh === undefined) return [];
      if (!CJK.test(zh)) return [`${row.id}.${field} has no Chinese: ${zh}`];
      return zh === row[field] ? [`${row.id}.${field} is the English`] : [];
    }),
  );
  assert.deepEqual(bad, []);
});

/** What a translation keeps as the RFC and the kernel write it: found in the English, it must be in the Chinese. */
const KEPT: readonly RegExp[] = [
  /<[A-Z.]+=[^<>\s]*>/g, // segment notation, one field at a time: <SEQ=ISS>
  /\b(?:SND|RCV|SEG|MAX\.SND)\.[A-Z0-9]+\b/g, // variables: SND.NXT, SEG.ACK
  /\b(?:ISS|IRS|TCB|MSL|RTO)\b/g,
  /\b(?:OPEN|SEND|RECEIVE|CLOSE|ABORT)\b/g, // the RFC's calls
  /\b[a-z_]+\(\)|\b(?:listen|connect|close|shutdown|read|write)\(/g, // sockets calls
  /\b(?:tcp|inet)_\w+/g, // sysctls and kernel functions
  /\b[A-Z][A-Z0-9_]{3,}\b/g, // constants and errno names: ECONNREFUSED, TCP_TIMEWAIT_LEN, SO_LINGER
  /§[\d.]+/g,
  /RFC \d+/g,
  /\b(?:MUST|SHLD|MAY)-\d+/g,
  /\b[URT]\d\d\b/g, // rows referred to: "as R12"
  /\b\d+(?:\.\d+)?\b(?!-tuple)/g, // numbers: 60 s, 3/4, 924.6 (a 4-tuple is 四元组)
];

test('segment notation, variables, state names, calls, sysctls, sections, row ids and numbers are kept in the Chinese', () => {
  const lost = TRANSITIONS.flatMap((row) =>
    FIELDS.flatMap((field) => {
      const en = row[field];
      const zh = TRANSITION_TEXT_ZH_CN[row.id][field];
      if (en === undefined || zh === undefined) return [];
      const kept = new Set([...KEPT.flatMap((pattern) => en.match(pattern) ?? []), ...RFC_STATES.filter((state) => new RegExp(`(?<![\\w-])${state}(?![\\w-])`).test(en))]);
      return [...kept].filter((token) => !zh.includes(token)).map((token) => `${row.id}.${field}: ${token}`);
    }),
  );
  assert.deepEqual(lost, []);
});

test('state names stay in English in the Chinese: no state appears there that the English row does not name', () => {
  const added = TRANSITIONS.flatMap((row) =>
    FIELDS.flatMap((field) => {
      const en = row[field] ?? '';
      const zh = TRANSITION_TEXT_ZH_CN[row.id][field] ?? '';
      return RFC_STATES.filter((state) => zh.includes(state) && !en.toUpperCase().includes(state)).map((state) => `${row.id}.${field}: ${state}`);
    }),
  );
  // Upper case: R50's event, 'time-wait timeout (2MSL)', names its state in lower case; the Chinese as the RFC writes it.
  assert.deepEqual(added, []);
});

test("rowText: English is the row's own words, Chinese the table's, a guard and note only where the row has one", () => {
  const r06 = transitionById('R06');
  assert.deepEqual(rowText(r06, 'en'), { event: r06.event, guard: r06.guard, action: r06.action, note: r06.note });
  assert.deepEqual(rowText(r06, 'zh-cn'), TRANSITION_TEXT_ZH_CN.R06);
  assert.equal(rowText(r06, 'zh-cn').event, '收到不带 ACK 的 SYN');
  const r47 = transitionById('R47');
  assert.deepEqual(Object.keys(rowText(r47, 'en')), ['event', 'action']);
  assert.deepEqual(Object.keys(rowText(r47, 'zh-cn')), ['event', 'action']);
  for (const row of TRANSITIONS) assert.equal(rowText(row, 'en').action, row.action, row.id);
});
