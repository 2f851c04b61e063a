import { expect, test } from "./fixtures";
import { node, openNewWorkflow, saveStatus, uniqueName, waitSaved } from "./designer-kit";

test.use({ viewport: { width: 1600, height: 900 } });

test("an edit made while offline is kept, retried, and saved when the network returns", async ({ page, context, consoleErrors }) => {
  test.setTimeout(60_000);
  await openNewWorkflow(page, uniqueName("offline"));
  await page.getByRole("button", { name: "Add No-op step" }).click();
  await waitSaved(page);

  consoleErrors.expect(/ERR_INTERNET_DISCONNECTED/);
  await context.setOffline(true);
  await page.getByRole("button", { name: "Add Code step" }).click();
  await expect(saveStatus(page)).toContainText("Not saved");
  await expect(saveStatus(page)).toContainText("retrying in");
  await context.setOffline(false);
  await waitSaved(page);

  await page.reload();
  await expect(node(page, "code_1", "code")).toBeVisible();
});

test("two people editing one draft: the second save is refused naming the first, and can overwrite", async ({ page, context, consoleErrors }) => {
  await openNewWorkflow(page, uniqueName("conflict"));
  await page.getByRole("button", { name: "Add No-op step" }).click();
  await waitSaved(page);

  const other = await context.newPage();
  await other.goto(page.url());
  await other.getByRole("button", { name: "Add Delay step" }).click();
  await waitSaved(other);

  consoleErrors.expect(/status of 409 \(Conflict\) .*workflows\.saveDraft/);
  await page.getByRole("button", { name: "Add Fail step" }).click();
  const conflict = page.getByRole("alert").filter({ hasText: "Your changes are not saved" });
  await expect(conflict).toContainText(/changed by E2E Owner at .+ — reload or overwrite/);
  await expect(saveStatus(page)).toHaveText("Not saved: conflict");

  await conflict.getByRole("button", { name: "Overwrite with mine" }).click();
  await waitSaved(page);
  await other.reload();
  await expect(node(other, "fail_1", "fail")).toBeVisible();
  await expect(node(other, "delay_1", "delay")).toHaveCount(0);
});
