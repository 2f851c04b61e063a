import { expect, type Locator, type Page } from "@playwright/test";

let counter = 0;
/** A workflow name no other test (or run of this test) uses. */
export function uniqueName(stem: string): string {
  counter += 1;
  return `e2e_${stem}_${Date.now().toString(36)}_${counter}`;
}

/** Creates a workflow from the home page and waits for its designer. */
export async function openNewWorkflow(page: Page, name: string): Promise<string> {
  await page.goto("/");
  await page.getByRole("button", { name: "New workflow" }).click();
  const dialog = page.getByRole("dialog", { name: "New workflow" });
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await dialog.getByRole("button", { name: "Create workflow" }).click();
  await page.waitForURL(/\/workflows\/[^/]+$/);
  await expect(canvas(page)).toBeVisible();
  return page.url().split("/").at(-1)!;
}

export const canvas = (page: Page) => page.getByRole("application", { name: "Workflow canvas" });
export const node = (page: Page, id: string, type: string) => canvas(page).getByRole("group", { name: `${id} (${type})`, exact: true });
export const edge = (page: Page, from: string, to: string, branch?: string) =>
  canvas(page).getByRole("group", { name: `Edge ${from} to ${to}${branch ? ` (${branch})` : ""}`, exact: true });
export const inspector = (page: Page) => page.getByRole("complementary", { name: "Inspector" });
export const saveStatus = (page: Page) => page.getByRole("status", { name: "Save status" });

/** Drags a palette entry onto the canvas at a point relative to the canvas' top-left corner. */
export async function dragStep(page: Page, label: string, at: { x: number; y: number }) {
  await page.getByRole("button", { name: `Add ${label} step` }).dragTo(canvas(page), { targetPosition: at });
}

/** Presses the mouse on one handle and releases it on another, in small steps like a person. */
export async function dragBetween(page: Page, from: Locator, to: Locator, { release = true } = {}) {
  await from.hover();
  await page.mouse.down();
  const box = (await to.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
  if (release) await page.mouse.up();
}

/** Selects a step by clicking it and renames its id in the inspector. */
export async function renameStep(page: Page, from: string, type: string, to: string) {
  await node(page, from, type).click();
  const id = inspector(page).getByRole("textbox", { name: "Id", exact: true });
  await id.fill(to);
  await id.press("Enter");
  await expect(node(page, to, type)).toBeVisible();
}

export async function waitSaved(page: Page) {
  await expect(saveStatus(page)).toHaveText("All changes saved");
}

/** Left edges of steps on screen, to compare layouts. */
export async function leftOf(locator: Locator): Promise<number> {
  return (await locator.boundingBox())!.x;
}
