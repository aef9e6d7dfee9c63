// Where an end-to-end run leaves what a person needs to see: screenshots and extension-host
// logs on failure (CI prints the folder), README screenshots on success.
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extensionHostLogs } from './code-server.mjs';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const RESULTS = join(ROOT, 'test-results', 'e2e');
export const README_IMAGES = join(ROOT, 'docs', 'images');

/** Saves a screenshot and the extension-host logs after a failed test; returns the folder. */
export async function saveFailure(page, server, name) {
  const dir = join(RESULTS, name.replace(/[^\w.-]+/g, '_'));
  mkdirSync(dir, { recursive: true });
  if (page) await page.screenshot({ path: join(dir, 'screen.png') }).catch(() => {});
  if (server) {
    for (const log of extensionHostLogs(server.userDataDir)) copyFileSync(log, join(dir, basename(log)));
  }
  process.stderr.write(`[e2e] failure artifacts: ${dir}\n`);
  return dir;
}

export async function saveReadmeScreenshot(page, name) {
  mkdirSync(README_IMAGES, { recursive: true });
  await page.screenshot({ path: join(README_IMAGES, name) });
}
