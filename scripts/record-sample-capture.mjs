// Records the sample capture the Getting Started walkthrough opens (samples/handshake-teardown.pcap):
// one connection on 127.0.0.1, captured by tcpdump on the loopback interface. The client connects
// (three-way handshake), sends one HTTP request, reads the answer and closes first; the server
// closes only once the capture shows it has acknowledged the client's FIN, so the teardown is the
// textbook four segments. Needs root and the Debian package tcpdump. Run: node scripts/record-sample-capture.mjs
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'samples', 'handshake-teardown.pcap');
const REQUEST = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
const ANSWER = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

/** The project's own capture reader (to know when the file holds a segment) and the tests' tcpdump start. */
async function tools() {
  const contents = "export { CaptureReader } from './src/core/capture/index.ts'; export { startTcpdump, IMMEDIATE } from './test/unit/capture-recording.ts';";
  const built = await esbuild.build({ stdin: { contents, resolveDir: ROOT, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
}

/** Polls the file (every 10 ms, at most 10 s) until `check` holds. */
async function until(check, what) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const { CaptureReader, startTcpdump, IMMEDIATE } = await tools();
const segments = () => new CaptureReader().push(new Uint8Array(readFileSync(OUT)));
const server = createServer({ allowHalfOpen: true });
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
const tcpdump = await startTcpdump(['-i', 'lo', '-w', OUT, '-U', ...IMMEDIATE, `tcp port ${port}`], 'install the Debian package tcpdump and run as root');
const exited = once(tcpdump, 'exit');
try {
  const served = once(server, 'connection');
  const client = connect({ host: '127.0.0.1', port });
  const [peer] = await served;
  peer.once('data', () => peer.write(ANSWER));
  client.once('data', () => client.end());
  peer.on('end', async () => {
    await until(() => {
      const all = segments();
      const fin = all.findIndex((s) => s.dstPort === port && s.flags.fin);
      return fin >= 0 && all.slice(fin + 1).some((s) => s.srcPort === port && s.flags.ack && !s.flags.fin);
    }, "the server's ACK of the client's FIN");
    peer.end();
  });
  client.write(REQUEST);
  await Promise.all([once(client, 'close'), once(peer, 'close')]);
  await until(() => {
    const all = segments();
    const fin = all.findIndex((s) => s.srcPort === port && s.flags.fin);
    return fin >= 0 && all.slice(fin + 1).some((s) => s.dstPort === port && s.flags.ack);
  }, "the client's last ACK");
} finally {
  tcpdump.kill('SIGINT');
  await exited;
  server.close();
}
const all = segments();
console.log(`${OUT}: ${all.length} segments, ${readFileSync(OUT).length} bytes`);
