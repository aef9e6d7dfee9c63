// Real captures, made during the run: tcpdump records a TCP connection this test makes on the
// loopback interface, and the reader's view of each file must match tshark's field by field.
// Variants: microsecond and nanosecond pcap, `-i any` (Linux cooked v1 and v2), IPv6, pcapng
// written by editcap (from both precisions), and a 60-byte snap length. Needs root, tcpdump and
// tshark (Debian: `apt-get install tcpdump tshark`); without them these tests fail, not skip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CaptureReader, readCapture, type CapturedSegment } from '../../src/core/capture';

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

/** Resolves when tcpdump says it is listening; rejects with its stderr when it exits first. */
function startTcpdump(args: readonly string[]): Promise<ChildProcess> {
  const child = spawn('tcpdump', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (data: Buffer) => {
      stderr += data.toString();
      if (stderr.includes('listening on')) resolve(child);
    });
    child.on('error', (error) => reject(new Error(`tcpdump did not start: ${error.message}; ${INSTALL_HINT}`)));
    child.on('exit', (code) => reject(new Error(`tcpdump exited (${code}) before listening: ${stderr}`)));
  });
}

/** The segments in the file so far (tcpdump -U writes each packet as it sees it). */
function segmentsSoFar(file: string): CapturedSegment[] {
  const reader = new CaptureReader();
  const size = statSync(file).size;
  const bytes = new Uint8Array(size);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, bytes, 0, size, 0);
  } finally {
    closeSync(fd);
  }
  return reader.push(bytes);
}

/** Both FINs are in the file and something (the last ACK) came after the second one. */
function closedInFile(file: string): boolean {
  const segments = segmentsSoFar(file);
  const fins = segments.flatMap((s, i) => (s.flags.fin ? [i] : []));
  return fins.length >= 2 && fins[1]! < segments.length - 1;
}

async function until(check: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One connection: the client sends, the server answers, the client closes, the server closes. */
async function talk(host: string, port: number, server: ReturnType<typeof createServer>): Promise<void> {
  const served = once(server, 'connection') as Promise<[Socket]>;
  const client = connect({ host, port });
  const [peer] = await served;
  peer.on('data', () => peer.write('pong pong pong'));
  peer.on('end', () => peer.end());
  client.on('data', () => client.end());
  client.write('ping from the capture test');
  await Promise.all([once(client, 'close'), once(peer, 'close')]);
}

async function captureConnection(name: string, host: string, extraArgs: readonly string[], device = 'lo'): Promise<string> {
  const file = join(dir, name);
  const server = createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const tcpdump = await startTcpdump(['-i', device, '-w', file, '-U', ...IMMEDIATE, ...extraArgs, `tcp port ${port}`]);
  const exited = once(tcpdump, 'exit');
  try {
    await talk(host, port, server);
    await until(
      () => closedInFile(file),
      () => `the closing segments in ${name}; it has ${segmentsSoFar(file).map((s) => `${s.srcPort}>${s.dstPort} 0x${s.flagBits.toString(16)}`).join(', ')}`,
    );
  } finally {
    tcpdump.kill('SIGINT');
    await exited;
    server.close();
  }
  return file;
}

/**
 * Deliver each packet at once instead of at the ring's block timeout. The 8 MiB buffer matters:
 * in immediate mode on "any", libpcap's default ring dropped packets of this tiny connection.
 */
const IMMEDIATE = ['--immediate-mode', '-B', '8192'];

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
