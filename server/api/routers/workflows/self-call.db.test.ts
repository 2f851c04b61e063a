import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createWorkflowsTestKit, type WorkflowsTestKit } from "./workflows-test-kit";

// A workflow whose sub-workflow step calls that very workflow would start runs without end: the
// server knows which workflow a draft belongs to, so saving reports it and publishing refuses it.
let kit: WorkflowsTestKit;
let editor: Session;

beforeAll(async () => {
  kit = await createWorkflowsTestKit();
  editor = await kit.memberOf("editor");
});

afterAll(() => kit.testDb.cleanup());

const calling = (name: string, workflow: string) => ({
  format: "orka/v1",
  name,
  namespace: "ops",
  steps: [{ id: "again", type: "subworkflow", config: { workflow } }],
  edges: [],
});

describe("a draft that calls its own workflow", () => {
  it("is saved with the issue, shown by get, and refused by publish", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.workflows.create({ name: "loop", namespace: "ops" });
    const issue = { path: "steps[0].config.workflow", message: 'calls its own workflow "ops/loop": every run would start another, without end' };

    const saved = await caller.workflows.saveDraft({ workflowId: id, baseRevision: 0, draft: calling("loop", "ops/loop") });
    expect(saved.issues).toEqual([issue]);
    expect((await caller.workflows.get({ workflowId: id })).issues).toEqual([issue]);
    await expect(caller.workflows.publish({ workflowId: id, baseRevision: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const byId = await caller.workflows.saveDraft({ workflowId: id, baseRevision: 1, draft: calling("loop", id) });
    expect(byId.issues.map((found) => found.path)).toEqual(["steps[0].config.workflow"]);
  });

  it("is fine when it calls another workflow", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.workflows.create({ name: "caller", namespace: "ops" });
    const saved = await caller.workflows.saveDraft({ workflowId: id, baseRevision: 0, draft: calling("caller", "ops/loop") });
    expect(saved.issues).toEqual([]);
    await expect(caller.workflows.publish({ workflowId: id, baseRevision: 1 })).resolves.toMatchObject({ number: 1 });
  });

  it("is found by get once a rename makes the draft call its own workflow (a save's validation is not reused for it)", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.workflows.create({ name: "before", namespace: "ops" });
    await caller.workflows.saveDraft({ workflowId: id, baseRevision: 0, draft: calling("before", "ops/after") });
    expect((await caller.workflows.get({ workflowId: id })).issues).toEqual([]);
    await caller.workflows.rename({ workflowId: id, name: "after" });
    expect((await caller.workflows.get({ workflowId: id })).issues.map((issue) => issue.path)).toEqual(["steps[0].config.workflow"]);
  });
});
