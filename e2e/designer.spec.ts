import { expect, test } from "./fixtures";
import { canvas, dragBetween, dragStep, edge, inspector, leftOf, node, openNewWorkflow, renameStep, uniqueName, waitSaved } from "./designer-kit";

// The designer is a desktop tool: a roomy window keeps dragged handles away from the canvas edge,
// where React Flow pans while connecting.
test.use({ viewport: { width: 1600, height: 900 } });

test("build the order workflow: drag from the palette, connect branches, configure, validate, undo, paste, lay out, reload", async ({ page }) => {
  test.setTimeout(120_000);
  await openNewWorkflow(page, uniqueName("order"));

  await dragStep(page, "Code", { x: 220, y: 260 });
  await dragStep(page, "Condition", { x: 500, y: 260 });
  await dragStep(page, "HTTP request", { x: 800, y: 140 });
  await dragStep(page, "No-op", { x: 800, y: 400 });
  await renameStep(page, "code_1", "code", "validate");
  await renameStep(page, "condition_1", "condition", "is_vip");
  await renameStep(page, "http_1", "http", "charge_vip");
  await renameStep(page, "noop_1", "noop", "charge_standard");

  // Connect the chain and both branches of the condition by dragging between handles.
  await dragBetween(page, page.getByLabel("Output of validate"), page.getByLabel("Input of is_vip"));
  await dragBetween(page, page.getByLabel("true branch of is_vip"), page.getByLabel("Input of charge_vip"));
  await dragBetween(page, page.getByLabel("false branch of is_vip"), page.getByLabel("Input of charge_standard"));
  await expect(edge(page, "validate", "is_vip")).toBeAttached();
  await expect(edge(page, "is_vip", "charge_vip", "true")).toBeAttached();
  await expect(edge(page, "is_vip", "charge_standard", "false")).toBeAttached();

  // A connection that would close a cycle is refused while dragging, with the reason.
  await dragBetween(page, page.getByLabel("Output of charge_vip"), page.getByLabel("Input of validate"), { release: false });
  await expect(page.getByRole("status").filter({ hasText: "Can’t connect: that would make a cycle" })).toBeVisible();
  await page.mouse.up();
  await expect(canvas(page).getByRole("group", { name: /^Edge / })).toHaveCount(3);

  // Configure in the inspector.
  await node(page, "validate", "code").click();
  await inspector(page).getByRole("textbox", { name: "Source", exact: true }).fill("return { ok: input.total > 0 }");
  await node(page, "is_vip", "condition").click();
  await inspector(page).getByRole("textbox", { name: "Expression", exact: true }).fill("$input.customer.tier = 'vip'");
  await node(page, "charge_vip", "http").click();
  await inspector(page).getByRole("combobox", { name: "Method", exact: true }).selectOption("POST");
  const url = inspector(page).getByRole("textbox", { name: "URL", exact: true });

  // An empty URL is a problem: the node is badged and the problem listed; fixing it clears both.
  await url.fill("");
  const charge = node(page, "charge_vip", "http");
  await expect(charge.getByRole("img", { name: "1 problem" })).toBeVisible();
  const problems = page.getByRole("region", { name: "Problems" });
  await expect(problems).toContainText("1 problem");
  await problems.getByRole("button", { name: /^charge_vip › url / }).click();
  await expect(url).toBeFocused();
  await url.fill("https://pay.example/vip/{{ $input.id }}");
  await expect(charge.getByRole("img", { name: /problem/ })).toHaveCount(0);
  await expect(problems).toContainText("No problems");

  // Undo and redo a deletion.
  await node(page, "charge_standard", "noop").click();
  await page.keyboard.press("Delete");
  await expect(node(page, "charge_standard", "noop")).toHaveCount(0);
  await expect(edge(page, "is_vip", "charge_standard", "false")).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(node(page, "charge_standard", "noop")).toBeVisible();
  await expect(edge(page, "is_vip", "charge_standard", "false")).toBeAttached();
  await page.keyboard.press("Control+Shift+z");
  await expect(node(page, "charge_standard", "noop")).toHaveCount(0);
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(node(page, "charge_standard", "noop")).toBeVisible();

  // Copy and paste: the copy gets a fresh id and is selected; then it is deleted again. Going to the
  // problem centred charge_vip at a readable zoom, which leaves validate out of view: bring it back.
  await page.getByRole("button", { name: "Zoom to fit" }).click();
  await node(page, "validate", "code").click();
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  const copy = node(page, "validate_1", "code");
  await expect(copy).toBeVisible();
  await expect(inspector(page).getByRole("textbox", { name: "Source", exact: true })).toHaveText("return { ok: input.total > 0 }");
  await page.keyboard.press("Delete");
  await expect(copy).toHaveCount(0);

  // Auto-layout puts each step right of the one before it and the branches in one column.
  await page.getByRole("button", { name: "Auto-layout", exact: true }).click();
  await expect(async () => {
    const validate = await leftOf(node(page, "validate", "code"));
    const isVip = await leftOf(node(page, "is_vip", "condition"));
    const vip = await leftOf(charge);
    const standard = await leftOf(node(page, "charge_standard", "noop"));
    expect(validate).toBeLessThan(isVip);
    expect(isVip).toBeLessThan(vip);
    expect(Math.abs(vip - standard)).toBeLessThan(1);
  }).toPass();
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+Shift+z");

  // Dragging a step is one undoable move.
  const validateNode = node(page, "validate", "code");
  const before = (await validateNode.boundingBox())!;
  await validateNode.hover();
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2 + 160, { steps: 10 });
  await page.mouse.up();
  await expect.poll(async () => (await validateNode.boundingBox())!.y).toBeGreaterThan(before.y + 100);
  await page.keyboard.press("Control+z");
  await expect.poll(async () => Math.round((await validateNode.boundingBox())!.y)).toBe(Math.round(before.y));

  // Shift-drag draws a selection box: both charge steps end up selected.
  const boxes = [(await charge.boundingBox())!, (await node(page, "charge_standard", "noop").boundingBox())!];
  await page.keyboard.down("Shift");
  await page.mouse.move(Math.min(...boxes.map((box) => box.x)) - 30, Math.min(...boxes.map((box) => box.y)) - 30);
  await page.mouse.down();
  await page.mouse.move(Math.max(...boxes.map((box) => box.x + box.width)) + 30, Math.max(...boxes.map((box) => box.y + box.height)) + 30, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up("Shift");
  await expect(inspector(page)).toContainText("2 steps selected");
  await expect(page.getByRole("button", { name: "Auto-layout selection" })).toBeVisible();

  // Everything is saved: a reload shows the same workflow.
  await waitSaved(page);
  await page.reload();
  for (const [id, type] of [["validate", "code"], ["is_vip", "condition"], ["charge_vip", "http"], ["charge_standard", "noop"]])
    await expect(node(page, id!, type!)).toBeVisible();
  await expect(edge(page, "is_vip", "charge_vip", "true")).toBeAttached();
  await expect(edge(page, "is_vip", "charge_standard", "false")).toBeAttached();
  await node(page, "charge_vip", "http").click();
  await expect(inspector(page).getByRole("textbox", { name: "URL", exact: true })).toHaveText("https://pay.example/vip/{{ $input.id }}");
  await expect(inspector(page).getByRole("combobox", { name: "Method", exact: true })).toHaveValue("POST");
  await expect(page.getByRole("region", { name: "Problems" })).toContainText("No problems");
});

test("keyboard only: add two steps from the palette and connect them", async ({ page }) => {
  await openNewWorkflow(page, uniqueName("keyboard"));
  const addNoop = page.getByRole("button", { name: "Add No-op step" });
  await addNoop.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(node(page, "noop_1", "noop")).toBeVisible();
  await expect(node(page, "noop_2", "noop")).toBeVisible();

  // The step added last is selected; its connections form is reachable with Tab.
  const connectTo = page.getByRole("combobox", { name: "Connect to" });
  await connectTo.focus();
  await page.keyboard.press("ArrowDown");
  await expect(connectTo).toHaveValue("noop_1");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Connect", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(edge(page, "noop_2", "noop_1")).toBeAttached();
  await expect(page.getByRole("list", { name: "Outgoing connections" })).toContainText("noop_1");

  // Connecting back would make a cycle: refused with the reason, nothing added.
  await node(page, "noop_1", "noop").focus();
  await page.keyboard.press("Enter");
  await connectTo.focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "that would make a cycle" })).toBeVisible();
  await expect(canvas(page).getByRole("group", { name: /^Edge / })).toHaveCount(1);
  await waitSaved(page);
});
