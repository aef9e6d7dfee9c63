// Runs the same extension-host suite with @vscode/test-electron in a desktop VS Code.
// It needs a VS Code executable: VSCODE_EXECUTABLE=/path/to/code, or a machine that can
// download one. Where neither exists it says so and exits non-zero.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = join(import.meta.dirname, '..', '..');
const executable = process.env.VSCODE_EXECUTABLE;

async function main() {
  // @vscode/test-cli's runner reads the mocha options and test files from this variable.
  process.env.VSCODE_TEST_OPTIONS = JSON.stringify({
    mochaOpts: { ui: 'tdd', timeout: 60_000 },
    files: readdirSync(join(ROOT, 'out', 'test', 'exthost'))
      .filter((f) => f.endsWith('.test.js'))
      .map((f) => join(ROOT, 'out', 'test', 'exthost', f)),
    preload: [],
    colorDefault: true,
  });
  try {
    await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : {}),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(ROOT, 'node_modules', '@vscode', 'test-cli', 'out', 'runner.cjs'),
      launchArgs: [join(ROOT, 'test', 'fixtures', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      executable
        ? `The desktop extension-host suite failed with ${executable}: ${reason}\n`
        : `No desktop VS Code: set VSCODE_EXECUTABLE to a VS Code executable, or run where VS Code can be downloaded (${reason}).\n` +
            'On machines without either, `npm test` runs the same suite in code-server.\n',
    );
    process.exit(1);
  }
}

await main();
