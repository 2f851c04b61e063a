import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "./fixtures";
import { publishedWorkflow, startRun } from "./api-kit";
import { node } from "./designer-kit";

test.use({ viewport: { width: 1600, height: 900 } });

const state = (page: Page, id: string) => page.getByRole("status", { name: `${id} state` });

// The e2e servers run with ORKA_HTTP_ALLOW=127.0.0.2 (playwright.config.ts): this server is
// reachable, the rest of loopback (the Orka server itself included) is not.
test("an http step reaches what ORKA_HTTP_ALLOW opens; loopback is refused with the generic error", async ({ page, request }) => {
  const paths: string[] = [];
  const server = http.createServer((incoming, response) => {
    paths.push(incoming.url!);
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ greeting: "hello from 127.0.0.2" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const orkaPort = new URL(process.env.ORKA_E2E_URL!).port;
    const workflowId = await publishedWorkflow(request, "egress", {
      steps: [
        { id: "allowed", type: "http", config: { url: `http://127.0.0.2:${port}/hello` } },
        { id: "internal", type: "http", config: { url: `http://127.0.0.1:${orkaPort}/api/v1/openapi.json` } },
      ],
      edges: [],
    });
    const runId = await startRun(request, workflowId);
    await page.goto(`/runs/${runId}`);
    await expect(state(page, "allowed")).toHaveText("completed");
    await expect(state(page, "internal")).toHaveText("failed · transient");
    await node(page, "internal", "http").click();
    await expect(page.getByRole("region", { name: "Step error" })).toContainText("request to 127.0.0.1 failed: the host could not be reached or is not allowed");
    expect(paths).toEqual(["/hello"]);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
