import { expect, test, type Page } from "./fixtures";
import { canvas, edge, node, openNewWorkflow, uniqueName, waitSaved } from "./designer-kit";

test.use({ viewport: { width: 1600, height: 900 } });

const dialog = (page: Page) => page.getByRole("dialog", { name: "Import and export" });

async function openTab(page: Page, tab: "Export" | "Import") {
  if (!(await dialog(page).isVisible())) await page.getByRole("button", { name: "Import / Export" }).click();
  await dialog(page).getByRole("tab", { name: tab }).click();
}

async function exportedText(page: Page, format: "JSON" | "YAML" = "JSON"): Promise<string> {
  await openTab(page, "Export");
  await dialog(page).getByRole("radio", { name: format }).check();
  const text = dialog(page).getByRole("textbox", { name: "Exported definition" });
  await expect(text).not.toHaveValue("Loading…");
  return text.inputValue();
}

async function importText(page: Page, text: string) {
  await openTab(page, "Import");
  await dialog(page).getByRole("textbox", { name: "Definition text" }).fill(text);
  await dialog(page).getByRole("button", { name: "Import", exact: true }).click();
}

test("export JSON and YAML, re-import, and export again byte for byte", async ({ page }) => {
  await openNewWorkflow(page, uniqueName("roundtrip"));
  await page.getByRole("button", { name: "Add No-op step" }).click();
  await page.getByRole("button", { name: "Add Code step" }).click();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(edge(page, "code_1", "noop_1")).toBeAttached();
  await waitSaved(page);

  const json = await exportedText(page);
  expect(JSON.parse(json)).toMatchObject({ format: "orka/v1", edges: [{ from: "code_1", to: "noop_1" }] });
  expect(await exportedText(page, "YAML")).toContain("format: orka/v1");

  await importText(page, json);
  await expect(dialog(page)).toBeHidden();
  await expect(node(page, "code_1", "code")).toBeVisible();
  expect(await exportedText(page)).toBe(json);
});

test("a malformed, oversized, unknown-type or cyclic import shows path-addressed errors and changes nothing", async ({ page }) => {
  test.setTimeout(60_000);
  await openNewWorkflow(page, uniqueName("bad_import"));
  await page.getByRole("button", { name: "Add No-op step" }).click();
  await page.getByRole("button", { name: "Add No-op step" }).click();
  await waitSaved(page);
  const good = JSON.parse(await exportedText(page)) as { steps: { id: string; type: string }[]; edges: unknown[] };
  const problems = dialog(page).getByRole("list", { name: "Import problems" });

  await importText(page, '{ "format": "orka/v1",\n  "steps": [ oops ] }');
  await expect(problems).toContainText(/line 2, column \d+/);

  await importText(page, JSON.stringify({ ...good, steps: [{ ...good.steps[0], type: "teleport" }, good.steps[1]] }));
  await expect(problems).toContainText("steps[0].type");
  await expect(problems).toContainText("teleport");

  const cyclic = { ...good, edges: [{ from: "noop_1", to: "noop_2" }, { from: "noop_2", to: "noop_1" }] };
  await importText(page, JSON.stringify(cyclic));
  await expect(problems).toContainText("cycle");

  await openTab(page, "Import");
  await dialog(page).getByLabel("Import file").setInputFiles({ name: "huge.json", mimeType: "application/json", buffer: Buffer.alloc(2_500_000, " ") });
  await expect(dialog(page).getByRole("alert")).toContainText("files over 2 MB are refused");

  const bloated = { ...good, description: "x".repeat(1_200_000) };
  await importText(page, JSON.stringify(bloated));
  await expect(dialog(page).getByRole("alert")).toContainText(/1\.2 MB; the limit is 1(\.0)? MB/);

  // Nothing was stored: the designer, reloaded, shows the two steps and no edge.
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(node(page, "noop_1", "noop")).toBeVisible();
  await expect(node(page, "noop_2", "noop")).toBeVisible();
  await expect(canvas(page).getByRole("group", { name: /^Edge / })).toHaveCount(0);
});
