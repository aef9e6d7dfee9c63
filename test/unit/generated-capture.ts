// The benchmark's own capture generator (scripts/bench-capture.mjs, plain JavaScript loaded from
// the repository as it is), for tests that read a capture of many interleaved connections: the
// bytes of a generated capture of about `mb` megabytes, written to a temporary folder and removed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..', '..');

export async function generatedCapture(mb: number): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-state-lens-generated-'));
  try {
    const path = join(dir, 'capture.pcap');
    const { generateCapture } = (await import(pathToFileURL(join(ROOT, 'scripts', 'bench-capture.mjs')).href)) as { generateCapture: (path: string, mb: number) => Promise<unknown> };
    await generateCapture(path, mb);
    return new Uint8Array(readFileSync(path));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
