// The environment of the nested `npm install`s that fetch Node 24 and code-server, built on
// purpose rather than inherited. Under `npm run …` npm puts its own configuration into the
// environment (`npm_config_*`, `npm_lifecycle_*`, `npm_package_*`, `INIT_CWD`, its `.bin`
// folders on PATH), and a nested npm takes those variables as its own settings: code-server's
// postinstall read the outer `npm_config_user_agent` ("node/v20…") and refused to install. So
// nothing of npm's is passed on, and what the install needs is set explicitly. Pure: no I/O.

/**
 * Variables npm sets for a script it runs (`npm_config_*` includes an empty `allow_scripts` and the
 * outer user agent); a nested npm would read them as its own configuration.
 */
const NPM_RUN_VARIABLE = /^(npm_.*|INIT_CWD|NODE|COLOR)$/i;

/** PATH entries `npm run` prepends: the project's `node_modules/.bin` folders and node-gyp's shim. */
const NPM_RUN_PATH_ENTRY = /(^|[\\/])node_modules[\\/]\.bin$|[\\/]node-gyp-bin$/;

/**
 * @param {Record<string, string | undefined>} parent  the environment this process has
 * @param {object} options
 * @param {string} [options.nodeBinDir]   a folder whose `node` must come first on PATH
 * @param {string} [options.nodeHeaders]  Node headers native modules build against (npm's `nodedir`)
 * @param {string} [options.nodeVersion]  e.g. 'v24.11.0': the Node the install scripts will see
 * @param {string} [options.npmVersion]   e.g. '11.19.1'
 * @param {string} [options.platform]     default: this process's
 * @param {string} [options.arch]         default: this process's
 * @returns {Record<string, string>}
 */
export function nestedInstallEnv(parent, options = {}) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined || NPM_RUN_VARIABLE.test(name) || name.toUpperCase() === 'PATH') continue;
    env[name] = value;
  }
  const pathName = Object.keys(parent).find((name) => name.toUpperCase() === 'PATH') ?? 'PATH';
  const separator = (options.platform ?? process.platform) === 'win32' ? ';' : ':';
  const inherited = (parent[pathName] ?? '').split(separator).filter((entry) => entry && !NPM_RUN_PATH_ENTRY.test(entry));
  env[pathName] = [...(options.nodeBinDir ? [options.nodeBinDir] : []), ...inherited].join(separator);
  if (options.nodeHeaders) env.npm_config_nodedir = options.nodeHeaders;
  if (options.nodeVersion && options.npmVersion) {
    // npm's own default user agent, for the Node that will run the install scripts.
    env.npm_config_user_agent = `npm/${options.npmVersion} node/${options.nodeVersion} ${options.platform ?? process.platform} ${options.arch ?? process.arch} workspaces/false`;
  }
  // Nothing to ask a person, nobody to read fund or audit notices: a nested install is quiet.
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  env.npm_config_update_notifier = 'false';
  return env;
}
