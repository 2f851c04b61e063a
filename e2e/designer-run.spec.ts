import { expect, test } from "@playwright/test";
import { openNewWorkflow, uniqueName } from "./designer-kit";

test.use({ viewport: { width: 1600, height: 900 } });

test("Run asks to publish first, builds a form from the input schema, and shows the run's output", async ({ page }) => {
  test.setTimeout(60_000);
  await openNewWorkflow(page, uniqueName("run"));
  await page.getByRole("button", { name: "Add No-op step" }).click();
  await page.keyboard.press("Escape"); // nothing selected: the inspector shows the workflow's settings

  const settings = page.getByRole("complementary", { name: "Inspector" });
  await settings.getByRole("textbox", { name: "Input schema", exact: true }).fill(
    JSON.stringify({ type: "object", required: ["total"], properties: { total: { type: "number", title: "Total" } } }),
  );
  await settings.getByRole("textbox", { name: "Output", exact: true }).fill("{ 'doubled': $input.total * 2 }");

  await page.getByRole("button", { name: "Run", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Run workflow" });
  await expect(dialog).toContainText("has not been published yet");
  await dialog.getByRole("button", { name: "Publish and run" }).click();

  await dialog.getByRole("spinbutton", { name: /Total/ }).or(dialog.getByRole("textbox", { name: /Total/ })).first().fill("21");
  await dialog.getByRole("button", { name: "Start run" }).click();
  const result = dialog.getByRole("region", { name: "Run result" });
  await expect(result).toContainText("completed");
  await expect(result).toContainText('"doubled": 42');
  await expect(page.getByText("Version 1", { exact: true })).toBeVisible();
});
