// One real VS Code per test suite: started before the suite's first test, stopped after its
// last, with a failing test's screenshot and logs saved. Each test reads `ctx.page`/`ctx.server`.
import { after, before, test } from 'node:test';
import { startCodeServer } from './code-server.mjs';
import { dismissNotifications, launchBrowser, openWorkbench } from './workbench.mjs';
import { saveFailure } from './artifacts.mjs';

/** @param {Parameters<typeof startCodeServer>[0]} options */
export function useWorkbench(options) {
  const ctx = { server: undefined, browser: undefined, page: undefined };
  before(async () => {
    ctx.server = await startCodeServer(options);
    ctx.browser = await launchBrowser();
    ctx.page = await openWorkbench(ctx.browser, ctx.server, options.workspace);
    await dismissNotifications(ctx.page);
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  /** A test that leaves a screenshot and the extension host logs behind when it fails. */
  ctx.test = (name, body) =>
    test(name, async () => {
      try {
        await body();
      } catch (error) {
        await saveFailure(ctx.page, ctx.server, name);
        throw error;
      }
    });
  return ctx;
}
