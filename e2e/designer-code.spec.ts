import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { inspector, node, openNewWorkflow, uniqueName, waitSaved } from "./designer-kit";

test.use({ viewport: { width: 1600, height: 900 } });

test("a code step that does not parse is listed in Problems with its line and column, and Publish is disabled", async ({ page }) => {
  await openNewWorkflow(page, uniqueName("code_syntax"));
  await page.getByRole("button", { name: "Add Code step" }).click();
  await node(page, "code_1", "code").click();
  const source = inspector(page).getByRole("textbox", { name: "Source", exact: true });
  await replaceSource(source, "const total = input.total;\nreturn { paid: true ");

  const problems = page.getByRole("region", { name: "Problems" });
  await expect(problems).toContainText("1 problem");
  await expect(problems.getByRole("button", { name: "code_1 › source syntax error at line 2, column 21: Unexpected token" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeDisabled();

  await replaceSource(source, "const total = input.total;\nreturn { paid: true }");
  await expect(problems).toContainText("No problems");
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeEnabled();
});

test("undo in the code editor steps back through typing in small groups: a pause or a line break ends one", async ({ page }) => {
  await openNewWorkflow(page, uniqueName("code_undo"));
  await page.getByRole("button", { name: "Add Code step" }).click();
  await node(page, "code_1", "code").click();
  const source = inspector(page).getByRole("textbox", { name: "Source", exact: true });
  await source.fill("return 1;");
  await waitSaved(page);

  await source.press("End");
  await page.keyboard.type(" // one", { delay: 20 });
  await page.waitForTimeout(800);
  await page.keyboard.type(" two", { delay: 20 });
  await page.keyboard.press("Enter");
  await page.keyboard.type("three", { delay: 20 });

  // The line break started a group: "three" goes with it; then " two" alone (after the pause).
  await page.keyboard.press("Control+z");
  await expect(source).toHaveText("return 1; // one two");
  await page.keyboard.press("Control+z");
  await expect(source).toHaveText("return 1; // one");
  await page.keyboard.press("Control+z");
  await expect(source).toHaveText("return 1;");
  await page.keyboard.press("Control+Shift+z");
  await expect(source).toHaveText("return 1; // one");
});

/** The editor's whole text replaced through CodeMirror's own select-all: `fill` once inserted at the caret instead (CI). */
async function replaceSource(source: Locator, text: string) {
  await source.press("ControlOrMeta+a");
  await source.page().keyboard.insertText(text);
  await expect(source).toHaveText(text.replaceAll("\n", "")); // one element per line
}
