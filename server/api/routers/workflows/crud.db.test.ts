import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createWorkflowsTestKit, type WorkflowsTestKit } from "./workflows-test-kit";

let kit: WorkflowsTestKit;
let editor: Session;

beforeAll(async () => {
  kit = await createWorkflowsTestKit();
  editor = await kit.memberOf("editor");
});

afterAll(() => kit.testDb.cleanup());

describe("workflows.create and workflows.get", () => {
  it("creates a workflow with a minimal valid draft and reads it back", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.workflows.create({ name: "order_sync", namespace: "shop", description: "Syncs orders" });
    expect(await caller.workflows.get({ workflowId: id })).toMatchObject({
      id,
      name: "order_sync",
      namespace: "shop",
      description: "Syncs orders",
      draft: { format: "orka/v1", name: "order_sync", namespace: "shop", steps: [], edges: [] },
      draftRevision: 0,
      updatedAt: expect.any(Date),
      issues: [],
      latestVersion: null,
    });
  });

  it("reports the draft's validation issues", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.workflows.create({ name: "broken" });
    await caller.workflows.saveDraft({ workflowId: id, baseRevision: 0, draft: { format: "orka/v1", name: "broken", steps: [{ id: "a", type: "nope" }] } });
    const workflow = await caller.workflows.get({ workflowId: id });
    expect(workflow.issues).toEqual([{ path: "steps[0].type", message: expect.stringContaining('unknown step type "nope"') }]);
  });

  it("refuses names that are not snake_case or too long with BAD_REQUEST", async () => {
    const caller = kit.callerFor(editor);
    for (const name of ["", "Order Sync", "9lives", "x".repeat(101)])
      await expect(caller.workflows.create({ name })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.workflows.create({ name: 42 as unknown as string })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses a duplicate name in the same namespace with CONFLICT, but allows it in another", async () => {
    const caller = kit.callerFor(editor);
    await caller.workflows.create({ name: "nightly", namespace: "ops" });
    await expect(caller.workflows.create({ name: "nightly", namespace: "ops" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'a workflow named "nightly" already exists in namespace "ops"',
    });
    await expect(caller.workflows.create({ name: "nightly", namespace: "billing" })).resolves.toEqual({ id: expect.any(String) });
  });

  it("answers NOT_FOUND for an unknown id", async () => {
    await expect(kit.callerFor(editor).workflows.get({ workflowId: "missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("workflows.rename", () => {
  it("renames the workflow and the draft's name, moving the draft revision", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.workflows.create({ name: "old_name" });
    const renamed = await caller.workflows.rename({ workflowId: id, name: "new_name", description: "now described" });
    expect(renamed).toMatchObject({ name: "new_name", description: "now described", draftRevision: 1 });
    const workflow = await caller.workflows.get({ workflowId: id });
    expect(workflow).toMatchObject({ name: "new_name", description: "now described", draft: { name: "new_name" } });
  });

  it("refuses a name already taken with CONFLICT and a bad name with BAD_REQUEST", async () => {
    const caller = kit.callerFor(editor);
    await caller.workflows.create({ name: "taken" });
    const { id } = await caller.workflows.create({ name: "free" });
    await expect(caller.workflows.rename({ workflowId: id, name: "taken" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.workflows.rename({ workflowId: id, name: "Bad-Name" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await caller.workflows.get({ workflowId: id })).name).toBe("free");
  });
});

describe("workflows.duplicate", () => {
  it("copies the draft as <name>_copy, then _copy_2, without versions", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.workflows.create({ name: "report", description: "Weekly" });
    await caller.workflows.publish({ workflowId: id, baseRevision: 0 });
    const first = await caller.workflows.duplicate({ workflowId: id });
    const second = await caller.workflows.duplicate({ workflowId: id });
    expect([first.name, second.name]).toEqual(["report_copy", "report_copy_2"]);
    const copy = await caller.workflows.get({ workflowId: first.id });
    expect(copy).toMatchObject({ description: "Weekly", draft: { name: "report_copy", steps: [] }, latestVersion: null });
  });
});

describe("workflows.delete", () => {
  it("deletes the workflow and its versions", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.workflows.create({ name: "doomed" });
    await caller.workflows.publish({ workflowId: id, baseRevision: 0 });
    await expect(caller.workflows.delete({ workflowId: id })).resolves.toEqual({ id });
    await expect(caller.workflows.get({ workflowId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await kit.testDb.db.workflowVersion.count({ where: { workflowId: id } })).toBe(0);
    await expect(caller.workflows.delete({ workflowId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses with CONFLICT while runs use one of its versions", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.workflows.create({ name: "has_runs" });
    const { versionId } = await caller.workflows.publish({ workflowId: id, baseRevision: 0 });
    await kit.testDb.db.run.create({
      data: { id: crypto.randomUUID(), teamId: editor.team.id, workflowId: id, workflowVersionId: versionId, status: "completed", definition: "{}", input: "{}", createdAt: new Date(), updatedAt: new Date() },
    });
    await expect(caller.workflows.delete({ workflowId: id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.workflows.get({ workflowId: id })).resolves.toMatchObject({ name: "has_runs" });
  });
});
