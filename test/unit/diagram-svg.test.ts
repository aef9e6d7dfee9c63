// The state diagram the VSIX ships (media/state-diagram.svg, laid out at build time so no first
// open runs Mermaid) is of the current diagram source, by the installed Mermaid, with the
// structure the webviews work on and no colour of one theme baked in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagramEdges, diagramSource, nodeId } from '../../src/core/views/diagram';
import { CLOSED_END_NODE, stateOfRenderedNode } from '../../src/core/views/diagram-nodes';
import { RFC_STATES } from '../../src/core/model/states';
import { diagramSourceHash } from '../../src/shared/messages';

const ROOT = join(__dirname, '..', '..', '..');
const SVG = readFileSync(join(ROOT, 'media', 'state-diagram.svg'), 'utf8');
const REGENERATE = 'run `npm run -s build:diagram-svg` and commit media/state-diagram.svg';

/** An attribute of the SVG's root element. */
function rootAttribute(name: string): string | undefined {
  return new RegExp(`^<svg [^>]*\\b${name}="([^"]*)"`).exec(SVG)?.[1];
}

test('the shipped SVG was laid out from the current diagram source', () => {
  const recorded = rootAttribute('data-tsl-source-hash');
  assert.ok(recorded, `media/state-diagram.svg records no source hash: ${REGENERATE}`);
  assert.equal(recorded, diagramSourceHash(diagramSource().source), `the diagram source changed since media/state-diagram.svg was made: ${REGENERATE}`);
});

test('the shipped SVG was laid out by the Mermaid the webviews load when the source differs', () => {
  const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@mermaid-js', 'tiny', 'package.json'), 'utf8')).version;
  assert.equal(rootAttribute('data-tsl-mermaid'), installed, `Mermaid changed since media/state-diagram.svg was made: ${REGENERATE}`);
});

test('the source hash changes with the source', () => {
  const { source } = diagramSource();
  assert.notEqual(diagramSourceHash(source.replace('LISTEN', 'LISTEM')), diagramSourceHash(source));
});

test('the shipped SVG has the boxes and arcs the webviews find by id: 12 boxes (CLOSED twice), every edge', () => {
  const nodes = [...SVG.matchAll(/<g class="node[^"]*" id="([^"]+)"/g)].map((m) => stateOfRenderedNode(m[1]!));
  assert.deepEqual(nodes.filter(Boolean).sort(), [...RFC_STATES, 'CLOSED'].sort());
  assert.ok(SVG.includes(`-${CLOSED_END_NODE}-`));
  for (const edge of diagramEdges()) {
    const to = edge.to === 'CLOSED' && (edge.from === 'LAST-ACK' || edge.from === 'TIME-WAIT') ? CLOSED_END_NODE : nodeId(edge.to);
    assert.match(SVG, new RegExp(`<path [^>]*id="[^"]*L_${nodeId(edge.from)}_${to}_`), `${edge.from} → ${edge.to}`);
  }
});

test('the shipped SVG takes every colour from the VS Code theme and carries no script', () => {
  // Strip each var(--vscode-…, fallback) (one level of nesting): what is left must name no colour.
  const outside = SVG.replace(/var\(--vscode-[\w-]+(?:,\s*(?:var\([^()]*\)|[^()])*)?\)/g, '');
  assert.deepEqual(outside.match(/#[0-9a-f]{3,8}\b(?![\w-])|rgba?\(|hsla?\(/gi), null);
  assert.match(SVG, /var\(--vscode-editor-foreground/);
  assert.doesNotMatch(SVG, /<script|\son\w+\s*=|<foreignObject|javascript:/i);
});
