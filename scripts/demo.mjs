// The quick-start demo: builds and packages the extension, then runs its core on the sample
// workspace (real-looking netstat/ss dumps and code) and prints what the hover explains.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const workspace = join(root, 'test', 'fixtures', 'workspace');
const cli = join(root, 'dist', 'cli.js');

execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
const vsix = join(root, 'dist', 'tcp-state-lens.vsix');
console.log(`\nPackaged ${vsix} (${(statSync(vsix).size / 1024).toFixed(1)} KB).`);

console.log(`\nTCP state mentions the hover explains in ${workspace}:`);
for (const name of readdirSync(workspace).sort()) {
  const out = execFileSync(process.execPath, [cli, 'find', join(workspace, name)], { encoding: 'utf8' });
  const mentions = out.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const sample = mentions.slice(0, 4).map((m) => `${m.text}→${m.state} (${m.line}:${m.column}, ${m.source})`);
  console.log(`  ${name.padEnd(32)} ${String(mentions.length).padStart(3)}  ${sample.join(', ')}${mentions.length > 4 ? ', …' : ''}`);
}

console.log('\nWhat the hover shows on SYN_RECV in a Linux netstat dump:\n');
process.stdout.write(execFileSync(process.execPath, [cli, 'explain', 'SYN_RECV', '--lang', 'en'], { encoding: 'utf8' }));
console.log('\n… and on CLOSE_WAIT with a Chinese display language:\n');
process.stdout.write(execFileSync(process.execPath, [cli, 'explain', 'CLOSE_WAIT', '--lang', 'zh-cn'], { encoding: 'utf8' }));
console.log(`\nInstall it in VS Code:  code --install-extension ${vsix}`);
