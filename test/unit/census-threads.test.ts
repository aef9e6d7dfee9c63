// `census FILE` of a file large enough for two threads (src/census-parallel.ts: a worker reads the
// lines ahead, this thread counts; forced here, as the CLI takes two only on an idle machine)
// prints what one thread prints (`census -` and `census FILE` on one) and what the string path
// counts in process: counts, groups with their errors, sample lines, diagnoses. The file has the rows of a dump, non-ASCII and invalid UTF-8
// lines, `\r\n`, a line longer than a chunk and zero bytes. Runs dist/cli.js (built before the tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { CensusScanner } from '../../src/core/census';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function census(args: string[], threads: '1' | '2', input?: Buffer): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, LANG: 'C', TCP_STATE_LENS_CENSUS_THREADS: threads };
  const result = spawnSync(process.execPath, [CLI, 'census', ...args], { input, encoding: 'utf8', env, maxBuffer: 1 << 26 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function dump(): Buffer {
  const parts: Buffer[] = [Buffer.from('Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n')];
  let x = 1;
  const next = (n: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const states = ['ESTABLISHED', 'TIME_WAIT', 'SYN_RECV', 'LISTEN', 'FIN_WAIT2', 'CLOSE_WAIT'];
  let size = 0;
  for (let block = 0; size < 18 << 20; block++) {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const port = next(65536);
      switch (next(4)) {
        case 0:
          lines.push(`tcp        ${next(3)}      0 10.66.39.195:${port}      203.0.113.${next(256)}:24114      ${states[next(states.length)]}    ${next(30000)}/nginx`);
          break;
        case 1:
          lines.push(`ESTAB      0      128    10.2.15.250:${port}      203.0.113.${next(256)}:26576    users:(("java",pid=${next(400)},fd=656))`);
          break;
        case 2:
          lines.push(`  TCP    10.180.176.84:${port}    203.0.113.${next(300)}:8735      TIME_WAIT       ${next(9000)}\r`);
          break;
        default:
          lines.push(`LISTEN     ${next(3)}      128    [::1]:${next(50)}    [2001:db8::${next(99)}]:443    users:(("pïd",pid=${next(99)},fd=3))`);
      }
    }
    const text = Buffer.from(`${lines.join('\n')}\n`);
    parts.push(text);
    size += text.length;
    if (block === 40) parts.push(Buffer.from([0x45, 0x53, 0x54, 0x41, 0x42, 0x20, 0xff, 0xe2, 0x82, 0x20, 0x00, 0x0a]));
    if (block === 60) parts.push(Buffer.from(`${'x'.repeat(1_500_000)} CLOSE_WAIT ${'y'.repeat(800_000)}\n`));
  }
  return Buffer.concat(parts);
}

test('census FILE on two threads prints what one thread prints, and counts what the string path counts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsl-threads-'));
  try {
    const bytes = dump();
    assert.ok(bytes.length > 16 << 20, 'large enough for two threads');
    const file = join(dir, 'dump.txt');
    writeFileSync(file, bytes);
    const two = census([file], '2');
    assert.equal(two.status, 0, two.stderr);
    assert.match(two.stderr, /looks binary/);
    const one = census(['-'], '1', readFileSync(file));
    assert.equal(census([file], '1').stdout, one.stdout);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(two.stdout, one.stdout);

    const scanner = new CensusScanner();
    scanner.push(new TextDecoder('utf-8').decode(bytes));
    const expected = scanner.end();
    const printed = JSON.parse(two.stdout) as { lines: number; mentions: number; rows: number; counts: unknown; groups: Record<string, { rows: number; localPorts: unknown; peers: unknown; processes: unknown; sampleLines: unknown }> };
    assert.deepEqual([printed.lines, printed.mentions, printed.rows], [expected.lines, expected.mentions, expected.rows]);
    assert.deepEqual(printed.counts, expected.counts);
    for (const [state, s] of Object.entries(expected.states)) {
      const g = printed.groups[state]!;
      assert.deepEqual([g.rows, g.localPorts, g.peers, g.processes, g.sampleLines], [s!.rows, s!.localPorts, s!.peers, s!.processes, s!.sampleLines], state);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
