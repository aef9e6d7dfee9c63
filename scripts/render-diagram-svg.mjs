// Lays the state diagram out once, at build time, so that no user's first open runs Mermaid:
//   npm run -s build:diagram-svg      (re-run it whenever the diagram source changes; a unit
//                                      test, test/unit/diagram-svg.test.ts, fails until you do)
// It renders the current source (src/core/views/diagram.ts) with the bundled Mermaid and the
// webview's own configuration (media/mermaid-support.ts) in headless Chromium, as the E2E
// harness drives it, then makes the SVG theme-independent: the theme colours are rendered as
// sentinels and rewritten to VS Code's CSS variables, so one SVG serves light, dark and high
// contrast. The source's hash goes on the root element; the result is media/state-diagram.svg,
// which scripts/build.mjs puts into the webview scripts.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { launchBrowser } from '../test/e2e/harness/workbench.mjs';

const root = join(import.meta.dirname, '..');
export const SHIPPED_SVG = join(root, 'media', 'state-diagram.svg');
/** The id Mermaid scopes the SVG's styles by: one page shows the state diagram once, so a fixed id is unique. */
const SVG_ID = 'tsl-state-diagram';

/**
 * Each theme colour the webview's Mermaid configuration reads, as a sentinel no theme derives,
 * and the CSS it becomes in the shipped SVG. The border is the high-contrast themes' contrast
 * border where the theme has one, else the focus border: what themeConfig() picks per theme.
 */
const SENTINELS = [
  ['--vscode-editor-background', '#0a0b0c', 'var(--vscode-editor-background, #ffffff)'],
  ['--vscode-editorWidget-background', '#1a1b1c', 'var(--vscode-editorWidget-background, #f3f3f3)'],
  ['--vscode-editor-foreground', '#2a2b2c', 'var(--vscode-editor-foreground, #1f1f1f)'],
  ['--vscode-focusBorder', '#3a3b3c', 'var(--vscode-contrastBorder, var(--vscode-focusBorder, #0078d4))'],
];
/**
 * Text is measured in the font Chromium picks for this (DejaVu Sans on these machines, wider
 * than the usual UI fonts, so labels fit their boxes elsewhere too), then shown in VS Code's.
 */
const MEASURE_FONT = 'TSLMeasure, sans-serif';
/** The measuring font as Mermaid writes it into its styles (it drops the space). */
const MEASURE_FONT_WRITTEN = /TSLMeasure,\s*sans-serif/g;

/** Bundles `contents` (TypeScript, resolved from the project root) and returns the JavaScript. */
async function bundle(contents, platform, plugins = []) {
  const built = await esbuild.build({ plugins, stdin: { contents, resolveDir: root, loader: 'ts' }, bundle: true, platform, format: platform === 'node' ? 'esm' : 'iife', write: false, logLevel: 'warning' });
  return built.outputFiles[0].text;
}

/** The current diagram source and its hash, from the same code the extension runs. */
async function currentSource() {
  const code = await bundle("export { diagramSource } from './src/core'; export { diagramSourceHash } from './src/shared/messages';", 'node');
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const source = module.diagramSource().source;
  return { source, hash: module.diagramSourceHash(source) };
}

/**
 * ELK's spacing for the shipped layout. Mermaid's ELK adapter fixes `spacing.baseValue` at 40 and
 * passes ELK no other spacing, which at "fit" in a half-width panel leaves the text at 7.6 px:
 * these are the tightest that keep every label clear of the other labels and of the boxes.
 */
const ELK_SPACING = {
  'spacing.baseValue': 20,
  'elk.layered.spacing.nodeNodeBetweenLayers': 6,
  'elk.layered.spacing.edgeNodeBetweenLayers': 6,
};

/**
 * @mermaid-js/layout-elk with ELK_SPACING laid over the options it hands ELK: the adapter's import
 * of elkjs resolves to a subclass whose layout() adds them to the root graph's options.
 */
const tunedElk = {
  name: 'tuned-elk',
  setup(build) {
    const elkjs = join(root, 'node_modules', 'elkjs', 'lib', 'elk.bundled.js');
    build.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, (args) => (args.namespace === 'tuned-elk' ? { path: elkjs } : { path: 'tuned-elk', namespace: 'tuned-elk' }));
    build.onLoad({ filter: /.*/, namespace: 'tuned-elk' }, () => ({
      contents: `import ELK from 'elkjs/lib/elk.bundled.js';
        const spacing = ${JSON.stringify(ELK_SPACING)};
        export default class TunedElk extends ELK {
          layout(graph, options) { graph.layoutOptions = { ...graph.layoutOptions, ...spacing }; return super.layout(graph, options); }
        }`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/** Mermaid's SVG of `source`, laid out with the webview's configuration under sentinel colours. */
async function render(source) {
  const config = await bundle("import { themeConfig } from './media/mermaid-support'; (window as any).tslThemeConfig = themeConfig;", 'browser');
  const elk = await bundle("import elk from '@mermaid-js/layout-elk'; (window as any).mermaid.registerLayoutLoaders(elk);", 'browser', [tunedElk]);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const variables = [...SENTINELS.map(([name, sentinel]) => `${name}: ${sentinel}`), `--vscode-font-family: ${MEASURE_FONT}`].join('; ');
    await page.setContent(`<!DOCTYPE html><html><body data-vscode-theme-kind="vscode-light" style="${variables}"></body></html>`);
    await page.addScriptTag({ content: 'var TSL_SHIPPED_STATE_DIAGRAM = "";' });
    await page.addScriptTag({ path: join(root, 'node_modules', '@mermaid-js', 'tiny', 'dist', 'mermaid.tiny.js') });
    await page.addScriptTag({ content: config });
    await page.addScriptTag({ content: elk });
    return await page.evaluate(
      async ({ text, id, sentinels }) => {
        const { mermaid, tslThemeConfig } = /** @type {any} */ (window);
        mermaid.initialize(tslThemeConfig());
        const host = document.createElement('div');
        host.innerHTML = (await mermaid.render(id, text)).svg;
        document.body.append(host);
        const svg = host.querySelector('svg');
        const style = svg.querySelector('style');
        // Mermaid styles every kind of flowchart part (clusters, error icons, KaTeX, tooltips) with
        // colours it derives from the theme: the rules that match nothing in this diagram go, so
        // none of those colours is baked in; a rule that does match is kept (and then refused).
        const derived = (rule) => /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i.test(rule.replace(new RegExp(sentinels.join('|'), 'gi'), ''));
        const rules = [];
        let depth = 0;
        let start = 0;
        const css = style.textContent;
        for (let i = 0; i < css.length; i++) {
          if (css[i] === '{') depth++;
          else if (css[i] === '}' && --depth === 0) {
            rules.push(css.slice(start, i + 1));
            start = i + 1;
          }
        }
        const matches = (selector) => {
          try {
            return svg.querySelector(selector) !== null;
          } catch {
            return true; // a selector we cannot test is kept, to be judged by its colours
          }
        };
        style.textContent = rules.filter((rule) => !derived(rule) || rule.startsWith('@') || matches(rule.slice(0, rule.indexOf('{')))).join('');
        // Drop-shadow filters the look defines and, with dropShadow 'none', never uses.
        for (const filter of svg.querySelectorAll('filter')) {
          if (!svg.outerHTML.includes(`url(#${filter.id})`)) filter.remove();
        }
        return svg.outerHTML;
      },
      { text: source, id: SVG_ID, sentinels: SENTINELS.map(([, sentinel]) => sentinel) },
    );
  } finally {
    await browser.close();
  }
}

/** Sentinels → CSS variables; fails on a colour left baked in, a script or an event handler. */
function themeIndependent(svg) {
  let out = svg.replace(MEASURE_FONT_WRITTEN, 'var(--vscode-font-family, sans-serif)');
  if (out.includes('TSLMeasure')) throw new Error('the measuring font is left in the SVG');
  for (const [, sentinel, css] of SENTINELS) out = out.replace(new RegExp(sentinel, 'gi'), css);
  const baked = [...new Set(out.match(/#[0-9a-f]{3,8}\b(?![\w-])|rgba?\([^)]*\)|hsla?\([^)]*\)/gi) ?? [])].filter((c) => !SENTINELS.some(([, , css]) => css.includes(c)));
  if (baked.length) throw new Error(`colours Mermaid derived from the theme would be baked into the SVG: ${baked.join(', ')}`);
  if (/<script|\son\w+\s*=|<foreignObject|javascript:/i.test(out)) throw new Error('the SVG holds a script, an event handler or HTML');
  return out;
}

const { source, hash } = await currentSource();
const mermaidVersion = JSON.parse(readFileSync(join(root, 'node_modules', '@mermaid-js', 'tiny', 'package.json'), 'utf8')).version;
const svg = themeIndependent(await render(source)).replace(/^<svg /, `<svg data-tsl-source-hash="${hash}" data-tsl-mermaid="${mermaidVersion}" `);
writeFileSync(SHIPPED_SVG, `${svg}\n`);
console.log(`${relative(root, SHIPPED_SVG)}: ${(svg.length / 1024).toFixed(1)} KB, source hash ${hash}, Mermaid ${mermaidVersion}`);
