// The live view's tool (issue 13): each platform's command as data, a real run of ss on this
// machine that sees a listener and a connection this test opens, and each failure in clear words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { CensusScanner } from '../../src/core/census';
import { runSocketTool, socketToolFor, TOOL_MAX_BYTES, TOOL_TIMEOUT_MS, type SocketTool } from '../../src/vscode/socket-tool';

/** A listener on 127.0.0.1 and one connection to it, both open until `close`. */
async function openConnection(): Promise<{ port: number; close: () => Promise<void> }> {
  const accepted: Socket[] = [];
  const server: Server = createServer((socket) => accepted.push(socket));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const client = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => client.once('error', reject).once('connect', resolve));
  // The server side is ESTABLISHED once accepted: wait for it, not for a time.
  while (accepted.length === 0) await new Promise((resolve) => server.once('connection', resolve));
  return {
    port,
    close: async () => {
      client.destroy();
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

test('each platform has its tool, with fixed arguments; others have none', () => {
  assert.deepEqual(socketToolFor('linux'), { command: 'ss', args: ['-tanp'], label: 'ss -tanp', packageName: 'iproute2' });
  assert.deepEqual(socketToolFor('darwin'), { command: '/usr/sbin/netstat', args: ['-anv', '-p', 'tcp'], label: 'netstat -anv -p tcp' });
  const windows = socketToolFor('win32', 'C:\\Windows');
  assert.deepEqual(windows?.args, ['-ano', '-p', 'tcp']);
  assert.equal(windows?.label, 'netstat -ano -p tcp');
  // Never the bare name where the current folder is searched first.
  assert.match(windows!.command, /^C:\\Windows[\\/]System32[\\/]netstat\.exe$/);
  assert.equal(socketToolFor('freebsd'), undefined);
  assert.ok(TOOL_TIMEOUT_MS >= 5_000 && TOOL_TIMEOUT_MS <= 30_000);
  assert.ok(TOOL_MAX_BYTES >= 8 * 1024 * 1024);
});

test('ss on this machine lists a listener and a connection the test opens, and the census counts them', { skip: process.platform !== 'linux' && 'ss is the Linux tool' }, async () => {
  const { port, close } = await openConnection();
  try {
    const outcome = await runSocketTool();
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
    assert.match(outcome.text, new RegExp(`127\\.0\\.0\\.1:${port}\\b`));
    const scanner = new CensusScanner();
    scanner.push(outcome.text);
    const result = scanner.end();
    const listen = result.states.LISTEN?.localPorts.find((e) => e.key === String(port));
    assert.equal(listen?.count, 1, 'one LISTEN row on the port');
    // Both ends: the server's socket has the port as its local port, the client's as its peer's.
    const established = result.states.ESTABLISHED;
    assert.ok(established, 'ESTABLISHED is counted');
    assert.ok(established.count >= 2, `ESTABLISHED counted ${established.count}`);
    assert.equal(established.localPorts.find((e) => e.key === String(port))?.count, 1, 'the accepted socket');
    assert.ok(established.peers.some((e) => e.key === '127.0.0.1'), 'a peer on 127.0.0.1');
  } finally {
    await close();
  }
});

test('a missing tool is named, with the package that provides it', async () => {
  const missing: SocketTool = { command: 'tsl-no-such-socket-tool', args: ['-tanp'], label: 'ss -tanp', packageName: 'iproute2' };
  const outcome = await runSocketTool(missing);
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.equal(outcome.reason, 'missing');
  assert.equal(outcome.message, 'ss was not found (looked for tsl-no-such-socket-tool). It is part of iproute2: install the iproute2 package.');
});

test('a platform with no tool says which platforms have one', async () => {
  const outcome = await runSocketTool(null);
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.equal(outcome.reason, 'unsupported');
  assert.match(outcome.message, /needs ss \(Linux\) or netstat \(macOS, Windows\)/);
});

// The limits, on a stand-in tool: Node itself, with fixed arguments.
const node = (script: string): SocketTool => ({ command: process.execPath, args: ['-e', script], label: 'node -e' });

test('output beyond the size cap is refused, and says so', async () => {
  const outcome = await runSocketTool(node("process.stdout.write('x'.repeat(3 * 1024 * 1024))"), { timeoutMs: TOOL_TIMEOUT_MS, maxBytes: 1024 * 1024 });
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.equal(outcome.reason, 'too-large');
  assert.match(outcome.message, /more than 1 MB/);
});

test('a tool that does not finish is stopped at the time-out', async () => {
  const outcome = await runSocketTool(node('setInterval(() => {}, 1000)'), { timeoutMs: 300, maxBytes: TOOL_MAX_BYTES });
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.equal(outcome.reason, 'timeout');
  assert.match(outcome.message, /did not finish within 0\.3 s/);
});

test('a tool that fails gives its exit status and its first line of stderr', async () => {
  const outcome = await runSocketTool(node("process.stderr.write('\\nCannot open netlink socket: Permission denied\\nmore\\n'); process.exit(3)"));
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.equal(outcome.reason, 'failed');
  assert.equal(outcome.detail, 'exit status 3: Cannot open netlink socket: Permission denied');
  assert.equal(outcome.message, 'node -e failed (exit status 3: Cannot open netlink socket: Permission denied).');
});
