import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";
import { publishedWorkflow, startRun } from "./api-kit";

// The e2e servers run with ORKA_HTTP_ALLOW=127.0.0.2 (playwright.config.ts): deliveries reach this
// receiver there, as http steps do. Other tests' runs in the same team are delivered here too, so
// everything is picked out by this test's run id.
test("a subscription made in Settings receives a run's signed run.completed; Redeliver sends the same event again", async ({ page, request }) => {
  const received: { eventId: string; runId: string; signature: string; attempt: string }[] = [];
  const receiver = http.createServer((incoming, response) => {
    let body = "";
    incoming.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    incoming.on("end", () => {
      const { id, run } = JSON.parse(body) as { id: string; run: { id: string } };
      received.push({ eventId: id, runId: run.id, signature: String(incoming.headers["orka-signature"]), attempt: String(incoming.headers["orka-delivery-attempt"]) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.2", resolve));
  const url = `http://127.0.0.2:${(receiver.address() as AddressInfo).port}/orka-events`;
  try {
    await page.goto("/settings/subscriptions");
    const form = page.getByRole("form", { name: "Add an event subscription" });
    await form.getByRole("textbox", { name: "URL" }).fill(url);
    await expect(form.getByRole("checkbox", { name: "run.completed" })).toBeChecked();
    await form.getByRole("button", { name: "Add subscription" }).click();
    await expect(page.getByRole("textbox", { name: "Signing secret" })).toHaveValue(/^whsec_/);
    await expect(page.getByRole("table", { name: "Subscriptions" }).getByRole("rowheader", { name: url })).toBeVisible();

    const workflowId = await publishedWorkflow(request, "subscribed", { steps: [{ id: "only", type: "noop" }], edges: [] });
    const runId = await startRun(request, workflowId);
    const ofRun = () => received.filter((delivery) => delivery.runId === runId);

    const log = page.getByRole("table", { name: "Delivery log" });
    const row = log.getByRole("row").filter({ has: page.getByRole("link", { name: runId.slice(0, 8) }) });
    await expect(row).toContainText("Delivered", { timeout: 15_000 });
    await expect(row).toContainText("run.completed");
    expect(ofRun()).toHaveLength(1);
    expect(ofRun()[0]!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    await row.getByRole("button", { name: `Redeliver run.completed of run ${runId}` }).click();
    await expect.poll(() => ofRun().length, { timeout: 15_000 }).toBe(2);
    expect(ofRun()[1]!.eventId).toBe(ofRun()[0]!.eventId);
    expect(ofRun().map((delivery) => delivery.attempt)).toEqual(["1", "2"]);
    await expect(row).toContainText("retried");

    await page.getByRole("button", { name: `Delete the subscription of ${url}` }).click();
    await expect(page.getByRole("table", { name: "Subscriptions" }).getByRole("rowheader", { name: url })).toHaveCount(0);
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
});
