import { expect, test } from "./fixtures";
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

test("Run checks required fields and patterns before sending, and shows the server's refusal beside the field", async ({ page, consoleErrors }) => {
  test.setTimeout(60_000);
  await openNewWorkflow(page, uniqueName("run_checks"));
  await page.getByRole("button", { name: "Add No-op step" }).click();
  await page.keyboard.press("Escape");
  const settings = page.getByRole("complementary", { name: "Inspector" });
  await settings.getByRole("textbox", { name: "Input schema", exact: true }).fill(
    JSON.stringify({
      type: "object",
      required: ["email", "total"],
      properties: { email: { type: "string", title: "Email", pattern: "^[^@]+@[^@]+$" }, total: { type: "number", title: "Total" } },
    }),
  );
  await settings.getByRole("textbox", { name: "Output", exact: true }).fill("$input.email");
  const starts: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("runs.start")) starts.push(request.url());
  });

  await page.getByRole("button", { name: "Run", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Run workflow" });
  await dialog.getByRole("button", { name: "Publish and run" }).click();
  const email = dialog.getByRole("textbox", { name: /Email/ });
  const total = dialog.getByRole("spinbutton", { name: /Total/ }).or(dialog.getByRole("textbox", { name: /Total/ })).first();
  await expect(email).toBeVisible();

  // Nothing filled in: both required fields are marked and no run is requested.
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(email).toHaveAccessibleDescription(/required/);
  await expect(total).toHaveAccessibleDescription(/required/);
  await total.fill("21");
  await email.fill("not an address");
  await expect(total).not.toHaveAccessibleDescription(/required/);
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(email).toHaveAccessibleDescription(/must match pattern/);
  expect(starts).toEqual([]);

  // Raw JSON is sent as typed: the server refuses it (400), and its issue lands beside the field.
  consoleErrors.expect(/400 \(Bad Request\).*runs\.start/);
  await dialog.getByRole("button", { name: "Raw JSON" }).click();
  await dialog.getByRole("button", { name: "Start run" }).click();
  await expect(dialog.getByRole("alert")).toContainText("input.email: must match pattern");
  expect(starts).toHaveLength(1);
  await dialog.getByRole("button", { name: "Form" }).click();
  await expect(email).toHaveAccessibleDescription(/must match pattern/);

  await email.fill("ada@example.test");
  await dialog.getByRole("button", { name: "Start run" }).click();
  const result = dialog.getByRole("region", { name: "Run result" });
  await expect(result).toContainText("completed");
  await expect(result).toContainText("ada@example.test");
  expect(starts).toHaveLength(2);
});
