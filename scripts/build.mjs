// Bundles the extension (and, on request, the unit tests) with esbuild.
//   node scripts/build.mjs               development build with source maps
//   node scripts/build.mjs --production  minified, no source maps (what the VSIX ships)
//   node scripts/build.mjs --watch       rebuild on change (used by the VS Code watch task)
//   node scripts/build.mjs --tests       also bundle test/unit and test/exthost *.test.ts into out/
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeTraditionalChineseFallbacks } from './traditional-chinese.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/** Reports build start/end in the format the esbuild problem matcher of VS Code expects. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/** The state diagram laid out at build time (npm run build:diagram-svg), and the source hash it records. */
const shippedDiagram = readFileSync('media/state-diagram.svg', 'utf8');
const shippedHash = /data-tsl-source-hash="([^"]+)"/.exec(shippedDiagram)?.[1] ?? '';

/** @type {import('esbuild').BuildOptions} */
const hostOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcherPlugin],
  // The host knows when the webview will draw the shipped SVG (src/vscode/diagram-panel.ts).
  define: { TSL_SHIPPED_STATE_DIAGRAM_HASH: JSON.stringify(shippedHash) },
};

/**
 * The browser's web worker extension host (vscode.dev, github.dev): one file with everything it
 * needs bundled in, for a worker cannot require a sibling file. The browser platform makes any
 * Node module in what the browser entry reaches a build error: that is the boundary.
 */
/** @type {import('esbuild').BuildOptions} */
const webHostOptions = {
  ...hostOptions,
  platform: 'browser',
  target: 'es2022',
  external: ['vscode'],
};

/** The webviews' own scripts (browser); Mermaid itself is copied beside them (see copyWebviewAssets). */
/** @type {import('esbuild').BuildOptions} */
const webviewOptions = {
  bundle: true,
  // The state diagram laid out at build time (npm run build:diagram-svg), inside the scripts that
  // draw it: a first open then needs neither Mermaid nor another request (media/mermaid-support.ts).
  define: { TSL_SHIPPED_STATE_DIAGRAM: JSON.stringify(shippedDiagram) },
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  plugins: [problemMatcherPlugin],
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  { ...hostOptions, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './lazy-core.js', './timeline-core.js', './kernel-replay.js'] },
  // Loaded when the explorer first replays on this machine's kernel (see src/vscode/explorer-load.ts).
  { ...hostOptions, entryPoints: ['src/kernel-replay/index.ts'], outfile: 'dist/kernel-replay.js' },
  // The explorer's search for a path to a row, in a worker thread (see src/explorer-search.ts).
  { ...hostOptions, entryPoints: ['src/explorer-search.ts'], outfile: 'dist/explorer-search.js' },
  // Loaded on the first hover or diagram (see src/lazy-core.ts).
  { ...hostOptions, entryPoints: ['src/lazy-core.ts'], outfile: 'dist/lazy-core.js' },
  // Loaded when a capture or tcpdump text is first shown (see src/vscode/timeline-core.ts).
  { ...hostOptions, entryPoints: ['src/vscode/timeline-core.ts'], outfile: 'dist/timeline-core.js' },
  // The browser entry (package.json's "browser"), and its explorer search in a Web Worker (a classic script: VS Code starts nested workers with importScripts).
  { ...webHostOptions, entryPoints: ['src/web/extension.ts'], outfile: 'dist/web/extension.js' },
  { ...webHostOptions, format: 'iife', entryPoints: ['src/web/explorer-search-worker.ts'], outfile: 'dist/web/explorer-search.js' },
  // The webviews' own scripts: the state diagram's, the walkthrough's and the capture timeline's.
  { ...webviewOptions, entryPoints: ['media/diagram.ts'], outfile: 'dist/webview.js' },
  { ...webviewOptions, entryPoints: ['media/walkthrough.ts'], outfile: 'dist/walkthrough.js' },
  { ...webviewOptions, entryPoints: ['media/timeline.ts'], outfile: 'dist/timeline.js' },
  { ...webviewOptions, entryPoints: ['media/explorer.ts'], outfile: 'dist/explorer.js' },
  // The CLI is a terminal face of the same core; it never loads `vscode`.
  { ...hostOptions, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

if (args.has('--tests')) {
  // A test whose source is gone must not keep running from an old bundle.
  rmSync('out/test', { recursive: true, force: true });
  builds.push({
    ...hostOptions,
    minify: false,
    sourcemap: true,
    entryPoints: findTests('test/unit'),
    outdir: 'out/test/unit',
    external: ['vscode'],
  });
  // The extension-host suite runs inside VS Code, which provides `vscode`; mocha comes from the runner.
  builds.push({
    ...hostOptions,
    minify: false,
    sourcemap: true,
    entryPoints: findTests('test/exthost'),
    outdir: 'out/test/exthost',
    external: ['vscode', 'mocha'],
  });
}

/**
 * Mermaid's tiny build (2.9 MB, about 0.8 MB zipped) instead of bundling the full package
 * (5 MB with ELK, KaTeX and cytoscape that this flowchart never uses): the VSIX stays under 1 MB.
 */
function copyWebviewAssets() {
  mkdirSync('dist', { recursive: true });
  copyFileSync('node_modules/@mermaid-js/tiny/dist/mermaid.tiny.js', 'dist/mermaid.tiny.js');
  copyFileSync('media/diagram.css', 'dist/diagram.css');
  copyFileSync('media/walkthrough.css', 'dist/walkthrough.css');
  copyFileSync('media/timeline.css', 'dist/timeline.css');
  copyFileSync('media/explorer.css', 'dist/explorer.css');
  copyFileSync('media/base.css', 'dist/base.css');
}
copyWebviewAssets();
// zh-tw gets the Simplified Chinese strings until Traditional Chinese is written (see the script).
writeTraditionalChineseFallbacks();

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
