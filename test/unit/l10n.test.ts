// The VS Code strings and the manifest strings are translated, completely and without leftovers:
// every `vscode.l10n.t('…')` in src/ has its entry in each l10n bundle and no entry is unused;
// the package.nls files carry the same keys as each other and as package.json's %placeholders%;
// every language in the core's LOCALES has its files and its place in the settings; no English
// text for the user is left outside the bundle and the core's tables; zh-tw gets the zh-cn files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as TypeScript from 'typescript';
import { DEFAULT_LOCALE, LOCALES, toLocale } from '../../src/core/model/i18n';

const ROOT = join(__dirname, '..', '..', '..');
// Loaded at run time from node_modules, not bundled: the compiler is 9 MB. Its parser reads the
// sources as TypeScript does, so strings inside HTML templates and comments are told apart.
const ts = createRequire(join(ROOT, 'package.json'))('typescript') as typeof TypeScript;

/** The languages VS Code gets translations for: the bundle and package.nls of the default are the sources themselves. */
const TRANSLATED = LOCALES.filter((locale) => locale !== DEFAULT_LOCALE);

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `l10n.t` itself (as `vscode.l10n.t` or `l10n.t`). */
function isL10nT(node: TypeScript.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === 't' && /(^|\.)l10n$/.test(node.expression.getText());
}

function literal(node: TypeScript.Expression | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** The function a call sits in, when it hands its first parameter on as the call's first argument. */
function passingOn(call: TypeScript.CallExpression): TypeScript.SignatureDeclaration | undefined {
  let fn: TypeScript.Node | undefined = call.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  const first = call.arguments[0];
  const param = fn && ts.isFunctionLike(fn) ? fn.parameters[0] : undefined;
  const passes = first && param && ts.isIdentifier(first) && ts.isIdentifier(param.name) && first.text === param.name.text;
  return passes ? (fn as TypeScript.SignatureDeclaration) : undefined;
}

/**
 * The message keys src/ passes to `l10n.t`: literal first arguments, and literal arguments of
 * the helpers that hand their parameter on to it (`const t = (text: string) =>
 * escapeHtml(vscode.l10n.t(text))`, a method, or a function another file imports). Helpers are
 * told apart by the type checker's symbols, not by name, so an unrelated `t()` does not count.
 * A call with any other first argument fails the test: its key could not be checked.
 */
let scanned: Set<string> | undefined;

function usedKeys(): Set<string> {
  scanned ??= scan();
  return scanned;
}

function scan(): Set<string> {
  const paths = sourceFiles('src').map((path) => join(ROOT, path));
  const program = ts.createProgram(paths, { noEmit: true, allowJs: false, types: [], noResolve: false, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const calls: [TypeScript.SourceFile, TypeScript.CallExpression][] = [];
  for (const file of program.getSourceFiles()) {
    if (!paths.includes(file.fileName)) continue;
    const visit = (node: TypeScript.Node): void => {
      if (ts.isCallExpression(node)) calls.push([file, node]);
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  const where = ([file, call]: [TypeScript.SourceFile, TypeScript.CallExpression]): string =>
    `${file.fileName.slice(ROOT.length + 1)}:${file.getLineAndCharacterOfPosition(call.getStart()).line + 1}: ${call.getText()}`;
  /** The declaration a call calls, through imports. */
  const callee = (call: TypeScript.CallExpression): TypeScript.Declaration | undefined => {
    let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol?.valueDeclaration;
  };
  /** A helper's declaration: the function itself, or the variable an arrow function is bound to. */
  const declarationOf = (fn: TypeScript.SignatureDeclaration): TypeScript.Declaration =>
    (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) ? fn.parent : fn;

  const keys = new Set<string>();
  const unchecked: string[] = [];
  const helpers = new Set<TypeScript.Declaration>();
  const record = (entry: [TypeScript.SourceFile, TypeScript.CallExpression]): void => {
    const [, call] = entry;
    const key = literal(call.arguments[0]);
    const fn = key === undefined ? passingOn(call) : undefined;
    if (key !== undefined) keys.add(key);
    else if (fn) helpers.add(declarationOf(fn));
    else unchecked.push(where(entry));
  };
  for (const entry of calls) if (isL10nT(entry[1].expression)) record(entry);
  // Helpers of helpers too: repeat until no new helper turns up.
  const done = new Set<TypeScript.CallExpression>();
  for (let size = -1; size !== helpers.size; ) {
    size = helpers.size;
    for (const entry of calls) {
      if (done.has(entry[1]) || isL10nT(entry[1].expression)) continue;
      const target = callee(entry[1]);
      if (target && helpers.has(target)) {
        done.add(entry[1]);
        record(entry);
      }
    }
  }
  assert.deepEqual(unchecked, [], 'l10n.t calls whose message is not a string literal cannot be checked');
  return keys;
}

/** The {0}, {1}… placeholders of a message, which a translation must keep. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
}

test('the scan finds the l10n.t calls, also those made through a local helper', () => {
  const keys = usedKeys();
  assert.ok(keys.has('TCP State Diagram'), 'a direct vscode.l10n.t call');
  assert.ok(keys.has('Zoom'), "a call through the diagram panel's t() helper");
  assert.ok(keys.has('Walkthrough controls'), "a call through the walkthrough panel's t() helper");
});

test('every l10n.t message in src/ is translated in each l10n bundle, and no bundle entry is unused', () => {
  const keys = usedKeys();
  assert.ok(keys.size > 10);
  for (const locale of TRANSLATED) {
    const path = `l10n/bundle.l10n.${locale}.json`;
    assert.ok(existsSync(join(ROOT, path)), `${path} is missing`);
    const bundle = readJson(path);
    const missing = [...keys].filter((key) => !(key in bundle)).sort();
    const stale = Object.keys(bundle).filter((key) => !keys.has(key)).sort();
    assert.deepEqual(missing, [], `${path}: messages with no translation`);
    assert.deepEqual(stale, [], `${path}: entries no source uses`);
    for (const [key, value] of Object.entries(bundle)) {
      assert.ok(typeof value === 'string' && value.trim().length > 0, `${path}: empty translation of "${key}"`);
      assert.deepEqual(placeholders(value), placeholders(key), `${path}: placeholders of "${key}"`);
    }
  }
});

test('package.nls files have the same keys, exactly those package.json uses', () => {
  const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const used = [...new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1] as string))].sort();
  assert.ok(used.length > 3);
  const en = readJson('package.nls.json');
  assert.deepEqual(Object.keys(en).sort(), used, 'package.nls.json against the %keys% of package.json');
  for (const locale of TRANSLATED) {
    const path = `package.nls.${locale}.json`;
    assert.ok(existsSync(join(ROOT, path)), `${path} is missing`);
    const nls = readJson(path);
    assert.deepEqual(Object.keys(nls).sort(), Object.keys(en).sort(), `${path} against package.nls.json`);
    for (const [key, value] of Object.entries(nls)) assert.ok(typeof value === 'string' && value.trim(), `${path}: empty "${key}"`);
  }
});

test('the explanation language setting offers exactly the core locales, each described', () => {
  const setting = (readJson('package.json') as { contributes: { configuration: { properties: Record<string, { enum: string[]; enumDescriptions: string[] }> } } })
    .contributes.configuration.properties['tcpStateLens.explanationLanguage']!;
  assert.deepEqual(setting.enum, ['auto', ...LOCALES]);
  assert.deepEqual(setting.enumDescriptions, setting.enum.map((value) => `%config.explanationLanguage.${value}%`));
});

test('package.nls.zh-cn.json keeps the {0} placeholders of package.nls.json', () => {
  const en = readJson('package.nls.json');
  for (const locale of TRANSLATED) {
    const nls = readJson(`package.nls.${locale}.json`);
    for (const [key, value] of Object.entries(nls)) assert.deepEqual(placeholders(String(value)), placeholders(String(en[key] ?? '')), `${locale}: ${key}`);
  }
});

// ---- No English left outside the tables and the bundle ----

/**
 * English text in host, CLI and webview code that is not a message for the l10n bundle, not a
 * log line, not an Error's message, not an English table whose twin in every other language the
 * type checker requires (a property `en`, a constant named EN or …_EN): two English words in a
 * row in a string literal (HTML tags taken out). What is English on purpose is listed here, with
 * why; an entry that no longer matches anything fails too, so the list cannot go stale.
 */
const ENGLISH_ON_PURPOSE: readonly { readonly file: string; readonly text?: string; readonly why: string }[] = [
  { file: 'src/vscode/socket-tool.ts', why: "the tool's failures in English for the log; connections-view.ts words them for the user" },
  { file: 'src/vscode/webview-panel.ts', why: 'log lines about the messages a webview sent' },
  { file: 'src/shared/cache-store.ts', why: "log lines about the diagram cache's file" },
  { file: 'src/kernel-replay/sockets.ts', why: "what a timed-out wait was for, inside the replay's error: a diagnostic, like the OS's own error text" },
  { file: 'src/kernel-replay/replay.ts', why: "NotLinuxError's message for the log; the explorer panel words it for the user" },
  { file: 'media/diagram.ts', text: 'num count', why: 'class names' },
  { file: 'src/cli-words.ts', text: 'node dist', why: "the command line the Chinese help shows (node dist/cli.js …)" },
  { file: 'media/timeline.ts', text: 'sequence of connection', why: "an error the webview posts to the host's log" },
];

const ENGLISH_RUN = /(?<![-.#\w])[A-Za-z][a-z]+(?: [a-z]{2,})+(?![-\w])/;

function isSkipped(node: TypeScript.Node): boolean {
  for (let p: TypeScript.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isCallExpression(p) && /(^|\.)l10n\.t$|^t$|^localizedHtml$|(^|\.)log\.(info|warn|error|debug|trace)$|querySelector(All)?$|closest$/.test(p.expression.getText())) return true;
    if (ts.isNewExpression(p) && /Error$/.test(p.expression.getText())) return true;
    if (ts.isPropertyAssignment(p) && p.name.getText() === 'en') return true;
    if (ts.isVariableDeclaration(p) && /^(EN|\w+_EN)$/.test(p.name.getText())) return true;
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p)) return true;
  }
  return false;
}

test('no English text for the user outside the l10n bundle and the language tables (host, CLI, webviews)', () => {
  // All of src/ but the core (its words are the Localized tables the compiler checks; chinese.test.ts reads them), and media/.
  const files = [...sourceFiles('src').filter((path) => !path.startsWith('src/core/')), ...sourceFiles('media')];
  const found: { file: string; line: number; text: string }[] = [];
  for (const path of files) {
    const file = ts.createSourceFile(path, readFileSync(join(ROOT, path), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: TypeScript.Node): void => {
      let text: string | undefined;
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
      else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ¤ ');
      const run = text === undefined || isSkipped(node) ? undefined : ENGLISH_RUN.exec(text.replace(/<[^>]*>/g, ' '))?.[0];
      if (run) found.push({ file: path, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: run });
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  const allowed = (f: { file: string; text: string }) => ENGLISH_ON_PURPOSE.some((a) => a.file === f.file && (a.text === undefined || f.text.includes(a.text)));
  assert.deepEqual(found.filter((f) => !allowed(f)).map((f) => `${f.file}:${f.line}: «${f.text}»`), []);
  const unused = ENGLISH_ON_PURPOSE.filter((a) => !found.some((f) => f.file === a.file && (a.text === undefined || f.text.includes(a.text))));
  assert.deepEqual(unused, [], 'entries of ENGLISH_ON_PURPOSE that match nothing any more');
});

// ---- zh-tw: the Simplified Chinese strings until Traditional Chinese is written ----

test('zh-tw gets the Simplified Chinese files, written by the build, shipped, never committed', async () => {
  const { TRADITIONAL_CHINESE_FALLBACKS, writeTraditionalChineseFallbacks } = (await import(join(ROOT, 'scripts', 'traditional-chinese.mjs'))) as {
    TRADITIONAL_CHINESE_FALLBACKS: { from: string; to: string }[];
    writeTraditionalChineseFallbacks: (root: string) => void;
  };
  assert.deepEqual(TRADITIONAL_CHINESE_FALLBACKS.map((f) => f.to).sort(), ['l10n/bundle.l10n.zh-tw.json', 'package.nls.zh-tw.json']);
  // Written from the zh-cn files (here into a scratch copy of the two sources).
  const scratch = mkdtempSync(join(tmpdir(), 'tsl-zh-tw-'));
  mkdirSync(join(scratch, 'l10n'));
  for (const { from } of TRADITIONAL_CHINESE_FALLBACKS) writeFileSync(join(scratch, from), readFileSync(join(ROOT, from)));
  writeTraditionalChineseFallbacks(scratch);
  for (const { from, to } of TRADITIONAL_CHINESE_FALLBACKS) {
    assert.equal(readFileSync(join(scratch, to), 'utf8'), readFileSync(join(ROOT, from), 'utf8'), to);
    // The build of this run wrote them in the project too, up to date.
    assert.equal(readFileSync(join(ROOT, to), 'utf8'), readFileSync(join(ROOT, from), 'utf8'), `${to} is stale: run npm run build`);
  }
  rmSync(scratch, { recursive: true, force: true });
  const manifest = readJson('package.json') as { files: string[] };
  for (const { to } of TRADITIONAL_CHINESE_FALLBACKS) {
    assert.ok(manifest.files.includes(to), `package.json files ships ${to}`);
    assert.ok(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n').includes(to), `.gitignore keeps ${to} out of git`);
  }
  // VS Code maps a zh-tw display language to these by name; the core maps every zh tag to zh-cn.
  assert.equal(toLocale('zh-tw'), 'zh-cn');
  // The setting says so.
  assert.match(readJson('package.nls.json')['config.explanationLanguage.auto'] as string, /zh-tw too, as Traditional Chinese is not written yet/);
  assert.match(readJson('package.nls.zh-cn.json')['config.explanationLanguage.auto'] as string, /繁体中文尚未翻译/);
});
