// Runs the extension-host suite (mocha `suite`/`test` files) inside code-server's Node
// extension host, against the folder the VSIX was installed into. VS Code for the browser
// takes the development and test paths in the `payload` URL parameter, honoured only with the
// smoke-test driver on; the exit code comes back through window.codeAutomationExit.
// Usage: node test/exthost/run-in-code-server.mjs [--untrusted]
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { startCodeServer } from '../e2e/harness/code-server.mjs';
import { launchBrowser } from '../e2e/harness/workbench.mjs';
import { ROOT, saveFailure } from '../e2e/harness/artifacts.mjs';

const untrusted = process.argv.includes('--untrusted');
const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const TESTS = join(ROOT, 'out', 'test', 'exthost');
const files = readdirSync(TESTS).filter((f) => f.endsWith('.test.js')).map((f) => join(TESTS, f));
if (files.length === 0) throw new Error(`no extension-host tests in ${TESTS}`);

const server = await startCodeServer({
  vsix: VSIX,
  workspace: WORKSPACE,
  trust: !untrusted,
  testDriver: true,
  env: {
    // @vscode/test-cli's runner reads its mocha options from here.
    VSCODE_TEST_OPTIONS: JSON.stringify({ mochaOpts: { ui: 'tdd', timeout: 60_000, color: false }, files, preload: [], colorDefault: false }),
    TSL_EXPECT_TRUSTED: untrusted ? '0' : '1',
  },
});
const browser = await launchBrowser();
let code = 1;
let page;
try {
  page = await browser.newPage();
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    process.stdout.write(`${format(...args)}\n`);
  });
  const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', resolve));
  const host = `127.0.0.1:${server.port}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${host}${server.extensionPath}`],
    ['extensionTestsPath', `vscode-remote://${host}${join(ROOT, 'node_modules', '@vscode', 'test-cli', 'out', 'runner.cjs')}`],
    ['skipWelcome', 'true'],
  ]);
  console.log(`extension-host suite in code-server (${untrusted ? 'Restricted Mode' : 'trusted workspace'}), extension from ${server.extensionPath}`);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(payload)}`);
  code = await exited;
  if (code !== 0) await saveFailure(page, server, `exthost${untrusted ? '-untrusted' : ''}`);
} finally {
  await browser.close();
  await server.stop();
}
process.exit(code);
