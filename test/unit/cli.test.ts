// The CLI as a user runs it: `node dist/cli.js find FILE|-` and `explain TOKEN` (built by the
// test script before this runs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explainState } from '../../src/core/model/explain';
import { LOCALES } from '../../src/core/model/i18n';
import { TRANSITIONS } from '../../src/core/model/transitions';
import { toPlainText } from '../../src/core/views/render';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function run(args: string[], input?: string | Buffer): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SAMPLE = [
  'Active Internet connections (servers and established)',
  'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name',
  'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      812/sshd',
  'tcp        0      0 10.0.0.5:22             203.0.113.9:51234       SYN_RECV    -',
  'tcp6       0      0 2001:db8::5:443         2001:db8::9:40112       TIME_WAIT   -',
  '',
].join('\n');

test('find prints one JSON line per mention with 1-based line and column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsl-'));
  const file = join(dir, 'netstat.log');
  writeFileSync(file, SAMPLE);
  const { status, stdout } = run(['find', file]);
  assert.equal(status, 0);
  const rows = stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(rows, [
    { line: 3, column: 69, text: 'LISTEN', state: 'LISTEN', source: 'linux-netstat' },
    { line: 4, column: 69, text: 'SYN_RECV', state: 'SYN-RECEIVED', source: 'linux-netstat' },
    { line: 5, column: 69, text: 'TIME_WAIT', state: 'TIME-WAIT', source: 'linux-netstat' },
  ]);
  const lines = SAMPLE.split('\n');
  for (const row of rows) assert.equal(lines[row.line - 1]!.substr(row.column - 1, row.text.length), row.text);
});

test('find - reads standard input, CRLF line ends included', () => {
  const { status, stdout } = run(['find', '-'], SAMPLE.replace(/\n/g, '\r\n'));
  assert.equal(status, 0);
  assert.equal(stdout.trim().split('\n').length, 3);
});

test('find on a missing file exits 1 with a clear message', () => {
  const { status, stdout, stderr } = run(['find', '/nonexistent/netstat.log']);
  assert.equal(status, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /cannot read \/nonexistent\/netstat\.log: no such file/);
});

test('find on binary input does not crash and still finds text inside', () => {
  const bytes = Buffer.alloc(200_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  const payload = Buffer.concat([bytes, Buffer.from('\n10.0.0.1:80 CLOSE_WAIT\n'), bytes]);
  const { status, stdout, stderr } = run(['find', '-'], payload);
  assert.equal(status, 0);
  assert.match(stderr, /looks binary/);
  assert.ok(stdout.split('\n').some((l) => l.includes('"CLOSE-WAIT"')));
});

/** The mentions `find` prints for raw bytes, as JSON objects. */
function found(input: Buffer): unknown[] {
  const { status, stdout } = run(['find', '-'], input);
  assert.equal(status, 0);
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

test('UTF-16 files (what Windows PowerShell 5.1 writes for netstat -ano > out.txt) are read as text', () => {
  const text = SAMPLE.replace(/\n/g, '\r\n');
  const utf8 = found(Buffer.from(text));
  assert.equal(utf8.length, 3);
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  assert.deepEqual(found(Buffer.concat([Buffer.from([0xff, 0xfe]), le])), utf8, 'UTF-16LE with a BOM');
  assert.deepEqual(found(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), utf8, 'UTF-16BE with a BOM');
  assert.deepEqual(found(le), utf8, 'UTF-16LE without a BOM');
  const { stderr } = run(['find', '-'], Buffer.concat([Buffer.from([0xff, 0xfe]), le]));
  assert.match(stderr, /reading standard input as UTF-16LE/);
  assert.doesNotMatch(stderr, /looks binary/);
  // A UTF-8 BOM is no character of the first line: columns count as in the editor.
  assert.deepEqual(found(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), utf8);
});

test('CR-only line ends break lines as in the editor: per-line rules and line numbers hold', () => {
  const lf = found(Buffer.from(SAMPLE + 'udp 0 0 0.0.0.0:68 0.0.0.0:* ESTABLISHED\n'));
  assert.deepEqual(found(Buffer.from((SAMPLE + 'udp 0 0 0.0.0.0:68 0.0.0.0:* ESTABLISHED\n').replace(/\n/g, '\r'))), lf);
  assert.deepEqual(
    lf.map((m) => (m as { line: number }).line),
    [3, 4, 5],
  );
});

test('explain prints the explanation, in Chinese with --lang zh-cn', () => {
  const en = run(['explain', 'TIME_WAIT']);
  assert.equal(en.status, 0);
  assert.match(en.stdout, /TIME_WAIT — Linux netstat spelling of RFC TIME-WAIT/);
  assert.match(en.stdout, /FIN-WAIT-2 →/);
  assert.match(en.stdout, /net\.ipv4\.tcp_tw_reuse/);
  const zh = run(['explain', 'CLOSE_WAIT', '--lang', 'zh-cn']);
  assert.equal(zh.status, 0);
  assert.match(zh.stdout, /[\u4e00-\u9fff]/);
  const typed = run(['explain', 'time wait']);
  assert.equal(typed.status, 0);
  assert.match(typed.stdout, /^TIME-WAIT — RFC 9293 name/);
});

test('explain of an unknown token and bad usage fail clearly', () => {
  const unknown = run(['explain', 'BANANA']);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /"BANANA" is not a TCP state spelling/);
  const usage = run(['frobnicate']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /Usage:/);
});

test('--lang offers the core locales: each one works, and the help and the error list them all', () => {
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.ok(help.stdout.includes(`--lang ${LOCALES.join('|')} `), help.stdout);
  for (const locale of LOCALES) {
    const explained = run(['explain', 'TIME_WAIT', '--lang', locale]);
    assert.equal(explained.status, 0, locale);
    assert.equal(explained.stdout, toPlainText(explainState('TIME-WAIT', locale, { text: 'TIME_WAIT', source: 'linux-netstat' })), locale);
  }
  const bad = run(['explain', 'TIME_WAIT', '--lang=xx']);
  assert.equal(bad.status, 2);
  for (const locale of LOCALES) assert.ok(bad.stderr.includes(locale), `the error names ${locale}`);
  assert.match(bad.stderr, /--lang takes en or zh-cn/);
});

test('census prints one JSON object: counts by canonical state, groups, and the diagnosis with its numbers', () => {
  const fixture = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'census', 'ss-tanp-close-wait.txt');
  const { status, stdout } = run(['census', fixture]);
  assert.equal(status, 0);
  const census = JSON.parse(stdout);
  assert.deepEqual(census.counts, { 'CLOSE-WAIT': 40, ESTABLISHED: 30, LISTEN: 5 });
  assert.equal(census.groups['CLOSE-WAIT'].localPorts[0].key, '8080');
  assert.equal(census.groups['CLOSE-WAIT'].processes[0].key, 'java');
  const closeWait = census.diagnoses.find((d: { id: string }) => d.id === 'many-close-wait');
  assert.ok(closeWait, 'the CLOSE-WAIT diagnosis fires');
  assert.match(closeWait.because, /8080/);
  assert.ok(closeWait.sources.length > 0);
  // The same from a pipe, and in Chinese on request.
  assert.deepEqual(JSON.parse(run(['census', '-'], readFileSync(fixture)).stdout).counts, census.counts);
  assert.match(JSON.parse(run(['census', fixture, '--lang', 'zh-cn']).stdout).diagnoses[0].title, /[\u4e00-\u9fff]/);
  const text = run(['census', fixture, '--text']);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /40 {2}CLOSE-WAIT +ports 8080 \(36\)/);
});

test('census on big, binary and empty input: counts exact, no crash, clear errors', () => {
  const row = (i: number, state: string) => `tcp        0      0 10.0.0.5:${1024 + (i % 50000)}          203.0.113.${i % 250}:443        ${state.padEnd(11)} 812/app\n`;
  let dump = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n';
  for (let i = 0; i < 60_000; i++) dump += row(i, i % 3 === 0 ? 'TIME_WAIT' : 'ESTABLISHED');
  const big = JSON.parse(run(['census', '-'], dump).stdout);
  assert.deepEqual(big.counts, { 'TIME-WAIT': 20_000, ESTABLISHED: 40_000 });
  assert.ok(big.groups['TIME-WAIT'].peers.length <= 50, 'groups stay bounded');
  const noise = Buffer.alloc(100_000);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 256;
  const binary = run(['census', '-'], Buffer.concat([noise, Buffer.from('\n10.0.0.1:80 CLOSE_WAIT\n')]));
  assert.equal(binary.status, 0);
  assert.equal(JSON.parse(binary.stdout).counts['CLOSE-WAIT'] >= 1, true);
  assert.deepEqual(JSON.parse(run(['census', '-'], '').stdout).counts, {});
  const missing = run(['census', '/nonexistent/dump.txt']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no such file/);
});

test('coverage prints one JSON object: every row of the table reached or unreached; a profile it does not know exits 2', () => {
  const { status, stdout } = run(['coverage']);
  assert.equal(status, 0);
  const report = JSON.parse(stdout);
  assert.equal(report.profile, 'rfc9293');
  const rows = [...report.reached, ...report.unreached].map((r: { row: string }) => r.row);
  assert.deepEqual(rows.sort(), TRANSITIONS.map((row) => row.id).sort());
  assert.ok(report.reached.every((r: { path: unknown[]; steps: number }) => r.path.length === r.steps && r.steps > 0));
  assert.ok(report.unreached.every((r: { why: string }) => r.why.length > 0));
  const bad = run(['coverage', '--profile', 'windows']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /--profile takes rfc9293, linux, linux-rfc1337 or freebsd/);
  assert.match(bad.stderr, /Usage:/);
});
