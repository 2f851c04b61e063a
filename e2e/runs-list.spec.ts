import { expect, test, type Page } from "./fixtures";
import { publishedWorkflow, startRun } from "./api-kit";

test.use({ viewport: { width: 1400, height: 900 } });

// route ─fail──▶ boom (fail step)
//       ─wait──▶ nap (delay, one hour)
//       ─default─▶ done
const routed = {
  steps: [
    {
      id: "route",
      type: "switch",
      config: {
        cases: [
          { label: "fail", expression: "$input.mode = 'fail'" },
          { label: "wait", expression: "$input.mode = 'wait'" },
        ],
      },
    },
    { id: "boom", type: "fail", config: { message: "told to fail" } },
    { id: "nap", type: "delay", config: { ms: 3_600_000 } },
    { id: "done", type: "noop" },
  ],
  edges: [
    { from: "route", to: "boom", branch: "fail" },
    { from: "route", to: "nap", branch: "wait" },
    { from: "route", to: "done", branch: "default" },
  ],
};

const table = (page: Page) => page.getByRole("table", { name: "Runs" });
const short = (runId: string) => runId.slice(-8);
/** The table row whose id link names this run. */
const row = (page: Page, runId: string) => table(page).getByRole("row").filter({ has: page.getByRole("link", { name: short(runId), exact: true }) });
const bodyRows = (page: Page) => table(page).locator("tbody").getByRole("row");

test("lists a workflow's runs from the URL filter, updates live, and filters by status", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "runs_list", routed);
  const completed = await startRun(request, workflowId, { mode: "ok" });
  const failed = await startRun(request, workflowId, { mode: "fail" });

  await page.goto(`/runs?workflowId=${workflowId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Workflow" })).toHaveValue(workflowId);
  await expect(row(page, completed)).toContainText("completed");
  await expect(row(page, failed)).toContainText("failed");
  await expect(row(page, failed)).toContainText("boom");
  await expect(row(page, failed)).toContainText("v1");
  await expect(row(page, failed).getByRole("link", { name: short(failed), exact: true })).toHaveAttribute("href", `/runs/${failed}`);

  await test.step("a run started elsewhere appears without a reload", async () => {
    const waiting = await startRun(request, workflowId, { mode: "wait" });
    await expect(row(page, waiting)).toContainText("running");
    await expect(bodyRows(page)).toHaveCount(3);
    await expect(page.getByText("Showing 3 of 3 runs")).toBeVisible();
  });

  await test.step("status filter, kept in the URL", async () => {
    const status = page.getByRole("group", { name: "Status" });
    await status.getByRole("checkbox", { name: "Failed" }).check();
    await expect(bodyRows(page)).toHaveCount(1);
    await expect(row(page, failed)).toBeVisible();
    await expect(page).toHaveURL(/status=failed/);
    await status.getByRole("checkbox", { name: "Completed" }).check();
    await expect(bodyRows(page)).toHaveCount(2);
    await expect(row(page, completed)).toBeVisible();
    await status.getByRole("checkbox", { name: "Failed" }).uncheck();
    await status.getByRole("checkbox", { name: "Completed" }).uncheck();
    await expect(bodyRows(page)).toHaveCount(3);
  });

  await test.step("time range", async () => {
    const started = page.getByRole("combobox", { name: "Started" });
    await started.selectOption({ label: "Last hour" });
    await expect(bodyRows(page)).toHaveCount(3);
    await expect(page).toHaveURL(/started=1h/);
    await started.selectOption({ label: "Any time" });
  });

  await test.step("a filter that matches nothing says so", async () => {
    await page.getByRole("group", { name: "Status" }).getByRole("checkbox", { name: "Cancelled" }).check();
    await expect(page.getByRole("heading", { name: "No runs match these filters" })).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page.getByRole("combobox", { name: "Workflow" })).toHaveValue("");
  });
});

test("bulk cancel: the dry run counts what can be cancelled, then only the waiting run is cancelled, live", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "runs_cancel", routed);
  const completed = await startRun(request, workflowId, { mode: "ok" });
  const waiting = await startRun(request, workflowId, { mode: "wait" });

  await page.goto(`/runs?workflowId=${workflowId}`);
  await expect(row(page, completed)).toContainText("completed");
  await expect(row(page, waiting)).toContainText("running");
  await page.getByRole("checkbox", { name: `Select run ${short(completed)}` }).check();
  await page.getByRole("checkbox", { name: `Select run ${short(waiting)}` }).check();
  const selection = page.getByRole("region", { name: "Selected runs" });
  await expect(selection).toContainText("2 runs selected");

  await selection.getByRole("button", { name: "Cancel selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel selected runs" });
  await expect(dialog).toContainText("1 of 2 runs can be cancelled; 1 is already completed.");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, waiting)).toContainText("running");

  await selection.getByRole("button", { name: "Cancel selected" }).click();
  await dialog.getByRole("textbox", { name: "Reason (optional)" }).fill("not needed");
  await dialog.getByRole("button", { name: "Cancel 1 run" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Cancelled 1 run." })).toBeVisible();
  await expect(row(page, waiting)).toContainText("cancelled");
  await expect(row(page, completed)).toContainText("completed");
  await expect(selection).toBeHidden();
});

test("bulk retry re-runs a failed step, and the run completes", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "runs_retry", {
    steps: [{ id: "flaky", type: "code", config: { source: "if (attempt < 2) throw new Error('flaky service'); return { attempt }" } }],
    edges: [],
  });
  const failed = await startRun(request, workflowId);

  await page.goto(`/runs?workflowId=${workflowId}&status=failed`);
  await expect(row(page, failed)).toContainText("flaky");
  await page.getByRole("checkbox", { name: "Select all runs" }).check();
  await page.getByRole("region", { name: "Selected runs" }).getByRole("button", { name: "Retry selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Retry selected runs" });
  await expect(dialog).toContainText("The selected run can be retried.");
  await dialog.getByRole("button", { name: "Retry 1 run" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Retried 1 run." })).toBeVisible();
  // Listed as failed only: the completed run leaves the list.
  await expect(page.getByRole("heading", { name: "No runs match these filters" })).toBeVisible();
  await page.getByRole("group", { name: "Status" }).getByRole("checkbox", { name: "Failed" }).uncheck();
  await expect(row(page, failed)).toContainText("completed");
});
