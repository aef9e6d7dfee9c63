// tcpdump's text output read back: connections are recorded on the loopback during the run (as
// capture-tcpdump.test.ts does), printed with `tcpdump -nn -r FILE` in its clock, -S, -v and -e
// variants, and every segment the text reader finds must match the binary reader's on the same
// file, field by field. Then hand-written lines for the edge cases, and hostile input: random
// text and bytes, a 1 MB line, and every chunk boundary of a sample. Needs root and tcpdump.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { readCapture, readTcpdumpText, TcpdumpTextReader, MAX_LINE_CHARS, type CapturedSegment, type TextSegment, type TextReaderOptions } from '../../src/core/capture';
import { closed, IMMEDIATE, record, reset, segmentsSoFar, talk, until, wasReset, type Exchange } from './capture-recording';

const run = promisify(execFile);
const INSTALL_HINT = 'the capture tests need root and the Debian package tcpdump (apt-get install -y tcpdump)';
let dir = '';

before(async () => {
  assert.equal(process.getuid?.(), 0, `not running as root: ${INSTALL_HINT}`);
  await run('tcpdump', ['--version']).catch((error: unknown) => assert.fail(`tcpdump does not run (${String(error)}): ${INSTALL_HINT}`));
  dir = mkdtempSync(join(tmpdir(), 'tcp-state-lens-text-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ---- recording (shared with capture-tcpdump.test.ts) ----

function capture(name: string, host: string, device: string, exchange: Exchange, done: (s: CapturedSegment[]) => boolean, extra: readonly string[] = []): Promise<string> {
  return record({ dir, name, host, device, exchange, done, extra, installHint: INSTALL_HINT });
}

// ---- printing and comparing ----

/** tcpdump's text for a file; TZ=UTC so time-of-day and -tttt dates are UTC. */
async function printed(file: string, flags: readonly string[]): Promise<string> {
  const { stdout } = await run('tcpdump', ['-nn', ...flags, '-r', file], { env: { ...process.env, TZ: 'UTC' }, maxBuffer: 16 << 20 });
  return stdout;
}

const DAY = 86_400_000_000_000n;

/** What timeNs must be for the clock tcpdump printed, from the binary timestamps. */
function expectedTime(flags: readonly string[], s: CapturedSegment, first: CapturedSegment): { timestampNs: bigint | undefined; timeNs: bigint | undefined } {
  const ns = s.timestampNs!;
  if (flags.includes('-tt') || flags.includes('-tttt')) return { timestampNs: ns, timeNs: ns };
  if (flags.includes('-ttt') || flags.includes('-ttttt')) return { timestampNs: undefined, timeNs: ns - first.timestampNs! };
  const midnight = first.timestampNs! - (first.timestampNs! % DAY);
  return { timestampNs: undefined, timeNs: ns - midnight };
}

function compare(label: string, flags: readonly string[], binary: readonly CapturedSegment[], text: readonly TextSegment[]): void {
  assert.equal(text.length, binary.length, `${label}: segment count`);
  const absolute = flags.includes('-S');
  const ackSeen = new Set<string>();
  binary.forEach((b, i) => {
    const t = text[i]!;
    const at = `${label}, segment ${i + 1}`;
    assert.equal(t.packet, b.index, at);
    assert.deepEqual([t.ipVersion, t.src, t.srcPort, t.dst, t.dstPort], [b.ipVersion, b.src, b.srcPort, b.dst, b.dstPort], at);
    assert.equal(t.flagBits, b.flagBits, at);
    assert.deepEqual(t.flags, b.flags, at);
    const seqShown = b.payloadLength > 0 || b.flags.syn || b.flags.fin || b.flags.rst;
    assert.equal(t.seq, seqShown ? b.seq : undefined, `${at}: seq`);
    assert.equal(t.ack, b.flags.ack ? b.ack : undefined, `${at}: ack`);
    const key = [`${b.src}.${b.srcPort}`, `${b.dst}.${b.dstPort}`].sort().join(' ');
    const relative = !absolute && b.flags.ack && ackSeen.has(key) && !b.flags.syn;
    if (b.flags.ack) ackSeen.add(key);
    assert.equal(t.printed, relative ? 'relative' : 'absolute', `${at}: printed`);
    assert.equal(t.window, b.window, `${at}: window`);
    assert.equal(t.payloadLength, b.payloadLength, `${at}: length`);
    assert.equal(t.options.mss, b.options.mss, `${at}: mss`);
    assert.equal(t.options.windowScale, b.options.windowScale, `${at}: wscale`);
    assert.equal(t.options.sackPermitted, b.options.sackPermitted, `${at}: sackOK`);
    assert.deepEqual(t.options.timestamp, b.options.timestamp, `${at}: TS`);
    assert.deepEqual({ timestampNs: t.timestampNs, timeNs: t.timeNs }, expectedTime(flags, b, binary[0]!), `${at}: time`);
    assert.equal(t.clockDigits, flags.includes('--time-stamp-precision=nano') ? 9 : 6, at);
  });
}

const VARIANTS: readonly (readonly string[])[] = [
  [],
  ['-tt'],
  ['-tttt'],
  ['-ttt'],
  ['-ttttt'],
  ['-S'],
  ['-v'],
  ['-tt', '-S', '-v'],
  ['-e'],
  ['-e', '-v', '-tttt'],
  ['-tt', '--time-stamp-precision=nano'],
];

const CLOCK_OF = (flags: readonly string[]): TextReaderOptions => (flags.includes('-ttttt') ? { relative: 'first' } : {});

async function checkAllVariants(file: string, check?: (segments: TextSegment[], flags: readonly string[]) => void): Promise<CapturedSegment[]> {
  const { segments: binary, end } = readCapture(readFileSync(file));
  assert.equal(end.error, undefined);
  assert.ok(binary.length >= 5, `the capture has ${binary.length} segments`);
  for (const flags of VARIANTS) {
    const text = await printed(file, flags);
    const { segments, summary } = readTcpdumpText(text, CLOCK_OF(flags));
    compare(`tcpdump -nn ${flags.join(' ')}`, flags, binary, segments);
    assert.equal(summary.segments, binary.length);
    assert.equal(summary.skipped, 0, JSON.stringify(summary.firstSkipped));
    check?.(segments, flags);
    // The same text in 7-character chunks gives the same segments.
    const reader = new TcpdumpTextReader(CLOCK_OF(flags));
    const chunked: TextSegment[] = [];
    for (let i = 0; i < text.length; i += 7) chunked.push(...reader.push(text.slice(i, i + 7)));
    chunked.push(...reader.end().last);
    assert.deepEqual(chunked, segments);
  }
  return binary;
}

test('text of a whole IPv4 connection on lo (data both ways, both FINs), every clock, -S, -v, -e', async () => {
  const file = await capture('v4.pcap', '127.0.0.1', 'lo', talk, closed);
  const binary = await checkAllVariants(file);
  assert.equal(binary.filter((s) => s.flags.fin).length, 2);
  assert.ok(binary.filter((s) => s.payloadLength > 0).length >= 2);
  // tcpdump's banner goes to stderr; pasted together with the packets it is skipped with a reason.
  const { stdout, stderr } = await run('tcpdump', ['-nn', '-r', file]).then((r) => r, (e: { stdout: string; stderr: string }) => e);
  const { segments, summary } = readTcpdumpText(stderr + stdout);
  assert.equal(segments.length, binary.length);
  assert.equal(summary.skipped, 1);
  assert.match(summary.firstSkipped[0]!.reason, /banner/);
});

test('text of a connection the server resets', async () => {
  const file = await capture('rst.pcap', '127.0.0.1', 'lo', reset, wasReset);
  const binary = await checkAllVariants(file);
  assert.ok(binary.some((s) => s.flags.rst));
});

test('text of an IPv6 connection on ::1', async () => {
  const file = await capture('v6.pcap', '::1', 'lo', talk, closed);
  await checkAllVariants(file, (segments) => assert.ok(segments.every((s) => s.ipVersion === 6 && s.src === '::1')));
});

test('text of a capture on -i any: interface and direction prefixes (cooked v2), direction only (cooked v1 with -e)', async () => {
  const file = await capture('any.pcap', '127.0.0.1', 'any', talk, closed);
  await checkAllVariants(file, (segments) => {
    assert.ok(segments.every((s) => s.interfaceName === 'lo' && (s.direction === 'In' || s.direction === 'Out')), segments.map((s) => `${s.interfaceName} ${s.direction}`).join(', '));
  });
  const sll = await capture('any-sll.pcap', '127.0.0.1', 'any', talk, closed, ['-y', 'LINUX_SLL']);
  await checkAllVariants(sll, (segments, flags) => {
    const expected: (string | undefined)[] = flags.includes('-e') ? ['In', 'Out'] : [undefined];
    assert.ok(segments.every((s) => s.interfaceName === undefined && expected.includes(s.direction)), segments.map((s) => `${s.interfaceName} ${s.direction}`).join(', '));
  });
});

test('live text: tcpdump -nn -l -i any --print, read while it writes the same packets to a file', async () => {
  const file = join(dir, 'live.pcap');
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const child = spawn('tcpdump', ['-nn', '-l', '-i', 'any', '--print', '-w', file, '-U', ...IMMEDIATE, `tcp port ${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TZ: 'UTC' },
  });
  const reader = new TcpdumpTextReader();
  const live: TextSegment[] = [];
  let raw = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    raw += chunk;
    live.push(...reader.push(chunk));
  });
  const exited = once(child, 'exit');
  try {
    await new Promise<void>((resolve, reject) => {
      let stderr = '';
      child.stderr.on('data', (data: Buffer) => {
        stderr += data.toString();
        if (stderr.includes('listening on')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`tcpdump exited (${code}) before listening: ${stderr}`)));
    });
    await talk('127.0.0.1', port, server);
    await until(
      () => closed(segmentsSoFar(file)) && live.length >= segmentsSoFar(file).length,
      () => `the printed lines; have ${live.length}: ${raw}`,
    );
  } finally {
    child.kill('SIGINT');
    await exited;
    server.close();
  }
  const summary = reader.end();
  live.push(...summary.last);
  const binary = readCapture(readFileSync(file)).segments;
  compare('live -i any', [], binary, live);
  assert.equal(summary.skipped, 0, JSON.stringify(summary.firstSkipped));
  assert.ok(live.every((s) => s.interfaceName === 'lo'));
});

// ---- hand-written lines ----

function one(line: string, options?: TextReaderOptions): TextSegment {
  const { segments, summary } = readTcpdumpText(line, options);
  assert.equal(segments.length, 1, JSON.stringify(summary));
  return segments[0]!;
}

test('edge cases: seq ranges, ack only, R., S with options, . with length 0, -q', () => {
  const lines = [
    '12:00:00.000001 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0',
    '12:00:00.000002 IP 10.0.0.2.80 > 10.0.0.1.1000: Flags [S.], seq 5000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 2 ecr 1,nop,wscale 7], length 0',
    '12:00:00.000003 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [.], ack 1, win 502, length 0',
    '12:00:00.000004 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [P.], seq 1:101, ack 1, win 502, length 100',
    '12:00:00.000005 IP 10.0.0.2.80 > 10.0.0.1.1000: Flags [.], ack 101, win 509, options [nop,nop,sack 1 {201:301}], length 0',
    '12:00:00.000006 IP 10.0.0.2.80 > 10.0.0.1.1000: Flags [R.], seq 1, ack 101, win 0, length 0',
  ].join('\n');
  const { segments, summary } = readTcpdumpText(lines);
  assert.equal(summary.skipped, 0);
  const [syn, synAck, ack, data, sack, rst] = segments;
  assert.deepEqual([syn!.seq, syn!.ack, syn!.flags!.syn, syn!.options.mss, syn!.options.windowScale, syn!.printed], [1000, undefined, true, 1460, 7, 'absolute']);
  assert.deepEqual([synAck!.seq, synAck!.ack, synAck!.flagBits], [5000, 1001, 0x12]);
  assert.deepEqual([ack!.seq, ack!.ack, ack!.printedAck, ack!.printed, ack!.payloadLength, ack!.flagBits], [undefined, 5001, 1, 'relative', 0, 0x10]);
  assert.deepEqual([data!.seq, data!.ack, data!.payloadLength, data!.printedSeq], [1001, 5001, 100, 1]);
  assert.deepEqual(sack!.options.sack, [{ left: 1201, right: 1301 }]);
  assert.deepEqual([rst!.flags!.rst, rst!.flags!.ack, rst!.seq, rst!.ack, rst!.window], [true, true, 5001, 1101, 0]);

  // Without the handshake, small numbers are relative to a base the text never showed.
  const orphan = one('12:00:00.000004 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [P.], seq 1:101, ack 1, win 502, length 100');
  assert.deepEqual([orphan.seq, orphan.ack, orphan.printed, orphan.printedSeq, orphan.payloadLength], [undefined, undefined, 'relative', 1, 100]);
  // -S mid-connection: big numbers are absolute; the next one near them too.
  const s = readTcpdumpText(
    [
      '1700000000.000001 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [P.], seq 23743818:23743832, ack 1697059299, win 64, length 14',
      '1700000000.000002 IP 10.0.0.2.80 > 10.0.0.1.1000: Flags [.], ack 23743832, win 64, length 0',
    ].join('\n'),
  ).segments;
  assert.deepEqual(s.map((x) => [x.seq, x.ack, x.printed]), [[23743818, 1697059299, 'absolute'], [undefined, 23743832, 'absolute']]);
  assert.equal(s[0]!.timestampNs, 1_700_000_000_000_001_000n);

  const bare = one('IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [R], seq 77, win 0, length 0');
  assert.deepEqual([bare.flagBits, bare.seq, bare.ack, bare.clock, bare.timeNs], [0x04, 77, undefined, 'none', undefined]);
  const quick = one('12:00:00.000001 IP 10.0.0.1.22 > 10.0.0.2.5000: tcp 1448');
  assert.deepEqual([quick.flags, quick.payloadLength, quick.srcPort], [undefined, 1448, 22]);
  const bad = one('12:00:00.000001 IP 10.0.0.1.22 > 10.0.0.2.5000: Flags [S], seq 1, win 0, [bad hdr length 4 - too short, < 20]');
  assert.deepEqual([bad.payloadLength, bad.remarks], [undefined, ['bad hdr length 4 - too short, < 20']]);
  const none = one('12:00:00.000001 IP 10.0.0.1.22 > 10.0.0.2.5000: Flags [none], seq 1, win 0, length 0');
  assert.equal(none.flagBits, 0);
  const ecn = one('12:00:00.000001 IP6 2001:db8::1.443 > 2001:db8::2.5000: Flags [SEW], seq 9, win 1, length 0');
  assert.deepEqual([ecn.flagBits, ecn.ipVersion, ecn.src], [0xc2, 6, '2001:db8::1']);
  const vlan = one(
    '13:13:56.771944 52:54:00:12:34:56 > 52:54:00:65:43:21, ethertype 802.1Q (0x8100), length 78: vlan 10, p 0, ethertype IPv4 (0x0800), 10.0.0.1.5000 > 10.0.0.2.22: Flags [S], seq 1, win 1, length 0',
  );
  assert.deepEqual([vlan.src, vlan.dstPort, vlan.flagBits], ['10.0.0.1', 22, 0x02]);
  const live = one('13:13:56.771944 eth0  Out IP 192.168.1.2.5000 > 192.168.1.3.22: Flags [S], seq 1, win 1, length 0');
  assert.deepEqual([live.interfaceName, live.direction], ['eth0', 'Out']);
  const local = one('2026-12-02 13:13:54.695508 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [S], seq 1, win 1, length 0', { utcOffsetMinutes: 60 });
  assert.equal(local.timestampNs, BigInt(Date.UTC(2026, 11, 2, 12, 13, 54)) * 1_000_000n + 695_508_000n);
});

test('clocks: time of day across midnight, -ttt sums every packet (TCP or not), negative deltas', () => {
  const tcp = (t: string) => `${t} IP 10.0.0.1.1 > 10.0.0.2.2: Flags [S], seq 1, win 1, length 0`;
  const midnight = readTcpdumpText([tcp('23:59:59.999999'), tcp('00:00:00.000001')].join('\n')).segments;
  assert.deepEqual(midnight.map((s) => s.timeNs), [86_399_999_999_000n, 86_400_000_001_000n]);
  const deltas = readTcpdumpText(
    [tcp(' 00:00:00.000000'), ' 00:00:01.500000 IP 10.0.0.1.53 > 10.0.0.2.53: UDP, length 40', tcp(' 00:00:00.000010'), tcp('-00:00:00.000005')].join('\n'),
  );
  assert.deepEqual(deltas.segments.map((s) => [s.timeNs, s.packet]), [[0n, 1], [1_500_010_000n, 3], [1_500_005_000n, 4]]);
  assert.equal(deltas.summary.skipped, 1);
  assert.match(deltas.summary.firstSkipped[0]!.reason, /UDP/);
  const first = readTcpdumpText([tcp(' 00:00:00.000000'), tcp(' 00:00:02.000000')].join('\n'), { relative: 'first' }).segments;
  assert.deepEqual(first.map((s) => s.timeNs), [0n, 2_000_000_000n]);
  assert.equal(one(tcp('1700000000.123456789')).timestampNs, 1_700_000_000_123_456_789n);
});

test('lines that are not TCP are skipped with a reason, never an error', () => {
  const text = [
    'listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes',
    '12:00:00.000001 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28',
    '12:00:00.000002 IP 10.0.0.1.53 > 10.0.0.2.33000: 12345 1/0/0 A 1.2.3.4 (48)',
    '12:00:00.000003 IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 64',
    '12:00:00.000004 IP6 fe80::1.546 > ff02::1:2.547: dhcp6 solicit',
    '12:00:00.000005 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto UDP (17), length 60)',
    '    10.0.0.1.5000 > 10.0.0.2.5001: UDP, length 32',
    '12:00:00.000006 IP 10.0.0.1.80 > 10.0.0.2.5000: Flags [P.], seq 1:3, ack 1, win 1, length 2: HTTP',
    '\t0x0000:  4500 0034 1234 4000 4006 0000 0a00 0001',
    '12:00:00.000007 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)',
    '12:00:00.000008 IP 10.0.0.1.80 > 10.0.0.2.5000: Flags [Z], seq 1, win 1, length 0',
    '',
    '3 packets captured',
    '3 packets received by filter',
    '0 packets dropped by kernel',
  ].join('\r\n');
  const { segments, summary } = readTcpdumpText(text);
  assert.equal(segments.length, 1);
  assert.equal(segments[0]!.packet, 6, 'packet lines: the timed ones, not the banner or indented lines');
  assert.equal(summary.lines, 15);
  assert.equal(summary.skipped, 13);
  assert.deepEqual(
    summary.firstSkipped.map((s) => s.line),
    [1, 2, 3, 4, 5, 6, 7, 9, 10, 11],
  );
  assert.match(summary.firstSkipped[5]!.reason, /UDP/);
  assert.match(summary.firstSkipped[6]!.reason, /continuation/);
  assert.match(summary.firstSkipped[7]!.reason, /hex dump/);
  assert.match(summary.firstSkipped[8]!.reason, /without its TCP line/);
  assert.match(summary.firstSkipped[9]!.reason, /flag letter/);
  assert.equal(summary.reasons["tcpdump's closing counts"], 3);
});

// ---- hostile input ----

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const SAMPLE = [
  'reading from file x.pcap, link-type EN10MB (Ethernet), snapshot length 262144',
  '13:13:54.695508 IP (tos 0x0, ttl 64, id 41440, offset 0, flags [DF], proto TCP (6), length 60)',
  '    127.0.0.1.45142 > 127.0.0.1.45678: Flags [S], cksum 0xfe30 (incorrect -> 0x22a1), seq 23743817, win 65495, options [mss 65495,sackOK,TS val 3629032342 ecr 0,nop,wscale 10], length 0',
  '13:13:54.695532 lo    In  IP6 ::1.45678 > ::1.45142: Flags [S.], seq 1697059298, ack 23743818, win 65483, length 0\r',
  '13:13:54.695556 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28',
  '13:13:54.697079 IP 127.0.0.1.45142 > 127.0.0.1.45678: Flags [P.], seq 1:15, ack 1, win 64, length 14',
  '13:13:54.697080 IP 127.0.0.1.45142 > 127.0.0.1.45678: Flags [F.], seq 15, ack 1, win 64, length 0',
].join('\n');

function readChunks(chunks: readonly string[]): { segments: TextSegment[]; summary: unknown } {
  const reader = new TcpdumpTextReader();
  const segments: TextSegment[] = [];
  for (const chunk of chunks) segments.push(...reader.push(chunk));
  const { last, ...summary } = reader.end();
  segments.push(...last);
  return { segments, summary };
}

test('every chunk boundary of a sample gives the same segments and summary', () => {
  const whole = readChunks([SAMPLE]);
  assert.equal(whole.segments.length, 4);
  for (let i = 0; i <= SAMPLE.length; i++) {
    for (let j = i; j <= SAMPLE.length; j += 61) assert.deepEqual(readChunks([SAMPLE.slice(0, i), SAMPLE.slice(i, j), SAMPLE.slice(j)]), whole, `cut at ${i}, ${j}`);
  }
  assert.deepEqual(readChunks([...SAMPLE]), whole, 'one character at a time');
  assert.deepEqual(readChunks([SAMPLE + '\n']), whole, 'a final newline');
});

test('random text, random bytes and a 1 MB line never throw and cost linear time', () => {
  const next = random(20261202);
  const alphabet = ' .:,>[]()-{}0123456789abcdefIPSFR\n\t\r';
  for (let round = 0; round < 200; round++) {
    let text = '';
    const length = Math.floor(next() * 2000);
    for (let i = 0; i < length; i++) text += next() < 0.5 ? alphabet[Math.floor(next() * alphabet.length)] : String.fromCharCode(Math.floor(next() * 0x3000));
    const { summary } = readTcpdumpText(text);
    assert.ok(summary.lines >= 1);
    // Random text spliced into a real line.
    const at = Math.floor(next() * SAMPLE.length);
    readTcpdumpText(SAMPLE.slice(0, at) + text.slice(0, 50) + SAMPLE.slice(at));
  }
  const bytes = new Uint8Array(1 << 16);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
  readTcpdumpText(new TextDecoder('latin1').decode(bytes));

  const line = SAMPLE.split('\n')[5]!;
  const hostile = [
    'x'.repeat(1 << 20),
    '12:00:00.000001 IP ' + '1.'.repeat(1 << 19),
    '12:00:00.000001 IP ' + '('.repeat(1 << 19),
    '12:00:00.000001 IP 1.1.1.1.1 > 2.2.2.2.2: Flags [S], ' + 'seq 1, '.repeat(1 << 17),
    '12:00:00.000001 IP 1.1.1.1.1 > 2.2.2.2.2: Flags [S], options [' + 'nop,'.repeat(1 << 18),
    ' 00:00:00.000000 ' + ' > '.repeat(1 << 18),
  ];
  for (const big of hostile) {
    const started = performance.now();
    const { segments, summary } = readTcpdumpText(`${line}\n${big}\n${line}\n`);
    const elapsed = performance.now() - started;
    assert.equal(segments.length, 2, 'the lines around it still count');
    assert.equal(summary.skipped, 1);
    assert.match(summary.firstSkipped[0]!.reason, new RegExp(`longer than ${MAX_LINE_CHARS}`));
    assert.ok(elapsed < 2000, `${elapsed} ms for a ${big.length}-character line`);
  }
  // Just under the limit, the same shapes are parsed, not skipped for length, still quickly.
  for (const big of hostile) {
    const cut = big.slice(0, MAX_LINE_CHARS - 10);
    const started = performance.now();
    readTcpdumpText(`${cut}\n`.repeat(20));
    assert.ok(performance.now() - started < 2000);
  }
});
