import { expect, test } from "./fixtures";
import { publishedWorkflow, startRun } from "./api-kit";

/** Once aborted the whole server (a V8 fatal error), and again on every restart while the run was resumed. */
const stringDoubling = `($s := "x";${" $s := $s & $s;".repeat(27)} $count($split($s, "")))`;

test("an expression that aborts its evaluator process fails only its own run; the production server evaluates the rest", async ({ page, request }) => {
  const fatal = await publishedWorkflow(request, "fatal_output", { steps: [{ id: "a", type: "noop" }], edges: [], output: stringDoubling });
  const isolated = await publishedWorkflow(request, "isolated_output", {
    steps: [{ id: "a", type: "noop", config: { output: "$map([1, 2, 3], function($n) { $n * 2 })" } }],
    edges: [],
    output: "$join($steps.a.output.$string(), '-')",
  });
  const fatalRun = await startRun(request, fatal);
  const isolatedRun = await startRun(request, isolated);

  await page.goto(`/runs/${fatalRun}`);
  await expect(page.getByRole("status", { name: "Run status" })).toHaveText("failed");
  await expect(page.getByRole("region", { name: "Error" })).toContainText("permanent: output expression: expression exceeded its memory limit of 128 MB");

  await page.goto(`/runs/${isolatedRun}`);
  await expect(page.getByRole("status", { name: "Run status" })).toHaveText("completed");
  await expect(page.getByRole("region", { name: "Output" })).toContainText('"2-4-6"');
});
