import { expect, test } from "./fixtures";
import { e2eOwner } from "./accounts-kit";

test("a saved secret is listed by name only: its value never comes back to the browser, and the audit log says who saved it", async ({ page }) => {
  const name = `E2E_TOKEN_${Date.now().toString(36).toUpperCase()}`;
  const value = `s3cr3t-${crypto.randomUUID()}`;
  await page.goto("/settings/secrets");
  const form = page.getByRole("form", { name: "Save a secret" });
  await form.getByRole("textbox", { name: "Name" }).fill(name);
  await form.getByLabel("Value").fill(value);
  await form.getByRole("button", { name: "Save secret" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved ${name}.` })).toBeVisible();
  await expect(form.getByLabel("Value")).toHaveValue("");
  await expect(page.getByRole("table", { name: "Secrets" }).getByRole("rowheader", { name })).toBeVisible();

  // Everything the server sends to a fresh page: the HTML and every tRPC answer.
  const answers: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/api/trpc/")) answers.push(response.text().catch(() => ""));
  });
  await page.reload();
  await expect(page.getByRole("table", { name: "Secrets" }).getByRole("rowheader", { name })).toBeVisible();
  await expect(page.getByText(`$secrets.${name}`)).toBeVisible();
  expect(await page.content()).not.toContain(value);
  const bodies = await Promise.all(answers);
  expect(bodies.join("\n")).toContain(name);
  expect(bodies.join("\n")).not.toContain(value);

  await page.goto("/audit");
  await page.getByRole("combobox", { name: "Category" }).selectOption({ label: "Secrets" });
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.getByRole("row").filter({ hasText: `${e2eOwner.name} saved secret ${name}` })).toBeVisible();
  expect(await page.content()).not.toContain(value);
});
