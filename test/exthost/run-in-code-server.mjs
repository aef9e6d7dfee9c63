// Runs the extension-host suite (mocha `suite`/`test` files) inside code-server's Node
// extension host, against the folder the VSIX was installed into. VS Code for the browser
// takes the development and test paths in the `payload` URL parameter, honoured only with the
// smoke-test driver on; the exit code comes back through window.codeAutomationExit.
// The console reaches us mixed with the workbench's chatter: the test lines (marked by
// marked-reporter.cjs) are printed, everything goes to test-results/exthost/<mode>.log, and the
// chatter is printed too only when a test fails.
// Usage: node test/exthost/run-in-code-server.mjs [--untrusted]
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { startCodeServer } from '../e2e/harness/code-server.mjs';
import { launchBrowser } from '../e2e/harness/workbench.mjs';
import { ROOT, saveFailure } from '../e2e/harness/artifacts.mjs';
import { runMain } from '../e2e/harness/progress.mjs';

const MARK = '[tsl-test] ';
const untrusted = process.argv.includes('--untrusted');
const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const TESTS = join(ROOT, 'out', 'test', 'exthost');
const mode = untrusted ? 'Restricted Mode' : 'trusted workspace';
const LOG_DIR = join(ROOT, 'test-results', 'exthost');
const LOG = join(LOG_DIR, `${untrusted ? 'untrusted' : 'trusted'}.log`);

async function main() {
  const files = readdirSync(TESTS).filter((f) => f.endsWith('.test.js')).map((f) => join(TESTS, f));
  if (files.length === 0) throw new Error(`no extension-host tests in ${TESTS}`);
  mkdirSync(LOG_DIR, { recursive: true });
  writeFileSync(LOG, '');

  const server = await startCodeServer({
    vsix: VSIX,
    workspace: WORKSPACE,
    trust: !untrusted,
    testDriver: true,
    env: {
      // @vscode/test-cli's runner reads its mocha options from here.
      VSCODE_TEST_OPTIONS: JSON.stringify({
        mochaOpts: { ui: 'tdd', timeout: 60_000, color: false, reporter: join(import.meta.dirname, 'marked-reporter.cjs') },
        files,
        preload: [],
        colorDefault: false,
      }),
      TSL_EXPECT_TRUSTED: untrusted ? '0' : '1',
    },
  });
  const browser = await launchBrowser();
  let code = 1;
  let page;
  try {
    page = await browser.newPage();
    let summary = '';
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = format(...args);
      appendFileSync(LOG, `${text}\n`);
      for (const line of text.split('\n')) {
        const at = line.indexOf(MARK);
        if (at < 0) continue;
        const own = line.slice(at + MARK.length);
        if (/^\d+ passed, \d+ failed/.test(own)) summary = own;
        else process.stdout.write(`${own}\n`);
      }
    });
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', resolve));
    const host = `127.0.0.1:${server.port}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${host}${server.extensionPath}`],
      ['extensionTestsPath', `vscode-remote://${host}${join(ROOT, 'node_modules', '@vscode', 'test-cli', 'out', 'runner.cjs')}`],
      ['skipWelcome', 'true'],
    ]);
    console.log(`extension-host suite in code-server (${mode}), extension from ${server.extensionPath}`);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(payload)}`);
    code = await exited;
    if (code !== 0) {
      await saveFailure(page, server, `exthost${untrusted ? '-untrusted' : ''}`);
      const chatter = readFileSync(LOG, 'utf8').split('\n').filter((line) => !line.includes(MARK));
      process.stdout.write(`\n-- the workbench's console during the failed run (last 200 lines; all of it in ${LOG}) --\n${chatter.slice(-200).join('\n')}\n`);
    }
    process.stdout.write(`exthost (${mode}): ${summary || `no summary from the test runner (exit code ${code}); see ${LOG}`}\n`);
  } finally {
    await browser.close();
    await server.stop();
  }
  process.exit(code);
}

await runMain(main);
