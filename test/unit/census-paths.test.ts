// The census's fast ways (the byte path of byte-row.ts with its number keys, with and without the
// lines read ahead as the CLI's second thread reads them; the string fast path of fast-row.ts)
// against the general recogniser: every line through the LineScanner and Census.addLine, no fast
// path. On dumps of every tool (ss -tan, ss -tanp, Linux netstat -anp, macOS netstat -anv,
// Windows netstat -ano), with more distinct ports, peers and PIDs than a ranking tracks (so
// Space-Saving replaces, and keys that look like numbers but are spelled otherwise, '0443',
// '010.1.2.3', 'pid 007', must stay keys of their own), mixed with garbage, CRLF, huge lines and
// bytes that are no UTF-8: the same counts, groups, listeners and diagnoses, to the line number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { annotateLines, Census, CensusByteScanner, CensusScanner, diagnose, GROUP_CAPACITY, type CensusResult } from '../../src/core/census';
import { ROW_CHARS } from '../../src/core/census/census';
import { LineScanner } from '../../src/core/recognition/line-scanner';

const DIR = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'census');

/** The general recogniser: the bytes decoded as the CLI decodes them, every line's mentions found by the LineScanner. */
function general(bytes: Uint8Array): CensusResult {
  const census = new Census();
  const scanner = new LineScanner(() => {}, undefined, { startChars: ROW_CHARS, onLine: (line, start, mentions) => census.addLine(line, start, mentions) });
  scanner.push(new TextDecoder('utf-8').decode(bytes));
  scanner.end();
  return census.result();
}

function stringFast(bytes: Uint8Array): CensusResult {
  const scanner = new CensusScanner();
  scanner.push(new TextDecoder('utf-8').decode(bytes));
  return scanner.end();
}

/** The byte path, in chunks of `chunk` bytes, each read ahead (`annotateLines`) when `ahead`. */
function bytePath(bytes: Uint8Array, chunk: number, ahead: boolean): CensusResult {
  const decoder = new TextDecoder('utf-8');
  const scanner = new CensusByteScanner((part) => (part ? decoder.decode(part, { stream: true }) : decoder.decode()));
  for (let at = 0; at < bytes.length; at += chunk) {
    const piece = bytes.subarray(at, Math.min(bytes.length, at + chunk));
    scanner.push(piece, ahead ? annotateLines(piece, new Int32Array(16)) : undefined);
  }
  return scanner.end();
}

function assertSame(bytes: Uint8Array, label: string): CensusResult {
  const expected = general(bytes);
  const diagnoses = diagnose(expected);
  const ways: [string, CensusResult][] = [
    ['string fast path', stringFast(bytes)],
    ['byte path, whole', bytePath(bytes, bytes.length || 1, false)],
    ['byte path, 4 KiB chunks', bytePath(bytes, 4096, false)],
    ['byte path, read ahead in 64 KiB chunks', bytePath(bytes, 65536, true)],
    ['byte path, read ahead in 1000-byte chunks', bytePath(bytes, 1000, true)],
  ];
  for (const [way, result] of ways) {
    assert.deepEqual(result, expected, `${label}: ${way}`);
    assert.deepEqual(diagnose(result), diagnoses, `${label}: ${way}, diagnoses`);
  }
  return expected;
}

/** Deterministic numbers (an LCG), so a failure replays. */
function random(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
}

const SS_STATES = ['ESTAB', 'TIME-WAIT', 'CLOSE-WAIT', 'LISTEN', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'LAST-ACK', 'CLOSING'];
const NETSTAT_STATES = ['ESTABLISHED', 'TIME_WAIT', 'CLOSE_WAIT', 'LISTEN', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'LAST_ACK', 'CLOSING'];
const WINDOWS_STATES = ['ESTABLISHED', 'TIME_WAIT', 'CLOSE_WAIT', 'LISTENING', 'SYN_SENT', 'FIN_WAIT_2'];

/** A dump of one tool's rows (`kind`), `count` of them, keys drawn from wide ranges and odd spellings. */
function dump(kind: 'ss-tan' | 'ss-tanp' | 'netstat-anp' | 'macos' | 'windows', count: number, seed: number): string {
  const next = random(seed);
  // Mostly canonical numbers; now and then a spelling that must stay a key of its own.
  const port = (): string => (next(40) === 0 ? `0${next(1000)}` : next(30) === 0 ? '*' : String(next(70000)));
  const ipv4 = (): string => (next(40) === 0 ? `010.${next(256)}.0.${next(300)}` : next(40) === 0 ? `10.1.0.${256 + next(44)}` : `${next(2) ? '203.0.113' : '10.1'}.${next(2) ? next(256) : next(256) + '.' + next(256)}`.split('.').slice(0, 4).join('.'));
  const host = (): string => (next(15) === 0 ? `[2001:db8::${next(999).toString(16)}]` : next(25) === 0 ? `fe80::${next(99)}%eth0` : ipv4());
  const pid = (): string => (next(40) === 0 ? `00${next(90)}` : String(next(next(2) ? 500 : 5_000_000)));
  const lines: string[] = [];
  if (kind === 'ss-tan' || kind === 'ss-tanp') lines.push('State      Recv-Q Send-Q     Local Address:Port      Peer Address:Port  Process');
  else if (kind === 'netstat-anp') lines.push('Active Internet connections (servers and established)', 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name');
  else if (kind === 'macos') lines.push('Active Internet connections (including servers)', 'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)     rhiwat shiwat    pid   epid  state    options');
  else lines.push('', 'Active Connections', '', '  Proto  Local Address          Foreign Address        State           PID');
  for (let i = 0; i < count; i++) {
    const local = `${host()}:${port()}`;
    const peer = `${host()}:${port()}`;
    const q = (): number => (next(8) === 0 ? next(300) : 0);
    if (kind === 'ss-tan') lines.push(`${SS_STATES[next(10)]!.padEnd(10)} ${q()}      ${next(2) ? 128 : 0}    ${local.padEnd(22)} ${peer}`);
    else if (kind === 'ss-tanp') {
      const user = next(12) === 0 ? '' : ` users:(("${['java', 'nginx', 'a-b', 'x.y', 'pid-only', ''][next(6)]}",pid=${pid()},fd=${next(900)}))`;
      lines.push(`${SS_STATES[next(10)]!.padEnd(10)} ${q()}      ${next(2) ? 128 : 0}    ${local.padEnd(22)} ${peer.padEnd(22)}${user}`);
    } else if (kind === 'netstat-anp') {
      const program = next(10) === 0 ? '-' : `${pid()}/${['nginx', 'sshd', 'java', 'systemd-resolve'][next(4)]}`;
      lines.push(`tcp        ${q()}      0 ${local.padEnd(23)} ${peer.padEnd(23)} ${NETSTAT_STATES[next(10)]!.padEnd(11)} ${program}`);
    } else if (kind === 'macos') {
      const dotted = (address: string): string => address.replace(/:(?=[^:]*$)/, '.').replace(/^\[|\]/g, '');
      lines.push(`tcp4       ${q()}      0  ${dotted(local).padEnd(22)} ${dotted(peer).padEnd(22)} ${NETSTAT_STATES[next(10)]!.padEnd(11)} 131072 131072  ${pid()}      0 0x0102 0x00000006`);
    } else lines.push(`  TCP    ${local.padEnd(22)} ${peer.padEnd(22)} ${WINDOWS_STATES[next(6)]!.padEnd(15)} ${pid()}`);
  }
  return `${lines.join('\n')}\n`;
}

const encoder = new TextEncoder();

test('census paths: every fixture dump, as the general recogniser counts it', () => {
  const files = readdirSync(DIR).filter((name) => name.endsWith('.txt'));
  assert.ok(files.length >= 8, 'the fixtures are there');
  for (const name of files) {
    const bytes = readFileSync(join(DIR, name));
    const result = assertSame(new Uint8Array(bytes), name);
    assert.ok(result.mentions > 0, `${name} has states`);
  }
});

test('census paths: each tool\'s rows, past the rankings\' capacity, with look-alike keys', () => {
  for (const kind of ['ss-tan', 'ss-tanp', 'netstat-anp', 'macos', 'windows'] as const) {
    const text = dump(kind, 6000, kind.length);
    const result = assertSame(encoder.encode(text), kind);
    // Space-Saving replaced (more distinct peers than it tracks), and the byte path took the rows.
    assert.ok(result.rows >= 3000, `${kind}: rows read (${result.rows})`);
    const busiest = Object.values(result.states).sort((a, b) => b!.rows - a!.rows)[0]!;
    assert.ok(busiest.peers.some((e) => e.error > 0), `${kind}: peers beyond ${GROUP_CAPACITY} keys replace`);
    // Ports are counted exactly (port-ranking.ts), however many: a canonical number below 65536 has no error.
    for (const s of Object.values(result.states)) {
      for (const e of s!.localPorts) if (/^(0|[1-9]\d*)$/.test(e.key) && Number(e.key) < 65536) assert.equal(e.error, 0, `${kind}: port ${e.key} exact`);
    }
    // CRLF: the same dump with Windows line ends.
    assertSame(encoder.encode(text.replace(/\n/g, '\r\n')), `${kind}, CRLF`);
  }
  // A look-alike is reported as it was written.
  const lookAlikes = encoder.encode('LISTEN 0 128 0.0.0.0:0443 010.1.2.3:* users:(("",pid=007,fd=3))\nLISTEN 0 128 0.0.0.0:443 10.1.2.3:* users:(("",pid=7,fd=3))\nLISTEN 0 1 1.1.1.1:1 10.1.0.300:*\nLISTEN 0 1 1.1.1.1:1 10.1.1.44:*\n');
  const result = assertSame(lookAlikes, 'look-alikes');
  assert.deepEqual(result.states.LISTEN!.localPorts.map((e) => e.key).sort(), ['0443', '1', '443']);
  assert.deepEqual(result.states.LISTEN!.peers.map((e) => e.key).sort(), ['010.1.2.3', '10.1.0.300', '10.1.1.44', '10.1.2.3']);
  assert.deepEqual(result.states.LISTEN!.processes.map((e) => e.key).sort(), ['pid 007', 'pid 7']);
});

test('census paths: the tools mixed, with garbage, huge lines and bytes that are no UTF-8', () => {
  const next = random(99);
  const parts = [dump('ss-tanp', 800, 1), dump('netstat-anp', 800, 2), dump('windows', 800, 3), dump('macos', 400, 4), dump('ss-tan', 400, 5)].map((text) => text.split('\n'));
  const garbage = [
    'x'.repeat(ROW_CHARS * 3) + ' ESTABLISHED',
    `ESTAB 0 0 10.0.0.1:22 10.0.0.2:5 ${'y'.repeat(70_000)}`,
    'TIME_WAIT TIME_WAIT 1.2.3.4:5 6.7.8.9:10',
    'udp 0 0 10.0.0.1:53 0.0.0.0:* LISTEN',
    'net.ipv4.tcp_tw_recycle = 1',
    'tcp 0 0 10.0.0.1:80 10.0.0.2:5000 ESTABLISHED 12/ngïnx',
    'ESTAB\u00a00 0 10.0.2.15:22 203.0.113.45:51544',
    'tcp 0 0 10.0.0.1:80 10.0.0.2:5000 TIME_WAIT 1/a\rtcp 0 0 10.0.0.1:81 10.0.0.2:5001 CLOSE_WAIT 2/b',
    '   0: 0100007F:0277 00000000:0000 0A 00000000:00000000',
    '',
  ];
  const lines: string[] = [];
  while (parts.some((p) => p.length)) {
    const from = parts[next(parts.length)]!;
    lines.push(...from.splice(0, 1 + next(30)));
    if (next(4) === 0) lines.push(garbage[next(garbage.length)]!);
  }
  const text = encoder.encode(`${lines.join('\n')}\n`);
  // Invalid UTF-8 spliced in at line starts, inside rows and between them.
  const bad = [Uint8Array.of(0xff), Uint8Array.of(0xc3), Uint8Array.of(0xe2, 0x82), Uint8Array.of(0x80, 0x80), Uint8Array.of(0)];
  const pieces: Uint8Array[] = [];
  let at = 0;
  while (at < text.length) {
    const to = Math.min(text.length, at + 200 + next(4000));
    pieces.push(text.subarray(at, to), bad[next(bad.length)]!);
    at = to;
  }
  const bytes = new Uint8Array(pieces.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    bytes.set(piece, offset);
    offset += piece.length;
  }
  const result = assertSame(bytes, 'mixed');
  assert.ok(result.rows > 2500 && result.words.tcp_tw_recycle !== undefined, 'the mixed dump has rows and the noted word');
});
