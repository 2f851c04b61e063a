import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { publishedWorkflow } from "./api-kit";
import { canvas, node } from "./designer-kit";

// The width the issue measured: palette and inspector side by side leave the canvas too narrow.
test.use({ viewport: { width: 1280, height: 800 } });

const order = {
  steps: [
    { id: "prepare", type: "code", name: "Prepare order", config: { source: "return { total: input.total ?? 0 }" }, position: { x: 0, y: 0 } },
    { id: "is_large", type: "condition", name: "Large order?", config: { expression: "$steps.prepare.total > 100" }, position: { x: 280, y: 0 } },
    { id: "approve", type: "approval", name: "Manager approval", config: { message: "Ship it?" }, position: { x: 560, y: -80 } },
    { id: "ship", type: "noop", name: "Ship", position: { x: 840, y: 0 } },
  ],
  edges: [
    { from: "prepare", to: "is_large" },
    { from: "is_large", to: "approve", branch: "true" },
    { from: "is_large", to: "ship", branch: "false" },
    { from: "approve", to: "ship", branch: "approved" },
  ],
};

test("the palette and the side panel collapse, and stay collapsed after a reload", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "layout", order);
  await page.goto(`/workflows/${workflowId}`);
  const palette = page.getByRole("navigation", { name: "Step palette" });
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await expect(palette).toBeVisible();
  await expect(inspector).toBeVisible();
  const before = (await canvas(page).boundingBox())!.width;

  await page.getByRole("button", { name: "Hide step palette" }).click();
  await page.getByRole("button", { name: "Hide side panel" }).click();
  await expect(palette).toBeHidden();
  await expect(inspector).toBeHidden();
  await expect(page.getByRole("button", { name: "Show step palette" })).toHaveAttribute("aria-expanded", "false");
  await expect.poll(async () => (await canvas(page).boundingBox())!.width).toBeGreaterThan(before + 400);

  await page.reload();
  await expect(node(page, "Prepare order", "code")).toBeVisible();
  await expect(palette).toBeHidden();
  await expect(inspector).toBeHidden();
  await page.getByRole("button", { name: "Show side panel" }).click();
  await page.getByRole("button", { name: "Show step palette" }).click();
  await expect(palette).toBeVisible();
  await expect(inspector).toBeVisible();
});

test("at 1280 px the header stays one line: the rarer actions wait in a More menu", async ({ page, request }) => {
  const workflowId = await publishedWorkflow(request, "toolbar", order);
  await page.goto(`/workflows/${workflowId}`);
  const lineHeight = async (name: string) => (await page.getByRole("button", { name, exact: true }).boundingBox())!.height;
  const run = await lineHeight("Run");
  expect(await lineHeight("Auto-layout")).toBeLessThanOrEqual(run);
  expect(await lineHeight("Zoom to fit")).toBeLessThanOrEqual(run);
  await expect(page.getByRole("button", { name: "Publish as template" })).toBeHidden();
  await page.getByRole("button", { name: "More" }).click();
  await page.getByRole("menu", { name: "More actions" }).getByRole("menuitem", { name: "Publish as template" }).click();
  await expect(page.getByRole("dialog", { name: "Publish as template" })).toBeVisible();
});

/** The inspector and the draft's check load after the canvas: a screenshot waits for both. */
async function settled(page: Page) {
  await expect(page.getByRole("complementary", { name: "Inspector" }).getByRole("heading", { name: "Workflow settings" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Problems" })).toContainText("No problems");
}

/** README screenshots are rewritten only when asked (`ORKA_E2E_SCREENSHOTS=1`): a test run leaves docs/ alone. */
const screenshotPath = (file: string, outputPath: (name: string) => string) => (process.env.ORKA_E2E_SCREENSHOTS === "1" ? `docs/${file}` : outputPath(file));

test("dark mode follows the switch (and the system by default); light and dark designer screenshots", async ({ page, request }, testInfo) => {
  const workflowId = await publishedWorkflow(request, "screenshot", order);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`/workflows/${workflowId}`);
  await expect(node(page, "Ship", "noop")).toBeVisible();
  await settled(page);
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/dark/);
  await page.screenshot({ path: screenshotPath("screenshot-designer-light.png", (name) => testInfo.outputPath(name)) });

  // "System theme" (the default) follows the system's preference.
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(html).toHaveClass(/dark/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html).not.toHaveClass(/dark/);

  // An explicit choice wins over the system and is kept on reload, applied before the first paint.
  await page.getByRole("combobox", { name: "Theme" }).selectOption("Dark");
  await expect(html).toHaveClass(/dark/);
  const background = await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await expect(node(page, "Ship", "noop")).toBeVisible();
  expect(await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor)).toBe(background);
  await settled(page);
  await page.screenshot({ path: screenshotPath("screenshot-designer-dark.png", (name) => testInfo.outputPath(name)) });
  await page.getByRole("combobox", { name: "Theme" }).selectOption("System theme");
  await expect(html).not.toHaveClass(/dark/);
});
