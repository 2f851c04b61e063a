import { expect, test } from "./fixtures";
import { publishedWorkflow, trpc, startRun } from "./api-kit";

test("the Waiting for me inbox lists an approval the viewer can give, and approving it completes the run", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "inbox", {
    steps: [
      { id: "sign_off", type: "approval", name: "Manager sign-off", config: { message: "Ship it?" } },
      { id: "ship", type: "noop" },
    ],
    edges: [{ from: "sign_off", to: "ship", branch: "approved" }],
  });
  const { name } = await trpc<{ name: string }>(request, "workflows.get", { workflowId }, "query");
  const customer = Date.now();
  const runId = await startRun(request, workflowId, { customer: { id: customer } });

  await page.goto("/runs");
  const inbox = page.getByRole("list", { name: "Waiting for me" });
  const item = inbox.getByRole("listitem", { name: `Manager sign-off in ${name}` });
  await expect(item).toContainText("Ship it?");
  await item.getByRole("button", { name: `Approve Manager sign-off in ${name}` }).click();
  await expect(page.getByRole("status")).toContainText(`Approved Manager sign-off in ${name}.`);
  await expect(item).toHaveCount(0);
  await expect.poll(async () => (await trpc<{ status: string }>(request, "runs.get", { runId }, "query")).status).toBe("completed");
});

test("runs are found by the start of their id and by a field of their input; the table names the trigger and who started it", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "search", { steps: [{ id: "done", type: "noop" }], edges: [] });
  const customer = Date.now();
  const wanted = await startRun(request, workflowId, { customer: { id: customer, tier: "gold" } });
  const other = await startRun(request, workflowId, { customer: { id: customer + 1 } });
  await page.goto("/runs");
  const table = page.getByRole("table", { name: "Runs" });
  const search = page.getByRole("searchbox", { name: "Search runs by id or input field" });
  const link = (runId: string) => table.getByRole("link", { name: runId.slice(-8) });

  await search.fill(`customer.id = ${customer}`);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(link(wanted)).toBeVisible();
  await expect(table.getByRole("row").nth(1)).toContainText("Manual");
  await expect(table.getByRole("row").nth(1)).toContainText("E2E Owner");

  await search.fill("customer.id =");
  await expect(page.getByText("Search for a run id, or an input field")).toBeVisible();
  // Ids are time-ordered: runs started together share their first characters, so the whole id here.
  await search.fill(other);
  await expect(link(other)).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);
});
