// ThirdPartyNotices.txt names every third-party package whose code the VSIX ships, with its licence
// text: what the production build bundles into dist/*.js (read from esbuild's metafiles of the same
// builds, computed afresh) and what dist/mermaid.tiny.js embeds (told by the bundle's own licence
// banners and by strings only one package's code holds). A package the file lacks fails here; so
// does a file that scripts/third-party-notices.mjs would now write differently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'third-party-notices.mjs');
const NOTICES = join(ROOT, 'ThirdPartyNotices.txt');
const TINY = join(ROOT, 'node_modules', '@mermaid-js', 'tiny', 'dist', 'mermaid.tiny.js');
const TINY_FILE = 'dist/mermaid.tiny.js';
const RULE = '='.repeat(80);

interface Entry {
  readonly name: string;
  readonly version: string;
  readonly fields: ReadonlyMap<string, readonly string[]>;
  readonly text: string;
}

/** The entries of a notices file by `name version`: a heading between two rules, fields, a blank line, the licence text. */
function parseNotices(text: string): Map<string, Entry> {
  const parts = text.split(`\n${RULE}\n`);
  const entries = new Map<string, Entry>();
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const heading = parts[i]!;
    const [name, version] = heading.split(' ');
    const body = parts[i + 1]!.replace(/\n+$/, '');
    const blank = body.indexOf('\n\n');
    const fields = new Map<string, string[]>();
    let last: string[] | undefined;
    for (const line of body.slice(0, blank).split('\n')) {
      const field = /^([A-Z][A-Za-z ]*):\s+(.*)$/.exec(line);
      if (field) fields.set(field[1]!, (last = [field[2]!]));
      else if (last && /^ {13}\S/.test(line)) last.push(line.trim());
      else assert.fail(`${heading}: a field line that is not one: ${JSON.stringify(line)}`);
    }
    entries.set(heading, { name: name!, version: version!, fields, text: body.slice(blank + 2) });
  }
  return entries;
}

const notices = parseNotices(readFileSync(NOTICES, 'utf8'));

function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** The entry of a package (any version when none is given) that says it is included in `where`. */
function listed(name: string, where: string, version?: string): Entry | undefined {
  return [...notices.values()].find((e) => e.name === name && (!version || e.version === version) && (e.fields.get('Included in') ?? []).some((w) => w.startsWith(where)));
}

function runScript(...args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

test('ThirdPartyNotices.txt is what scripts/third-party-notices.mjs writes from the current build and node_modules', () => {
  const run = runScript('--check');
  assert.equal(run.status, 0, run.stderr);
});

test('every node_modules package in the production bundles is listed, for each bundle it is in, with its licence text', () => {
  const run = runScript('--metafiles');
  assert.equal(run.status, 0, run.stderr);
  const { workingDir, metafiles } = JSON.parse(run.stdout) as {
    workingDir: string;
    metafiles: { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> }[];
  };
  const outputs = new Map(metafiles.flatMap((m) => Object.entries(m.outputs)).filter(([path]) => !path.endsWith('.map')).map(([path, o]) => [path.split(sep).join('/'), o]));
  // Every script the VSIX ships was built here, but Mermaid, which is copied.
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  const shipped = manifest.files.filter((f) => /^dist\/.*\.js$/.test(f) && f !== TINY_FILE);
  assert.ok(shipped.length >= 8, shipped.join());
  for (const file of shipped) assert.ok(outputs.has(file), `${file} is shipped but scripts/build.mjs --production did not build it`);

  // Nothing from node_modules is bundled into them today; whatever is, one day, is held to this.
  for (const [output, { inputs }] of outputs) {
    assert.ok(Object.keys(inputs).length > 0, output);
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      const parts = resolve(workingDir, input).split(/[\\/]/);
      const at = parts.lastIndexOf('node_modules');
      if (at < 0 || bytesInOutput === 0) continue;
      const dir = parts.slice(0, at + (parts[at + 1]!.startsWith('@') ? 3 : 2)).join(sep);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
      const entry = listed(pkg.name, output, pkg.version);
      assert.ok(entry, `${pkg.name} ${pkg.version} is bundled into ${output} but ThirdPartyNotices.txt does not list it there`);
      const licence = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
      if (licence) assert.ok(entry.text.includes(normalise(readFileSync(join(dir, licence), 'utf8'))), `${pkg.name}: the entry lacks the text of its ${licence}`);
    }
  }
});

/**
 * Strings that, in Mermaid's unminified build of the same release, only this package's code holds
 * (checked once against node_modules/mermaid/dist/mermaid.js and the parser's chunks). Those the
 * issue names must be in the bundle; the others, when found, make their package required too.
 */
const MARKERS: readonly { readonly name: string; readonly marker: string; readonly named?: true }[] = [
  { name: 'dompurify', marker: '@license DOMPurify ', named: true },
  { name: 'dagre-d3-es', marker: 'Graph does not have node', named: true },
  { name: 'lodash-es', marker: 'Lodash (Custom Build)', named: true },
  { name: 'marked', marker: 'marked(): input parameter is undefined or null', named: true },
  { name: 'dayjs', marker: '$isDayjsObject', named: true },
  { name: 'chevrotain', marker: 'Complement Sets are not supported for first char optimization', named: true },
  { name: 'langium', marker: 'AST node has no document.', named: true },
  { name: 'roughjs', marker: 'zigzag-line', named: true },
  { name: '@braintree/sanitize-url', marker: 'javascript|data|vbscript' },
  { name: '@chevrotain/regexp-to-ast', marker: 'Invalid Assertion Escape' },
  { name: '@mermaid-js/parser', marker: 'PieGrammar' },
  { name: '@upsetjs/venn.js', marker: 'Initial bisect points must have opposite signs' },
  { name: 'cytoscape', marker: '__________cytoscape_container' },
  { name: 'd3-format', marker: 'invalid format: ' },
  { name: 'd3-scale-chromatic', marker: '4e79a7f28e2ce1575976b7b259a14fedc949af7aa1ff9da79c755fbab0ab' },
  { name: 'd3-selection', marker: 'http://www.w3.org/2000/xmlns/' },
  { name: 'd3-transition', marker: 'too late; already scheduled' },
  { name: 'es-toolkit', marker: '"isUnsafeProperty"' },
  { name: 'fastdom', marker: 'flush scheduled' },
  { name: 'js-yaml', marker: 'tag:yaml.org,2002:' },
  { name: 'katex', marker: 'Font metrics not found for font: ' },
  { name: 'khroma', marker: 'Cannot change both RGB and HSL channels at the same time' },
  { name: 'path-browserify', marker: 'Path must be a string. Received ' },
  { name: 'path-data-parser', marker: 'Path data ended short' },
  { name: 'points-on-curve', marker: 'A curve must have at least three points' },
  { name: 'stylis', marker: '@namespace' },
  { name: 'uuid', marker: 'Random bytes length must be >= 16' },
  { name: 'vscode-jsonrpc', marker: '$/cancelRequest' },
  { name: 'vscode-languageserver-protocol', marker: 'textDocument/semanticTokens/full/delta' },
  { name: 'vscode-languageserver-textdocument', marker: 'TextDocument.update: document must be created by TextDocument.create' },
  { name: 'vscode-languageserver-types', marker: 'Workspace edit is not configured for document changes.' },
  { name: 'vscode-uri', marker: '[UriError]: Scheme is missing' },
];

test(`every package ${TINY_FILE} embeds, by its licence banners and by markers, is listed as embedded there`, () => {
  const bundle = readFileSync(TINY, 'utf8');
  if (existsSync(join(ROOT, TINY_FILE))) assert.equal(readFileSync(join(ROOT, TINY_FILE), 'utf8').length, bundle.length, `${TINY_FILE} is not a copy of @mermaid-js/tiny's build: run npm run build`);
  const tiny = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@mermaid-js', 'tiny', 'package.json'), 'utf8')) as { version: string };
  assert.ok(listed('@mermaid-js/tiny', TINY_FILE, tiny.version), `@mermaid-js/tiny ${tiny.version}`);

  // esbuild's "Bundled license information" comments name the file each kept banner came from.
  const banners = [...bundle.matchAll(/\/\*! Bundled license information:\n([\s\S]*?)\*\//g)].flatMap((m) => [...m[1]!.matchAll(/^((?:@[^/\s]+\/)?[^/\s@][^/\s]*)\/\S*:$/gm)].map((f) => f[1]!));
  assert.ok(banners.length >= 2, 'no "Bundled license information" in the bundle');
  for (const name of new Set(banners)) assert.ok(listed(name, TINY_FILE), `${name} has a licence banner in ${TINY_FILE} but ThirdPartyNotices.txt does not list it there`);
  // Banners with a version: that version is listed.
  for (const m of bundle.matchAll(/@license (\w[\w.-]*) (\d[\w.-]*)/g)) {
    const name = m[1]!.toLowerCase();
    assert.ok(listed(name, TINY_FILE, m[2]!), `${name} ${m[2]} (its banner in ${TINY_FILE}) is not listed`);
  }
  for (const m of bundle.matchAll(/--repo lodash\/lodash#(\S+)/g)) assert.ok(listed('lodash-es', TINY_FILE, m[1]!), `lodash-es ${m[1]}`);

  for (const { name, marker, named } of MARKERS) {
    const found = bundle.includes(marker);
    if (named) assert.ok(found, `${name}'s marker ${JSON.stringify(marker)} is not in ${TINY_FILE}: find another one`);
    if (found) assert.ok(listed(name, TINY_FILE), `${name} is in ${TINY_FILE} (${JSON.stringify(marker)}) but ThirdPartyNotices.txt does not list it there`);
  }
});

/** What each licence's text must say. */
const LICENCE_TEXT: Record<string, RegExp[]> = {
  MIT: [/Permission is hereby granted, free of charge/, /THE SOFTWARE IS PROVIDED ['"*]AS IS['"*]/],
  ISC: [/Permission to use, copy, modify, and\/or distribute this software for any/],
  'BSD-3-Clause': [/Redistribution and use in source and binary forms/, /Neither the name/],
  'Apache-2.0': [/Apache License\s+Version 2\.0, January 2004/, /TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION/, /END OF TERMS AND CONDITIONS/],
};

test('each entry gives its licence, copyright, source, where it is included and the licence text, in name order', () => {
  assert.ok(notices.size > 40, `${notices.size} entries`);
  for (const [heading, entry] of notices) {
    const licence = entry.fields.get('License')?.[0];
    assert.ok(licence && LICENCE_TEXT[licence], `${heading}: licence ${licence}`);
    for (const re of LICENCE_TEXT[licence]) assert.match(entry.text, re, `${heading}: ${licence} text`);
    assert.ok(entry.fields.get('Copyright')?.[0], `${heading}: copyright`);
    assert.ok(entry.fields.get('Included in')?.every((w) => /^dist\/[\w.-]+\.js\b/.test(w)), `${heading}: included in`);
    assert.match(entry.version, /^\d+\.\d+\.\d+/, heading);
  }
  const names = [...notices.values()].map((e) => e.name);
  assert.deepEqual(names, [...names].sort(), 'sorted by name');
  // The summary at the top lists the same packages.
  const head = readFileSync(NOTICES, 'utf8').split(`\n${RULE}\n`)[0]!;
  for (const entry of notices.values()) assert.match(head, new RegExp(`^${entry.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} +${entry.version.replace(/\./g, '\\.')} +${entry.fields.get('License')![0]!.replace(/[.()+]/g, '\\$&')}$`, 'm'), entry.name);
});

test('the VSIX ships ThirdPartyNotices.txt and SECURITY.md', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  assert.ok(manifest.files.includes('ThirdPartyNotices.txt'), 'package.json "files" lacks ThirdPartyNotices.txt');
  assert.ok(manifest.files.includes('SECURITY.md'), 'package.json "files" lacks SECURITY.md');
  assert.ok(existsSync(join(ROOT, 'SECURITY.md')));
});
