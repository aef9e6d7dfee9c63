// The one-command demo: builds and packages the extension, installs the VSIX into a local
// VS Code for the browser (code-server, fetched once into the user's cache), opens the sample
// workspace of real-looking logs and code, and prints the address. No VS Code install needed.
//   npm run demo              serve until Ctrl+C (port 8080, or a free one)
//   npm run demo -- --port N  choose the port (0: any free one)
// The first run takes minutes (Debian packages, Node 24, code-server): every phase says what it
// does and the time so far, and a failure says what to do.
import './check-node.mjs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startCodeServer, freePort } from '../test/e2e/harness/code-server.mjs';
import { ensureCodeServer, run } from '../test/e2e/harness/install.mjs';
import { SetupError, during, runMain } from '../test/e2e/harness/progress.mjs';

const root = join(import.meta.dirname, '..');
const workspace = join(root, 'test', 'fixtures', 'workspace');

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function wantedPort() {
  const at = process.argv.indexOf('--port');
  if (at < 0) return 8080;
  const port = Number(process.argv[at + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SetupError('Reading --port', `"${process.argv[at + 1] ?? ''}" is not a port number`, 'give a port from 1 to 65535 (or 0 for any free one), e.g. npm run demo -- --port 8081');
  }
  return port;
}

await runMain(async () => {
  const wanted = wantedPort();
  // Fetch VS Code for the browser first: on a new machine it is the long part, and a failure
  // there should come before a minute of building.
  await ensureCodeServer();
  const npmRun = (script) => run(`npm run ${script}`, 'npm', ['run', '--silent', script], { cwd: root });
  await during('building', 'bundling the extension and its webviews with esbuild (production)', () => npmRun('build:production'));
  await during('packaging', 'writing dist/tcp-state-lens.vsix with vsce', () => npmRun('package'));
  const vsix = join(root, 'dist', 'tcp-state-lens.vsix');
  const port = wanted !== 0 && (await portIsFree(wanted)) ? wanted : await freePort();
  const server = await during('starting', `VS Code for the browser on 127.0.0.1:${port} with the VSIX installed in a fresh profile`, () =>
    startCodeServer({ vsix, workspace, port }),
  );
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;

  console.log(`
TCP State Lens is running in VS Code for the browser:

    ${url}

Open it, open a file from the sample workspace (linux-netstat-antp.log, ss-tanp.log,
windows-netstat-ano.log, tcp_state_machine.c, TcpWatcher.cs…) and rest the mouse on a state
name such as TIME_WAIT, ESTAB or TCP_SYN_RECV, or run "TCP: Start Walkthrough" from the
command palette (F1).

It listens on 127.0.0.1 only, with no password: anyone who can reach this machine's loopback
can use it. Press Ctrl+C to stop.`);

  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
