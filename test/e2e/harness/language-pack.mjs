// A display-language pack for the E2E tests, built here as a VSIX: VS Code (code-server too)
// honours `--locale zh-cn` only when a language pack for zh-cn is installed; without one the
// workbench, `vscode.env.language` and every extension stay English (seen: the hover and the
// command palette in English, no l10n bundle loaded). The marketplace's Chinese pack cannot be
// downloaded here, and the tests need none of VS Code's own translations: this pack declares the
// locale with an empty translation of VS Code (its own strings stay English), which is enough for
// VS Code to switch its display language and so to load our package.nls.zh-cn.json and
// l10n/bundle.l10n.zh-cn.json.
//
// code-server installs a VSIX given on its command line in a CLI process of its own, whose
// language pack service is never started, so the pack is not entered in the user data's
// languagepacks.json, the cache the server reads to resolve --locale (VS Code's
// LanguagePacksCache writes it when a pack is installed from a running workbench). `installed`
// enters it there, in that cache's format: the one step of a real install the CLI skips. Runs in
// plain Node.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './artifacts.mjs';

const PUBLISHER = 'tcp-state-lens-tests';
const VERSION = '0.0.1';

/**
 * The pack for `locale` (e.g. 'zh-cn'), for startCodeServer's `extensions`: its VSIX, and what to
 * do once code-server's CLI has installed it.
 */
export function languagePack(locale) {
  const name = `tsl-test-language-pack-${locale}`;
  return {
    vsix: languagePackVsix(locale, name),
    installed({ userDataDir, extensionsDir }) {
      const folder = readdirSync(extensionsDir).find((entry) => entry.startsWith(`${PUBLISHER}.${name}-`));
      if (!folder) throw new Error(`the ${locale} test language pack installed, but no folder of it is in ${extensionsDir}`);
      const id = `${PUBLISHER}.${name}`;
      const cache = {
        [locale]: {
          hash: createHash('md5').update(id).update(VERSION).digest('hex'),
          extensions: [{ extensionIdentifier: { id }, version: VERSION }],
          translations: { vscode: join(extensionsDir, folder, 'translations', 'main.i18n.json') },
          label: locale,
        },
      };
      writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(cache));
    },
  };
}

/** Builds the pack's VSIX and returns its path. */
function languagePackVsix(locale, name) {
  const dir = mkdtempSync(join(tmpdir(), `tsl-language-pack-${locale}-`));
  mkdirSync(join(dir, 'translations'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name,
        displayName: `Test language pack (${locale})`,
        description: `Declares the ${locale} display language for the E2E tests; translates nothing of VS Code`,
        version: VERSION,
        publisher: PUBLISHER,
        license: 'MIT',
        engines: { vscode: '^1.95.0' },
        categories: ['Language Packs'],
        contributes: {
          localizations: [{ languageId: locale, languageName: locale, localizedLanguageName: locale, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
        },
      },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(join(dir, 'README.md'), `Declares the ${locale} display language for the E2E tests.\n`);
  const vsix = join(dir, `${name}.vsix`);
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the ${locale} test language pack did not package:\n${result.stdout}\n${result.stderr}`);
  return vsix;
}
