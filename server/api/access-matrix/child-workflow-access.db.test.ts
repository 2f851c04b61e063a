import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createRunsTestKit, doublingDefinition, type RunsTestKit } from "@/server/api/routers/runs/runs-test-kit";

// Sub-workflow and map steps name their child by reference, resolved by the server in the
// parent run's team: another team's workflow is "not found" there, by id as by name.
let kit: RunsTestKit;
let outsider: Session;
let theirs: { id: string; name: string };

beforeAll(async () => {
  kit = await createRunsTestKit();
  const owner = await kit.memberOf("owner", "Team A");
  theirs = { id: await kit.publishedWorkflow(owner, "billing", doublingDefinition("billing")), name: "billing" };
  outsider = await kit.memberOf("owner", "Team B");
});

afterAll(() => kit.cleanup());

/** A workflow of the outsider's team whose one step calls `reference`. */
function calling(reference: string, type: "subworkflow" | "map") {
  const config = type === "map" ? { items: "[{ 'n': 1 }]", workflow: reference } : { workflow: reference, input: "{ 'n': 1 }" };
  return { format: "orka/v1", name: "caller", steps: [{ id: "child", type, config }], edges: [] };
}

describe("a child workflow of another team", () => {
  it.each([
    ["subworkflow", "id"],
    ["subworkflow", "name"],
    ["map", "id"],
  ] as const)("%s by %s: the step fails as not found, and nothing of the other team runs", async (type, by) => {
    const reference = by === "id" ? theirs.id : theirs.name;
    const caller = kit.callerFor(outsider);
    const workflowId = await kit.publishedWorkflow(outsider, `caller_${type}_${by}`, calling(reference, type));
    const { runId } = await caller.runs.start({ workflowId });
    const { run, steps } = await kit.engine.waitForRun(runId);
    expect(run.status).toBe("failed");
    expect(steps.find((step) => step.stepId === "child")!.error).toMatchObject({ message: expect.stringContaining(`workflow "${reference}" not found in this team`) });
    expect(await kit.testDb.db.run.count({ where: { workflowId: theirs.id } })).toBe(0);
  });
});
