// The capture timeline on real captures, recorded during the run: tcpdump on loopback while
// real sockets (node:net, so the Linux kernel's TCP) play each scenario; the timeline's states
// of both endpoints must be the ones RFC 9293 gives for what the sockets did. The kernel's own
// transitions for the same scenarios are compared in test/kernel/timeline.test.mjs. Needs root
// and tcpdump (Debian: apt-get install tcpdump); without them these tests fail, not skip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { timelineOfCapture, timelineOfText, type Timeline, type TimelineConnection } from '../../src/core/timeline';
import { closed, record, wasReset, type Exchange } from './capture-recording';
import type { CapturedSegment } from '../../src/core/capture';
import * as exchanges from './timeline-exchanges';

const run = promisify(execFile);
const INSTALL_HINT = 'the timeline capture tests need root and the Debian package tcpdump (apt-get install -y tcpdump)';
let dir = '';

before(() => {
  assert.equal(process.getuid?.(), 0, `not running as root: ${INSTALL_HINT}`);
  dir = mkdtempSync(join(tmpdir(), 'tcp-state-lens-timeline-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Recorded {
  readonly name: string;
  readonly exchange: Exchange;
  readonly done: (segments: CapturedSegment[]) => boolean;
  readonly host?: string;
  readonly device?: string;
  readonly extra?: readonly string[];
}

/**
 * The capture's timeline; its text twin (tcpdump -nn -r of the same file, without -S, so the
 * reader replays tcpdump's relative numbers) must give every endpoint the same states.
 */
async function timelineOf(r: Recorded): Promise<Timeline> {
  const file = await record({ dir, name: r.name, host: r.host ?? '127.0.0.1', device: r.device ?? 'lo', exchange: r.exchange, done: r.done, extra: r.extra ?? [], installHint: INSTALL_HINT });
  const timeline = timelineOfCapture(new Uint8Array(readFileSync(file)), { keepSegments: true });
  assert.equal(timeline.error, undefined);
  const text = await run('tcpdump', ['-nn', '-r', file]);
  const fromText = timelineOfText(text.stdout);
  assert.deepEqual(fromText.connections.map((c) => c.states), timeline.connections.map((c) => c.states), `${r.name} read as tcpdump text`);
  return timeline;
}

async function onlyConnection(r: Recorded): Promise<TimelineConnection> {
  const { connections } = await timelineOf(r);
  assert.equal(connections.length, 1, `one connection in ${r.name}`);
  return connections[0]!;
}

const OPENER = ['SYN-SENT', 'ESTABLISHED'];
const LISTENER = ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED'];
const ACTIVE_CLOSE = ['FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT'];
const PASSIVE_CLOSE = ['CLOSE-WAIT', 'LAST-ACK', 'CLOSED'];

test('recorded: the client closes first', async () => {
  const c = await onlyConnection({ name: 'client-closes.pcap', exchange: exchanges.clientClosesFirst, done: closed });
  assert.deepEqual(c.states, [[...OPENER, ...ACTIVE_CLOSE], [...LISTENER, ...PASSIVE_CLOSE]]);
  assert.equal(c.ending, 'fin');
  assert.equal(c.firstCloser, 0);
});

test('recorded: the server closes first', async () => {
  const c = await onlyConnection({ name: 'server-closes.pcap', exchange: exchanges.serverClosesFirst, done: closed });
  assert.deepEqual(c.states, [[...OPENER, ...PASSIVE_CLOSE], [...LISTENER, ...ACTIVE_CLOSE]]);
  assert.equal(c.firstCloser, 1);
});

test('recorded: half-close (shutdown), data to the endpoint in FIN-WAIT-2', async () => {
  const c = await onlyConnection({ name: 'half-close.pcap', exchange: exchanges.halfClose, done: closed });
  assert.deepEqual(c.states, [[...OPENER, ...ACTIVE_CLOSE], [...LISTENER, ...PASSIVE_CLOSE]]);
  assert.deepEqual(c.bytes, [0, 2000]);
  assert.ok(c.segmentList.some((s) => s.rows.includes('R40')), 'data received in FIN-WAIT-2 (R40)');
});

test('recorded: abort (resetAndDestroy: SO_LINGER 0): RST,ACK, both CLOSED', async () => {
  const c = await onlyConnection({ name: 'abort.pcap', exchange: exchanges.abort, done: wasReset });
  assert.deepEqual(c.states, [[...OPENER, 'CLOSED'], [...LISTENER, 'CLOSED']]);
  assert.equal(c.ending, 'rst');
  const rst = c.segmentList.find((s) => s.flags.includes('RST'))!;
  assert.equal(rst.flags, 'RST,ACK');
  assert.deepEqual(rst.rows, ['U14', 'R33']);
  assert.ok(rst.linuxDifferences?.includes('abort-rst-carries-ack'));
});

test('recorded: refused (nothing listens): SYN, RST,ACK', async () => {
  const c = await onlyConnection({ name: 'refused.pcap', exchange: exchanges.refused, done: wasReset });
  assert.deepEqual(c.states, [['SYN-SENT', 'CLOSED'], ['CLOSED']]);
  assert.equal(c.ending, 'refused');
});

test('recorded: close() with unread data: Linux sends RST, both CLOSED', async () => {
  const c = await onlyConnection({ name: 'unread.pcap', exchange: exchanges.closeWithUnreadData, done: wasReset });
  assert.deepEqual(c.states, [[...OPENER, 'CLOSED'], [...LISTENER, 'CLOSED']]);
  const rst = c.segmentList.find((s) => s.flags.includes('RST'))!;
  assert.equal(rst.from, 1);
  assert.ok(rst.linuxDifferences?.includes('close-with-unread-data'));
});

test('recorded: 20 interleaved connections, every other one aborted', async () => {
  const { connections } = await timelineOf({ name: 'interleaved.pcap', exchange: exchanges.interleaved(20), done: exchanges.allEnded(20) });
  assert.equal(connections.length, 20);
  for (const c of connections) {
    assert.equal(c.opener, 0);
    if (c.ending === 'rst') assert.deepEqual(c.states, [[...OPENER, 'CLOSED'], [...LISTENER, 'CLOSED']], `#${c.id}`);
    else {
      assert.equal(c.ending, 'fin', `#${c.id}`);
      // The server answers the FIN at once, so its FIN may carry the ACK (R38: FIN-WAIT-1 to TIME-WAIT).
      assert.match(c.states[0].join(' '), /^SYN-SENT ESTABLISHED FIN-WAIT-1 (FIN-WAIT-2 )?TIME-WAIT$/, `#${c.id}`);
      assert.deepEqual(c.states[1], [...LISTENER, ...PASSIVE_CLOSE], `#${c.id}`);
    }
  }
  assert.equal(connections.filter((c) => c.ending === 'rst').length, 10);
});

test('recorded: IPv6 on ::1', async () => {
  const c = await onlyConnection({ name: 'ipv6.pcap', host: '::1', exchange: exchanges.clientClosesFirst, done: closed });
  assert.equal(c.endpoints[0].address, '::1');
  assert.match(c.endpoints[0].label, /^\[::1\]:\d+$/);
  assert.deepEqual(c.states, [[...OPENER, ...ACTIVE_CLOSE], [...LISTENER, ...PASSIVE_CLOSE]]);
});

test('recorded: tcpdump -i any (Linux cooked v2)', async () => {
  const c = await onlyConnection({ name: 'any.pcap', device: 'any', extra: ['-y', 'LINUX_SLL2'], exchange: exchanges.clientClosesFirst, done: closed });
  assert.deepEqual(c.states, [[...OPENER, ...ACTIVE_CLOSE], [...LISTENER, ...PASSIVE_CLOSE]]);
  assert.equal(c.retransmissions, 0);
});
