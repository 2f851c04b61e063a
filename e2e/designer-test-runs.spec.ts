import http from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { trpc } from "./api-kit";
import { inspector, node, uniqueName } from "./designer-kit";

test.use({ viewport: { width: 1600, height: 900 } });

// The e2e servers may call 127.0.0.2 (ORKA_HTTP_ALLOW in playwright.config.ts): a warehouse that is down.
let server: http.Server;
let warehouse = "";
const received: { method: string; path: string; body: string }[] = [];
test.beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ method: request.method!, path: request.url!, body });
      response.writeHead(503, { "content-type": "application/json", "x-warehouse": "north" }).end(JSON.stringify({ error: "warehouse down for maintenance" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
  warehouse = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/**
 *   load (POST to the warehouse: 503) ──▶ total (load's body.n * 2 + input n)
 *
 * Saved as a draft only: never published.
 */
async function draftWorkflow(request: APIRequestContext, stem: string): Promise<string> {
  const name = uniqueName(stem);
  const { id } = await trpc<{ id: string }>(request, "workflows.create", { name });
  const draft = {
    format: "orka/v1",
    name,
    namespace: "default",
    steps: [
      { id: "load", type: "http", position: { x: 0, y: 0 }, config: { method: "POST", url: `${warehouse}/orders`, headers: { "x-shop": "{{ $input.shop }}" }, body: "{ 'n': $input.n }" } },
      { id: "total", type: "noop", position: { x: 320, y: 0 }, config: { output: "$steps.load.output.body.n * 2 + $input.n" } },
    ],
    edges: [{ from: "load", to: "total" }],
    output: "$steps.total.output",
  };
  await trpc(request, "workflows.saveDraft", { workflowId: id, baseRevision: 0, draft });
  return id;
}

test("test a draft without publishing: see the http step's request and failed response body, and the run under Test runs", async ({ page, request }) => {
  const workflowId = await draftWorkflow(request, "test_draft");
  await page.goto(`/workflows/${workflowId}`);
  await expect(page.getByText("Never published")).toBeVisible();

  await page.getByRole("button", { name: "Test", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Test the draft" });
  await dialog.getByRole("textbox", { name: "Test input (JSON)" }).fill('{ "n": 2, "shop": "berlin" }');
  await dialog.getByRole("button", { name: "Start test run" }).click();
  await expect(dialog.getByText("(test run of the draft)")).toBeVisible();
  await expect(dialog.getByRole("status").filter({ hasText: "Status:" })).toContainText("failed", { timeout: 15_000 });
  await expect(page.getByText("Never published")).toBeVisible(); // no version was made
  await dialog.getByRole("link", { name: "Watch it live" }).click();

  await expect(page.getByText("Test run of the draft")).toBeVisible();
  await node(page, "load", "http").click();
  const sent = page.getByRole("region", { name: "Request sent" });
  await expect(sent).toContainText(`POST ${warehouse}/orders`);
  await expect(sent.getByRole("definition").filter({ hasText: "berlin" })).toBeVisible();
  await expect(sent.getByLabel("Request body")).toContainText('"n": 2');
  const response = page.getByRole("region", { name: "Response" });
  await expect(response).toContainText("Status 503");
  await expect(response.getByLabel("Response body")).toContainText("warehouse down for maintenance");
  await expect(response.getByLabel("Response headers")).toContainText("north");
  expect(received.some((call) => call.method === "POST" && call.body === JSON.stringify({ n: 2 }))).toBe(true);

  // Listed apart: not among the runs of published versions, but under "Test runs".
  await page.goto(`/runs?workflowId=${workflowId}`);
  await expect(page.getByRole("button", { name: "Runs", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("table", { name: "Runs" })).toHaveCount(0);
  await page.getByRole("button", { name: "Test runs" }).click();
  await expect(page.getByRole("table", { name: "Runs" }).getByRole("row")).toHaveCount(2); // header + the test run
  expect(page.url()).toContain("test=1");
});

test("run one step with pinned data, preview an expression against its data, then unpin", async ({ page, request }) => {
  const workflowId = await draftWorkflow(request, "pinned");
  await page.goto(`/workflows/${workflowId}`);

  await node(page, "load", "http").click();
  const loadTests = inspector(page).getByRole("region", { name: "Test this step" });
  await loadTests.getByRole("textbox", { name: "Sample data to pin (JSON)" }).fill('{ "status": 200, "body": { "n": 20 } }');
  await loadTests.getByRole("button", { name: "Pin data" }).click();
  await expect(loadTests.getByRole("region", { name: "Pinned data" })).toContainText('"n": 20');

  await node(page, "total", "noop").click();
  const totalTests = inspector(page).getByRole("region", { name: "Test this step" });
  await expect(totalTests.getByRole("combobox", { name: "Input from" })).toHaveValue("typed");
  await totalTests.getByRole("textbox", { name: "Sample input (JSON)" }).fill('{ "n": 2 }');
  const callsBefore = received.length;
  await totalTests.getByRole("button", { name: "Run step" }).click();
  const result = totalTests.getByRole("region", { name: "Step test result" });
  await expect(result.getByRole("status")).toContainText("completed", { timeout: 15_000 });
  await expect(result.getByRole("region", { name: "Step output" })).toContainText("42");
  await expect(result.getByRole("region", { name: "Received" })).toContainText('"n": 20');
  expect(received.length).toBe(callsBefore); // the pinned step did not call the warehouse

  // The expression editor previews its value against the latest run's data (this one), as you type.
  const preview = inspector(page).getByRole("status", { name: "Expression preview" });
  await expect(preview).toContainText("42");
  await inspector(page).getByRole("textbox", { name: "Output", exact: true }).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" + 100");
  await expect(preview).toContainText("142");

  await node(page, "load", "http").click();
  await inspector(page).getByRole("region", { name: "Pinned data" }).getByRole("button", { name: "Unpin" }).click();
  await expect(inspector(page).getByText("No pinned data: test runs run this step.")).toBeVisible();
});

test("publishing an unchanged draft is refused: Publish is disabled and the server answers \"nothing changed since v1\"", async ({ page, request }) => {
  const workflowId = await draftWorkflow(request, "unchanged");
  await page.goto(`/workflows/${workflowId}`);
  const publish = page.getByRole("button", { name: "Publish", exact: true });
  await publish.click();
  await expect(page.getByText("Published version 1")).toBeVisible();
  await expect(publish).toBeDisabled();
  await expect(publish).toHaveAccessibleDescription("Nothing changed since v1");

  const { draftRevision } = await trpc<{ draftRevision: number }>(request, "workflows.get", { workflowId }, "query");
  const origin = process.env.ORKA_E2E_URL!;
  const refused = await request.post(`${origin}/api/trpc/workflows.publish`, { data: { json: { workflowId, baseRevision: draftRevision } }, headers: { origin } });
  expect(refused.status()).toBe(409);
  expect(JSON.stringify(await refused.json())).toContain("nothing changed since v1");

  await page.reload();
  await expect(publish).toBeDisabled();
  await expect(page.getByText("Version 1", { exact: true })).toBeVisible();
});
