// The sequence diagram of a capture's connection: one arrow per segment with its numbers, each
// endpoint's state noted where it changes, the data phase folded, marks explained, and no text
// from a capture able to write Mermaid syntax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FOLD_MIN_RUN, MAX_ARROWS, mermaidEscape, offsetText, SEQUENCE_CONFIG, sequenceDiagram } from '../../src/core/views/sequence-diagram';
import type { InferredState } from '../../src/core/timeline/types';
import { clientClosesFirst as connection, segment } from './timeline-fixture';

type States = readonly [InferredState, InferredState];

const notesOver = (source: string, who: string): string[] =>
  source
    .split('\n')
    .filter((line) => line.startsWith(`  Note over ${who}:`))
    .map((line) => line.slice(`  Note over ${who}: `.length));

test('one participant per endpoint, named IP:PORT with its colons escaped', () => {
  const { source } = sequenceDiagram(connection());
  assert.ok(source.startsWith(`${SEQUENCE_CONFIG}\nsequenceDiagram\n`), source);
  assert.ok(source.includes('  participant A as 127.0.0.1#58;40000\n'), source);
  assert.ok(source.includes('  participant B as [#58;#58;1]#58;80\n'), source);
});

test("each endpoint's states are noted where they change, the server's LISTEN before the first segment", () => {
  const { source } = sequenceDiagram(connection());
  assert.deepEqual(notesOver(source, 'A'), ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT#58; its end is not on the wire (Linux#58; 60 s)']);
  assert.deepEqual(notesOver(source, 'B'), ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  // LISTEN comes before the SYN's arrow, SYN-RECEIVED after it.
  const lines = source.split('\n');
  assert.ok(lines.indexOf('  Note over B: LISTEN') < lines.findIndex((l) => l.startsWith('  A->>B: SYN ')));
});

test('an arrow says flags, relative and absolute seq and ack, length, frame and time offset', () => {
  const { source, arrows } = sequenceDiagram(connection());
  assert.equal(arrows, 9);
  assert.ok(source.includes('  B->>A: SYN,ACK seq=2 (1002) ack=2 (5002) len=0<br/>#35;2 +2.000 ms\n'), source);
  // No ack on a segment without the ACK flag.
  assert.ok(source.includes('  A->>B: SYN seq=1 (1001) len=0<br/>#35;1 +1.000 ms\n'), source);
});

test('the data phase of a long connection folds into one note with its count, and unfolds when expanded', () => {
  const data = 1234;
  const folded = sequenceDiagram(connection(data));
  assert.equal(folded.folded, data - 4);
  assert.ok(folded.arrows < 20, `${folded.arrows} arrows`);
  assert.ok(folded.source.includes('  Note over A,B: … 1,230 data segments (frames 6–1235) …\n'), folded.source);
  const expanded = sequenceDiagram(connection(data), { expanded: true });
  assert.equal(expanded.folded, 0);
  // Still bounded: Mermaid could not lay out thousands of arrows.
  assert.equal(expanded.arrows, MAX_ARROWS);
  assert.equal(expanded.notDrawn, data + 7 - MAX_ARROWS);
  assert.ok(expanded.source.includes('more segments not drawn'));
  // A short run is drawn as it is.
  assert.equal(sequenceDiagram(connection(FOLD_MIN_RUN)).folded, 0);
});

test('marked segments are dashed and labelled, RST ends in a cross, and the marks used are listed for the legend', () => {
  const base = connection(3);
  const list = base.segmentList.map((s) => (s.index === 5 ? { ...s, marks: ['retransmission' as const] } : s));
  list.push(segment(99, 1, 'RST,ACK', ['TIME-WAIT', 'CLOSED']));
  const { source, marks } = sequenceDiagram({ ...base, segmentList: list });
  assert.match(source, /\n {2}B-->>A: PSH,ACK [^\n]*\[retransmission\]\n/);
  assert.match(source, /\n {2}B-xA: RST,ACK /);
  assert.deepEqual(marks, ['retransmission']);
  assert.match(sequenceDiagram({ ...base, segmentList: list }, { locale: 'zh-cn' }).source, /\[重传\]/);
});

test('a connection the capture joined mid-stream says so, and its unknown states read as unknown', () => {
  const E: States = ['UNKNOWN', 'UNKNOWN'];
  const c = connection(0, { joinedMidStream: true, opener: undefined, states: [['UNKNOWN'], ['UNKNOWN']], segmentList: [segment(1, 0, 'ACK', E)] });
  const { source } = sequenceDiagram(c);
  assert.ok(source.includes('  Note over A,B: joined after the handshake#58; the states before are unknown\n'), source);
  assert.deepEqual(notesOver(source, 'A'), ['? unknown']);
});

test('text from a capture cannot write Mermaid syntax or markup', () => {
  for (const evil of ['a;b', 'x#35;y', '<script>', 'a\nNote over A: pwned', 'click A call alert()', '%%{init: {}}%%', '"quoted"', "it's", '&amp;', 'ﬂ°°60¶ß']) {
    const escaped = mermaidEscape(evil);
    // What is left once Mermaid's entity codes are taken out is plain text.
    assert.doesNotMatch(escaped.replace(/#\d+;/g, ''), /[#;:<>"'&%\n\r{}°¶]/u, `${JSON.stringify(evil)} → ${escaped}`);
  }
  const c = connection(0);
  const label = '10.0.0.1:1;\n  participant X as <b>x</b>';
  const { source } = sequenceDiagram({ ...c, endpoints: [{ ...c.endpoints[0], label }, c.endpoints[1]] });
  assert.equal(source.split('\n').filter((line) => line.startsWith('  participant')).length, 2);
  assert.doesNotMatch(source, /<b>/);
});

test('time offsets read in ms below a second and in s above; none without timestamps', () => {
  assert.equal(offsetText(1_234_567), '+1.235 ms');
  assert.equal(offsetText(2_500_000_000), '+2.500000 s');
  assert.equal(offsetText(undefined), '');
});
