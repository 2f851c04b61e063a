// The designer's first load, cold (a new browser context each time: empty cache): JavaScript
// transferred and decoded (Resource Timing: every script the page loaded until the designer could
// be used, i.e. hydrated: the server draws the workflow before any script has loaded), tRPC
// requests the page had to make before its first step showed, and time to content (navigation
// start to the first step node in the DOM, to fully drawn, and to usable).
import type { Browser } from "@playwright/test";
import { openProbedPage } from "./probe";
import type { OrkaServer } from "./server";

export interface FirstLoad {
  /** Scripts that finished loading before the designer could be used (hydrated): bytes over the wire (headers included), decoded, count. */
  scriptTransferred: number;
  scriptDecoded: number;
  scripts: number;
  /** Every script loaded by the time the workflow was fully drawn (also chunks prefetched for links and loaded on demand). */
  scriptTransferredByDrawn: number;
  /** tRPC procedures the page called before the first step node appeared (data fetched after hydration). */
  trpcBeforeContent: string[];
  firstNodeMs: number;
  drawnMs: number;
  /** Navigation start to the designer's code running (the canvas named "Workflow canvas"). */
  usableMs: number;
}

export async function measureFirstLoad(browser: Browser, server: OrkaServer, url: string, viewport: { width: number; height: number }): Promise<FirstLoad> {
  const { context, page } = await openProbedPage(browser, server, viewport);
  try {
    await page.goto(url, { waitUntil: "load" });
    const handle = await page.waitForFunction("window.__bench.drawn", undefined, { timeout: 60_000, polling: 100 });
    const drawn = (await handle.jsonValue()) as { at: number };
    await page.waitForFunction("window.__bench.usableAt !== null", undefined, { timeout: 60_000, polling: 100 });
    return await page.evaluate<FirstLoad, number>((drawnAt) => {
      const bench = (window as unknown as { __bench: { firstNodeAt: number; usableAt: number } }).__bench;
      const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
      const allScripts = resources.filter((entry) => /\.m?js$/.test(new URL(entry.name).pathname));
      const scripts = allScripts.filter((entry) => entry.responseEnd <= bench.usableAt);
      return {
        scriptTransferred: scripts.reduce((sum, entry) => sum + entry.transferSize, 0),
        scriptDecoded: scripts.reduce((sum, entry) => sum + entry.decodedBodySize, 0),
        scripts: scripts.length,
        scriptTransferredByDrawn: allScripts.filter((entry) => entry.responseEnd <= Math.max(drawnAt, bench.usableAt)).reduce((sum, entry) => sum + entry.transferSize, 0),
        trpcBeforeContent: resources
          .filter((entry) => new URL(entry.name).pathname.startsWith("/api/trpc/") && entry.startTime < bench.firstNodeAt)
          .flatMap((entry) => new URL(entry.name).pathname.slice("/api/trpc/".length).split(",")),
        firstNodeMs: bench.firstNodeAt,
        drawnMs: drawnAt,
        usableMs: bench.usableAt,
      };
    }, drawn.at);
  } finally {
    await context.close();
  }
}
