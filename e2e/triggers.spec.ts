import { expect, test, type Page } from "./fixtures";
import { publishedWorkflow } from "./api-kit";
import { uniqueName } from "./designer-kit";

test.use({ viewport: { width: 1600, height: 900 } });

/** Waits a moment, then doubles `$input.n`: its output tells which input the run was given. */
const doubler = {
  steps: [
    { id: "pause", type: "delay", config: { ms: 1500 } },
    { id: "done", type: "noop", config: { output: "{ 'doubled': $input.n * 2 }" } },
  ],
  edges: [{ from: "pause", to: "done" }],
  output: "$steps.done.output",
};

const runStatus = (page: Page) => page.getByRole("status", { name: "Run status" });

async function openTriggers(page: Page, workflowId: string) {
  await page.goto(`/workflows/${workflowId}`);
  await page.getByRole("tab", { name: "Triggers" }).click();
}

/** Opens the run's page and waits for it to finish there, live. */
async function expectRunCompletes(page: Page, runId: string) {
  await page.goto(`/runs/${runId}`);
  await expect(runStatus(page)).toHaveText("completed");
  await expect(page.getByRole("region", { name: "Output" })).toContainText("42");
}

test("a webhook URL made in the designer starts a run; rotated or wrong tokens get 404", async ({ page }) => {
  const workflowId = await publishedWorkflow(page.request, "webhook", doubler);
  await openTriggers(page, workflowId);
  const webhook = page.getByRole("region", { name: "Webhook" });
  await expect(webhook).toContainText("no webhook yet");

  await webhook.getByRole("button", { name: "Create webhook URL" }).click();
  const urlBox = webhook.getByRole("textbox", { name: "Webhook URL" });
  await expect(urlBox).toHaveValue(/^https?:\/\/[^/]+\/api\/hooks\/[A-Za-z0-9_-]{43}$/);
  await expect(webhook).toContainText("you will not see this again");
  await expect(webhook.getByRole("button", { name: "Copy webhook URL" })).toBeVisible();
  await expect(webhook.getByRole("figure", { name: /wait/ })).toContainText("?wait=true");
  const firstUrl = await urlBox.inputValue();

  // Rotating (confirmed) replaces the URL: the old one stops working.
  await webhook.getByRole("button", { name: "Rotate webhook URL" }).click();
  await page.getByRole("dialog", { name: "Rotate the webhook URL?" }).getByRole("button", { name: "Rotate webhook URL" }).click();
  await expect(urlBox).not.toHaveValue(firstUrl);
  await expect(urlBox).toHaveValue(/\/api\/hooks\/[A-Za-z0-9_-]{43}$/);
  const url = await urlBox.inputValue();
  expect((await page.request.post(firstUrl, { data: { n: 1 } })).status()).toBe(404);
  expect((await page.request.post(url.replace(/[^/]+$/, "A".repeat(43)), { data: { n: 1 } })).status()).toBe(404);

  const started = await page.request.post(url, { data: { n: 21 } });
  expect(started.status()).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  expect(runId).toBeTruthy();
  expect(started.headers()["location"]).toBe(`/api/v1/runs/${runId}`);
  await expectRunCompletes(page, runId);
});

test("an API key made on the settings page starts and reads runs over the REST API until revoked", async ({ page }) => {
  const workflowId = await publishedWorkflow(page.request, "rest", doubler);
  const keyName = uniqueName("key");
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(keyName);
  await page.getByRole("button", { name: "Create API key", exact: true }).click();
  const keyBox = page.getByRole("textbox", { name: "New API key" });
  await expect(keyBox).toHaveValue(/^orka_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText("you will not see this again")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy new API key" })).toBeVisible();
  const key = await keyBox.inputValue();
  const row = page.getByRole("row", { name: new RegExp(keyName) });
  await expect(row).toContainText(`${key.slice(0, 13)}…`);
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText(key);

  const auth = { Authorization: `Bearer ${key}` };
  const started = await page.request.post(`/api/v1/workflows/${workflowId}/runs`, { headers: auth, data: { input: { n: 21 } } });
  expect(started.status()).toBe(201);
  const { runId } = (await started.json()) as { runId: string };
  expect(runId).toBeTruthy();
  await expectRunCompletes(page, runId);

  const read = await page.request.get(`/api/v1/runs/${runId}`, { headers: auth });
  expect(read.status()).toBe(200);
  expect(await read.json()).toMatchObject({ id: runId, status: "completed", workflowId, version: 1, output: { doubled: 42 } });
  const described = await page.request.get("/api/v1/openapi.json");
  expect(described.status()).toBe(200);
  expect(await described.json()).toMatchObject({ openapi: "3.1.0", paths: { "/api/v1/runs/{runId}": { get: { operationId: "getRun" } } } });

  // Shown once: back on the page the key is gone; revoking it (confirmed) locks it out.
  await page.goto("/settings/api-keys");
  await expect(row).toContainText("Active");
  await expect(page.getByRole("textbox", { name: "New API key" })).toHaveCount(0);
  await row.getByRole("button", { name: `Revoke ${keyName}` }).click();
  await page.getByRole("dialog", { name: `Revoke ${keyName}?` }).getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  expect((await page.request.get(`/api/v1/runs/${runId}`, { headers: auth })).status()).toBe(401);
});

test("a schedule with an invalid cron is refused beside the field; a valid one is listed with its next run", async ({ page }) => {
  const workflowId = await publishedWorkflow(page.request, "schedule", doubler);
  await openTriggers(page, workflowId);
  const schedules = page.getByRole("region", { name: "Schedules" });
  await expect(schedules).toContainText("No schedules yet");
  const form = schedules.getByRole("form", { name: "Add schedule" });
  const cron = form.getByRole("textbox", { name: "Cron expression" });
  await expect(cron).toHaveAttribute("placeholder", "0 9 * * 1-5");
  await form.getByRole("combobox", { name: "Time zone" }).selectOption("UTC");
  await form.getByRole("textbox", { name: "Input JSON (optional)" }).fill('{ "n": 21 }');

  await cron.fill("every monday");
  await form.getByRole("button", { name: "Add schedule" }).click();
  await expect(cron).toHaveAttribute("aria-invalid", "true");
  await expect(cron).toHaveAccessibleDescription(/"every monday" is not a valid cron expression/);
  await expect(schedules.getByRole("list", { name: "Schedules" })).toHaveCount(0);

  await cron.fill("* * * * *");
  await form.getByRole("button", { name: "Add schedule" }).click();
  const item = schedules.getByRole("listitem", { name: "Schedule * * * * * (UTC)" });
  await expect(item).toContainText(/Next run\s*in (under a minute|1 minute)/);
  await expect(item).toContainText(/\d{1,2}:\d{2}\s*[AP]M UTC\)/);
  await expect(cron).toHaveValue("");
  await expect(cron).not.toHaveAttribute("aria-invalid", "true");

  // Disabling clears the next run; deleting (confirmed) removes it, so it fires no more on the shared server.
  const enabled = item.getByRole("switch", { name: "Schedule * * * * * (UTC) enabled" });
  await expect(enabled).toBeChecked();
  await enabled.click();
  await expect(item).toContainText("none while disabled");
  await expect(enabled).not.toBeChecked();
  await item.getByRole("button", { name: "Delete schedule * * * * * (UTC)" }).click();
  await page.getByRole("dialog", { name: "Delete this schedule?" }).getByRole("button", { name: "Delete schedule" }).click();
  await expect(schedules).toContainText("No schedules yet");
});
