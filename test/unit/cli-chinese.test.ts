// The CLI in Chinese, as a user runs it (dist/ is built by the test script first): every
// subcommand with --lang zh-cn (and with LANG=zh_CN.UTF-8 alone) on the fixtures, its help and
// its errors, says no English sentence (english-leak.ts) and says Chinese. JSON keys and the
// names in JSON (states, flags, ids) stay as they are; the JSON strings meant for a person do not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LINKTYPE, type CapturedSegment } from '../../src/core/capture';
import { RFC_STATES } from '../../src/core/model/states';
import { concat, ipv4, pcapFile, tcpHeader } from './capture-writer';
import { englishIn } from './english-leak';
import { HANDSHAKE, script } from './timeline-script';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const CENSUS = join(ROOT, 'test', 'fixtures', 'census');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const CJK = /[\u4e00-\u9fff]/;
let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsl-cli-zh-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], options: { input?: string | Buffer; lang?: string } = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { input: options.input, encoding: 'utf8', env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: options.lang ?? 'C' }, maxBuffer: 64 << 20 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const quad = (address: string): number[] => address.split('.').map(Number);

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

/** A close with a retransmission and a zero window on the way, a refused connect, and a half-close left open. */
const EXCHANGE = [...HANDSHAKE, 'c P. 101 301 len=10', 'c P. 101 301 len=10 t=0.5', 's . 301 111 win=0', 'c F. 111 301', 's . 301 112', 's F. 301 112', 'c . 112 302'];

/** Each English run in `text`, by line, with `what` it came from. */
function english(what: string, text: string): string[] {
  return text.split('\n').flatMap((line) => englishIn(line).map((run) => `${what}: «${run}» in ${JSON.stringify(line.slice(0, 160))}`));
}

/** The strings of a JSON value meant for a person (its keys and the names in it are not). */
function prose(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => prose(v, out));
  else if (value && typeof value === 'object') for (const v of Object.values(value)) prose(v, out);
  return out;
}

test('help: Chinese, from --lang in any place and from LANG', () => {
  for (const [args, lang] of [[['--lang', 'zh-cn', '--help'], 'C'], [['--help', '--lang=zh-cn'], 'C'], [['--help'], 'zh_CN.UTF-8'], [['timeline', '--lang', 'zh-cn'], 'C']] as const) {
    const { stdout, stderr } = run([...args], { lang });
    const text = stdout + stderr;
    assert.match(text, /用法：/, args.join(' '));
    assert.deepEqual(english(`${args.join(' ')} (LANG=${lang})`, text), []);
  }
  // And English stays English.
  assert.match(run(['--help']).stdout, /^Usage:$/m);
});

test('explain: every RFC state and spellings of several tools, in Chinese', () => {
  const found: string[] = [];
  for (const token of [...RFC_STATES, 'TIME_WAIT', 'SYN_RECV', 'ESTAB', 'TcpState.LastAck', 'CONN_CLOSE_WAIT', 'ABHÖREN', 'NEW_SYN_RECV', 'DeleteTcb', 'TCPS_IDLE']) {
    const { status, stdout } = run(['explain', token, '--lang', 'zh-cn']);
    assert.equal(status, 0, token);
    assert.match(stdout, CJK, token);
    found.push(...english(`explain ${token}`, stdout));
  }
  assert.deepEqual(found, []);
});

test('census: the text table and the JSON diagnoses of every census fixture, in Chinese', () => {
  const found: string[] = [];
  let diagnosed = 0;
  for (const name of readdirSync(CENSUS)) {
    const path = join(CENSUS, name);
    const text = run(['census', path, '--text', '--lang', 'zh-cn']);
    assert.equal(text.status, 0, name);
    assert.match(text.stdout, /行中出现 \d+ 处状态名/, name);
    found.push(...english(`census --text ${name}`, text.stdout + text.stderr));
    const parsed = JSON.parse(run(['census', path, '--lang', 'zh-cn']).stdout) as { diagnoses: { title: string; because: string; advice: string; sources: string[] }[] };
    for (const d of parsed.diagnoses) {
      diagnosed++;
      for (const part of [d.title, d.because, d.advice]) assert.match(part, CJK, name);
      for (const part of prose(d)) found.push(...english(`census ${name} JSON`, part));
    }
  }
  assert.ok(diagnosed >= 7, `${diagnosed} diagnoses`);
  assert.deepEqual(found, []);
});

test('find and census: their messages on standard error, in Chinese', () => {
  const binary = file('binary.log', concat(new TextEncoder().encode('tcp 0 0 1.2.3.4:80 5.6.7.8:9 CLOSE_WAIT\n'), new Uint8Array([0, 0, 0]), new TextEncoder().encode('\n')));
  const utf16 = Buffer.from(`\ufeff${'tcp 0 0 1.2.3.4:80 5.6.7.8:9 CLOSE_WAIT\n'.repeat(3)}`, 'utf16le');
  const outcomes = [
    run(['find', binary, '--lang', 'zh-cn']),
    run(['census', '-', '--lang', 'zh-cn'], { input: utf16 }),
    run(['find', join(dir, 'missing.log'), '--lang', 'zh-cn']),
    run(['find', dir, '--lang', 'zh-cn']),
    run(['explain', 'BANANA', '--lang', 'zh-cn']),
    run(['frobnicate', 'x', '--lang', 'zh-cn']),
    run(['find', '--lang', 'zh-cn']),
    run(['coverage', '--profile', 'nope', '--lang', 'zh-cn']),
    run(['coverage', 'extra', '--lang', 'zh-cn']),
    run(['find', 'x', '--lang', 'xx'], { lang: 'zh_CN.UTF-8' }),
  ];
  const found: string[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    const message = outcome.stderr.split('\n')[0] ?? '';
    assert.match(message, /^tcp-state-lens: .*[\u4e00-\u9fff]/, `case ${i}: ${outcome.stderr}`);
    found.push(...english(`case ${i}`, outcome.stderr));
  }
  assert.match(outcomes[0]!.stderr, /看起来是二进制文件/);
  assert.match(outcomes[1]!.stderr, /按 UTF-16LE 编码读取 标准输入/);
  assert.match(outcomes[9]!.stderr, /--lang 的取值为 en 或 zh-cn/);
  assert.deepEqual(found, []);
  // find's output is JSON lines of names only: the same in every language.
  const sample = join(WORKSPACE, 'linux-netstat-antp.log');
  assert.equal(run(['find', sample, '--lang', 'zh-cn']).stdout, run(['find', sample]).stdout);
});

test('timeline: a capture, tcpdump text, --json, a damaged capture, foreign input and usage errors, in Chinese', () => {
  const capture = file('close.pcap', pcapOf([...script(EXCHANGE), ...script(['c S 5000 t=2', 's R. 0 5001 t=2.001'], { client: { address: '10.0.0.1', port: 40001 } })]));
  const found: string[] = [];
  const text = run(['timeline', capture, '--lang', 'zh-cn']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /个 TCP 报文段中有 2 条 TCP 连接/);
  assert.match(text.stdout, /已关闭（双方的 FIN 都已确认）/);
  assert.match(text.stdout, /TIME-WAIT 的结束从不出现在线路上/);
  assert.match(text.stdout, /\[重传/);
  found.push(...english('timeline text', text.stdout));
  const json = JSON.parse(run(['timeline', '--json', capture, '--lang', 'zh-cn']).stdout) as { connections: { endpoints: { note?: string }[] }[] };
  const notes = json.connections.flatMap((c) => c.endpoints.map((e) => e.note).filter((n): n is string => n !== undefined));
  assert.ok(notes.length > 0 && notes.every((n) => CJK.test(n)));
  const whole = pcapOf(script(EXCHANGE));
  const outcomes = [
    run(['timeline', file('cut.pcap', whole.subarray(0, whole.length - 10)), '--lang', 'zh-cn']),
    run(['timeline', file('wifi.pcap', pcapFile({ littleEndian: true, linkType: 105 }, [{ seconds: 1, fraction: 0, data: ipv4(tcpHeader({ flags: 0x02 })) }])), '--lang', 'zh-cn']),
    run(['timeline', file('binary.bin', concat(Uint8Array.of(0xde, 0xad, 0xbe, 0xef), new Uint8Array(60))), '--lang', 'zh-cn']),
    run(['timeline', file('empty', ''), '--lang', 'zh-cn']),
    run(['timeline', '-', '--lang', 'zh-cn'], { input: 'just some words\n' }),
    run(['timeline', join(dir, 'nothing.pcap'), '--lang', 'zh-cn']),
    run(['timeline', '--nope', 'x', '--lang', 'zh-cn']),
    run(['timeline', '--connection', 'x', 'f', '--lang', 'zh-cn']),
    run(['timeline', '--profile', 'bsd', 'f'], { lang: 'zh_CN.UTF-8' }),
  ];
  for (const [i, outcome] of outcomes.entries()) {
    assert.match(outcome.stderr, CJK, `case ${i}: ${outcome.stderr}`);
    found.push(...english(`timeline case ${i}`, outcome.stdout + outcome.stderr));
  }
  assert.match(outcomes[0]!.stderr, /记录中途结束/);
  assert.match(outcomes[1]!.stderr, /已跳过 1 帧 链路类型 105（IEEE 802\.11 wireless LAN）/);
  // tcpdump text: the same exchange as tcpdump prints it.
  const tcpdump = ['10:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 100, win 65535, length 0', '10:00:00.001000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 300, ack 101, win 65535, length 0', '10:00:00.002000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 301, win 65535, length 0'].join('\n');
  const fromText = run(['timeline', '-', '--lang', 'zh-cn'], { input: `${tcpdump}\n` });
  assert.equal(fromText.status, 0, fromText.stderr);
  assert.match(fromText.stdout, /抓包结束时仍然打开/);
  found.push(...english('timeline tcpdump text', fromText.stdout));
  assert.deepEqual(found, []);
});

test('the leak check can fail: the English CLI is full of English', () => {
  assert.ok(english('explain', run(['explain', 'TIME_WAIT']).stdout).length > 5);
  assert.ok(english('help', run(['--help']).stdout).length > 5);
});
