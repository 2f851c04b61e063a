import { expect, test } from "./fixtures";
import { ownerState } from "./accounts-kit";

const exampleNames = ["user_onboarding", "checkout", "etl", "incident_response", "fan_out_report"];

test("the home page lists the seeded examples and the search box filters them", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Orka" })).toBeVisible();
  const workflows = page.getByRole("list", { name: "Workflows" });
  // Other specs add workflows to this server while this one runs: assert the examples, not a total.
  for (const name of exampleNames) await expect(workflows.getByRole("article", { name })).toBeVisible();

  const search = page.getByRole("searchbox", { name: "Search workflows" });
  await search.fill("ONBOARD");
  await expect(workflows.getByRole("article")).toHaveCount(1);
  await expect(workflows.getByRole("article", { name: "user_onboarding" })).toBeVisible();

  await search.fill("operator");
  await expect(workflows.getByRole("article", { name: "incident_response" })).toBeVisible();
  await expect(workflows.getByRole("article")).toHaveCount(1);

  await search.fill("no workflow is called this");
  await expect(page.getByRole("heading", { name: "No matching workflows" })).toBeVisible();

  await search.fill("");
  for (const name of exampleNames) await expect(workflows.getByRole("article", { name })).toBeVisible();
});

test.describe("a team without workflows", () => {
  test.use({ baseURL: process.env.ORKA_E2E_EMPTY_URL, storageState: ownerState("empty") });

  test("shows the empty state", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "No workflows yet" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Workflows" })).toHaveCount(0);
    await expect(page.getByRole("searchbox", { name: "Search workflows" })).toBeVisible();
  });
});
