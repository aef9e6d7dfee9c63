// Simplified Chinese, complete and consistent. Every text the core says in Chinese (the corpus:
// explanations for every spelling, diagnoses, walkthrough, explorer, timeline, kernel replay, the
// CLI's words), the l10n bundle and package.nls.zh-cn.json: hold no English sentence
// (english-leak.ts), use full-width punctuation, name TCP's terms as Chinese textbooks do
// (三次握手, 四次挥手, 半关闭, 主动关闭方, 被动关闭方) wherever the English names them, and keep
// the English state names (TIME-WAIT, not 时间等待). The glossary also reads every Chinese string
// literal in src/ and media/, and README.zh-cn.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as TypeScript from 'typescript';
import { explainState } from '../../src/core/model/explain';
import { ALL_STATES, RFC_STATES } from '../../src/core/model/states';
import { toPlainText } from '../../src/core/views/render';
import { corpus, DIAGNOSIS_RULES, type Text } from './chinese-corpus';
import { englishIn, leaks } from './english-leak';

const ROOT = join(__dirname, '..', '..', '..');
const ts = createRequire(join(ROOT, 'package.json'))('typescript') as typeof TypeScript;
const CJK = /[\u4e00-\u9fff]/;

const zh = corpus('zh-cn');
const en = corpus('en');

function json(path: string): Record<string, string> {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, string>;
}

/** The bundle's and package.nls's (English, Chinese) pairs. */
function translated(): { readonly label: string; readonly en: string; readonly zh: string }[] {
  const bundle = json('l10n/bundle.l10n.zh-cn.json');
  const nlsEn = json('package.nls.json');
  const nlsZh = json('package.nls.zh-cn.json');
  return [
    ...Object.entries(bundle).map(([key, value]) => ({ label: `bundle "${key}"`, en: key, zh: value })),
    ...Object.entries(nlsZh).map(([key, value]) => ({ label: `package.nls.zh-cn ${key}`, en: nlsEn[key] ?? '', zh: value })),
  ];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every string literal (a template's literal parts joined by 'X') in src/ and media/ that holds Chinese. */
function chineseLiterals(): Text[] {
  const out: Text[] = [];
  for (const path of [...sourceFiles('src'), ...sourceFiles('media')]) {
    const file = ts.createSourceFile(path, readFileSync(join(ROOT, path), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: TypeScript.Node): void => {
      let text: string | undefined;
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
      else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('X');
      if (text !== undefined && CJK.test(text)) out.push([`${path}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`, text]);
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return out;
}

/** Every Chinese text there is: the corpus, the bundle, package.nls, the sources' literals, the Chinese README. */
function allChinese(): Text[] {
  return [
    ...zh.texts,
    ...translated().map(({ label, zh: text }): Text => [label, text]),
    ...chineseLiterals(),
    ['README.zh-cn.md', readFileSync(join(ROOT, 'README.zh-cn.md'), 'utf8')],
  ];
}

/** Each failure once, with the first place it was found. */
function firstOfEach(found: readonly string[], key: (line: string) => string): string[] {
  const seen = new Map<string, string>();
  for (const line of found) if (!seen.has(key(line))) seen.set(key(line), line);
  return [...seen.values()];
}

test('the corpus reaches every diagnosis, every state and every locale table, and is large enough to mean something', () => {
  assert.deepEqual(DIAGNOSIS_RULES.map((r) => r.id).filter((id) => !zh.fired.has(id)), [], 'diagnoses no census fixture makes fire');
  assert.ok(zh.texts.length > 5000, `${zh.texts.length} texts`);
  assert.equal(zh.texts.length, en.texts.length, 'both languages say the same things');
  assert.deepEqual(zh.texts.map(([label]) => label), en.texts.map(([label]) => label));
});

test('the English-leak heuristic finds English: in the English corpus, and in a Chinese sentence that has some', () => {
  assert.ok(leaks(en.texts).length > 1000, 'the English texts are full of it');
  assert.deepEqual(englishIn('TIME-WAIT 的结束 is never on the wire'), ['is never on the wire']);
  assert.deepEqual(englishIn('服务器 (again)'), ['(again)']);
  assert.deepEqual(englishIn('如何进入：rcv SYN / snd SYN,ACK；`ss -tan state time-wait`；“too many orphaned sockets”'), []);
});

test('no English sentence in what the core says in Chinese', () => {
  assert.deepEqual(firstOfEach(leaks(zh.texts), (l) => /«(.*?)»/.exec(l)?.[1] ?? l).slice(0, 40), []);
});

test('no English sentence in the Chinese l10n bundle and package.nls.zh-cn.json', () => {
  const texts = translated().map(({ label, zh: text }): Text => [label, text]);
  assert.ok(texts.length > 100);
  assert.deepEqual(leaks(texts), []);
});

test('a Chinese translation is never the English left as it is (names and notation aside)', () => {
  const same = translated().filter(({ en: english, zh: chinese }) => english === chinese && englishIn(english).length > 0);
  assert.deepEqual(same.map((t) => t.label), []);
});

/** A half-width , ; : ( ) next to a Chinese character: Chinese text takes ，；：（）. */
const HALF_WIDTH_IN_CHINESE = /[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]/;

test('Chinese text uses full-width punctuation', () => {
  const found = allChinese().flatMap(([label, text]) => {
    const m = HALF_WIDTH_IN_CHINESE.exec(text);
    return m ? [`${label}: "${m[0]}" in …${text.slice(Math.max(0, m.index - 20), m.index + 20)}…`] : [];
  });
  assert.deepEqual(firstOfEach(found, (l) => l.slice(l.indexOf(': ') + 2)).slice(0, 40), []);
});

/**
 * Terms with one standard Chinese rendering, and the variants found or expected in translations.
 * A state's English name is never translated: the names on the right are what it would be.
 */
const NOT_STANDARD: readonly (readonly [RegExp, string])[] = [
  [/三路握手|三向握手|三步握手/, '三次握手 (three-way handshake)'],
  [/四路挥手|四次握手|四路握手|三次挥手|四向挥手|四步挥手/, '四次挥手 (four-way close)'],
  [/半闭合|半封闭|半开关闭/, '半关闭 (half-close)'],
  [/主动关闭[者端]|主动关闭的一方/, '主动关闭方 (active closer)'],
  [/被动关闭[者端]|被动关闭的一方/, '被动关闭方 (passive closer)'],
  [/回环/, '环回 (loopback), as the explanations say'],
  [/套接口/, '套接字 (socket)'],
  [/时间等待|时间_等待/, 'TIME-WAIT, kept in English'],
  [/关闭等待/, 'CLOSE-WAIT, kept in English'],
  [/终止等待|结束等待|FIN ?等待/, 'FIN-WAIT-1 / FIN-WAIT-2, kept in English'],
  [/最后确认/, 'LAST-ACK, kept in English'],
  [/同步已?发送|同步已?接收|同步收到/, 'SYN-SENT / SYN-RECEIVED, kept in English'],
  [/已建立状态|连接已建立状态/, 'ESTABLISHED, kept in English'],
  [/监听状态|侦听状态/, 'LISTEN, kept in English'],
  [/正在关闭状态|同时关闭状态/, 'CLOSING, kept in English'],
  [/已关闭状态/, 'CLOSED, kept in English'],
];

test('the glossary: TCP terms in their standard Chinese renderings, state names never translated', () => {
  const found = allChinese().flatMap(([label, text]) =>
    NOT_STANDARD.flatMap(([variant, standard]) => {
      const m = variant.exec(text);
      return m ? [`${label}: "${m[0]}" (standard: ${standard})`] : [];
    }),
  );
  assert.deepEqual(found, []);
});

test('the glossary catches a variant', () => {
  const caught = (text: string): string[] => NOT_STANDARD.filter(([variant]) => variant.test(text)).map(([, standard]) => standard);
  assert.deepEqual(caught('三路握手之后进入时间等待状态'), ['三次握手 (three-way handshake)', 'TIME-WAIT, kept in English']);
  assert.deepEqual(caught('三次握手之后，主动关闭方进入 TIME-WAIT'), []);
});

/** Where the English names a term, its Chinese says the standard rendering. */
const TERMS: readonly (readonly [RegExp, RegExp, string])[] = [
  [/three-way handshake/i, /三次握手/, '三次握手'],
  [/four-way (?:teardown|close|handshake)/i, /四次挥手/, '四次挥手'],
  [/half-clos/i, /半关闭/, '半关闭'],
  [/active closer|closes? (?:it )?actively|actively clos/i, /主动关闭/, '主动关闭方'],
  [/passive closer/i, /被动关闭方/, '被动关闭方'],
];

test('where the English says three-way handshake, four-way close, half-close, active or passive closer, the Chinese says 三次握手, 四次挥手, 半关闭, 主动关闭方, 被动关闭方', () => {
  // The two corpora say the same things under the same labels, in the same order.
  const chinese = new Map<string, string[]>();
  for (const [label, text] of zh.texts) chinese.set(label, [...(chinese.get(label) ?? []), text]);
  const seen = new Map<string, number>();
  const pairs = [
    ...en.texts
      .filter(([label]) => !/Id$|\.id$/.test(label))
      .map(([label, text]) => {
        const n = seen.get(label) ?? 0;
        seen.set(label, n + 1);
        return { label, en: text, zh: chinese.get(label)?.[n] ?? '' };
      }),
    ...translated(),
  ];
  let checked = 0;
  const missing = pairs.flatMap((pair) =>
    TERMS.flatMap(([english, chinese, term]) => {
      if (!english.test(pair.en)) return [];
      checked++;
      return chinese.test(pair.zh) ? [] : [`${pair.label}: no ${term} in ${JSON.stringify(pair.zh.slice(0, 160))}`];
    }),
  );
  assert.ok(checked >= 10, `${checked} texts name the terms`);
  assert.deepEqual(firstOfEach(missing, (l) => l.slice(l.indexOf(': ') + 2)), []);
});

test("every state's Chinese explanation names the state by its English name", () => {
  for (const state of ALL_STATES) {
    const text = toPlainText(explainState(state, 'zh-cn'));
    assert.ok(text.includes(state), state);
    assert.match(text, CJK, state);
  }
  // The walkthrough and explorer narrate with the RFC names too.
  const narrated = zh.texts.filter(([label]) => label.startsWith('walkthrough ')).map(([, text]) => text).join('\n');
  for (const state of RFC_STATES) assert.ok(narrated.includes(state), `the walkthrough names ${state}`);
});
