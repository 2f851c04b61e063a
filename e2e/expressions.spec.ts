import { expect, test } from "./fixtures";
import { publishedWorkflow, startRun } from "./api-kit";

/** Once aborted the whole server (a V8 fatal error), and again on every restart while the run was resumed. */
const stringDoubling = `($s := "x";${" $s := $s & $s;".repeat(27)} $count($split($s, "")))`;
/**
 * V8 collects garbage for a while at the heap limit before it aborts; on a loaded machine the 1 s
 * watchdog can kill the child first. Either way one limit stopped it and only its run failed; the
 * memory message itself is pinned by engine/expressions/isolated/attacks.test.ts with a 10 s limit.
 */
const heapOrClockLimit = /output expression: expression exceeded its (memory limit of 128 MB|time limit of 1000 ms)/;

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
  await expect(page.getByRole("region", { name: "Error" })).toContainText(heapOrClockLimit);

  await page.goto(`/runs/${isolatedRun}`);
  await expect(page.getByRole("status", { name: "Run status" })).toHaveText("completed");
  await expect(page.getByRole("region", { name: "Output" })).toContainText('"2-4-6"');
});
