import { expect, test, type Page } from "@playwright/test";
import { publishedWorkflow, startRun, trpc } from "./api-kit";
import { node } from "./designer-kit";

test.use({ viewport: { width: 1600, height: 900 } });

// The pages these tests open log no errors to the browser console.
let consoleErrors: string[] = [];
test.beforeEach(({ page }) => {
  consoleErrors = [];
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  page.on("pageerror", (error) => consoleErrors.push(error.message));
});
test.afterEach(() => expect(consoleErrors).toEqual([]));

const state = (page: Page, id: string) => page.getByRole("status", { name: `${id} state` });
const runStatus = (page: Page) => page.getByRole("status", { name: "Run status" });

test("a failed run is fixed in the designer and continues on version 2 with its earlier outputs", async ({ page, request }) => {
  //  v1: fetch ──▶ broken (fails) ──▶ report          fixed in the designer: `broken` deleted
  const workflowId = await publishedWorkflow(request, "redrive", {
    steps: [
      { id: "fetch", type: "code", config: { source: "return Math.floor(Math.random() * 1e9)" }, position: { x: 0, y: 0 } },
      { id: "broken", type: "fail", config: { message: "bug in version 1" }, position: { x: 260, y: 0 } },
      { id: "report", type: "noop", config: { output: "{ 'fetched': $steps.fetch.output }" }, position: { x: 520, y: 0 } },
    ],
    edges: [
      { from: "fetch", to: "broken" },
      { from: "broken", to: "report" },
    ],
    output: "$steps.report.output",
  });
  const runId = await startRun(request, workflowId);
  await page.goto(`/runs/${runId}`);
  await expect(runStatus(page)).toHaveText("failed");
  await expect(state(page, "broken")).toHaveText("failed · permanent");
  await node(page, "fetch", "code").click();
  const fetched = JSON.parse((await page.getByRole("region", { name: "Step output" }).locator("pre").textContent())!) as number;
  await page.getByRole("button", { name: "Close step details" }).click();

  await page.getByRole("link", { name: "Fix and continue" }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${workflowId}\\?redrive=${runId}`));
  const panel = page.getByRole("region", { name: "Fix and continue" });
  await expect(panel).toContainText("which failed on version 1");
  const plan = panel.getByRole("list", { name: "What will re-run" });
  await expect(plan).toContainText("Keeps its output: fetch");
  await expect(plan).toContainText("Runs again: broken, report");

  await node(page, "broken", "fail").click();
  await page.keyboard.press("Delete");
  await expect(node(page, "broken", "fail")).toHaveCount(0);
  await expect(plan).toContainText("Runs again: report");
  await expect(plan).toContainText("Removed from the run: broken");
  await panel.getByRole("button", { name: "Publish and continue run" }).click();

  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(runStatus(page)).toHaveText("completed");
  await expect(page.getByRole("definition").filter({ hasText: "v1 → v2" })).toBeVisible();
  await expect(state(page, "report")).toHaveText("completed");
  await expect(node(page, "broken", "fail")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Output" })).toContainText(String(fetched));
  await node(page, "fetch", "code").click();
  await expect(page.getByRole("region", { name: "Step output" })).toHaveText(new RegExp(`${fetched}`));
  await expect(page.getByRole("region", { name: "Step history" })).not.toContainText("attempt 2");
});

test("the run page says why a run waits: for an approval by an editor, and until when a delay runs", async ({ page, request }) => {
  //  gate (approval) ──approved──▶ done          nap (delay, 10 min)
  const workflowId = await publishedWorkflow(request, "why_waiting", {
    steps: [
      { id: "gate", type: "approval", config: { message: "Ship it?" } },
      { id: "done", type: "noop" },
      { id: "nap", type: "delay", config: { ms: 600000 } },
    ],
    edges: [{ from: "gate", to: "done", branch: "approved" }],
  });
  const runId = await startRun(request, workflowId);
  await page.goto(`/runs/${runId}`);
  await expect(state(page, "gate")).toContainText("waiting");
  const why = page.getByRole("region", { name: "Why is this waiting?" });
  await expect(why).toContainText("gate: waits for an editor or owner of the team to approve or reject: “Ship it?”");
  await expect(why).toContainText(/nap: delay fires at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC \(in (9|10) min\)/);
  await expect(why).toContainText('done: waits for "gate" to finish');
  await node(page, "nap", "delay").click();
  await expect(page.getByRole("note", { name: "Why this step waits" })).toContainText("delay fires at");
});

test("bulk redrive from the runs list continues failed runs on the latest version", async ({ page, request }) => {
  //  v1: broken (fails)        v2: broken (a noop now)
  const workflowId = await publishedWorkflow(request, "bulk_redrive", { steps: [{ id: "broken", type: "fail", config: { message: "bug" } }], edges: [] });
  const failed = await startRun(request, workflowId);
  await expect.poll(async () => (await trpc<{ status: string }>(request, "runs.get", { runId: failed }, "query")).status).toBe("failed");
  const { draft } = await trpc<{ draft: Record<string, unknown> }>(request, "workflows.get", { workflowId }, "query");
  await trpc(request, "workflows.saveDraft", { workflowId, baseRevision: 1, draft: { ...draft, steps: [{ id: "broken", type: "noop", config: { output: "'fixed'" } }] } });
  await trpc(request, "workflows.publish", { workflowId, baseRevision: 2 });

  await page.goto(`/runs?workflowId=${workflowId}&status=failed`);
  await page.getByRole("checkbox", { name: "Select all runs" }).check();
  await page.getByRole("region", { name: "Selected runs" }).getByRole("button", { name: "Redrive selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Redrive selected runs on their workflow's latest version" });
  await expect(dialog).toContainText("The selected run can be redriven on the latest version.");
  await dialog.getByRole("button", { name: "Redrive 1 run" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Redrove 1 run." })).toBeVisible();
  await page.goto(`/runs/${failed}`);
  await expect(runStatus(page)).toHaveText("completed");
  await expect(page.getByRole("definition").filter({ hasText: "v1 → v2" })).toBeVisible();
});
