import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createWorkflowsTestKit, twoStepDefinition, type WorkflowsTestKit } from "./workflows-test-kit";

let kit: WorkflowsTestKit;
let editor: Session;

beforeAll(async () => {
  kit = await createWorkflowsTestKit();
  editor = await kit.memberOf("editor");
});

afterAll(() => kit.testDb.cleanup());

/** A workflow whose draft is the valid two-step definition, at revision 1. */
async function workflowWithDraft(name: string) {
  const caller = kit.callerFor(editor);
  const { id } = await caller.workflows.create({ name });
  await caller.workflows.saveDraft({ workflowId: id, baseRevision: 0, draft: twoStepDefinition(name) });
  return id;
}

describe("workflows.publish", () => {
  it("creates numbered versions authored by the caller, with defaults applied", async () => {
    const workflowId = await workflowWithDraft("published");
    const caller = kit.callerFor(editor);
    const first = await caller.workflows.publish({ workflowId, baseRevision: 1 });
    await caller.workflows.saveDraft({ workflowId, baseRevision: 1, draft: { ...twoStepDefinition("published"), description: "second" } });
    const second = await caller.workflows.publish({ workflowId, baseRevision: 2 });
    expect([first.number, second.number]).toEqual([1, 2]);
    const version = await caller.workflows.version({ workflowId, number: 1 });
    expect(version).toMatchObject({ id: first.versionId, number: 1, definition: { ...twoStepDefinition("published"), maxParallel: 16 } });
    expect((await caller.workflows.get({ workflowId })).latestVersion).toBe(2);
  });

  it("marks the draft published right after publishing, and unpublished after a further save", async () => {
    const workflowId = await workflowWithDraft("publish_state");
    const caller = kit.callerFor(editor);
    expect(await caller.workflows.get({ workflowId })).toMatchObject({ latestVersion: null, draftIsPublished: false });
    await caller.workflows.publish({ workflowId, baseRevision: 1 });
    expect(await caller.workflows.get({ workflowId })).toMatchObject({ latestVersion: 1, draftRevision: 1, draftIsPublished: true });
    await caller.workflows.saveDraft({ workflowId, baseRevision: 1, draft: { ...twoStepDefinition("publish_state"), description: "more" } });
    expect(await caller.workflows.get({ workflowId })).toMatchObject({ latestVersion: 1, draftRevision: 2, draftIsPublished: false });
    await caller.workflows.publish({ workflowId, baseRevision: 2 });
    expect(await caller.workflows.get({ workflowId })).toMatchObject({ latestVersion: 2, draftIsPublished: true });
  });

  it("names who changed the draft when refusing a stale publish", async () => {
    const workflowId = await workflowWithDraft("stale_publish_named");
    const other = await kit.joinTeamOf(editor, "editor");
    await kit.callerFor(other).workflows.saveDraft({ workflowId, baseRevision: 1, draft: twoStepDefinition("stale_publish_named") });
    await expect(kit.callerFor(editor).workflows.publish({ workflowId, baseRevision: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`changed by ${other.user.name} at `),
    });
  });

  it("refuses an invalid draft with its issues and creates no version", async () => {
    const caller = kit.callerFor(editor);
    const { id: workflowId } = await caller.workflows.create({ name: "unpublishable" });
    await caller.workflows.saveDraft({ workflowId, baseRevision: 0, draft: { format: "orka/v1", name: "x", steps: [{ id: "a", type: "nope" }] } });
    await expect(caller.workflows.publish({ workflowId, baseRevision: 1 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [{ path: "steps[0].type", message: expect.stringContaining("unknown step type") }] },
    });
    expect(await caller.workflows.versions({ workflowId })).toEqual([]);
  });

  it("refuses a code step whose source does not parse, naming the line and column", async () => {
    const caller = kit.callerFor(editor);
    const { id: workflowId } = await caller.workflows.create({ name: "broken_code" });
    const draft = { format: "orka/v1", name: "broken_code", steps: [{ id: "prepare", type: "code", config: { source: "return { paid: true " } }] };
    await caller.workflows.saveDraft({ workflowId, baseRevision: 0, draft });
    await expect(caller.workflows.publish({ workflowId, baseRevision: 1 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [{ path: "steps[0].config.source", message: "syntax error at line 1, column 21: Unexpected token" }] },
    });
    expect(await caller.workflows.versions({ workflowId })).toEqual([]);
  });

  it("refuses to publish a draft revision the caller has not seen", async () => {
    const workflowId = await workflowWithDraft("stale_publish");
    await expect(kit.callerFor(editor).workflows.publish({ workflowId, baseRevision: 0 })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("workflows.publish of an unchanged draft", () => {
  it("is refused with \"nothing changed since vN\" and makes no version, also after saving the same definition again", async () => {
    const workflowId = await workflowWithDraft("unchanged");
    const caller = kit.callerFor(editor);
    await caller.workflows.publish({ workflowId, baseRevision: 1 });
    await expect(caller.workflows.publish({ workflowId, baseRevision: 1 })).rejects.toMatchObject({ code: "CONFLICT", message: "nothing changed since v1" });
    // The same definition with its keys in another order is no change either.
    const reordered = Object.fromEntries(Object.entries(twoStepDefinition("unchanged")).reverse());
    await caller.workflows.saveDraft({ workflowId, baseRevision: 1, draft: reordered });
    expect(await caller.workflows.get({ workflowId })).toMatchObject({ draftRevision: 2, draftIsPublished: true });
    await expect(caller.workflows.publish({ workflowId, baseRevision: 2 })).rejects.toMatchObject({ message: "nothing changed since v1" });
    expect((await caller.workflows.versions({ workflowId })).map((version) => version.number)).toEqual([1]);
    await caller.workflows.saveDraft({ workflowId, baseRevision: 2, draft: { ...twoStepDefinition("unchanged"), description: "changed" } });
    expect((await caller.workflows.publish({ workflowId, baseRevision: 3 })).number).toBe(2);
  });
});

describe("workflows.versions and workflows.version", () => {
  it("lists versions newest first with their author", async () => {
    const workflowId = await workflowWithDraft("listed");
    const caller = kit.callerFor(editor);
    await caller.workflows.publish({ workflowId, baseRevision: 1 });
    await caller.workflows.saveDraft({ workflowId, baseRevision: 1, draft: { ...twoStepDefinition("listed"), description: "second" } });
    await caller.workflows.publish({ workflowId, baseRevision: 2 });
    const versions = await caller.workflows.versions({ workflowId });
    expect(versions.map((version) => version.number)).toEqual([2, 1]);
    expect(versions[0]).toEqual({ id: expect.any(String), number: 2, createdAt: expect.any(Date), author: { id: editor.user.id, name: editor.user.name } });
  });

  it("answers NOT_FOUND for a version that does not exist and BAD_REQUEST for a bad number", async () => {
    const workflowId = await workflowWithDraft("no_versions");
    const caller = kit.callerFor(editor);
    await expect(caller.workflows.version({ workflowId, number: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.workflows.version({ workflowId, number: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("workflows.restoreVersion", () => {
  it("makes a version the draft again", async () => {
    const workflowId = await workflowWithDraft("restored");
    const caller = kit.callerFor(editor);
    await caller.workflows.publish({ workflowId, baseRevision: 1 });
    await caller.workflows.saveDraft({ workflowId, baseRevision: 1, draft: { format: "orka/v1", name: "restored", steps: [] } });
    const restored = await caller.workflows.restoreVersion({ workflowId, number: 1, baseRevision: 2 });
    expect(restored.draftRevision).toBe(3);
    const { definition } = await caller.workflows.version({ workflowId, number: 1 });
    expect((await caller.workflows.get({ workflowId })).draft).toEqual(definition);
  });

  it("records the restorer as the draft's author; a draft restored to the latest version has nothing to publish", async () => {
    const workflowId = await workflowWithDraft("restored_by");
    const caller = kit.callerFor(editor);
    await caller.workflows.publish({ workflowId, baseRevision: 1 });
    const other = await kit.joinTeamOf(editor, "editor");
    await kit.callerFor(other).workflows.restoreVersion({ workflowId, number: 1, baseRevision: 1 });
    expect(await caller.workflows.get({ workflowId })).toMatchObject({
      draftRevision: 2,
      draftUpdatedBy: { id: other.user.id, name: other.user.name },
      draftIsPublished: true,
    });
    await expect(caller.workflows.restoreVersion({ workflowId, number: 1, baseRevision: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`changed by ${other.user.name} at `),
    });
  });

  it("refuses a stale revision and leaves the draft alone", async () => {
    const workflowId = await workflowWithDraft("stale_restore");
    const caller = kit.callerFor(editor);
    await caller.workflows.publish({ workflowId, baseRevision: 1 });
    await expect(caller.workflows.restoreVersion({ workflowId, number: 1, baseRevision: 0 })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await caller.workflows.get({ workflowId })).draft).toEqual(twoStepDefinition("stale_restore"));
  });
});
