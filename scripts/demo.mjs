// The one-command demo: builds and packages the extension, installs the VSIX into a local
// VS Code for the browser (code-server, fetched once into the user's cache), opens the sample
// workspace of real-looking logs and code, and prints the address. No VS Code install needed.
//   npm run demo              serve until Ctrl+C (port 8080, or a free one)
//   npm run demo -- --port N  choose the port
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startCodeServer, freePort } from '../test/e2e/harness/code-server.mjs';

const root = join(import.meta.dirname, '..');
const workspace = join(root, 'test', 'fixtures', 'workspace');
const portArg = process.argv.indexOf('--port');

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

console.log('Building and packaging the extension…');
execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const vsix = join(root, 'dist', 'tcp-state-lens.vsix');

console.log('Starting VS Code for the browser with the VSIX installed (the first run downloads it: a few minutes)…');
const wanted = portArg >= 0 ? Number(process.argv[portArg + 1]) : 8080;
const port = (await portIsFree(wanted)) ? wanted : await freePort();
const server = await startCodeServer({ vsix, workspace, port });
const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;

console.log(`
TCP State Lens is running in VS Code for the browser:

    ${url}

Open it, open a file from the sample workspace (linux-netstat-antp.log, ss-tanp.log,
windows-netstat-ano.log, tcp_state_machine.c, TcpWatcher.cs…) and rest the mouse on a state
name such as TIME_WAIT, ESTAB or TCP_SYN_RECV.

It listens on 127.0.0.1 only, with no password: anyone who can reach this machine's loopback
can use it. Press Ctrl+C to stop.`);

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
