import { expect, test, type Page } from "./fixtures";
import { publishedWorkflow, startRun } from "./api-kit";
import { node } from "./designer-kit";

test.use({ viewport: { width: 1600, height: 900 } });

const state = (page: Page, id: string) => page.getByRole("status", { name: `${id} state` });
const runStatus = (page: Page) => page.getByRole("status", { name: "Run status" });

async function act(page: Page, stepId: string, type: string, button: string, fill: Record<string, string> = {}) {
  await node(page, stepId, type).click();
  await page.getByRole("group", { name: "Step actions" }).getByRole("button", { name: button }).click();
  const dialog = page.getByRole("dialog", { name: new RegExp(`${button.split(" ")[0]} ${stepId}`) });
  for (const [label, value] of Object.entries(fill)) await dialog.getByRole("textbox", { name: label }).fill(value);
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

test("a run moves across the canvas live: running, waiting, then completed", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "live", {
    steps: [
      { id: "crunch", type: "code", timeoutMs: 20000, config: { source: "const end = Date.now() + 8000; while (Date.now() < end) {} return 1" } },
      { id: "pause", type: "delay", config: { ms: 3000 } },
      { id: "done", type: "noop", config: { output: "'ok'" } },
    ],
    edges: [
      { from: "crunch", to: "pause" },
      { from: "pause", to: "done" },
    ],
  });
  const runId = await startRun(request, workflowId);
  await page.goto(`/runs/${runId}`);
  await expect(page.getByRole("status", { name: "Stream" })).toHaveText("Live");
  await expect(state(page, "crunch")).toHaveText("running");
  await expect(state(page, "pause")).toHaveText("pending");
  await expect(state(page, "crunch")).toHaveText("completed");
  await expect(state(page, "pause")).toContainText("waiting · until");
  await expect(state(page, "done")).toHaveText("pending");
  await expect(state(page, "done")).toHaveText("completed", { timeout: 15_000 });
  await expect(state(page, "pause")).toHaveText("completed");
  await expect(runStatus(page)).toHaveText("completed");
  await expect(page.getByRole("group", { name: "Edge pause to done (taken)" })).toBeAttached();
  await expect(page.getByRole("button", { name: /pause attempt 1: completed/ })).toBeVisible();
});

test("a failed step shows its error; retrying it completes the run", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "retry", {
    steps: [
      { id: "flaky", type: "code", config: { source: "if (attempt < 2) throw new Error('flaky service'); return { attempt }" } },
      { id: "notify", type: "noop" },
    ],
    edges: [{ from: "flaky", to: "notify" }],
  });
  const runId = await startRun(request, workflowId);
  await page.goto(`/runs/${runId}`);
  await expect(state(page, "flaky")).toHaveText("failed · transient");
  await expect(runStatus(page)).toHaveText("failed");
  // The run has ended: a step after the failure will not run, and nothing more streams.
  await expect(state(page, "notify")).toHaveText("not run");
  await expect(page.getByRole("status", { name: "Stream" })).toHaveText("Run ended");
  await node(page, "flaky", "code").click();
  await expect(page.getByRole("region", { name: "Step error" })).toContainText("flaky service");
  await act(page, "flaky", "code", "Retry step", { "Reason (optional)": "service is back" });
  await expect(state(page, "flaky")).toHaveText("completed");
  await expect(state(page, "notify")).toHaveText("completed");
  await expect(runStatus(page)).toHaveText("completed");
  await expect(page.getByRole("region", { name: "Step history" })).toContainText("service is back");
});

test("resolving a failed step with an output lets the run continue with it", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "resolve", {
    steps: [
      { id: "quote", type: "fail", config: { message: "pricing service down" } },
      { id: "charge", type: "noop", config: { output: "$steps.quote.output.price * 2" } },
    ],
    edges: [{ from: "quote", to: "charge" }],
    output: "$steps.charge.output",
  });
  const runId = await startRun(request, workflowId);
  await page.goto(`/runs/${runId}`);
  await expect(state(page, "quote")).toHaveText("failed · permanent");
  await act(page, "quote", "fail", "Resolve step", { "Output (JSON)": '{ "price": 21 }' });
  await expect(state(page, "quote")).toHaveText("resolved manually");
  await expect(state(page, "charge")).toHaveText("completed");
  await page.getByRole("button", { name: "Close step details" }).click();
  await expect(page.getByRole("region", { name: "Output" })).toContainText("42");
});

test("an approval step is approved in one run and rejected in another", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "approval", {
    steps: [
      { id: "sign_off", type: "approval", config: { message: "Ship it?" } },
      { id: "ship", type: "noop" },
      { id: "halt", type: "noop" },
    ],
    edges: [
      { from: "sign_off", to: "ship", branch: "approved" },
      { from: "sign_off", to: "halt", branch: "rejected" },
    ],
  });
  for (const [decision, taken, skipped] of [["Approve", "ship", "halt"], ["Reject", "halt", "ship"]] as const) {
    const runId = await startRun(request, workflowId);
    await page.goto(`/runs/${runId}`);
    await expect(state(page, "sign_off")).toHaveText("waiting · for approval");
    await act(page, "sign_off", "approval", decision, { "Comment (optional)": `${decision}d by e2e` });
    await expect(state(page, taken)).toHaveText("completed");
    await expect(state(page, skipped)).toHaveText("skipped");
    await expect(runStatus(page)).toHaveText("completed");
  }
});

test("cancelling a run with a running delay cancels it and its pending steps", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "cancel", {
    steps: [
      { id: "long_wait", type: "delay", config: { ms: 600000 } },
      { id: "after", type: "noop" },
    ],
    edges: [{ from: "long_wait", to: "after" }],
  });
  const runId = await startRun(request, workflowId);
  await page.goto(`/runs/${runId}`);
  await expect(state(page, "long_wait")).toContainText("waiting");
  await page.getByRole("group", { name: "Run actions" }).getByRole("button", { name: "Cancel run" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this run?" });
  await dialog.getByRole("textbox", { name: "Reason (optional)" }).fill("not needed");
  await dialog.getByRole("button", { name: "Cancel run" }).click();
  await expect(runStatus(page)).toHaveText("cancelled");
  await expect(state(page, "long_wait")).toHaveText("cancelled");
  await expect(state(page, "after")).toHaveText("cancelled");
});

test("a retrying step shows its attempt count and next try", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "retrying", {
    steps: [
      {
        id: "unstable",
        type: "code",
        config: { source: "throw new Error('still down')" },
        retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 60000, maxDelayMs: 60000, jitter: 0 },
      },
    ],
    edges: [],
  });
  const runId = await startRun(request, workflowId);
  await page.goto(`/runs/${runId}`);
  await expect(state(page, "unstable")).toContainText(/retrying · attempt 2\/3 at \d/);
  await page.getByRole("group", { name: "Run actions" }).getByRole("button", { name: "Cancel run" }).click();
  await page.getByRole("dialog", { name: "Cancel this run?" }).getByRole("button", { name: "Cancel run" }).click();
  await expect(runStatus(page)).toHaveText("cancelled");
});

test("a map step links to its child runs and rolls their states up into its node", async ({ page, request }) => {
  const child = { format: "orka/v1", name: "per_item", steps: [{ id: "work", type: "delay", config: { ms: 5000 } }] };
  const workflowId = await publishedWorkflow(request, "map", {
    steps: [{ id: "each", type: "map", config: { items: "$input.items", definition: child, maxConcurrency: 3 } }],
    edges: [],
  });
  const runId = await startRun(request, workflowId, { items: [1, 2, 3] });
  await page.goto(`/runs/${runId}`);
  await expect(state(page, "each")).toHaveText("waiting · for child runs · 0/3 children done");
  await expect(state(page, "each")).toHaveText("completed · 3/3 children done");
  await node(page, "each", "map").click();
  const children = page.getByRole("region", { name: "Child runs of this step" });
  await expect(children.getByRole("link")).toHaveCount(3);
  await children.getByRole("link", { name: /item 1/ }).click();
  await expect(page).toHaveURL(/\/runs\/[^/]+$/);
  await expect(runStatus(page)).toHaveText("completed");
  await expect(page.getByRole("link", { name: "Parent run" })).toBeVisible();
});
