import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createRunsTestKit, doublingDefinition, type RunsTestKit } from "./runs-test-kit";

let kit: RunsTestKit;
let editor: Session;
let viewer: Session;
let outsider: Session;
let workflowId: string;
let runId: string;

beforeAll(async () => {
  kit = await createRunsTestKit();
  editor = await kit.memberOf("editor", "Ours");
  viewer = await kit.joinTeamOf(editor, "viewer");
  outsider = await kit.memberOf("owner", "Theirs");
  workflowId = await kit.publishedWorkflow(editor, "guarded", doublingDefinition("guarded"));
  runId = (await kit.callerFor(editor).runs.start({ workflowId, input: { n: 1 } })).runId;
  await kit.engine.waitForRun(runId);
});

afterAll(() => kit.cleanup());

type Caller = ReturnType<RunsTestKit["callerFor"]>;
const start = (caller: Caller) => caller.runs.start({ workflowId, input: { n: 1 } });
const get = (caller: Caller) => caller.runs.get({ runId });
const runCount = () => kit.testDb.db.run.count();

describe("runs access control", () => {
  it("get: a viewer may read the team's runs", async () => {
    await expect(get(kit.callerFor(viewer))).resolves.toMatchObject({ id: runId, status: "completed" });
  });

  it("start: a viewer is FORBIDDEN and nothing starts", async () => {
    const before = await runCount();
    await expect(start(kit.callerFor(viewer))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await runCount()).toBe(before);
  });

  it.each([
    ["start", start],
    ["get", get],
  ])("%s: without a session is UNAUTHORIZED", async (_, call) => {
    await expect(call(kit.callerFor(null))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("start: another team's workflow is NOT_FOUND and nothing starts", async () => {
    const before = await runCount();
    await expect(start(kit.callerFor(outsider))).rejects.toMatchObject({ code: "NOT_FOUND", message: "workflow not found" });
    expect(await runCount()).toBe(before);
  });

  it("get: another team's run is NOT_FOUND", async () => {
    await expect(get(kit.callerFor(outsider))).rejects.toMatchObject({ code: "NOT_FOUND", message: "run not found" });
  });
});
