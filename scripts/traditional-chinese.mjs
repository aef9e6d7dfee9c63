// Traditional Chinese is not written yet: a zh-tw display language gets the Simplified Chinese
// strings rather than English. VS Code looks for l10n/bundle.l10n.zh-tw.json by that exact name
// (vscode.l10n has no fallback from zh-tw to zh-cn) and for package.nls.zh-tw.json (then
// package.nls.zh.json, then English), so both are written here from the zh-cn files at every
// build: generated, never edited, never committed (.gitignore), shipped in the VSIX (package.json
// `files`). The setting's description and the README say so. Runs in plain Node.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Each generated file and the Simplified Chinese file it is a copy of, relative to the project root. */
export const TRADITIONAL_CHINESE_FALLBACKS = [
  { from: 'l10n/bundle.l10n.zh-cn.json', to: 'l10n/bundle.l10n.zh-tw.json' },
  { from: 'package.nls.zh-cn.json', to: 'package.nls.zh-tw.json' },
];

/** Writes the zh-tw files under `root` from its zh-cn files (checked to be JSON first). */
export function writeTraditionalChineseFallbacks(root = '.') {
  for (const { from, to } of TRADITIONAL_CHINESE_FALLBACKS) {
    const text = readFileSync(join(root, from), 'utf8');
    JSON.parse(text);
    writeFileSync(join(root, to), text);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) writeTraditionalChineseFallbacks();
