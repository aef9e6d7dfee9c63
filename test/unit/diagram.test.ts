// The diagram source is derived from the transition table: all 11 states, every Figure 5 arc,
// the state changes only §3.10 describes, styled by path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagramEdges, diagramSource, nodeId } from '../../src/core/views/diagram';
import { CLOSED_END_NODE, stateOfRenderedNode } from '../../src/core/views/diagram-nodes';
import { RFC_STATES } from '../../src/core/model/states';
import { figureArcs } from '../../src/core/model/transitions';

test('all eleven states are nodes', () => {
  const { source } = diagramSource();
  for (const state of RFC_STATES) assert.ok(source.includes(`${nodeId(state)}["${state}"]`), state);
});

test('every Figure 5 arc is an edge with its RFC label', () => {
  const edges = diagramEdges();
  for (const row of figureArcs()) {
    for (const from of row.from) {
      const edge = edges.find((e) => e.from === from && e.to === row.to);
      assert.ok(edge, `${row.id} ${from} → ${row.to}`);
      assert.ok(edge.rows.includes(row.id));
      assert.ok(edge.labels.includes(`${row.label.event} / ${row.label.action}`));
    }
  }
});

test('transitions only §3.10 and the figure notes describe are drawn too', () => {
  const pairs = diagramEdges().map((e) => `${e.from}>${e.to}`);
  for (const pair of ['SYN-RECEIVED>LISTEN', 'FIN-WAIT-1>TIME-WAIT', 'SYN-SENT>CLOSE-WAIT', 'LISTEN>SYN-SENT', 'TIME-WAIT>SYN-RECEIVED']) {
    assert.ok(pairs.includes(pair), pair);
  }
  // The RST/ABORT/timeout family into CLOSED is left to the legend, as Figure 5's note 3 does.
  assert.ok(!pairs.includes('ESTABLISHED>CLOSED'));
  assert.equal(new Set(pairs).size, pairs.length, 'one edge per pair of states');
});

test('client and server paths are styled apart', () => {
  const { source, edges } = diagramSource();
  const client = edges.filter((e) => e.path === 'client').map((e) => `${e.from}>${e.to}`);
  assert.deepEqual(client.sort(), ['CLOSED>SYN-SENT', 'ESTABLISHED>FIN-WAIT-1', 'FIN-WAIT-1>FIN-WAIT-2', 'FIN-WAIT-2>TIME-WAIT', 'SYN-SENT>ESTABLISHED', 'TIME-WAIT>CLOSED'].sort());
  assert.match(source, /SYN_SENT ==>\|/);
  assert.match(source, /LISTEN -\.->\|"rcv SYN \/ snd SYN,ACK"\| SYN_RECEIVED/);
  assert.match(source, /linkStyle \d+ stroke-width:3px,stroke-dasharray:6 4/);
  assert.match(source, /\n---\nflowchart TB\n  accTitle: /);
});

test('CLOSED is drawn twice, as in Figure 5: the connection ends in the bottom box', () => {
  const { source } = diagramSource();
  assert.match(source, new RegExp(`\\n  ${CLOSED_END_NODE}\\["CLOSED"\\]`));
  assert.match(source, new RegExp(`TIME_WAIT ==>\\|"Timeout=2MSL / delete TCB"\\| ${CLOSED_END_NODE}\\n`));
  assert.match(source, new RegExp(`LAST_ACK -\\.->\\|"rcv ACK of FIN / x"\\| ${CLOSED_END_NODE}\\n`));
  // A connection starts from the top box, and CLOSE in LISTEN returns to it.
  assert.match(source, /CLOSED ==>\|"active OPEN \/ snd SYN"\| SYN_SENT\n/);
  assert.match(source, /LISTEN -->\|"CLOSE \/ delete TCB"\| CLOSED\n/);
});

test('a rendered node id maps back to its state, both CLOSED boxes to CLOSED', () => {
  assert.equal(stateOfRenderedNode('tsl-diagram-1-flowchart-SYN_SENT-3'), 'SYN-SENT');
  assert.equal(stateOfRenderedNode(`tsl-diagram-1-flowchart-${CLOSED_END_NODE}-11`), 'CLOSED');
  assert.equal(stateOfRenderedNode('tsl-diagram-1-flowchart-CLOSED-0'), 'CLOSED');
  assert.equal(stateOfRenderedNode('tsl-diagram-1-flowchart-FIN_WAIT_1-5'), 'FIN-WAIT-1');
  assert.equal(stateOfRenderedNode('tsl-diagram-1-flowchart-legend-5'), undefined);
});

test('the layout order puts every downward arc before the arcs that climb back', () => {
  const { source } = diagramSource();
  const arcs = source.split('\n').filter((line) => /\|"/.test(line));
  const firstUp = arcs.findIndex((line) => /\| (CLOSED|LISTEN|SYN_RECEIVED)$/.test(line) && !/^ {2}(CLOSED|LISTEN|SYN_SENT) /.test(line));
  assert.ok(firstUp > 0);
  // After the first climbing arc, no downward arc of the server's or the client's path follows.
  assert.ok(arcs.slice(firstUp).every((line) => !/==>|-\.->/.test(line) || /\| (CLOSED|CLOSED_END)$/.test(line)), arcs.slice(firstUp).join('\n'));
});

test('labels are one line per event / action: a label row of the layout is one text line high', () => {
  const { source } = diagramSource();
  assert.match(source, /ESTABLISHED ==>\|"CLOSE \/ snd FIN"\| FIN_WAIT_1\n/);
  assert.match(source, /SYN_SENT ==>\|"rcv SYN,ACK \/ snd ACK"\| ESTABLISHED\n/);
  // An arc standing for several rows: one line each, in the table's order.
  assert.match(source, /SYN_RECEIVED -->\|"rcv RST \/ x<br>rcv SYN \/ x<br>SYN,ACK retries spent \/ delete TCB"\| LISTEN\n/);
  assert.ok(!source.includes(' /<br>'), 'no label breaks between its event and its action');
});

test('the layout is set in the source itself, so every place that draws it lays it out alike', () => {
  const { source } = diagramSource();
  assert.match(source, /^---\nconfig:\n {2}layout: elk\n {2}elk:\n {4}keepEntryNodeOnTop: true\n {2}flowchart:\n {4}nodeSpacing: \d+\n {4}rankSpacing: \d+\n {4}padding: \d+\n---\n/);
});
