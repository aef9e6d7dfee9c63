// Real captures, made during the run: tcpdump records a TCP connection this test makes on the
// loopback interface, and the reader's view of each file must match tshark's field by field.
// Variants: microsecond and nanosecond pcap, `-i any` (Linux cooked v1 and v2), IPv6, pcapng
// written by editcap (from both precisions), and a 60-byte snap length. Needs root, tcpdump and
// tshark (Debian: `apt-get install tcpdump tshark`); without them these tests fail, not skip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readCapture, type CapturedSegment } from '../../src/core/capture';
import { closed, record, talk } from './capture-recording';

const run = promisify(execFile);
const INSTALL_HINT = 'the capture tests need root and the Debian packages tcpdump and tshark (apt-get install -y tcpdump tshark)';
let dir = '';

before(async () => {
  assert.equal(process.getuid?.(), 0, `not running as root: ${INSTALL_HINT}`);
  for (const [tool, flag] of [['tcpdump', '--version'], ['tshark', '--version'], ['editcap', '-h']] as const) {
    await run(tool, [flag]).catch((error: unknown) => assert.fail(`${tool} does not run (${String(error)}): ${INSTALL_HINT}`));
  }
  dir = mkdtempSync(join(tmpdir(), 'tcp-state-lens-capture-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One connection on `host`, recorded with tcpdump until both FINs and the last ACK are in. */
function captureConnection(name: string, host: string, extra: readonly string[], device = 'lo'): Promise<string> {
  return record({ dir, name, host, device, exchange: talk, done: closed, extra, installHint: INSTALL_HINT });
}

const FIELDS = ['frame.number', 'ip.src', 'ipv6.src', 'tcp.srcport', 'ip.dst', 'ipv6.dst', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.len', 'frame.time_epoch'];

async function tsharkRows(file: string): Promise<string[][]> {
  const { stdout } = await run('tshark', ['-r', file, '-Y', 'tcp', '-T', 'fields', '-E', 'separator=/t', ...FIELDS.flatMap((f) => ['-e', f])]);
  return stdout.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

function epochText(ns: bigint | undefined): string {
  if (ns === undefined) return '';
  return `${ns / 1_000_000_000n}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}`;
}

function ourRow(s: CapturedSegment): string[] {
  const v4 = s.ipVersion === 4;
  return [
    String(s.index),
    v4 ? s.src : '',
    v4 ? '' : s.src,
    String(s.srcPort),
    v4 ? s.dst : '',
    v4 ? '' : s.dst,
    String(s.dstPort),
    String(s.seq),
    String(s.ack),
    '0x' + s.flagBits.toString(16).padStart(4, '0'),
    String(s.payloadLength),
    epochText(s.timestampNs),
  ];
}

async function compareWithTshark(file: string, expected: { format: 'pcap' | 'pcapng'; truncated?: boolean }): Promise<CapturedSegment[]> {
  const { segments, end } = readCapture(readFileSync(file));
  assert.equal(end.error, undefined, end.error?.message);
  assert.equal(end.format, expected.format);
  assert.equal(end.nonTcp + end.undecodable, 0);
  const theirs = await tsharkRows(file);
  assert.ok(segments.length >= 8, `a whole connection has at least 8 segments, found ${segments.length}`);
  assert.deepEqual(segments.map(ourRow), theirs);
  const withData = segments.filter((s) => s.payloadLength > 0);
  assert.ok(withData.length >= 2, 'both directions carried data');
  const syn = segments.find((s) => s.flags.syn && !s.flags.ack);
  assert.ok(syn?.options.mss !== undefined || expected.truncated, 'the SYN carries an MSS');
  if (expected.truncated !== undefined) assert.equal(segments.some((s) => s.truncated), expected.truncated);
  return segments;
}

test('tcpdump -i lo, microsecond pcap, IPv4', async () => {
  const file = await captureConnection('micro.pcap', '127.0.0.1', []);
  const segments = await compareWithTshark(file, { format: 'pcap', truncated: false });
  const syn = segments[0]!;
  assert.ok(syn.flags.syn && syn.options.sackPermitted && syn.options.timestamp !== undefined && syn.options.windowScale !== undefined);
  assert.equal(segments.every((s) => s.timestampNs! % 1000n === 0n), true, 'microsecond timestamps');

  const pcapng = join(dir, 'micro.pcapng');
  await run('editcap', ['-F', 'pcapng', file, pcapng]);
  const fromPcapng = await compareWithTshark(pcapng, { format: 'pcapng' });
  assert.deepEqual(fromPcapng, segments);
  const nano = join(dir, 'micro-as-nano.pcap');
  await run('editcap', ['-F', 'nsecpcap', file, nano]);
  assert.deepEqual(await compareWithTshark(nano, { format: 'pcap' }), segments);
});

test('tcpdump --time-stamp-precision=nano, and the same file as pcapng', async () => {
  const file = await captureConnection('nano.pcap', '127.0.0.1', ['--time-stamp-precision=nano']);
  const segments = await compareWithTshark(file, { format: 'pcap' });
  assert.ok(segments.some((s) => s.timestampNs! % 1000n !== 0n), 'nanosecond digits survive');
  const pcapng = join(dir, 'nano.pcapng');
  await run('editcap', ['-F', 'pcapng', file, pcapng]);
  assert.deepEqual(await compareWithTshark(pcapng, { format: 'pcapng' }), segments);
  const micro = join(dir, 'nano-to-micro.pcap');
  await run('editcap', ['-F', 'pcap', file, micro]);
  await compareWithTshark(micro, { format: 'pcap' });
});

test('tcpdump -i any: its default, -y LINUX_SLL (cooked v1) and -y LINUX_SLL2', async () => {
  // tcpdump 4.99 with libpcap 1.10 defaults to SLL2 on "any"; older ones write SLL.
  const plain = await captureConnection('any.pcap', '127.0.0.1', [], 'any');
  assert.ok([113, 276].includes(readLinkType(plain)), `link type ${readLinkType(plain)}`);
  await compareWithTshark(plain, { format: 'pcap' });
  const sll = await captureConnection('any-sll.pcap', '127.0.0.1', ['-y', 'LINUX_SLL'], 'any');
  assert.equal(readLinkType(sll), 113);
  await compareWithTshark(sll, { format: 'pcap' });
  const sll2 = await captureConnection('any-sll2.pcap', '127.0.0.1', ['-y', 'LINUX_SLL2'], 'any');
  assert.equal(readLinkType(sll2), 276);
  await compareWithTshark(sll2, { format: 'pcap' });
});

test('IPv6 on ::1', async () => {
  const file = await captureConnection('v6.pcap', '::1', []);
  const segments = await compareWithTshark(file, { format: 'pcap' });
  assert.ok(segments.every((s) => s.ipVersion === 6 && s.src === '::1' && s.dst === '::1'));
});

test('snap length 60: segments are marked truncated, payload length still from the IP header', async () => {
  const file = await captureConnection('snap60.pcap', '127.0.0.1', ['-s', '60']);
  const segments = await compareWithTshark(file, { format: 'pcap', truncated: true });
  assert.ok(segments.filter((s) => s.payloadLength > 0).every((s) => s.truncated));
  const pcapng = join(dir, 'snap60.pcapng');
  await run('editcap', ['-F', 'pcapng', file, pcapng]);
  await compareWithTshark(pcapng, { format: 'pcapng', truncated: true });
});

/** The link type in a little-endian classic pcap header (tcpdump writes the host's order). */
function readLinkType(file: string): number {
  return readFileSync(file).readUInt32LE(20);
}
