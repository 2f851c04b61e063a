import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createWorkflowsTestKit, twoStepDefinition, type WorkflowsTestKit } from "./workflows-test-kit";

let kit: WorkflowsTestKit;
let owner: Session;
let viewer: Session;
let outsider: Session;
let workflowId: string;

type Caller = ReturnType<WorkflowsTestKit["callerFor"]>;
type Call = (caller: Caller, workflowId: string) => Promise<unknown>;

const definitionText = JSON.stringify(twoStepDefinition("guarded"));

const reads: Record<string, Call> = {
  get: (caller, id) => caller.workflows.get({ workflowId: id }),
  versions: (caller, id) => caller.workflows.versions({ workflowId: id }),
  version: (caller, id) => caller.workflows.version({ workflowId: id, number: 1 }),
  export: (caller, id) => caller.workflows.export({ workflowId: id, format: "json" }),
};

const mutations: Record<string, Call> = {
  rename: (caller, id) => caller.workflows.rename({ workflowId: id, name: "renamed" }),
  duplicate: (caller, id) => caller.workflows.duplicate({ workflowId: id }),
  delete: (caller, id) => caller.workflows.delete({ workflowId: id }),
  saveDraft: (caller, id) => caller.workflows.saveDraft({ workflowId: id, baseRevision: 1, draft: twoStepDefinition("guarded") }),
  publish: (caller, id) => caller.workflows.publish({ workflowId: id, baseRevision: 1 }),
  restoreVersion: (caller, id) => caller.workflows.restoreVersion({ workflowId: id, number: 1, baseRevision: 1 }),
  import: (caller, id) => caller.workflows.import({ workflowId: id, text: definitionText, format: "json", baseRevision: 1 }),
};

beforeAll(async () => {
  kit = await createWorkflowsTestKit();
  owner = await kit.memberOf("owner", "Ours");
  viewer = await kit.joinTeamOf(owner, "viewer");
  outsider = await kit.memberOf("owner", "Theirs");
  const caller = kit.callerFor(owner);
  workflowId = (await caller.workflows.create({ name: "guarded" })).id;
  await caller.workflows.saveDraft({ workflowId, baseRevision: 0, draft: twoStepDefinition("guarded") });
  await caller.workflows.publish({ workflowId, baseRevision: 1 });
});

afterAll(() => kit.testDb.cleanup());

async function storedState() {
  const workflow = await kit.testDb.db.workflow.findUniqueOrThrow({ where: { id: workflowId }, select: { name: true, draft: true, draftRevision: true } });
  return { ...workflow, versions: await kit.testDb.db.workflowVersion.count({ where: { workflowId } }), workflows: await kit.testDb.db.workflow.count() };
}

describe("workflows access control", () => {
  it.each(Object.entries(reads))("%s: a viewer may read", async (_, call) => {
    await expect(call(kit.callerFor(viewer), workflowId)).resolves.toBeDefined();
  });

  it.each(Object.entries(mutations))("%s: a viewer is FORBIDDEN and nothing changes", async (_, call) => {
    const before = await storedState();
    await expect(call(kit.callerFor(viewer), workflowId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await storedState()).toEqual(before);
  });

  it("create: a viewer is FORBIDDEN", async () => {
    await expect(kit.callerFor(viewer).workflows.create({ name: "nope" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it.each(Object.entries({ ...reads, ...mutations }))("%s: without a session is UNAUTHORIZED", async (_, call) => {
    await expect(call(kit.callerFor(null), workflowId)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it.each(Object.entries({ ...reads, ...mutations }))("%s: another team's workflow is NOT_FOUND and nothing changes", async (_, call) => {
    const before = await storedState();
    await expect(call(kit.callerFor(outsider), workflowId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await storedState()).toEqual(before);
  });
});
