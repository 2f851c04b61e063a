import { expect, test, type Page } from "./fixtures";
import { getViewportForBounds } from "@xyflow/react";
import { generateGraph } from "../bench/canvas/graph";
import { stepNodeHandles, stepNodeHeight, stepNodeWidth } from "../components/canvas/nodes/step-node-geometry";
import { hasErrorHandle } from "../components/canvas/step-branches";
import { trpc } from "./api-kit";
import { canvas, inspector, node, uniqueName } from "./designer-kit";

test.use({ viewport: { width: 1600, height: 900 } });

async function workflowWith(page: Page, definition: Record<string, unknown>): Promise<string> {
  const name = uniqueName("canvas");
  const { id } = await trpc<{ id: string }>(page.request, "workflows.create", { name });
  await trpc(page.request, "workflows.saveDraft", { workflowId: id, baseRevision: 0, draft: { format: "orka/v1", name, namespace: "default", ...definition } });
  return id;
}

test("every step is drawn at the size and with the handles its React Flow node declares", async ({ page }) => {
  const cases = ["a", "b", "c", "d"];
  const switchCases = cases.map((label) => ({ label, expression: `$input.kind = '${label}'` }));
  await page.goto(
    `/workflows/${await workflowWith(page, {
      steps: [
        { id: "plain", type: "noop", config: {}, position: { x: 0, y: 0 } },
        { id: "named", type: "noop", name: "A step with a long display name that is cut", config: {}, position: { x: 0, y: 200 } },
        { id: "check", type: "condition", config: { expression: "true" }, position: { x: 300, y: 0 } },
        { id: "route", type: "switch", config: { cases: switchCases }, position: { x: 300, y: 200 } },
      ],
      edges: [],
    })}`,
  );
  // By the label a node carries (its display name, else its id).
  const expected: Record<string, { type: string; branches: string[] | null }> = {
    plain: { type: "noop", branches: null },
    "A step with a long display name that is cut": { type: "noop", branches: null },
    check: { type: "condition", branches: ["true", "false"] },
    route: { type: "switch", branches: [...cases, "default"] },
  };
  for (const [id, { type, branches }] of Object.entries(expected)) {
    const step = node(page, id, type);
    await expect(step).toBeVisible();
    // In flow units at the current zoom, as React Flow measures them.
    const drawn = await step.evaluate((element) => {
      const zoom = element.getBoundingClientRect().width / (element as HTMLElement).offsetWidth;
      const box = element.getBoundingClientRect();
      const handles = [...element.querySelectorAll<HTMLElement>("[data-handleid], [data-handlepos]")].map((handle) => {
        const rect = handle.getBoundingClientRect();
        return { id: handle.dataset.handleid || null, x: (rect.left - box.left) / zoom, y: (rect.top - box.top) / zoom, width: rect.width / zoom, height: rect.height / zoom };
      });
      return { width: box.width / zoom, height: box.height / zoom, handles };
    });
    expect(drawn.width, id).toBeCloseTo(stepNodeWidth, 0);
    expect(drawn.height, id).toBeCloseTo(stepNodeHeight(branches), 0);
    const declared = stepNodeHandles(branches, { errorHandle: hasErrorHandle({ type }) });
    expect(drawn.handles, id).toHaveLength(declared.length);
    for (const handle of declared) {
      const match = drawn.handles.find((one) => one.id === (handle.id ?? null) && Math.abs(one.x - handle.x) < 1);
      expect(match, `${id}: handle ${handle.type} ${handle.id ?? ""} at ${handle.x},${handle.y}; drawn ${JSON.stringify(drawn.handles)}`).toBeDefined();
      expect(match!.y, `${id} handle ${handle.id}`).toBeCloseTo(handle.y, 0);
      expect(match!.width).toBeCloseTo(handle.width!, 0);
    }
  }
});

test("a large workflow zoomed out is drawn on one canvas, and clicking a step there selects it", async ({ page }) => {
  test.setTimeout(90_000);
  const graph = generateGraph(300);
  await page.goto(`/workflows/${await workflowWith(page, { steps: graph.definition.steps, edges: graph.definition.edges })}`);
  // Opened at half size: steps are DOM nodes, and only those in view are mounted.
  const steps = canvas(page).getByRole("group", { name: /\((noop|code|condition)\)$/ });
  await expect(steps.first()).toBeVisible();
  const mounted = await steps.count();
  expect(mounted).toBeLessThan(150);
  const overview = page.getByRole("img", { name: "Overview of 300 steps: zoom in to edit them" });
  await expect(overview).toHaveCount(0);

  await page.getByRole("button", { name: "Zoom to fit" }).click();
  await expect(overview).toBeVisible();
  await expect(steps).toHaveCount(0);

  // Where "Zoom to fit" put the steps: React Flow's own fit of their declared boxes.
  const pane = (await canvas(page).boundingBox())!;
  const right = Math.max(...graph.definition.steps.map((step) => step.position.x)) + stepNodeWidth;
  const bottom = Math.max(...graph.definition.steps.map((step) => step.position.y + stepNodeHeight(step.type === "condition" ? ["true", "false"] : null)));
  const view = getViewportForBounds({ x: 0, y: 0, width: right, height: bottom }, pane.width, pane.height, 0.05, 1, 0.2);
  const target = graph.definition.steps.find((step) => step.id === "s40")!;
  await page.mouse.click(pane.x + view.x + (target.position.x + stepNodeWidth / 2) * view.zoom, pane.y + view.y + (target.position.y + 29) * view.zoom);
  await expect(inspector(page).getByRole("textbox", { name: "Id", exact: true })).toHaveValue("s40");

  // Zoomed back in, the steps are DOM nodes again.
  for (let click = 0; click < 10; click++) await page.getByRole("button", { name: "Zoom in" }).click();
  await expect(overview).toHaveCount(0);
  await expect(steps.first()).toBeVisible();
});

test("the designer's first view comes with the page, drawn where the browser shows it once its code runs", async ({ page, browser }) => {
  const id = await workflowWith(page, {
    steps: [
      { id: "first", type: "noop", config: {}, position: { x: 0, y: 0 } },
      { id: "second", type: "noop", name: "Second step", config: {}, position: { x: 300, y: 120 } },
    ],
    edges: [{ from: "first", to: "second" }],
  });
  // In the browser: the canvas can be used, and remembers its size for the server's next first view.
  await page.goto(`/workflows/${id}`);
  const second = node(page, "Second step", "noop");
  await expect(second).toBeVisible();
  await expect(canvas(page)).not.toHaveAttribute("aria-busy", "true");
  const shown = (await second.boundingBox())!;
  const state = await page.context().storageState();
  expect(state.cookies.map((cookie) => cookie.name)).toContain("orka-canvas-pane");

  // Without JavaScript, only the server's HTML: the same steps and edge, at the same place, in a
  // designer that cannot be used yet (inert, the canvas named as loading).
  const noScript = await browser.newContext({ storageState: state, javaScriptEnabled: false, viewport: { width: 1600, height: 900 } });
  try {
    const html = await noScript.newPage();
    await html.goto(`/workflows/${id}`);
    const loading = html.getByRole("application", { name: "Loading the workflow" });
    await expect(loading).toHaveAttribute("aria-busy", "true");
    const drawn = html.locator('[role="group"][aria-label="Second step (noop)"]');
    await expect(drawn).toBeVisible();
    await expect(html.locator('[role="group"][aria-label="first (noop)"]')).toBeVisible();
    await expect(html.locator('[role="group"][aria-label="Edge first to second"]')).toHaveCount(1);
    await expect(html.getByText("Opening the designer…")).toHaveCount(0);
    const box = (await drawn.boundingBox())!;
    expect(box.x).toBeCloseTo(shown.x, 0);
    expect(box.y).toBeCloseTo(shown.y, 0);
    expect(box.width).toBeCloseTo(shown.width, 0);
  } finally {
    await noScript.close();
  }
});
