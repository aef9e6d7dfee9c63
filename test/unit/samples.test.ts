// The samples the Getting Started walkthrough opens (shipped in the VSIX): the dump must give the
// census something to say, and the capture must hold one whole connection, handshake to close.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CensusScanner, diagnose, findMentions } from '../../src/core';
import { timelineOfCapture } from '../../src/core/timeline';
import { SAMPLES } from '../../src/vscode/contributions';

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string): Buffer => readFileSync(join(ROOT, path));

test('the sample dump is a small ss -tan table whose census diagnoses a CLOSE-WAIT pile-up on port 8080', () => {
  const bytes = read(SAMPLES.dump);
  assert.ok(bytes.length < 8_000, `${bytes.length} bytes`);
  const text = bytes.toString('utf8');
  const scanner = new CensusScanner();
  scanner.push(text);
  const result = scanner.end();
  assert.equal(result.states['CLOSE-WAIT']?.count, 24);
  assert.ok((result.states['TIME-WAIT']?.count ?? 0) > 0, 'a TIME-WAIT to hover as well');
  const diagnoses = diagnose(result);
  assert.deepEqual(diagnoses.map((d) => d.id), ['many-close-wait']);
  assert.match(diagnoses[0]!.because.en, /local port 8080 \(24\)/);
  // Every row's state is recognised where the hover looks: one mention on each table row.
  const rows = text.split('\n').filter((line) => /^[A-Z][A-Z0-9-]*\s+\d+\s+\d+\s/.test(line));
  assert.equal(rows.length, 40);
  for (const row of rows) assert.equal(findMentions(row).length, 1, row);
});

test('the sample capture is one connection recorded on loopback: three-way handshake, a request and its answer, four-way close', () => {
  const bytes = read(SAMPLES.capture);
  assert.ok(bytes.length < 4_000, `${bytes.length} bytes`);
  const timeline = timelineOfCapture(new Uint8Array(bytes), { keepSegments: true });
  assert.equal(timeline.source, 'pcap');
  assert.equal(timeline.error, undefined);
  assert.equal(timeline.connections.length, 1);
  const [connection] = timeline.connections;
  assert.equal(connection!.endpoints[0].address, '127.0.0.1');
  assert.equal(connection!.joinedMidStream, false);
  assert.deepEqual(connection!.states[0], ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
  assert.deepEqual(connection!.states[1], ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  assert.ok(connection!.bytes[0] > 0 && connection!.bytes[1] > 0, 'data both ways');
  assert.equal(connection!.retransmissions, 0);
});
