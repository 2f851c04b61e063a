import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createRunsTestKit, doublingDefinition, type RunsTestKit } from "./runs-test-kit";

let kit: RunsTestKit;
let editor: Session;

beforeAll(async () => {
  kit = await createRunsTestKit();
  editor = await kit.memberOf("editor");
});

afterAll(() => kit.cleanup());

describe("runs.get", () => {
  it("returns a completed run with its version, input, output and steps in the order they ran", async () => {
    const workflowId = await kit.publishedWorkflow(editor, "doubling", doublingDefinition("doubling"));
    const caller = kit.callerFor(editor);
    const { runId } = await caller.runs.start({ workflowId, input: { n: 4 } });
    await kit.engine.waitForRun(runId);
    expect(await caller.runs.get({ runId })).toEqual({
      id: runId,
      status: "completed",
      workflowId,
      workflowName: "doubling",
      definition: expect.objectContaining({ format: "orka/v1", steps: expect.any(Array) }),
      parentRunId: null,
      startedAt: expect.any(Date),
      finishedAt: expect.any(Date),
      children: [],
      canAct: true,
      test: false,
      version: 1,
      versions: [1],
      waiting: { run: null, steps: {} },
      input: { n: 4 },
      output: 9,
      error: null,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      steps: [
        { stepId: "double", status: "completed", attempt: 1, error: null },
        { stepId: "add_one", status: "completed", attempt: 1, error: null },
      ],
    });
  });

  it("lists the child runs of a map step with their item index and status", async () => {
    //   each (map over $input.items, inline child: noop)
    const mapping = {
      format: "orka/v1",
      name: "mapping",
      steps: [{ id: "each", type: "map", config: { items: "$input.items", definition: { format: "orka/v1", name: "child", steps: [{ id: "pass", type: "noop" }] } } }],
    };
    const workflowId = await kit.publishedWorkflow(editor, "mapping", mapping);
    const caller = kit.callerFor(editor);
    const { runId } = await caller.runs.start({ workflowId, input: { items: [1, 2, 3] } });
    await kit.engine.waitForRun(runId);
    const run = await caller.runs.get({ runId });
    expect(run.children.map(({ parentStepId, parentIndex, status }) => ({ parentStepId, parentIndex, status }))).toEqual([0, 1, 2].map((index) => ({ parentStepId: "each", parentIndex: index, status: "completed" })));
    const child = await caller.runs.get({ runId: run.children[0]!.id });
    expect(child).toMatchObject({ parentRunId: runId, status: "completed", children: [] });
  });

  it("returns a failed run with the run's and the step's error, and steps that never ran", async () => {
    //   boom ──▶ after
    const failing = {
      format: "orka/v1",
      name: "failing",
      steps: [
        { id: "boom", type: "fail", config: { message: "out of stock" } },
        { id: "after", type: "noop" },
      ],
      edges: [{ from: "boom", to: "after" }],
    };
    const workflowId = await kit.publishedWorkflow(editor, "failing", failing);
    const caller = kit.callerFor(editor);
    const { runId } = await caller.runs.start({ workflowId });
    await kit.engine.waitForRun(runId);
    const run = await caller.runs.get({ runId });
    expect(run).toMatchObject({ status: "failed", output: null, error: { kind: "permanent", message: expect.stringContaining("out of stock") } });
    expect(run.steps).toEqual([
      { stepId: "boom", status: "failed", attempt: 1, error: { kind: "permanent", message: expect.stringContaining("out of stock") } },
      { stepId: "after", status: "pending", attempt: 0, error: null },
    ]);
    expect(run.waiting.steps.after).toMatchObject({ kind: "blocked", stepIds: ["boom"] });
    expect(run.waiting.run).toMatchObject({ kind: "operator", stepIds: ["boom"] });
  });

  it("says why a waiting run waits: an approval and the role that may decide it", async () => {
    //   gate (approval) ──▶ after
    const gated = {
      format: "orka/v1",
      name: "gated",
      steps: [
        { id: "gate", type: "approval", config: { message: "Ship it?" } },
        { id: "after", type: "noop" },
      ],
      edges: [{ from: "gate", to: "after", branch: "approved" }],
    };
    const workflowId = await kit.publishedWorkflow(editor, "gated", gated);
    const caller = kit.callerFor(editor);
    const { runId } = await caller.runs.start({ workflowId });
    await kit.engine.waitForRun(runId);
    const { waiting } = await caller.runs.get({ runId });
    expect(waiting.steps.gate).toEqual({ kind: "approval", role: "editor", reason: "waits for an editor or owner of the team to approve or reject: “Ship it?”" });
    expect(waiting.run).toMatchObject({ kind: "approval", stepIds: ["gate"] });
  });

  it("answers NOT_FOUND for an unknown run", async () => {
    await expect(kit.callerFor(editor).runs.get({ runId: "no-such-run" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "run not found" });
  });
});
