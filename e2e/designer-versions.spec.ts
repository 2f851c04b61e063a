import { expect, test } from "./fixtures";
import { canvas, node, openNewWorkflow, uniqueName } from "./designer-kit";

test.use({ viewport: { width: 1600, height: 900 } });

test("publish versions, see them listed, compare two on the canvas, open one read-only and restore it", async ({ page }) => {
  test.setTimeout(90_000);
  await openNewWorkflow(page, uniqueName("versions"));
  await page.getByRole("button", { name: "Add No-op step" }).click();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText("Published version 1")).toBeVisible();
  await expect(page.getByText("Version 1", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Add Code step" }).click();
  await expect(page.getByText("Draft · last published v1")).toBeVisible();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText("Published version 2")).toBeVisible();

  await page.getByRole("tab", { name: "Versions" }).click();
  const versions = page.getByRole("list", { name: "Versions" });
  await expect(versions.getByRole("listitem")).toHaveCount(2);
  await expect(versions.getByRole("listitem").first()).toContainText("Version 2");
  await expect(versions.getByRole("listitem").first()).toContainText("Owner");

  // Compare 1 → 2: the list names the added step and the canvas marks it.
  await expect(page.getByRole("combobox", { name: "Compare from" })).toHaveValue("1");
  await expect(page.getByRole("combobox", { name: "Compare to" })).toHaveValue("2");
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  const changes = page.getByRole("region", { name: "Changes from version 1 to version 2" });
  await expect(changes.getByRole("list", { name: "Steps added" })).toContainText("code_1");
  await expect(node(page, "code_1", "code")).toContainText("added");
  await expect(node(page, "noop_1", "noop")).not.toContainText("added");
  await changes.getByRole("button", { name: "code_1" }).click();
  await expect(page.getByRole("complementary", { name: "Inspector" }).getByRole("textbox", { name: "Id", exact: true })).toHaveValue("code_1");
  await page.getByRole("button", { name: "Back to draft" }).click();

  // Version 1 read-only: no palette, no code step; restoring it makes it the draft, undoably.
  await page.getByRole("tab", { name: "Versions" }).click();
  await page.getByRole("button", { name: "Open version 1" }).click();
  await expect(page.getByText("Viewing version 1 (read-only)")).toBeVisible();
  await expect(node(page, "noop_1", "noop")).toBeVisible();
  await expect(node(page, "code_1", "code")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add No-op step" })).toHaveCount(0);
  await page.getByRole("button", { name: "Restore version 1" }).click();
  await page.getByRole("dialog", { name: /Restore version 1/ }).getByRole("button", { name: "Restore", exact: true }).click();
  await expect(page.getByText("Restored version 1 as the draft")).toBeVisible();
  await expect(node(page, "code_1", "code")).toHaveCount(0);
  await expect(node(page, "noop_1", "noop")).toBeVisible();
  await page.keyboard.press("Control+z");
  await expect(node(page, "code_1", "code")).toBeVisible();
  await expect(canvas(page)).toBeVisible();
});
