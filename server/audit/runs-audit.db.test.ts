import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createRunsTestKit, doublingDefinition, failingDefinition, gateDefinition, type RunsTestKit } from "@/server/api/routers/runs/runs-test-kit";
import { watchAudit, type AuditWatcher } from "./audit-test-kit";

let kit: RunsTestKit;
let editor: Session;
let viewer: Session;
let stranger: Session;
let audit: AuditWatcher;
const workflows = { doubling: "", failing: "", gate: "" };

beforeAll(async () => {
  kit = await createRunsTestKit();
  editor = await kit.memberOf("editor", "Operators");
  viewer = await kit.joinTeamOf(editor, "viewer");
  stranger = await kit.memberOf("owner", "Strangers");
  workflows.doubling = await kit.publishedWorkflow(editor, "doubling", doublingDefinition("doubling"));
  workflows.failing = await kit.publishedWorkflow(editor, "failing", failingDefinition);
  workflows.gate = await kit.publishedWorkflow(editor, "gate", gateDefinition);
  audit = await watchAudit(kit.testDb.db, editor.team.id);
});

afterAll(() => kit.cleanup());

beforeEach(async () => {
  await audit.fresh();
});

/** Starts a run as the editor and waits until it settles or waits; its own entry is read away. */
async function settledRun(name: keyof typeof workflows, input?: unknown): Promise<string> {
  const { runId } = await kit.callerFor(editor).runs.start({ workflowId: workflows[name], input });
  await kit.engine.waitForRun(runId);
  await audit.fresh();
  return runId;
}

const onRun = (runId: string, workflowName: string) => ({
  actorId: editor.user.id,
  actorName: editor.user.name,
  targetType: "run",
  targetId: runId,
  targetLabel: workflowName,
});

describe("run actions are recorded once, by the person, on the run", () => {
  it("start and rerun", async () => {
    const caller = kit.callerFor(editor);
    const { runId, version } = await caller.runs.start({ workflowId: workflows.doubling, input: { n: 1 } });
    expect(version).toBe(1);
    expect(await audit.fresh()).toEqual([
      { ...onRun(runId, "doubling"), action: "run.started", detail: { workflow: "doubling", workflowId: workflows.doubling, version: 1 } },
    ]);
    await kit.engine.waitForRun(runId);
    const again = await caller.runs.rerun({ runId });
    expect(await audit.fresh()).toEqual([
      { ...onRun(again.runId, "doubling"), action: "run.started", detail: { workflow: "doubling", workflowId: workflows.doubling, version: 1, rerunOf: runId } },
    ]);
    await kit.engine.waitForRun(again.runId);
  });

  it("retry and resolve a failed step, with the reason given", async () => {
    const caller = kit.callerFor(editor);
    const runId = await settledRun("failing");
    await caller.runs.retryStep({ runId, stepId: "boom", reason: "supplier is back" });
    await kit.engine.waitForRun(runId);
    expect(await audit.fresh()).toEqual([{ ...onRun(runId, "failing"), action: "run.step_retried", detail: { stepId: "boom", reason: "supplier is back" } }]);
    await caller.runs.resolveStep({ runId, stepId: "boom", output: { value: 1 } });
    await kit.engine.waitForRun(runId);
    expect(await audit.fresh()).toEqual([{ ...onRun(runId, "failing"), action: "run.step_resolved", detail: { stepId: "boom" } }]);
  });

  it("approve and reject an approval step, with the comment", async () => {
    const caller = kit.callerFor(editor);
    const approved = await settledRun("gate");
    await caller.runs.approveStep({ runId: approved, stepId: "gate", comment: "looks right" });
    expect(await audit.fresh()).toEqual([{ ...onRun(approved, "gate"), action: "run.step_approved", detail: { stepId: "gate", comment: "looks right" } }]);
    const rejected = await settledRun("gate");
    await caller.runs.rejectStep({ runId: rejected, stepId: "gate" });
    expect(await audit.fresh()).toEqual([{ ...onRun(rejected, "gate"), action: "run.step_rejected", detail: { stepId: "gate" } }]);
  });

  it("cancel", async () => {
    const runId = await settledRun("gate");
    await kit.callerFor(editor).runs.cancel({ runId, reason: "not needed" });
    expect(await audit.fresh()).toEqual([{ ...onRun(runId, "gate"), action: "run.cancelled", detail: { reason: "not needed" } }]);
  });

  it("bulk cancel and bulk retry: one entry per run acted on, none for skipped runs or a dry run", async () => {
    const caller = kit.callerFor(editor);
    const [first, second, done] = [await settledRun("gate"), await settledRun("gate"), await settledRun("doubling", { n: 2 })];
    await caller.runs.bulkCancel({ runIds: [first, second, done], dryRun: true });
    expect(await audit.fresh()).toEqual([]);
    await caller.runs.bulkCancel({ runIds: [first, second, done], dryRun: false, reason: "cleanup" });
    const cancelled = await audit.fresh();
    expect(cancelled.sort((a, b) => a.targetId!.localeCompare(b.targetId!))).toEqual(
      [first, second].sort().map((runId) => ({ ...onRun(runId, "gate"), action: "run.cancelled", detail: { bulk: true, reason: "cleanup" } })),
    );

    const failed = await settledRun("failing");
    await caller.runs.bulkRetry({ runIds: [failed, done], dryRun: false });
    expect(await audit.fresh()).toEqual([{ ...onRun(failed, "failing"), action: "run.step_retried", detail: { stepIds: ["boom"], bulk: true } }]);
    await kit.engine.waitForRun(failed);
  });
});

describe("refused run actions record nothing", () => {
  it("a viewer's attempts, another team's run, an input the schema refuses, a step in the wrong state", async () => {
    const runId = await settledRun("gate");
    const finished = await settledRun("doubling", { n: 3 });
    await expect(kit.callerFor(viewer).runs.start({ workflowId: workflows.doubling, input: { n: 1 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.callerFor(viewer).runs.cancel({ runId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.callerFor(viewer).runs.bulkCancel({ runIds: [runId], dryRun: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.callerFor(stranger).runs.cancel({ runId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(kit.callerFor(stranger).runs.rerun({ runId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const caller = kit.callerFor(editor);
    await expect(caller.runs.start({ workflowId: workflows.doubling, input: { n: "two" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.runs.cancel({ runId: finished })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.runs.retryStep({ runId: finished, stepId: "double" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.runs.approveStep({ runId: finished, stepId: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const bulk = await caller.runs.bulkRetry({ runIds: [finished, "missing"], dryRun: false });
    expect(bulk).toMatchObject({ done: [] });
    expect(await audit.fresh()).toEqual([]);
    expect(await kit.testDb.db.auditEvent.count({ where: { teamId: stranger.team.id } })).toBe(0);
    await caller.runs.cancel({ runId });
  });
});
