import { test as base, expect, type Browser, type BrowserContext } from "@playwright/test";

export { expect };
export type { Locator, Page } from "@playwright/test";

/**
 * Every spec imports `test` from here: a test fails when any page it opened (in its own context or in
 * one it made with `browser.newContext()`/`browser.newPage()`) logs a console error or throws an
 * uncaught error. A failed request the page did not handle shows up as "Failed to load resource": a
 * form that leaves the server to refuse bad input is caught too.
 *
 * A test that provokes an error on purpose (a refused save, a wrong password) names it first:
 * `consoleErrors.expect(/409 \(Conflict\).*saveDraft/)`. An expected error that never came is no failure.
 */
export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ context, browser }, use) => {
      const errors: string[] = [];
      const expected: RegExp[] = [];
      const record = (text: string) => {
        if (!expected.some((pattern) => pattern.test(text))) errors.push(text);
      };
      const watch = (watched: BrowserContext) => {
        watched.on("console", (message) => {
          if (message.type() !== "error") return;
          const { url, lineNumber } = message.location();
          record(`${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
        });
        watched.on("weberror", (error) => record(`uncaught: ${error.error().stack ?? error.error().message}`));
      };
      watch(context);
      const restore = watchNewContexts(browser, watch);
      try {
        await use({ expect: (...patterns) => void expected.push(...patterns) });
      } finally {
        restore();
      }
      expect(errors, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

export type ConsoleErrors = {
  /** Console errors matching these are the test's own doing: they do not fail it. */
  expect(...patterns: RegExp[]): void;
};

/** `browser.newPage()` goes through `newContext()` too. Returns the undo. */
function watchNewContexts(browser: Browser, watch: (context: BrowserContext) => void): () => void {
  const newContext = browser.newContext;
  browser.newContext = async (...args) => {
    const context = await newContext.apply(browser, args);
    watch(context);
    return context;
  };
  return () => {
    browser.newContext = newContext;
  };
}
