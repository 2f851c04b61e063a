import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createWorkflowsTestKit, twoStepDefinition, type WorkflowsTestKit } from "@/server/api/routers/workflows/workflows-test-kit";
import { watchAudit, type AuditWatcher } from "./audit-test-kit";

let kit: WorkflowsTestKit;
let editor: Session;
let viewer: Session;
let stranger: Session;
let audit: AuditWatcher;

beforeAll(async () => {
  kit = await createWorkflowsTestKit();
  editor = await kit.memberOf("editor", "Audited");
  viewer = await kit.joinTeamOf(editor, "viewer");
  stranger = await kit.memberOf("owner", "Strangers");
  audit = await watchAudit(kit.testDb.db, editor.team.id);
});

afterAll(() => kit.testDb.cleanup());

// Each test reads only what it caused.
beforeEach(async () => {
  await audit.fresh();
});

const byEditor = () => ({ actorId: editor.user.id, actorName: editor.user.name });

describe("workflow actions are recorded once, by the person, with what they were about", () => {
  it("create", async () => {
    const { id } = await kit.callerFor(editor).workflows.create({ name: "checkout", namespace: "shop" });
    expect(await audit.fresh()).toEqual([
      { ...byEditor(), action: "workflow.created", targetType: "workflow", targetId: id, targetLabel: "checkout", detail: { namespace: "shop" } },
    ]);
  });

  it("duplicate: a creation that says what it copied", async () => {
    const caller = kit.callerFor(editor);
    const original = await caller.workflows.create({ name: "refunds" });
    await audit.fresh();
    const copy = await caller.workflows.duplicate({ workflowId: original.id });
    expect(await audit.fresh()).toEqual([
      {
        ...byEditor(),
        action: "workflow.created",
        targetType: "workflow",
        targetId: copy.id,
        targetLabel: "refunds_copy",
        detail: { namespace: "default", duplicatedFrom: { id: original.id, name: "refunds" } },
      },
    ]);
  });

  it("rename, import, publish, restore a version, delete", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.workflows.create({ name: "old_name" });
    await audit.fresh();
    const target = (label: string) => ({ ...byEditor(), targetType: "workflow", targetId: id, targetLabel: label });

    await caller.workflows.rename({ workflowId: id, name: "new_name" });
    expect(await audit.fresh()).toEqual([{ ...target("new_name"), action: "workflow.renamed", detail: { from: "old_name", to: "new_name" } }]);

    await caller.workflows.import({ workflowId: id, baseRevision: 1, text: JSON.stringify(twoStepDefinition("new_name")), format: "json" });
    expect(await audit.fresh()).toEqual([{ ...target("new_name"), action: "workflow.imported", detail: { format: "json", steps: 2 } }]);

    await caller.workflows.publish({ workflowId: id, baseRevision: 2 });
    // Publishing the same draft again is refused ("nothing changed since v1") and records nothing.
    await expect(caller.workflows.publish({ workflowId: id, baseRevision: 2 })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await audit.fresh()).toEqual([{ ...target("new_name"), action: "workflow.published", detail: { version: 1 } }]);

    // A plain draft save is not an audited action; restoring a version is.
    await caller.workflows.saveDraft({ workflowId: id, baseRevision: 2, draft: twoStepDefinition("edited") });
    expect(await audit.fresh()).toEqual([]);
    await caller.workflows.restoreVersion({ workflowId: id, number: 1, baseRevision: 3 });
    expect(await audit.fresh()).toEqual([{ ...target("new_name"), action: "workflow.version_restored", detail: { version: 1 } }]);

    await caller.workflows.delete({ workflowId: id });
    expect(await audit.fresh()).toEqual([{ ...target("new_name"), action: "workflow.deleted", detail: {} }]);
  });
});

describe("refused workflow actions record nothing", () => {
  it("a viewer's attempts (FORBIDDEN)", async () => {
    const { id } = await kit.callerFor(editor).workflows.create({ name: "viewers_cannot" });
    await audit.fresh();
    const caller = kit.callerFor(viewer);
    await expect(caller.workflows.create({ name: "mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.workflows.rename({ workflowId: id, name: "mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.workflows.duplicate({ workflowId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.workflows.delete({ workflowId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await audit.fresh()).toEqual([]);
  });

  it("invalid input, a taken name, a stale revision, an invalid draft, another team's workflow", async () => {
    const caller = kit.callerFor(editor);
    const { id } = await caller.workflows.create({ name: "guarded" });
    await caller.workflows.create({ name: "taken" });
    await audit.fresh();
    await expect(caller.workflows.create({ name: "Not Snake" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.workflows.create({ name: "taken" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.workflows.rename({ workflowId: id, name: "taken" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.workflows.publish({ workflowId: id, baseRevision: 7 })).rejects.toMatchObject({ code: "CONFLICT" });
    await caller.workflows.saveDraft({ workflowId: id, baseRevision: 0, draft: { format: "orka/v1", name: "guarded", steps: [{ id: "a", type: "nope" }] } });
    await expect(caller.workflows.publish({ workflowId: id, baseRevision: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.workflows.import({ workflowId: id, baseRevision: 1, text: "{ not json", format: "json" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.workflows.restoreVersion({ workflowId: id, number: 1, baseRevision: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(kit.callerFor(stranger).workflows.delete({ workflowId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(kit.callerFor(stranger).workflows.rename({ workflowId: id, name: "stolen" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await audit.fresh()).toEqual([]);
    expect(await kit.testDb.db.auditEvent.count({ where: { teamId: stranger.team.id } })).toBe(0);
  });
});
