// A second reporter for Node's test runner, beside `spec`: one closing line per suite,
// "unit: 119 passed, 0 failed", so `npm test`'s output reads as one line per suite at a glance.
// The suite is named after the folder its test files are in (out/test/unit → unit, test/e2e → e2e).
import { basename, dirname } from 'node:path';

export default async function* summary(source) {
  const totals = { pass: 0, fail: 0, skipped: 0, todo: 0, cancelled: 0 };
  let suite = 'tests';
  for await (const event of source) {
    if (suite === 'tests' && event.data?.file) suite = basename(dirname(event.data.file));
    // The runner's own closing diagnostics: "pass 119", "fail 0", "skipped 0", …
    if (event.type !== 'test:diagnostic' || event.data.nesting !== 0) continue;
    const match = /^(pass|fail|skipped|todo|cancelled) (\d+)$/.exec(event.data.message);
    if (match) totals[match[1]] = Number(match[2]);
  }
  const notRun = totals.skipped + totals.todo;
  const failed = totals.fail + totals.cancelled;
  yield `${suite}: ${totals.pass} passed, ${failed} failed${notRun ? `, ${notRun} skipped` : ''}\n`;
}
