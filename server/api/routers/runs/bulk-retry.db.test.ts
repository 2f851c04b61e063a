import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createRunsTestKit, doublingDefinition, type RunsTestKit } from "./runs-test-kit";

let kit: RunsTestKit;
let editor: Session;
let viewer: Session;
let outsider: Session;
let flaky: string;
let quick: string;

//   flaky (throws on attempt 1) ──▶ report
//   steady (never fails)
const flakyDefinition = {
  format: "orka/v1",
  name: "flaky",
  steps: [
    { id: "flaky", type: "code", config: { source: "if (attempt === 1) throw new Error('service down'); return { attempt }" } },
    { id: "report", type: "code", config: { source: "return steps.flaky.output.attempt * 10" } },
    { id: "steady", type: "noop" },
  ],
  edges: [{ from: "flaky", to: "report" }],
  output: "$steps.report.output",
};

beforeAll(async () => {
  kit = await createRunsTestKit();
  editor = await kit.memberOf("editor", "Ours");
  viewer = await kit.joinTeamOf(editor, "viewer");
  outsider = await kit.memberOf("owner", "Theirs");
  flaky = await kit.publishedWorkflow(editor, "flaky", flakyDefinition);
  quick = await kit.publishedWorkflow(editor, "quick", doublingDefinition("quick"));
});

afterAll(() => kit.cleanup());

async function settledRun(member: Session, workflowId: string, input?: unknown): Promise<string> {
  const { runId } = await kit.callerFor(member).runs.start({ workflowId, input });
  await kit.engine.waitForRun(runId);
  return runId;
}

const failedRun = () => settledRun(editor, flaky);
const flakyStep = (runId: string) =>
  kit.testDb.db.stepRun.findUnique({ where: { runId_stepId: { runId, stepId: "flaky" } }, select: { status: true, attempt: true } });
const runStatus = async (runId: string) => (await kit.testDb.db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status;

describe("runs.bulkRetry", () => {
  it("dry run: only failed runs are eligible, and nothing changes", async () => {
    const failed = await failedRun();
    const completed = await settledRun(editor, quick, { n: 1 });
    const eventsBefore = await kit.testDb.db.runEvent.count();
    expect(await kit.callerFor(editor).runs.bulkRetry({ runIds: [failed, completed, "nope"], dryRun: true })).toEqual({
      dryRun: true,
      eligible: [failed],
      ineligible: [
        { runId: completed, reason: "not failed" },
        { runId: "nope", reason: "not found" },
      ],
    });
    expect(await runStatus(failed)).toBe("failed");
    expect(await kit.testDb.db.runEvent.count()).toBe(eventsBefore);
  });

  it("re-runs the failed step of each failed run, which then completes; records who retried", async () => {
    const failed = [await failedRun(), await failedRun()];
    const completed = await settledRun(editor, quick, { n: 1 });
    for (const runId of failed) expect(await flakyStep(runId)).toEqual({ status: "failed", attempt: 1 });

    const result = await kit.callerFor(editor).runs.bulkRetry({ runIds: [...failed, completed], dryRun: false, reason: "service is back" });
    expect(result).toEqual({ dryRun: false, done: failed, failed: [], skipped: [{ runId: completed, reason: "not failed" }] });
    for (const runId of failed) {
      const settled = await kit.engine.waitForRun(runId);
      expect([settled.run.status, settled.run.output]).toEqual(["completed", 20]);
      expect(await flakyStep(runId)).toEqual({ status: "completed", attempt: 2 });
      const manual = (await kit.engine.listEvents(runId)).find((event) => event.type === "step.queued" && event.payload.manual);
      expect(manual?.payload).toMatchObject({ attempt: 2, by: editor.user.name, reason: "service is back" });
    }
  });

  it("reports another team's failed run as not found and never retries it", async () => {
    const theirFlaky = await kit.publishedWorkflow(outsider, "flaky", flakyDefinition);
    const theirs = await settledRun(outsider, theirFlaky);
    expect(await runStatus(theirs)).toBe("failed");
    const result = await kit.callerFor(editor).runs.bulkRetry({ runIds: [theirs], dryRun: false });
    expect(result).toEqual({ dryRun: false, done: [], failed: [], skipped: [{ runId: theirs, reason: "not found" }] });
    expect(await runStatus(theirs)).toBe("failed");
  });

  it("is FORBIDDEN to a viewer and retries nothing", async () => {
    const failed = await failedRun();
    for (const dryRun of [true, false])
      await expect(kit.callerFor(viewer).runs.bulkRetry({ runIds: [failed], dryRun })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await runStatus(failed)).toBe("failed");
  });

  it("is UNAUTHORIZED without a session", async () => {
    await expect(kit.callerFor(null).runs.bulkRetry({ runIds: ["x"], dryRun: true })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
