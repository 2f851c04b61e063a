import { expect, test, type Page } from "./fixtures";
import { publishedWorkflow, startRun } from "./api-kit";
import { dragBetween, dragStep, edge, node, openNewWorkflow, renameStep, uniqueName, waitSaved } from "./designer-kit";

// Error edges, optional steps and step caching, as the designer and the run view show them.
test.use({ viewport: { width: 1600, height: 900 } });

const state = (page: Page, id: string) => page.getByRole("status", { name: `${id} state` });
const runStatus = (page: Page) => page.getByRole("status", { name: "Run status" });

test("a cached step shows its source run in the run view, and an editor clears its cache", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "cached", {
    steps: [{ id: "lookup", type: "code", config: { source: "return { price: Math.random() }" }, cache: { ttl: "1h" } }],
    edges: [],
  });
  const firstRunId = await startRun(request, workflowId);
  await page.goto(`/runs/${firstRunId}`);
  await expect(runStatus(page)).toHaveText("completed");
  await expect(state(page, "lookup")).toHaveText("completed");

  const secondRunId = await startRun(request, workflowId);
  await page.goto(`/runs/${secondRunId}`);
  await expect(runStatus(page)).toHaveText("completed");
  await expect(state(page, "lookup")).toHaveText(`completed · from cache (run ${firstRunId}, just now)`);
  await node(page, "lookup", "code").click();
  const cache = page.getByRole("region", { name: "Step cache" });
  await expect(cache).toContainText("From cache");
  await expect(cache.getByRole("link", { name: `run ${firstRunId}` })).toHaveAttribute("href", `/runs/${firstRunId}`);

  await cache.getByRole("button", { name: "Clear cache" }).click();
  const dialog = page.getByRole("dialog", { name: "Clear the cache of lookup?" });
  await dialog.getByRole("button", { name: "Clear cache", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(cache.getByRole("status")).toHaveText("1 cached output cleared");

  const thirdRunId = await startRun(request, workflowId);
  await page.goto(`/runs/${thirdRunId}`);
  await expect(runStatus(page)).toHaveText("completed");
  await expect(state(page, "lookup")).toHaveText("completed");
});

test("a failure takes its error edge: the run view marks it and the run completes", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "error_edge", {
    steps: [
      { id: "charge", type: "code", config: { source: "throw new PermanentError('card declined')" } },
      { id: "ship", type: "noop" },
      { id: "refund", type: "noop", config: { output: "$steps.charge.output.message" } },
      { id: "enrich", type: "fail", config: { message: "no data" }, optional: true },
      { id: "send", type: "noop" },
    ],
    edges: [
      { from: "charge", to: "ship" },
      { from: "charge", to: "refund", branch: "error" },
      { from: "enrich", to: "send" },
    ],
  });
  const runId = await startRun(request, workflowId);
  await page.goto(`/runs/${runId}`);
  await expect(runStatus(page)).toHaveText("completed");
  await expect(state(page, "charge")).toHaveText("failed · permanent → error branch");
  await expect(state(page, "ship")).toHaveText("skipped");
  await expect(state(page, "refund")).toHaveText("completed");
  await expect(state(page, "enrich")).toHaveText("failed · permanent · optional");
  await expect(state(page, "send")).toHaveText("completed");
  await expect(page.getByRole("group", { name: "Edge charge to refund (error) (taken)" })).toBeAttached();
  await node(page, "charge", "code").click();
  await expect(page.getByRole("group", { name: "Step actions" }).getByRole("button")).toHaveCount(0);
});

test("the designer connects a step's error handle", async ({ page }) => {
  await openNewWorkflow(page, uniqueName("errors"));
  await dragStep(page, "Code", { x: 200, y: 120 });
  await dragStep(page, "No-op", { x: 800, y: 520 });
  await renameStep(page, "code_1", "code", "charge");
  await renameStep(page, "noop_1", "noop", "refund");
  await dragBetween(page, page.getByLabel("error branch of charge"), page.getByLabel("Input of refund"));
  await expect(edge(page, "charge", "refund", "error")).toBeAttached();
  await waitSaved(page);
});
