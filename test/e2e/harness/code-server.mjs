// Starts code-server (VS Code for the browser, with a real Node extension host) on 127.0.0.1,
// with throwaway user-data and extensions folders, the packaged VSIX installed, and always
// stops it again: on success, on failure and on Ctrl+C. Runs in plain Node.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCodeServer } from './install.mjs';
import { nestedInstallEnv } from './nested-install-env.mjs';
import { SetupError, tail } from './progress.mjs';

const running = new Set();

function stopAll() {
  for (const server of running) server.stopNow();
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Installs the VSIX into a fresh extensions folder; returns the folder the extension landed in. */
export function installVsix(codeServer, vsix, extensionsDir, userDataDir) {
  installExtension(codeServer, vsix, extensionsDir, userDataDir);
  const folder = readdirSync(extensionsDir).find((name) => name.startsWith('tcp-state-lens.tcp-state-lens-'));
  if (!folder) throw new Error(`the VSIX installed, but no extension folder is in ${extensionsDir}`);
  return join(extensionsDir, folder);
}

/** Installs any VSIX (ours or a helper such as a test language pack) with code-server's CLI. */
function installExtension(codeServer, vsix, extensionsDir, userDataDir) {
  const result = spawnSync(codeServer.node, [codeServer.entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
    encoding: 'utf8',
    env: nestedInstallEnv(process.env, { nodeBinDir: codeServer.nodeBinDir }),
  });
  if (result.status !== 0 || !/successfully installed/i.test(result.stdout + result.stderr)) {
    throw new SetupError(`Installing ${vsix} into code-server`, 'code-server did not report the extension installed', 'run `npm run package` and check that it writes the VSIX, then try again', tail(`${result.stdout}\n${result.stderr}`));
  }
}

/**
 * @param {object} options
 * @param {string} options.vsix        the packaged extension
 * @param {string} options.workspace   folder to open
 * @param {boolean} [options.trust]    false starts in Restricted Mode (workspace trust on)
 * @param {boolean} [options.testDriver] enables the smoke-test driver (extension-host tests)
 * @param {string} [options.locale]    display language, e.g. 'zh-cn' (VS Code needs a language pack for it: see `extensions`)
 * @param {{ vsix: string, installed?: (dirs: { userDataDir: string, extensionsDir: string }) => void }[]} [options.extensions]
 *   more VSIXes to install first, each told where it went, e.g. languagePack('zh-cn')
 * @param {Record<string,string>} [options.env] extra environment for the server (reaches the extension host)
 * @param {Record<string,unknown>} [options.settings] user settings
 * @param {number} [options.port]    port on 127.0.0.1 (default: a free one)
 */
export async function startCodeServer(options) {
  const codeServer = await ensureCodeServer();
  const base = mkdtempSync(join(tmpdir(), 'tsl-e2e-'));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.tips.enabled': false,
        'chat.disableAIFeatures': true,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'editor.hover.delay': 200,
        'workbench.colorTheme': 'Default Light Modern',
        'git.openRepositoryInParentFolders': 'never',
        'git.enabled': false,
        ...options.settings,
      },
      null,
      2,
    ),
  );
  for (const extra of options.extensions ?? []) {
    installExtension(codeServer, extra.vsix, extensionsDir, userDataDir);
    extra.installed?.({ userDataDir, extensionsDir });
  }
  const extensionPath = installVsix(codeServer, options.vsix, extensionsDir, userDataDir);
  const port = options.port ?? (await freePort());
  const args = [
    codeServer.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (options.trust !== false) args.push('--disable-workspace-trust');
  if (options.testDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (options.locale) args.push('--locale', options.locale);
  args.push(options.workspace);

  const child = spawn(codeServer.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...nestedInstallEnv(process.env, { nodeBinDir: codeServer.nodeBinDir }), ...options.env },
  });
  let output = '';
  const server = {
    url: `http://127.0.0.1:${port}`,
    port,
    userDataDir,
    extensionsDir,
    extensionPath,
    base,
    output: () => output,
    stopNow() {
      if (!running.has(server)) return;
      running.delete(server);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
    async stop({ keep = false } = {}) {
      if (running.has(server)) {
        running.delete(server);
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }, 5000);
        await exited;
        clearTimeout(timer);
      }
      if (!keep) rmSync(base, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  running.add(server);
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.includes('HTTP server listening on')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(new SetupError('Starting code-server', `it exited (code ${code}) before it listened on 127.0.0.1:${port}`, `if the port is taken, choose another one (npm run demo -- --port N); if the cached install is damaged, delete ${codeServer.dir} and run again`, tail(output))),
    );
    child.once('error', reject);
  });
  return server;
}

/** Every extension-host log file of a run (code-server writes them under the user-data dir). */
export function extensionHostLogs(userDataDir) {
  const found = [];
  const walk = (dir) => {
    let entries = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/exthost/i.test(path) && entry.name.endsWith('.log')) found.push(path);
    }
  };
  walk(join(userDataDir, 'logs'));
  return found;
}

/** The lines of the extension's own log (its output channel, written to disk), all sessions so far. */
export function extensionLogLines(userDataDir) {
  return extensionHostLogs(userDataDir)
    .filter((path) => path.endsWith('TCP State Lens.log'))
    .flatMap((path) => readFileSync(path, 'utf8').split('\n'));
}

/** How many lines of the extension's log match `pattern`. */
export function countLog(server, pattern) {
  return extensionLogLines(server.userDataDir).filter((line) => pattern.test(line)).length;
}

/** Waits until the extension's log has more than `after` lines matching `pattern` (the log is a file: polled). */
export async function waitForLog(server, pattern, after = 0, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  while (countLog(server, pattern) <= after) {
    if (Date.now() > deadline) throw new Error(`the extension never logged ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
