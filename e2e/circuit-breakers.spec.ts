import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "./fixtures";
import { publishedWorkflow, startRun } from "./api-kit";

test.use({ viewport: { width: 1600, height: 900 } });

const state = (page: Page, id: string) => page.getByRole("status", { name: `${id} state` });

// The e2e servers may call 127.0.0.2 (ORKA_HTTP_ALLOW, playwright.config.ts). The target fails until
// it "recovers": the step's first attempt opens its breaker (one failure is enough here), its retry
// waits for the breaker instead of failing, and the trial after the cool-down completes the run.
test("a circuit breaker opens against a failing server, the canvas says why the step waits, and it closes when the server recovers", async ({ page, request }) => {
  test.setTimeout(60_000);
  let recovered = false;
  const server = http.createServer((_incoming, response) => {
    if (recovered) response.writeHead(200, { "content-type": "application/json" }).end('{"paid":true}');
    else response.writeHead(503).end("down for maintenance");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
  try {
    const target = `127.0.0.2:${(server.address() as AddressInfo).port}`;
    const workflowId = await publishedWorkflow(request, "breaker", {
      steps: [
        {
          id: "charge",
          type: "http",
          config: { url: `http://${target}/charge` },
          retry: { maxAttempts: 6, backoff: "fixed", initialDelayMs: 200, jitter: 0 },
          breaker: { failures: 1, coolDownMs: 5_000 },
        },
      ],
      edges: [],
    });
    const runId = await startRun(request, workflowId);

    await page.goto(`/runs/${runId}`);
    const reason = new RegExp(`^waiting · circuit open for ${target.replaceAll(".", "\\.")} until \\d{1,2}:\\d{2}:\\d{2}`);
    await expect(state(page, "charge")).toHaveText(reason);

    const breakers = await page.context().newPage();
    await breakers.goto("/settings/breakers");
    const row = breakers.getByRole("table", { name: "Circuit breakers" }).getByRole("row", { name: new RegExp(target.replaceAll(".", "\\.")) });
    await expect(row).toContainText("open until");
    await expect(row).toContainText(`HTTP 503 from http://${target}/charge`);
    await expect(row.getByRole("button", { name: `Reset ${target}` })).toBeVisible();

    recovered = true;
    await expect(state(page, "charge")).toHaveText("completed", { timeout: 20_000 });
    await expect(page.getByRole("status", { name: "Run status" })).toHaveText(/completed/i);
    await expect(row).toContainText("closed", { timeout: 10_000 });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
