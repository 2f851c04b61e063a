import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createWorkflowsTestKit, twoStepDefinition, type WorkflowsTestKit } from "./workflows-test-kit";

let kit: WorkflowsTestKit;
let owner: Session;
let editor: Session;
let viewer: Session;

beforeAll(async () => {
  kit = await createWorkflowsTestKit();
  owner = await kit.memberOf("owner");
  editor = await kit.joinTeamOf(owner, "editor");
  viewer = await kit.joinTeamOf(owner, "viewer");
});

afterAll(() => kit.testDb.cleanup());

describe("workflows.get", () => {
  it("describes a new workflow: its creator wrote the draft, nothing is published", async () => {
    const { id: workflowId } = await kit.callerFor(owner).workflows.create({ name: "fresh" });
    expect(await kit.callerFor(owner).workflows.get({ workflowId })).toEqual({
      id: workflowId,
      name: "fresh",
      namespace: "default",
      description: "",
      draft: { format: "orka/v1", name: "fresh", namespace: "default", steps: [], edges: [] },
      draftRevision: 0,
      draftUpdatedBy: { id: owner.user.id, name: owner.user.name },
      updatedAt: expect.any(Date),
      issues: [],
      latestVersion: null,
      draftIsPublished: false,
      canEdit: true,
      template: null,
    });
  });

  it("tells each caller whether they may edit", async () => {
    const { id: workflowId } = await kit.callerFor(owner).workflows.create({ name: "roles" });
    const canEdit = async (session: Session) => (await kit.callerFor(session).workflows.get({ workflowId })).canEdit;
    expect([await canEdit(owner), await canEdit(editor), await canEdit(viewer)]).toEqual([true, true, false]);
  });

  it("forgets the draft's author when their account is deleted, keeping the draft", async () => {
    const leaving = await kit.joinTeamOf(owner, "editor");
    const { id: workflowId } = await kit.callerFor(owner).workflows.create({ name: "orphaned" });
    await kit.callerFor(leaving).workflows.saveDraft({ workflowId, baseRevision: 0, draft: twoStepDefinition("orphaned") });
    await kit.testDb.db.user.delete({ where: { id: leaving.user.id } });
    expect(await kit.callerFor(owner).workflows.get({ workflowId })).toMatchObject({ draftRevision: 1, draftUpdatedBy: null, draft: twoStepDefinition("orphaned") });
    await expect(kit.callerFor(owner).workflows.saveDraft({ workflowId, baseRevision: 0, draft: {} })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^the draft was changed at \S+ \(revision 1\) — reload or overwrite$/),
    });
  });
});
