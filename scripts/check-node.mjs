// Stops early, with a clear message, on a Node.js older than the project needs (package.json
// `engines.node`): the build, the tests and the harness use Node 20.11+ APIs such as
// import.meta.dirname. Imported first by the commands a user types; runnable on its own too.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const needed = /^>=(\d+)\.(\d+)/.exec(manifest.engines.node);
if (!needed) throw new Error(`package.json engines.node should read ">=MAJOR.MINOR", not ${manifest.engines.node}`);
const [major, minor] = process.versions.node.split('.').map(Number);
const [neededMajor, neededMinor] = [Number(needed[1]), Number(needed[2])];
if (major < neededMajor || (major === neededMajor && minor < neededMinor)) {
  process.stderr.write(
    `✘ TCP State Lens needs Node.js ${neededMajor}.${neededMinor} or newer; this is ${process.version} (${process.execPath}).\n` +
      `  What to do: install Node.js ${neededMajor} LTS or newer (for example from Debian's or NodeSource's packages, or with nvm), then run the command again.\n`,
  );
  process.exit(1);
}
