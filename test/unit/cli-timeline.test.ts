// `node dist/cli.js timeline` as a user runs it (dist/ is built by the test script first): a
// pcap written here from a segment list, the same as tcpdump text on standard input (tcpdump
// -r prints it, with and without -S), the JSON view, and damaged or foreign input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LINKTYPE, type CapturedSegment } from '../../src/core/capture';
import type { JsonTimeline } from '../../src/core/timeline';
import { concat, ipv4, pcapFile, tcpHeader } from './capture-writer';
import { HANDSHAKE, script } from './timeline-script';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsl-timeline-cli-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], input?: string | Buffer): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, LANG: 'C' }, maxBuffer: 64 << 20 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const quad = (address: string): number[] => address.split('.').map(Number);

/** A classic pcap (raw IPv4) of the segments. */
function pcapOf(segments: readonly CapturedSegment[]): Uint8Array {
  return pcapFile(
    { littleEndian: true, linkType: LINKTYPE.RAW },
    segments.map((s) => ({
      seconds: Number(s.timestampNs! / 1_000_000_000n),
      fraction: Number((s.timestampNs! % 1_000_000_000n) / 1000n),
      data: ipv4(tcpHeader({ srcPort: s.srcPort, dstPort: s.dstPort, seq: s.seq, ack: s.ack, flags: s.flagBits, window: s.window }), { payload: s.payloadLength, src: quad(s.src), dst: quad(s.dst) }),
    })),
  );
}

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const CLOSE = [...HANDSHAKE, 'c P. 101 301 len=10', 's . 301 111', 'c F. 111 301', 's . 301 112', 's F. 301 112', 'c . 112 302'];
const CLIENT_STATES = ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT'];
const SERVER_STATES = ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED'];

test('timeline FILE prints each connection, both endpoints\' states and the segments', () => {
  const { status, stdout, stderr } = run(['timeline', file('close.pcap', pcapOf(script(CLOSE)))]);
  assert.equal(status, 0, stderr);
  assert.match(stdout, /^#0 {2}A 10\.0\.0\.1:40000 {2}B 10\.0\.0\.2:80$/m);
  assert.match(stdout, /^1 TCP connection in 9 TCP segments \(pcap;.*\)\n$/m);
  assert.ok(stdout.includes(`A: ${CLIENT_STATES.join(' > ')}`));
  assert.ok(stdout.includes(`B: ${SERVER_STATES.join(' > ')}`));
  assert.match(stdout, /Linux ends it after 60 s/);
  assert.match(stdout, /A→B FIN,ACK .* FIN-WAIT-1 \/ CLOSE-WAIT {2}U08 R30/);
});

test('--json: endpoints as {"address": "IP:PORT", "states": [...]}, with the segments and their marks', () => {
  const { status, stdout } = run(['timeline', '--json', file('retrans.pcap', pcapOf(script([...CLOSE.slice(0, 4), 'c P. 101 301 len=10 t=0.5'])))]);
  assert.equal(status, 0);
  const json = JSON.parse(stdout) as JsonTimeline;
  const [connection] = json.connections;
  assert.deepEqual(connection!.endpoints.map((e) => [e.address, e.states]), [['10.0.0.1:40000', ['SYN-SENT', 'ESTABLISHED']], ['10.0.0.2:80', ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED']]]);
  assert.deepEqual(connection!.segments.map((s) => s.marks), [[], [], [], [], ['retransmission']]);
  assert.equal(connection!.segments[0]!.from, '10.0.0.1:40000');
  assert.equal(connection!.ending, 'open');
});

test('tcpdump text on standard input, with and without -S, gives the capture\'s states', () => {
  const pcap = file('text-source.pcap', pcapOf(script(CLOSE)));
  const fromPcap = (JSON.parse(run(['timeline', '--json', pcap]).stdout) as JsonTimeline).connections.map((c) => c.endpoints.map((e) => e.states));
  for (const flags of [['-nn'], ['-nn', '-S', '-tt']]) {
    const text = spawnSync('tcpdump', [...flags, '-r', pcap], { encoding: 'utf8' });
    assert.equal(text.status, 0, `tcpdump -r: ${text.stderr} (the CLI test needs the Debian package tcpdump)`);
    const { status, stdout } = run(['timeline', '--json', '-'], text.stdout);
    assert.equal(status, 0);
    const json = JSON.parse(stdout) as JsonTimeline;
    assert.equal(json.source, 'tcpdump-text');
    assert.deepEqual(json.connections.map((c) => c.endpoints.map((e) => e.states)), fromPcap, flags.join(' '));
  }
});

test('a damaged capture: what was read, then the byte offset on stderr, exit code 1', () => {
  const whole = pcapOf(script(CLOSE));
  const { status, stdout, stderr } = run(['timeline', file('cut.pcap', whole.subarray(0, whole.length - 10))]);
  assert.equal(status, 1);
  assert.match(stdout, /^1 TCP connection in 8 TCP segments/m);
  assert.match(stderr, /cut\.pcap: file ends inside a record at byte \d+/);
});

test('a capture of a link type the reader does not decode: the frames skipped are named on stdout and stderr, and in --json', () => {
  const frame = ipv4(tcpHeader({ flags: 0x02 }));
  const bytes = pcapFile({ littleEndian: true, linkType: 105 }, [{ seconds: 1, fraction: 0, data: frame }, { seconds: 2, fraction: 0, data: frame }]);
  const path = file('wifi.pcap', bytes);
  const { status, stdout, stderr } = run(['timeline', path]);
  assert.equal(status, 0);
  assert.match(stdout, /^0 TCP connections in 0 TCP segments.*\n\(2 frames of link type 105 \(IEEE 802\.11 wireless LAN\) skipped: this reader decodes Ethernet/m);
  assert.match(stderr, /wifi\.pcap: 2 frames of link type 105 \(IEEE 802\.11 wireless LAN\) skipped/);
  const json = run(['timeline', '--json', path]);
  assert.deepEqual((JSON.parse(json.stdout) as JsonTimeline).skippedLinkTypes, [{ linkType: 105, frames: 2 }]);
  // An Ethernet capture says nothing of the kind.
  const plain = run(['timeline', file('plain.pcap', pcapOf(script(HANDSHAKE)))]);
  assert.equal(plain.stderr, '');
  assert.doesNotMatch(plain.stdout, /skipped/);
});

test('neither a capture nor text, an empty file, a missing file: a message and exit code 1', () => {
  const binary = run(['timeline', file('binary.bin', concat(Uint8Array.of(0xde, 0xad, 0xbe, 0xef), new Uint8Array(60)))]);
  assert.equal(binary.status, 1);
  assert.match(binary.stderr, /not a capture file: unknown magic 0xdeadbeef at byte 0/);
  const empty = run(['timeline', file('empty', '')]);
  assert.equal(empty.status, 1);
  assert.match(empty.stderr, /is empty/);
  const prose = run(['timeline', '-'], 'just some words\n');
  assert.equal(prose.status, 1);
  assert.match(prose.stderr, /no line of it is a tcpdump TCP line/);
  const missing = run(['timeline', join(dir, 'nothing-here.pcap')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no such file/);
});

test('usage errors exit with code 2 and the timeline usage', () => {
  for (const args of [['timeline'], ['timeline', '--nope', 'x'], ['timeline', '--connection', 'x', 'f'], ['timeline', 'a', 'b']]) {
    const { status, stderr } = run(args);
    assert.equal(status, 2, args.join(' '));
    assert.match(stderr, /node dist\/cli\.js timeline FILE\|-/);
  }
  assert.match(run(['--help']).stdout, /timeline FILE\|-/);
});

test('--summary prints no segments; --connection ID prints that connection only, with its segments', () => {
  const lines = [...CLOSE, 'c S 5000 t=1', 's S. 7000 5001 t=1.001', 'c . 5001 7001 t=1.002'];
  const path = file('two.pcap', pcapOf(script(lines)));
  const summary = run(['timeline', '--summary', path]);
  assert.equal(summary.status, 0);
  assert.doesNotMatch(summary.stdout, /A→B/);
  assert.match(summary.stdout, /#1 /);
  const one = JSON.parse(run(['timeline', '--json', '--connection', '1', path]).stdout) as JsonTimeline;
  assert.deepEqual(one.connections.map((c) => [c.id, c.segments.length]), [[1, 3]]);
  const text = run(['timeline', '--connection', '0', path]).stdout;
  assert.match(text, /^#0 /m);
  assert.doesNotMatch(text, /^#1 /m);
});

test('a capture of 5000 connections is read in chunks, every connection summarised', () => {
  const segments: CapturedSegment[] = [];
  for (let i = 0; i < 5000; i++) {
    const client = { address: '10.0.0.1', port: 10000 + i };
    segments.push(...script(CLOSE, { client }));
  }
  const bytes = pcapOf(segments);
  assert.ok(bytes.length > 1 << 20, 'more than one 1 MiB read');
  const { status, stdout } = run(['timeline', '--json', '--summary', file('many.pcap', bytes)]);
  assert.equal(status, 0);
  const json = JSON.parse(stdout) as JsonTimeline;
  assert.equal(json.connections.length, 5000);
  assert.ok(json.connections.every((c) => c.ending === 'fin' && c.endpoints[0].states.join() === CLIENT_STATES.join()));
});
