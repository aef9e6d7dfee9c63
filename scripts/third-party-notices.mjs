// Writes ThirdPartyNotices.txt: every third-party package whose code the VSIX ships, with its
// version, licence, copyright and licence text.
//   node scripts/third-party-notices.mjs              regenerate ThirdPartyNotices.txt
//   node scripts/third-party-notices.mjs --check      exit 1 when the file is not what it would write
//   node scripts/third-party-notices.mjs --metafiles  print the production builds' esbuild metafiles (JSON)
//
// Two sources of shipped code:
// - The esbuild bundles (dist/*.js): scripts/build.mjs --production is run as it is, in a scratch
//   folder, with `esbuild` swapped for a stand-in that builds in memory with `metafile: true`. Every
//   node_modules file that puts bytes into an output names its package. Nothing in dist/ changes.
// - dist/mermaid.tiny.js, copied from @mermaid-js/tiny. Its minified build keeps only two licence
//   banners, so what it embeds is read from the unminified IIFE of the same Mermaid release
//   (node_modules/mermaid/dist/mermaid.js) and the unminified chunks of the @mermaid-js/parser build
//   that it embeds: their path comments name each package and the exact version Mermaid's pnpm
//   install used. That IIFE has everything, the tiny build less (no mindmap, architecture diagram or
//   KaTeX): a package counts when its code is in the tiny build, told by the function names both
//   builds keep (esbuild's keepNames: `__name(fn, "name")` there, `s(fn,"name")` here).
// The output is sorted and carries no dates: the same node_modules give the same file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NOTICES = 'ThirdPartyNotices.txt';
const RULE = '='.repeat(80);
const TINY = '@mermaid-js/tiny';
const TINY_FILE = 'dist/mermaid.tiny.js';

/**
 * Packages inlined by a webpack build inside one the parser embeds, which only the parser's source
 * maps reveal: vscode-uri 3.1.0 (its lib/esm/index.mjs) inlines path-browserify; vscode-uri 3.1.0
 * builds with path-browserify ^1.0.1, whose only release is 1.0.1.
 */
const WEBPACK_INLINED = [{ prefix: 'webpack://LIB/node_modules/path-browserify/', name: 'path-browserify', version: '1.0.1', host: 'vscode-uri' }];

/** Packages whose published file is itself a bundle of their dependencies (roughjs/bundled/rough.esm.js). */
const BUNDLES_ITS_DEPENDENCIES = new Set(['roughjs']);

/** A licence offered as a choice: the one these notices take, and the file that holds it. */
const ELECTED = {
  dompurify: { licence: 'Apache-2.0', file: 'LICENSE', note: 'DOMPurify is offered under MPL-2.0 or Apache-2.0; it is used here under Apache-2.0.' },
};

/** Copyright lines for packages whose licence file names no holder. */
const COPYRIGHT = {
  dompurify: ['(c) Cure53 and other contributors (from its licence banner: "@license DOMPurify <version> | (c) Cure53 and other contributors")'],
  chevrotain: ['Not stated in the package (its LICENSE.txt is the plain Apache License 2.0); the Chevrotain project, author Shahar Soel'],
  '@chevrotain/gast': ['Not stated in the package (its LICENSE.txt is the plain Apache License 2.0); the Chevrotain project'],
  '@chevrotain/regexp-to-ast': ['Not stated in the package (its LICENSE.txt is the plain Apache License 2.0); the Chevrotain project'],
  '@chevrotain/utils': ['Not stated in the package (its LICENSE.txt is the plain Apache License 2.0); the Chevrotain project, author Shahar Soel'],
};

/** @param {string} text */
function normalise(text) {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** @param {string} path */
function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** `1.10.0` after `1.9.0`; numbers compared as numbers, the rest as text. */
function compareVersions(a, b) {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const d = x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
    if (d !== 0) return d;
  }
  return 0;
}

/** The package a node_modules path belongs to (the innermost node_modules), or undefined. */
export function packageOfPath(path) {
  const parts = path.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const scoped = parts[at + 1].startsWith('@');
  const name = scoped ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
  return { name, dir: parts.slice(0, at + (scoped ? 3 : 2)).join(sep) };
}

// --- The esbuild bundles ---------------------------------------------------------------------

/**
 * Runs scripts/build.mjs --production in a scratch folder that links to this repository's folders
 * (but not dist/ or out/), with `esbuild` resolved to a stand-in whose build() is esbuild's with
 * `write: false, metafile: true`. Returns the folder the metafiles' paths are relative to.
 * @returns {{ workingDir: string, metafiles: import('esbuild').Metafile[] }}
 */
export function productionMetafiles(root = ROOT) {
  const scratch = mkdtempSync(join(tmpdir(), 'tsl-notices-'));
  try {
    for (const name of readdirSync(root)) {
      if (!['dist', 'out', '.git', 'test-results'].includes(name)) symlinkSync(join(root, name), join(scratch, name));
    }
    const out = join(scratch, 'metafiles.json');
    const standIn = [
      "import { createRequire } from 'node:module';",
      "import { writeFileSync } from 'node:fs';",
      `const esbuild = createRequire(${JSON.stringify(join(root, 'package.json'))})('esbuild');`,
      'const metafiles = [];',
      `process.on('exit', () => writeFileSync(${JSON.stringify(out)}, JSON.stringify(metafiles)));`,
      'export async function build(options) {',
      '  const result = await esbuild.build({ ...options, write: false, metafile: true });',
      '  metafiles.push(result.metafile);',
      '  return result;',
      '}',
      "export function context() { throw new Error('third-party-notices: only a one-off build is captured'); }",
    ].join('\n');
    const url = (code) => `data:text/javascript,${encodeURIComponent(code)}`;
    const hooks = `export async function resolve(specifier, context, next) { return specifier === 'esbuild' ? { url: ${JSON.stringify(url(standIn))}, shortCircuit: true } : next(specifier, context); }`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(url(hooks))});`;
    const run = spawnSync(process.execPath, ['--import', url(register), join(root, 'scripts', 'build.mjs'), '--production'], { cwd: scratch, encoding: 'utf8' });
    if (run.status !== 0 || !existsSync(out)) throw new Error(`scripts/build.mjs --production failed (${run.status}):\n${run.stderr}`);
    return { workingDir: scratch, metafiles: JSON.parse(readFileSync(out, 'utf8')) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The node_modules packages that put bytes into each output of the production build.
 * @returns {Map<string, { name: string, version: string, dir: string, outputs: Set<string> }>} by name@version
 */
export function bundledPackages(root = ROOT) {
  const { workingDir, metafiles } = productionMetafiles(root);
  const found = new Map();
  for (const metafile of metafiles) {
    for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
      if (output.endsWith('.map')) continue;
      for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
        const pkg = bytesInOutput > 0 ? packageOfPath(resolve(workingDir, input)) : undefined;
        if (!pkg) continue;
        const { version } = readJson(join(pkg.dir, 'package.json'));
        const key = `${pkg.name}@${version}`;
        if (!found.has(key)) found.set(key, { name: pkg.name, version, dir: pkg.dir, outputs: new Set() });
        found.get(key).outputs.add(output.split(sep).join('/'));
      }
    }
  }
  return found;
}

// --- What dist/mermaid.tiny.js embeds ------------------------------------------------------------

/** `@scope+name@1.2.3_peer@4.5.6` (a pnpm store folder) to its version and whether pnpm patched it. */
function pnpmVersion(folder) {
  const version = /^(?:@[^@]+|[^@]+)@([^_]+)/.exec(folder)?.[1];
  if (!version) throw new Error(`cannot read a version from the pnpm folder ${folder}`);
  return { version, patched: folder.includes('_patch_hash=') };
}

/** An unminified esbuild bundle cut at its `// <path>` comments: each module's code and path. */
function modulesOf(text, ownPath) {
  const parts = [];
  let path = ownPath;
  let start = 0;
  for (const m of text.matchAll(/^\s*\/\/ (\S+\.[cm]?[jt]s)$/gm)) {
    parts.push({ path, code: text.slice(start, m.index) });
    path = m[1];
    start = m.index + m[0].length;
  }
  parts.push({ path, code: text.slice(start) });
  return parts;
}

/** Whether a module's part holds code, not only the empty lazy-init wrapper of a re-exporting index. */
function holdsCode(code) {
  const rest = code
    .replace(/var [\w$]+ = __esm\(\{\s*"[^"]+"\(\) \{\s*"use strict";\s*(?:[\w$]+\(\);\s*)*\}\s*\}\);/g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  return rest.trim() !== '';
}

/**
 * What the tiny build embeds, with the versions its build used.
 * @returns {{ embedded: Map<string, { name: string, version: string, via: string[], patched: boolean }>, leftOut: string[] }} by name@version
 */
export function mermaidTinyPackages(root = ROOT) {
  const modules = join(root, 'node_modules');
  const tiny = readJson(join(modules, TINY, 'package.json'));
  const mermaid = readJson(join(modules, 'mermaid', 'package.json'));
  if (mermaid.version !== tiny.version) {
    throw new Error(`mermaid ${mermaid.version} and ${TINY} ${tiny.version} differ: what ${TINY} embeds is read from the unminified build of the same Mermaid release; install the same version of both`);
  }
  const bundle = readFileSync(join(modules, TINY, 'dist', 'mermaid.tiny.js'), 'utf8');
  const parser = readJson(join(modules, '@mermaid-js', 'parser', 'package.json'));
  const parserDir = join(modules, '@mermaid-js', 'parser');
  const parserVia = [`@mermaid-js/parser ${parser.version}`];

  /** @type {Map<string, { name: string, version: string, via: string[], patched: boolean, code: boolean, names: Set<string>, host?: string }>} */
  const found = new Map();
  const take = (key, init, part) => {
    if (!found.has(key)) found.set(key, { ...init, code: false, names: new Set() });
    const entry = found.get(key);
    entry.code ||= holdsCode(part.code);
    for (const m of part.code.matchAll(/__name\([\w$.]+, "([^"]+)"\)/g)) entry.names.add(m[1]);
  };
  /** Attributes each part to its package, or to the bundle's own code under `own`. */
  const read = (text, own, ownInit, via) => {
    for (const part of modulesOf(text, own)) {
      const m = /\.pnpm\/([^/]+)\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(part.path);
      if (m) {
        const { version, patched } = pnpmVersion(m[1]);
        take(`${m[2]}@${version}`, { name: m[2], version, via, patched }, part);
      } else if (!part.path.startsWith('../parser/')) take(own, ownInit, part);
    }
  };
  const full = readFileSync(join(modules, 'mermaid', 'dist', 'mermaid.js'), 'utf8');
  read(full, 'mermaid', { name: 'mermaid', version: mermaid.version, via: [], patched: false }, []);

  // mermaid.js names the chunks of @mermaid-js/parser's build it took in; the installed parser must
  // be that very build (the same chunk names), whose chunks name what they bundle in turn.
  const chunks = [...full.matchAll(/^\s*\/\/ \.\.\/parser\/(\S+\.mjs)$/gm)].map((m) => m[1]);
  if (chunks.length === 0) throw new Error('mermaid.js names no @mermaid-js/parser chunk: read how it embeds the parser now');
  for (const chunk of chunks) {
    const file = join(parserDir, chunk);
    if (!existsSync(file)) throw new Error(`mermaid ${mermaid.version} embeds ${chunk} of a parser build that is not the installed @mermaid-js/parser ${parser.version}`);
    const parserInit = { name: '@mermaid-js/parser', version: parser.version, via: [], patched: false };
    read(readFileSync(file, 'utf8'), `@mermaid-js/parser@${parser.version}`, parserInit, parserVia);
    for (const source of existsSync(`${file}.map`) ? readJson(`${file}.map`).sources : []) {
      const inlined = WEBPACK_INLINED.find((w) => source.startsWith(w.prefix));
      if (!inlined && source.startsWith('webpack://') && !source.startsWith('webpack://LIB/src/') && !source.startsWith('webpack://LIB/webpack/')) {
        throw new Error(`the parser's source map names ${source}: which package is it?`);
      }
      if (!inlined) continue;
      const host = [...found.values()].find((e) => e.name === inlined.host);
      if (!host) throw new Error(`${inlined.name} is inlined in ${inlined.host}, which the parser does not embed`);
      found.set(`${inlined.name}@${inlined.version}`, { name: inlined.name, version: inlined.version, via: [...host.via, `${host.name} ${host.version}`], patched: false, code: true, names: new Set(), host: `${host.name}@${host.version}` });
    }
  }

  // The names the tiny build keeps: esbuild's keepNames helper, `var s=(e,t)=>zy(e,"name",{value:t,configurable:!0})`.
  const helper = /var ([\w$]+)=\(([\w$]+),([\w$]+)\)=>[\w$]+\(\2,"name",\{value:\3,configurable:!0\}\)/.exec(bundle)?.[1];
  if (!helper) throw new Error(`${TINY_FILE} keeps no function names (esbuild keepNames): tell its packages apart another way`);
  const kept = new Set([...bundle.matchAll(new RegExp(`(?<![\\w$.])${helper.replace(/\$/g, '\\$')}\\([\\w$.]+,"([^"]+)"\\)`, 'g'))].map((m) => m[1]));
  const definers = new Map();
  for (const entry of found.values()) for (const name of entry.names) definers.set(name, (definers.get(name) ?? 0) + 1);

  /** In the tiny build: it holds code and most of the names only it defines (else all its names) are kept. */
  const inTiny = (entry) => {
    if (!entry.code) return false;
    const own = [...entry.names].filter((n) => definers.get(n) === 1);
    const evidence = own.length > 0 ? own : [...entry.names];
    return evidence.length === 0 || evidence.filter((n) => kept.has(n)).length * 2 >= evidence.length;
  };
  const embedded = new Map();
  const leftOut = [];
  for (const [key, entry] of found) {
    if (entry.name === 'mermaid') continue;
    const keep = entry.host ? inTiny(found.get(entry.host)) : inTiny(entry);
    if (keep) embedded.set(key, { name: entry.name, version: entry.version, via: entry.via, patched: entry.patched });
    else leftOut.push(key);
  }

  // Packages whose published file bundles their dependencies: those, at the installed versions.
  for (const entry of [...embedded.values()]) {
    if (!BUNDLES_ITS_DEPENDENCIES.has(entry.name)) continue;
    for (const dep of Object.keys(readJson(join(modules, entry.name, 'package.json')).dependencies ?? {})) {
      const { version } = readJson(join(modules, dep, 'package.json'));
      embedded.set(`${dep}@${version}`, { name: dep, version, via: [...entry.via, `${entry.name} ${entry.version}`], patched: false });
    }
  }

  // The bundle's own licence banners must agree with the versions read above.
  const dompurify = /@license DOMPurify (\S+)/.exec(bundle)?.[1];
  if (dompurify && !embedded.has(`dompurify@${dompurify}`)) throw new Error(`${TINY_FILE} embeds DOMPurify ${dompurify}, mermaid.js another version`);
  for (const m of bundle.matchAll(/--repo lodash\/lodash#(\S+)/g)) {
    if (!embedded.has(`lodash-es@${m[1]}`)) throw new Error(`${TINY_FILE} embeds lodash-es ${m[1]}, mermaid.js another version`);
  }
  return { embedded, leftOut: leftOut.sort() };
}

// --- Licences -----------------------------------------------------------------------------------

/** The installed copies of a package: node_modules/<name> and one level of nesting. */
function installedDirs(root, name) {
  const modules = join(root, 'node_modules');
  const dirs = [join(modules, name)];
  for (const entry of readdirSync(modules)) {
    const parents = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((n) => join(modules, entry, n)) : [join(modules, entry)];
    for (const parent of parents) dirs.push(join(parent, 'node_modules', name));
  }
  return dirs.filter((dir) => existsSync(join(dir, 'package.json')));
}

/** The repository's web address from package.json's `repository`. */
function sourceUrl(repository) {
  const url = typeof repository === 'string' ? repository : repository?.url;
  if (!url) return undefined;
  const web = url
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^github:/, 'https://github.com/')
    .replace(/\.git$/, '');
  return /^[\w.-]+\/[\w.-]+$/.test(web) ? `https://github.com/${web}` : web;
}

/** The lines of a licence text that state a copyright (not the licence's own uses of the word). */
export function copyrightLines(text) {
  return [...new Set(text.split('\n').map((line) => line.trim()).filter((line) => /^(copyright\b|\(c\)|©)/i.test(line) && !/\[yyyy\]|copyright (notice|owner|holder|license|statement|and related rights)/i.test(line)))];
}

/**
 * The licence of name@version: from its installed copy (that version if installed, else another
 * version of the same package, which the entry says) or, for packages Mermaid embeds that npm does
 * not install here, from VENDORED below.
 */
function licenceOf(root, name, version) {
  const dirs = installedDirs(root, name).map((dir) => ({ dir, pkg: readJson(join(dir, 'package.json')) }));
  const exact = dirs.find((d) => d.pkg.version === version);
  const vendored = VENDORED[`${name}@${version}`];
  const chosen = exact ?? (vendored ? undefined : dirs[0]);
  if (!chosen) {
    if (!vendored) throw new Error(`${name} ${version}: not installed and not in VENDORED; add its licence text`);
    return { id: vendored.licence, text: normalise(vendored.text), source: vendored.source, fromVersion: version, notice: undefined };
  }
  const { dir, pkg } = chosen;
  const elected = ELECTED[name];
  const files = readdirSync(dir).sort();
  const file = elected?.file ?? files.find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  let text;
  if (file) text = readFileSync(join(dir, file), 'utf8');
  else {
    // No licence file (fastdom): its README's "License" section.
    const readme = files.find((f) => /^readme(\.md)?$/i.test(f));
    const section = readme && /^#+ *Licen[cs]e *\n([\s\S]*?)(?=^#+ |(?![\s\S]))/im.exec(readFileSync(join(dir, readme), 'utf8'));
    if (!section) throw new Error(`${name} ${pkg.version}: no licence file and no License section in its README`);
    text = section[1];
  }
  const noticeFile = files.find((f) => /^notice(\.(md|txt))?$/i.test(f));
  const id = elected?.licence ?? (typeof pkg.license === 'string' ? pkg.license : /^(the )?mit license/i.test(normalise(text)) ? 'MIT' : undefined);
  if (!id) throw new Error(`${name} ${pkg.version}: no licence identifier`);
  return {
    id,
    declared: elected ? pkg.license : undefined,
    text: normalise(text),
    source: sourceUrl(pkg.repository),
    fromVersion: pkg.version,
    fromReadme: !file,
    notice: noticeFile ? normalise(readFileSync(join(dir, noticeFile), 'utf8')) : undefined,
  };
}

// --- The file -----------------------------------------------------------------------------------

export function generate(root = ROOT) {
  const tinyVersion = readJson(join(root, 'node_modules', TINY, 'package.json')).version;
  /** @type {Map<string, { name: string, version: string, includedIn: Set<string>, patched?: boolean }>} */
  const entries = new Map();
  const add = (name, version, where, patched = false) => {
    const key = `${name}@${version}`;
    if (!entries.has(key)) entries.set(key, { name, version, includedIn: new Set(), patched });
    entries.get(key).includedIn.add(where);
  };
  for (const pkg of bundledPackages(root).values()) for (const output of pkg.outputs) add(pkg.name, pkg.version, output);
  add(TINY, tinyVersion, `${TINY_FILE} (the package's build, copied as it is)`);
  const { embedded, leftOut } = mermaidTinyPackages(root);
  for (const pkg of embedded.values()) {
    add(pkg.name, pkg.version, `${TINY_FILE} (embedded in ${[`${TINY} ${tinyVersion}`, ...pkg.via].join(', through ')})`, pkg.patched);
  }

  const sorted = [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : compareVersions(a.version, b.version)));
  const rows = sorted.map((e) => ({ ...e, licence: licenceOf(root, e.name, e.version) }));
  const width = Math.max(...rows.map((r) => r.name.length)) + 2;
  const vwidth = Math.max(...rows.map((r) => r.version.length)) + 2;
  const out = [
    'TCP State Lens: third-party notices',
    '',
    'The TCP State Lens extension ships the third-party software listed below inside its VSIX: the',
    'packages esbuild bundles into dist/*.js, and Mermaid (dist/mermaid.tiny.js, the @mermaid-js/tiny',
    'build) with what that build embeds. Each entry gives the package, its version, its licence, its',
    'copyright line, where it is included, and the full licence text. TCP State Lens itself is',
    'licensed under the MIT License (see LICENSE).',
    '',
    'Generated by scripts/third-party-notices.mjs from the production build and node_modules; do not',
    'edit by hand.',
    '',
    `${'Package'.padEnd(width)}${'Version'.padEnd(vwidth)}License`,
    ...rows.map((r) => `${r.name.padEnd(width)}${r.version.padEnd(vwidth)}${r.licence.id}`),
  ];
  for (const r of rows) {
    const { licence } = r;
    const copyright = COPYRIGHT[r.name] ?? copyrightLines(licence.text);
    if (copyright.length === 0) throw new Error(`${r.name} ${r.version}: no copyright line in its licence; add one to COPYRIGHT`);
    const notes = [];
    if (licence.declared) notes.push(`${ELECTED[r.name].note} (declared: ${licence.declared})`);
    if (licence.fromVersion !== r.version) notes.push(`Licence text from another release of ${r.name} installed here (this version is not installed).`);
    if (licence.fromReadme) notes.push('The package has no licence file: the text is the License section of its README.');
    if (r.patched) notes.push("Mermaid's build applies its own patch to this package.");
    out.push(
      '',
      RULE,
      `${r.name} ${r.version}`,
      RULE,
      `License:     ${licence.id}`,
      ...copyright.map((line, i) => `${i === 0 ? 'Copyright:  ' : '            '} ${line}`),
      ...(licence.source ? [`Source:      ${licence.source}`] : []),
      ...[...r.includedIn].sort().map((where, i) => `${i === 0 ? 'Included in:' : '            '} ${where}`),
      ...notes.map((note, i) => `${i === 0 ? 'Note:       ' : '            '} ${note}`),
      '',
      licence.text,
      ...(licence.notice ? ['', `NOTICE (${r.name}):`, '', licence.notice] : []),
    );
  }
  return { text: `${out.join('\n')}\n`, leftOut };
}

function main() {
  const args = new Set(process.argv.slice(2));
  if (args.has('--metafiles')) {
    process.stdout.write(JSON.stringify(productionMetafiles()));
    return;
  }
  const { text, leftOut } = generate();
  const path = join(ROOT, NOTICES);
  if (args.has('--check')) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current !== text) {
      const a = current.split('\n');
      const b = text.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      console.error(`${NOTICES} is out of date (first difference at line ${line + 1}: ${JSON.stringify(a[line])} should be ${JSON.stringify(b[line])}); run node scripts/third-party-notices.mjs`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(path, text);
  console.log(`${relative(process.cwd(), path) || NOTICES}: ${text.split('\n').filter((l) => l === RULE).length / 2} packages`);
  console.log(`In Mermaid's full build but not in ${TINY_FILE}, so not listed: ${leftOut.join(', ')}`);
}

// --- Licence texts of packages Mermaid embeds that are not installed here ------------------------
// Copied from the npm packages themselves (npm pack <name>@<version>), normalised as above.

const MICROSOFT_MIT = `Copyright (c) Microsoft Corporation

All rights reserved.

MIT License

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED *AS IS*, WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`;

/** @param {string} holder */
const typefoxMit = (holder) => `${holder}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`;

const VSCODE_URI_MIT = `The MIT License (MIT)

Copyright (c) Microsoft

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`;

const PATH_BROWSERIFY_MIT = `MIT License

Copyright (c) 2013 James Halliday

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`;

const APACHE_2_0 = `                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/

   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION

   1. Definitions.

      "License" shall mean the terms and conditions for use, reproduction,
      and distribution as defined by Sections 1 through 9 of this document.

      "Licensor" shall mean the copyright owner or entity authorized by
      the copyright owner that is granting the License.

      "Legal Entity" shall mean the union of the acting entity and all
      other entities that control, are controlled by, or are under common
      control with that entity. For the purposes of this definition,
      "control" means (i) the power, direct or indirect, to cause the
      direction or management of such entity, whether by contract or
      otherwise, or (ii) ownership of fifty percent (50%) or more of the
      outstanding shares, or (iii) beneficial ownership of such entity.

      "You" (or "Your") shall mean an individual or Legal Entity
      exercising permissions granted by this License.

      "Source" form shall mean the preferred form for making modifications,
      including but not limited to software source code, documentation
      source, and configuration files.

      "Object" form shall mean any form resulting from mechanical
      transformation or translation of a Source form, including but
      not limited to compiled object code, generated documentation,
      and conversions to other media types.

      "Work" shall mean the work of authorship, whether in Source or
      Object form, made available under the License, as indicated by a
      copyright notice that is included in or attached to the work
      (an example is provided in the Appendix below).

      "Derivative Works" shall mean any work, whether in Source or Object
      form, that is based on (or derived from) the Work and for which the
      editorial revisions, annotations, elaborations, or other modifications
      represent, as a whole, an original work of authorship. For the purposes
      of this License, Derivative Works shall not include works that remain
      separable from, or merely link (or bind by name) to the interfaces of,
      the Work and Derivative Works thereof.

      "Contribution" shall mean any work of authorship, including
      the original version of the Work and any modifications or additions
      to that Work or Derivative Works thereof, that is intentionally
      submitted to Licensor for inclusion in the Work by the copyright owner
      or by an individual or Legal Entity authorized to submit on behalf of
      the copyright owner. For the purposes of this definition, "submitted"
      means any form of electronic, verbal, or written communication sent
      to the Licensor or its representatives, including but not limited to
      communication on electronic mailing lists, source code control systems,
      and issue tracking systems that are managed by, or on behalf of, the
      Licensor for the purpose of discussing and improving the Work, but
      excluding communication that is conspicuously marked or otherwise
      designated in writing by the copyright owner as "Not a Contribution."

      "Contributor" shall mean Licensor and any individual or Legal Entity
      on behalf of whom a Contribution has been received by Licensor and
      subsequently incorporated within the Work.

   2. Grant of Copyright License. Subject to the terms and conditions of
      this License, each Contributor hereby grants to You a perpetual,
      worldwide, non-exclusive, no-charge, royalty-free, irrevocable
      copyright license to reproduce, prepare Derivative Works of,
      publicly display, publicly perform, sublicense, and distribute the
      Work and such Derivative Works in Source or Object form.

   3. Grant of Patent License. Subject to the terms and conditions of
      this License, each Contributor hereby grants to You a perpetual,
      worldwide, non-exclusive, no-charge, royalty-free, irrevocable
      (except as stated in this section) patent license to make, have made,
      use, offer to sell, sell, import, and otherwise transfer the Work,
      where such license applies only to those patent claims licensable
      by such Contributor that are necessarily infringed by their
      Contribution(s) alone or by combination of their Contribution(s)
      with the Work to which such Contribution(s) was submitted. If You
      institute patent litigation against any entity (including a
      cross-claim or counterclaim in a lawsuit) alleging that the Work
      or a Contribution incorporated within the Work constitutes direct
      or contributory patent infringement, then any patent licenses
      granted to You under this License for that Work shall terminate
      as of the date such litigation is filed.

   4. Redistribution. You may reproduce and distribute copies of the
      Work or Derivative Works thereof in any medium, with or without
      modifications, and in Source or Object form, provided that You
      meet the following conditions:

      (a) You must give any other recipients of the Work or
          Derivative Works a copy of this License; and

      (b) You must cause any modified files to carry prominent notices
          stating that You changed the files; and

      (c) You must retain, in the Source form of any Derivative Works
          that You distribute, all copyright, patent, trademark, and
          attribution notices from the Source form of the Work,
          excluding those notices that do not pertain to any part of
          the Derivative Works; and

      (d) If the Work includes a "NOTICE" text file as part of its
          distribution, then any Derivative Works that You distribute must
          include a readable copy of the attribution notices contained
          within such NOTICE file, excluding those notices that do not
          pertain to any part of the Derivative Works, in at least one
          of the following places: within a NOTICE text file distributed
          as part of the Derivative Works; within the Source form or
          documentation, if provided along with the Derivative Works; or,
          within a display generated by the Derivative Works, if and
          wherever such third-party notices normally appear. The contents
          of the NOTICE file are for informational purposes only and
          do not modify the License. You may add Your own attribution
          notices within Derivative Works that You distribute, alongside
          or as an addendum to the NOTICE text from the Work, provided
          that such additional attribution notices cannot be construed
          as modifying the License.

      You may add Your own copyright statement to Your modifications and
      may provide additional or different license terms and conditions
      for use, reproduction, or distribution of Your modifications, or
      for any such Derivative Works as a whole, provided Your use,
      reproduction, and distribution of the Work otherwise complies with
      the conditions stated in this License.

   5. Submission of Contributions. Unless You explicitly state otherwise,
      any Contribution intentionally submitted for inclusion in the Work
      by You to the Licensor shall be under the terms and conditions of
      this License, without any additional terms or conditions.
      Notwithstanding the above, nothing herein shall supersede or modify
      the terms of any separate license agreement you may have executed
      with Licensor regarding such Contributions.

   6. Trademarks. This License does not grant permission to use the trade
      names, trademarks, service marks, or product names of the Licensor,
      except as required for reasonable and customary use in describing the
      origin of the Work and reproducing the content of the NOTICE file.

   7. Disclaimer of Warranty. Unless required by applicable law or
      agreed to in writing, Licensor provides the Work (and each
      Contributor provides its Contributions) on an "AS IS" BASIS,
      WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or
      implied, including, without limitation, any warranties or conditions
      of TITLE, NON-INFRINGEMENT, MERCHANTABILITY, or FITNESS FOR A
      PARTICULAR PURPOSE. You are solely responsible for determining the
      appropriateness of using or redistributing the Work and assume any
      risks associated with Your exercise of permissions under this License.

   8. Limitation of Liability. In no event and under no legal theory,
      whether in tort (including negligence), contract, or otherwise,
      unless required by applicable law (such as deliberate and grossly
      negligent acts) or agreed to in writing, shall any Contributor be
      liable to You for damages, including any direct, indirect, special,
      incidental, or consequential damages of any character arising as a
      result of this License or out of the use or inability to use the
      Work (including but not limited to damages for loss of goodwill,
      work stoppage, computer failure or malfunction, or any and all
      other commercial damages or losses), even if such Contributor
      has been advised of the possibility of such damages.

   9. Accepting Warranty or Additional Liability. While redistributing
      the Work or Derivative Works thereof, You may choose to offer,
      and charge a fee for, acceptance of support, warranty, indemnity,
      or other liability obligations and/or rights consistent with this
      License. However, in accepting such obligations, You may act only
      on Your own behalf and on Your sole responsibility, not on behalf
      of any other Contributor, and only if You agree to indemnify,
      defend, and hold each Contributor harmless for any liability
      incurred by, or claims asserted against, such Contributor by reason
      of your accepting any such warranty or additional liability.

   END OF TERMS AND CONDITIONS

   APPENDIX: How to apply the Apache License to your work.

      To apply the Apache License to your work, attach the following
      boilerplate notice, with the fields enclosed by brackets "[]"
      replaced with your own identifying information. (Don't include
      the brackets!)  The text should be enclosed in the appropriate
      comment syntax for the file format. We also recommend that a
      file or class name and description of purpose be included on the
      same "printed page" as the copyright notice for easier
      identification within third-party archives.

   Copyright [yyyy] [name of copyright owner]

   Licensed under the Apache License, Version 2.0 (the "License");
   you may not use this file except in compliance with the License.
   You may obtain a copy of the License at

       http://www.apache.org/licenses/LICENSE-2.0

   Unless required by applicable law or agreed to in writing, software
   distributed under the License is distributed on an "AS IS" BASIS,
   WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
   See the License for the specific language governing permissions and
   limitations under the License.
`;

const CHEVROTAIN = 'https://github.com/Chevrotain/chevrotain';
const LSP = 'https://github.com/Microsoft/vscode-languageserver-node';

/** @type {Record<string, { licence: string, source: string, text: string }>} */
const VENDORED = {
  '@chevrotain/gast@11.1.2': { licence: 'Apache-2.0', source: CHEVROTAIN, text: APACHE_2_0 },
  '@chevrotain/regexp-to-ast@11.1.2': { licence: 'Apache-2.0', source: CHEVROTAIN, text: APACHE_2_0 },
  '@chevrotain/utils@11.1.2': { licence: 'Apache-2.0', source: CHEVROTAIN, text: APACHE_2_0 },
  'chevrotain@11.1.2': { licence: 'Apache-2.0', source: CHEVROTAIN, text: APACHE_2_0 },
  'chevrotain-allstar@0.3.1': { licence: 'MIT', source: 'https://github.com/langium/chevrotain-allstar', text: typefoxMit('Copyright 2022 TypeFox GmbH') },
  'langium@4.2.1': { licence: 'MIT', source: 'https://github.com/eclipse-langium/langium', text: typefoxMit('Copyright 2021 TypeFox GmbH') },
  'path-browserify@1.0.1': { licence: 'MIT', source: 'https://github.com/browserify/path-browserify', text: PATH_BROWSERIFY_MIT },
  'vscode-jsonrpc@8.2.0': { licence: 'MIT', source: LSP, text: MICROSOFT_MIT },
  'vscode-languageserver-protocol@3.17.5': { licence: 'MIT', source: LSP, text: MICROSOFT_MIT },
  'vscode-languageserver-textdocument@1.0.12': { licence: 'MIT', source: LSP, text: MICROSOFT_MIT },
  'vscode-languageserver-types@3.17.5': { licence: 'MIT', source: LSP, text: MICROSOFT_MIT },
  'vscode-uri@3.1.0': { licence: 'MIT', source: 'https://github.com/microsoft/vscode-uri', text: VSCODE_URI_MIT },
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
