import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "@/engine/definition";
import type { Session } from "@/server/auth";
import { createWorkflowsTestKit, twoStepDefinition, type WorkflowsTestKit } from "./workflows-test-kit";

let kit: WorkflowsTestKit;
let editor: Session;
/** A second editor of the same team. */
let ada: Session;
let outsider: Session;

beforeAll(async () => {
  kit = await createWorkflowsTestKit();
  editor = await kit.memberOf("editor");
  ada = await kit.joinTeamOf(editor, "editor");
  await kit.testDb.db.user.update({ where: { id: ada.user.id }, data: { name: "Ada Lovelace" } });
  ada = { ...ada, user: { ...ada.user, name: "Ada Lovelace" } };
  outsider = await kit.memberOf("editor", "Theirs");
});

afterAll(() => kit.testDb.cleanup());

async function newWorkflow(name: string) {
  return (await kit.callerFor(editor).workflows.create({ name })).id;
}

async function storedDraft(workflowId: string) {
  const row = await kit.testDb.db.workflow.findUniqueOrThrow({ where: { id: workflowId }, select: { draft: true, draftRevision: true } });
  return { draft: JSON.parse(row.draft) as unknown, draftRevision: row.draftRevision };
}

describe("workflows.saveDraft", () => {
  it("saves a valid draft, moves the revision and reports no issues", async () => {
    const workflowId = await newWorkflow("valid_save");
    const saved = await kit.callerFor(editor).workflows.saveDraft({ workflowId, baseRevision: 0, draft: twoStepDefinition("valid_save") });
    expect(saved).toEqual({ draftRevision: 1, updatedAt: expect.any(Date), issues: [] });
    expect(await storedDraft(workflowId)).toEqual({ draft: twoStepDefinition("valid_save"), draftRevision: 1 });
  });

  it("saves an invalid draft and returns its path-addressed issues", async () => {
    const workflowId = await newWorkflow("invalid_save");
    const draft = { ...twoStepDefinition("invalid_save"), edges: [{ from: "a", to: "ghost" }] };
    const saved = await kit.callerFor(editor).workflows.saveDraft({ workflowId, baseRevision: 0, draft });
    expect(saved.issues).toEqual([{ path: "edges[0].to", message: 'unknown step "ghost"' }]);
    expect((await storedDraft(workflowId)).draft).toEqual(draft);
  });

  it("refuses the second of two saves from the same revision, naming who saved first, and keeps the first", async () => {
    const workflowId = await newWorkflow("contended");
    const first = { ...twoStepDefinition("contended"), description: "first" };
    await kit.callerFor(ada).workflows.saveDraft({ workflowId, baseRevision: 0, draft: first });
    const second = kit.callerFor(editor).workflows.saveDraft({ workflowId, baseRevision: 0, draft: { ...first, description: "second" } });
    await expect(second).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^the draft was changed by Ada Lovelace at \d{4}-\d\d-\d\dT.*Z \(revision 1\) — reload or overwrite$/),
    });
    expect(await storedDraft(workflowId)).toEqual({ draft: first, draftRevision: 1 });
  });

  it("records who wrote each revision, for workflows.get", async () => {
    const workflowId = await newWorkflow("authored");
    expect((await kit.callerFor(editor).workflows.get({ workflowId })).draftUpdatedBy).toEqual({ id: editor.user.id, name: editor.user.name });
    await kit.callerFor(ada).workflows.saveDraft({ workflowId, baseRevision: 0, draft: twoStepDefinition("authored") });
    expect((await kit.callerFor(editor).workflows.get({ workflowId })).draftUpdatedBy).toEqual({ id: ada.user.id, name: "Ada Lovelace" });
    await kit.callerFor(editor).workflows.saveDraft({ workflowId, baseRevision: 1, draft: twoStepDefinition("authored") });
    expect((await kit.callerFor(ada).workflows.get({ workflowId })).draftUpdatedBy).toEqual({ id: editor.user.id, name: editor.user.name });
  });

  it("overwrites a newer revision when forced (the conflict's \"overwrite\" answer)", async () => {
    const workflowId = await newWorkflow("overwritten");
    await kit.callerFor(ada).workflows.saveDraft({ workflowId, baseRevision: 0, draft: { ...twoStepDefinition("overwritten"), description: "ada" } });
    const mine = { ...twoStepDefinition("overwritten"), description: "mine" };
    const saved = await kit.callerFor(editor).workflows.saveDraft({ workflowId, baseRevision: 0, draft: mine, force: true });
    expect(saved).toEqual({ draftRevision: 2, updatedAt: expect.any(Date), issues: [] });
    expect(await storedDraft(workflowId)).toEqual({ draft: mine, draftRevision: 2 });
    expect((await kit.callerFor(editor).workflows.get({ workflowId })).draftUpdatedBy).toEqual({ id: editor.user.id, name: editor.user.name });
  });

  it("still refuses a forced save with force: false, a bad draft, or on another team's workflow", async () => {
    const workflowId = await newWorkflow("force_guarded");
    await kit.callerFor(ada).workflows.saveDraft({ workflowId, baseRevision: 0, draft: twoStepDefinition("force_guarded") });
    const draft = { ...twoStepDefinition("force_guarded"), description: "late" };
    await expect(kit.callerFor(editor).workflows.saveDraft({ workflowId, baseRevision: 0, draft, force: false })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(kit.callerFor(editor).workflows.saveDraft({ workflowId, baseRevision: 0, draft: [1], force: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(kit.callerFor(outsider).workflows.saveDraft({ workflowId, baseRevision: 1, draft, force: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await storedDraft(workflowId)).toEqual({ draft: twoStepDefinition("force_guarded"), draftRevision: 1 });
  });

  it("lets exactly one of two concurrent saves from the same revision win", async () => {
    const workflowId = await newWorkflow("racing");
    const caller = kit.callerFor(editor);
    const saves = ["left", "right"].map((description) =>
      caller.workflows.saveDraft({ workflowId, baseRevision: 0, draft: { ...twoStepDefinition("racing"), description } }),
    );
    const outcomes = await Promise.allSettled(saves);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await storedDraft(workflowId)).draftRevision).toBe(1);
  });

  it("refuses drafts that are not JSON objects or exceed the size limit, writing nothing", async () => {
    const workflowId = await newWorkflow("refused_save");
    const caller = kit.callerFor(editor);
    const before = await storedDraft(workflowId);
    const oversized = { ...twoStepDefinition("refused_save"), description: "x".repeat(limits.definitionBytes) };
    for (const draft of [null, [1, 2], "text", 7, oversized]) {
      await expect(caller.workflows.saveDraft({ workflowId, baseRevision: 0, draft })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        cause: { issues: [{ path: "draft", message: expect.any(String) }] },
      });
    }
    expect(await storedDraft(workflowId)).toEqual(before);
  });

  it("refuses a malformed revision with BAD_REQUEST", async () => {
    const workflowId = await newWorkflow("bad_revision");
    const caller = kit.callerFor(editor);
    for (const baseRevision of [-1, 1.5, "0" as unknown as number])
      await expect(caller.workflows.saveDraft({ workflowId, baseRevision, draft: {} })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("a rename moves the draft", () => {
  it("so a stale save after it is refused naming the person who renamed", async () => {
    const workflowId = await newWorkflow("renamed_under_me");
    await kit.callerFor(ada).workflows.rename({ workflowId, name: "renamed_by_ada" });
    const stale = kit.callerFor(editor).workflows.saveDraft({ workflowId, baseRevision: 0, draft: twoStepDefinition("mine") });
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("changed by Ada Lovelace") });
    expect((await storedDraft(workflowId)).draft).toMatchObject({ name: "renamed_by_ada" });
  });
});
