import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createRunsTestKit, doublingDefinition, type RunsTestKit } from "./runs-test-kit";

let kit: RunsTestKit;
let editor: Session;
let viewer: Session;

//  v1: fetch ──▶ broken (fails)         v2: fetch ──▶ repaired ──▶ report
const v1 = {
  format: "orka/v1",
  name: "orders",
  steps: [
    { id: "fetch", type: "code", config: { source: "return { items: [1, 2, 3], token: Math.random() }" } },
    { id: "broken", type: "fail", config: { message: "bug in v1" } },
  ],
  edges: [{ from: "fetch", to: "broken" }],
};
const v2 = {
  format: "orka/v1",
  name: "orders",
  steps: [
    { id: "fetch", type: "code", config: { source: "return { items: [], token: 0 }" } },
    { id: "repaired", type: "code", config: { source: "return steps.fetch.output.items.length" } },
    { id: "report", type: "noop", config: { output: "$steps.repaired.output * 10" } },
  ],
  edges: [
    { from: "fetch", to: "repaired" },
    { from: "repaired", to: "report" },
  ],
  output: "$steps.report.output",
};

beforeAll(async () => {
  kit = await createRunsTestKit();
  editor = await kit.memberOf("editor", "Ours");
  viewer = await kit.joinTeamOf(editor, "viewer");
});
afterAll(() => kit.cleanup());

/** A workflow with v1 published, a run of it failed, then v2 published. */
async function failedRunThenFix(name: string) {
  const caller = kit.callerFor(editor);
  const workflowId = await kit.publishedWorkflow(editor, name, v1);
  const { runId } = await caller.runs.start({ workflowId });
  await kit.engine.waitForRun(runId);
  await caller.workflows.saveDraft({ workflowId, baseRevision: 1, draft: v2 });
  await caller.workflows.publish({ workflowId, baseRevision: 2 });
  return { workflowId, runId };
}

describe("runs.redrive", () => {
  it("previews, then continues the failed run on the latest version with the earlier outputs", async () => {
    const { runId } = await failedRunThenFix("orders");
    const before = await kit.testDb.db.stepRun.findUniqueOrThrow({ where: { runId_stepId: { runId, stepId: "fetch" } }, select: { output: true } });

    const plan = { kept: ["fetch"], rerun: [], added: ["repaired", "report"], removed: ["broken"] };
    expect(await kit.callerFor(viewer).runs.redrivePreview({ runId })).toEqual({ version: 2, runStatus: "failed", plan });
    await expect(kit.callerFor(viewer).runs.redrive({ runId })).rejects.toMatchObject({ code: "FORBIDDEN" });

    expect(await kit.callerFor(editor).runs.redrive({ runId, reason: "fixed the bug" })).toEqual({ redriven: true, version: 2, plan });
    const done = await kit.engine.waitForRun(runId);
    expect(done.run.status).toBe("completed");
    expect(done.run.output).toBe(30); // v1's fetch output (3 items), kept: v2's would give 0
    const after = await kit.testDb.db.stepRun.findUniqueOrThrow({ where: { runId_stepId: { runId, stepId: "fetch" } }, select: { output: true } });
    expect(after.output).toBe(before.output);

    const detail = await kit.callerFor(viewer).runs.get({ runId });
    expect(detail.version).toBe(2);
    expect(detail.versions).toEqual([1, 2]);
    expect(detail.steps.map((step) => step.stepId)).not.toContain("broken");

    // Asked again (a lost answer): nothing changes.
    expect(await kit.callerFor(editor).runs.redrive({ runId })).toMatchObject({ redriven: false, version: 2 });
  });

  it("refuses a run that did not fail, and a version that does not exist", async () => {
    const caller = kit.callerFor(editor);
    const workflowId = await kit.publishedWorkflow(editor, "doubling", doublingDefinition("doubling"));
    const { runId } = await caller.runs.start({ workflowId, input: { n: 1 } });
    await kit.engine.waitForRun(runId);
    await expect(caller.runs.redrive({ runId })).rejects.toMatchObject({ code: "CONFLICT", message: "run is completed; only a failed or cancelled run can be redriven" });
    const failed = await failedRunThenFix("orders_2");
    await expect(caller.runs.redrive({ runId: failed.runId, version: 9 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("bulk: redrives failed runs on their workflow's latest version and reports the others", async () => {
    const { runId, workflowId } = await failedRunThenFix("orders_bulk");
    const { runId: second } = await kit.callerFor(editor).runs.start({ workflowId });
    const completed = (await kit.engine.waitForRun(second)).run;
    expect(completed.status).toBe("completed");
    expect(await kit.callerFor(editor).runs.bulkRedrive({ runIds: [runId, second], dryRun: true })).toEqual({
      dryRun: true,
      eligible: [runId],
      ineligible: [{ runId: second, reason: "not failed or cancelled (completed)" }],
    });
    expect(await kit.callerFor(editor).runs.bulkRedrive({ runIds: [runId, second], dryRun: false })).toEqual({
      dryRun: false,
      done: [runId],
      failed: [],
      skipped: [{ runId: second, reason: "not failed or cancelled (completed)" }],
    });
    expect((await kit.engine.waitForRun(runId)).run.status).toBe("completed");
  });
});
