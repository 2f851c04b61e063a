import { expect, test, type Page } from "./fixtures";

// Other specs share this server and run at the same time: every workflow made here has a name no
// other test uses, and assertions look only at those. Digits only after "e2e_", so no name here
// contains an example's name ("etl", "checkout", …) that home.spec.ts finds by substring.
function uniqueBase(): string {
  return `e2e_${Date.now()}_${Math.floor(Math.random() * 1_000_000)}`;
}

const workflowList = (page: Page) => page.getByRole("list", { name: "Workflows" });
const card = (page: Page, name: string) => workflowList(page).getByRole("article", { name, exact: true });

/** Creates a workflow through the "New workflow" dialog and returns its id, read from the designer URL. */
async function createWorkflow(page: Page, name: string, description = ""): Promise<string> {
  await page.getByRole("button", { name: "New workflow" }).click();
  const dialog = page.getByRole("dialog", { name: "New workflow" });
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await expect(dialog.getByRole("textbox", { name: "Namespace" })).toHaveValue("default");
  if (description) await dialog.getByRole("textbox", { name: "Description" }).fill(description);
  await dialog.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/[^/?#]+$/);
  return new URL(page.url()).pathname.split("/").at(-1) ?? "";
}

async function deleteWorkflow(page: Page, name: string) {
  await card(page, name).getByRole("button", { name: `Delete ${name}`, exact: true }).click();
  await page.getByRole("dialog", { name: `Delete ${name}?` }).getByRole("button", { name: "Delete workflow" }).click();
  await expect(card(page, name)).toHaveCount(0);
}

test("create, rename, duplicate, sort, search and delete a workflow", async ({ page }) => {
  const base = uniqueBase();
  const draft = `${base}_draft`;
  const orders = `${base}_orders`;
  const copy = `${base}_orders_copy`;

  await page.goto("/");
  const id = await createWorkflow(page, draft);

  await page.goto("/");
  await expect(card(page, draft).getByRole("link", { name: draft })).toHaveAttribute("href", `/workflows/${id}`);
  await expect(card(page, draft)).toContainText("default");
  await expect(card(page, draft)).toContainText("No runs yet");
  await expect(card(page, draft)).toContainText(/Created .+/);
  await expect(card(page, draft)).toContainText(/Updated .+/);

  await test.step("rename, with the current values prefilled", async () => {
    await card(page, draft).getByRole("button", { name: `Rename ${draft}`, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Rename ${draft}` });
    const nameBox = dialog.getByRole("textbox", { name: "Name", exact: true });
    await expect(nameBox).toHaveValue(draft);
    await nameBox.fill(orders);
    await dialog.getByRole("textbox", { name: "Description" }).fill("Routes incoming orders");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    await expect(card(page, orders)).toContainText("Routes incoming orders");
    await expect(card(page, draft)).toHaveCount(0);
    await expect(card(page, orders).getByRole("link", { name: orders })).toHaveAttribute("href", `/workflows/${id}`);
  });

  await test.step("duplicate", async () => {
    await card(page, orders).getByRole("button", { name: `Duplicate ${orders}`, exact: true }).click();
    await expect(card(page, copy)).toBeVisible();
    await expect(card(page, copy)).toContainText("Routes incoming orders");
    await expect(page.getByRole("status")).toContainText(`Duplicated ${orders} as ${copy}.`);
  });

  await test.step("sort: the copy is newer, but the original comes first by name", async () => {
    const ours = workflowList(page).getByRole("heading", { level: 2 }).filter({ hasText: base });
    const sort = page.getByRole("combobox", { name: "Sort by" });
    await expect(sort).toHaveValue("updated");
    await expect(ours).toHaveText([copy, orders]);
    await sort.selectOption({ label: "Name" });
    await expect(ours).toHaveText([orders, copy]);
    await sort.selectOption({ label: "Created" });
    await expect(ours).toHaveText([copy, orders]);
    await sort.selectOption({ label: "Last updated" });
  });

  await test.step("search", async () => {
    const search = page.getByRole("searchbox", { name: "Search workflows" });
    await search.fill(base.toUpperCase());
    await expect(workflowList(page).getByRole("article")).toHaveCount(2);
    await search.fill(copy);
    await expect(workflowList(page).getByRole("article")).toHaveCount(1);
    await expect(card(page, copy)).toBeVisible();
    await search.fill("");
  });

  await test.step("delete asks first; only its confirm button deletes", async () => {
    await card(page, copy).getByRole("button", { name: `Delete ${copy}`, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${copy}?` });
    await expect(dialog).toContainText("draft");
    await expect(dialog).toContainText("published version");
    await expect(dialog).toContainText("runs");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(card(page, copy)).toBeVisible();

    await card(page, copy).getByRole("button", { name: `Delete ${copy}`, exact: true }).click();
    await dialog.getByRole("button", { name: "Delete workflow" }).click();
    await expect(dialog).toBeHidden();
    await expect(card(page, copy)).toHaveCount(0);
    await expect(page.getByRole("status")).toContainText(`Deleted ${copy}.`);
    await expect(card(page, orders)).toBeVisible();
  });

  // Leave the shared server as we found it.
  await deleteWorkflow(page, orders);
});

test("creating a workflow with a taken or invalid name shows why and creates nothing", async ({ page, consoleErrors }) => {
  const taken = `${uniqueBase()}_taken`;
  await page.goto("/");
  await createWorkflow(page, taken);
  await page.goto("/");
  await expect(card(page, taken)).toBeVisible();

  await page.getByRole("button", { name: "New workflow" }).click();
  const dialog = page.getByRole("dialog", { name: "New workflow" });
  const nameBox = dialog.getByRole("textbox", { name: "Name", exact: true });

  // An invalid name is refused in the browser, before any request; a taken one only the server knows.
  const creates: string[] = [];
  page.on("request", (request) => void (request.url().includes("workflows.create") && creates.push(request.url())));
  await nameBox.fill("Not Snake Case");
  await dialog.getByRole("button", { name: "Create workflow" }).click();
  await expect(nameBox).toHaveAttribute("aria-invalid", "true");
  await expect(nameBox).toHaveAccessibleDescription(/starting with a letter/);
  expect(creates).toEqual([]);

  consoleErrors.expect(/status of 409 \(Conflict\) .*workflows\.create/);
  await nameBox.fill(taken);
  await dialog.getByRole("button", { name: "Create workflow" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(`A workflow named "${taken}" already exists in namespace "default"`);
  await expect(page).toHaveURL(/\/$/);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("searchbox", { name: "Search workflows" }).fill(taken);
  await expect(workflowList(page).getByRole("article")).toHaveCount(1);

  await deleteWorkflow(page, taken);
  await expect(page.getByRole("heading", { name: "No matching workflows" })).toBeVisible();
});
