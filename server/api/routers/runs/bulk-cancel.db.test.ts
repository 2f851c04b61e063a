import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Session } from "@/server/auth";
import { createRunsTestKit, doublingDefinition, type RunsTestKit } from "./runs-test-kit";

let kit: RunsTestKit;
let editor: Session;
let viewer: Session;
let outsider: Session;
let sleepy: string;
let quick: string;

//   wait (delay, one hour) ──▶ done
const sleepyDefinition = {
  format: "orka/v1",
  name: "sleepy",
  steps: [
    { id: "wait", type: "delay", config: { ms: 3_600_000 } },
    { id: "done", type: "noop" },
  ],
  edges: [{ from: "wait", to: "done" }],
};

beforeAll(async () => {
  kit = await createRunsTestKit();
  editor = await kit.memberOf("editor", "Ours");
  viewer = await kit.joinTeamOf(editor, "viewer");
  outsider = await kit.memberOf("owner", "Theirs");
  sleepy = await kit.publishedWorkflow(editor, "sleepy", sleepyDefinition);
  quick = await kit.publishedWorkflow(editor, "quick", doublingDefinition("quick"));
});

afterAll(() => kit.cleanup());

/** A run of `sleepy` whose delay step is on its timer. */
async function waitingRun(member = editor, workflowId = sleepy): Promise<string> {
  const { runId } = await kit.callerFor(member).runs.start({ workflowId });
  await vi.waitFor(async () => expect(await stepStatus(runId, "wait")).toBe("waiting"), { timeout: 5000, interval: 20 });
  return runId;
}

async function completedRun(): Promise<string> {
  const { runId } = await kit.callerFor(editor).runs.start({ workflowId: quick, input: { n: 1 } });
  await kit.engine.waitForRun(runId);
  return runId;
}

const runStatus = async (runId: string) => (await kit.testDb.db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).status;
const stepStatus = async (runId: string, stepId: string) =>
  (await kit.testDb.db.stepRun.findUnique({ where: { runId_stepId: { runId, stepId } }, select: { status: true } }))?.status;

describe("runs.bulkCancel", () => {
  it("dry run: reports which runs can be cancelled and why not, and changes nothing", async () => {
    const waiting = await waitingRun();
    const done = await completedRun();
    const eventsBefore = await kit.testDb.db.runEvent.count();
    const result = await kit.callerFor(editor).runs.bulkCancel({ runIds: [done, waiting, "no-such-run", waiting], dryRun: true });
    expect(result).toEqual({
      dryRun: true,
      eligible: [waiting],
      ineligible: [
        { runId: done, reason: "already completed" },
        { runId: "no-such-run", reason: "not found" },
      ],
    });
    expect([await runStatus(waiting), await stepStatus(waiting, "wait"), await runStatus(done)]).toEqual(["running", "waiting", "completed"]);
    expect(await kit.testDb.db.runEvent.count()).toBe(eventsBefore);
  });

  it("cancels the unfinished runs of a mix, skips the finished ones, and records who did it", async () => {
    const waiting = [await waitingRun(), await waitingRun()];
    const done = await completedRun();
    const result = await kit.callerFor(editor).runs.bulkCancel({ runIds: [waiting[0]!, done, waiting[1]!], dryRun: false, reason: "wrong input" });
    expect(result).toEqual({ dryRun: false, done: waiting, failed: [], skipped: [{ runId: done, reason: "already completed" }] });
    for (const runId of waiting) {
      expect((await kit.engine.waitForRun(runId)).run.status).toBe("cancelled");
      expect(await stepStatus(runId, "wait")).toBe("cancelled");
      const cancelled = (await kit.engine.listEvents(runId)).find((event) => event.type === "run.cancelled");
      expect(cancelled?.payload).toMatchObject({ by: editor.user.name, reason: "wrong input" });
    }
    expect(await runStatus(done)).toBe("completed");
  });

  it("reports another team's runs as not found and never touches them", async () => {
    const theirSleepy = await kit.publishedWorkflow(outsider, "sleepy", sleepyDefinition);
    const theirs = await waitingRun(outsider, theirSleepy);
    const dry = await kit.callerFor(editor).runs.bulkCancel({ runIds: [theirs], dryRun: true });
    expect(dry).toEqual({ dryRun: true, eligible: [], ineligible: [{ runId: theirs, reason: "not found" }] });
    const done = await kit.callerFor(editor).runs.bulkCancel({ runIds: [theirs], dryRun: false });
    expect(done).toEqual({ dryRun: false, done: [], failed: [], skipped: [{ runId: theirs, reason: "not found" }] });
    expect(await runStatus(theirs)).toBe("running");
    await kit.callerFor(outsider).runs.bulkCancel({ runIds: [theirs], dryRun: false });
  });

  it("is FORBIDDEN to a viewer, even as a dry run, and cancels nothing", async () => {
    const waiting = await waitingRun();
    for (const dryRun of [true, false])
      await expect(kit.callerFor(viewer).runs.bulkCancel({ runIds: [waiting], dryRun })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await runStatus(waiting)).toBe("running");
    await kit.callerFor(editor).runs.bulkCancel({ runIds: [waiting], dryRun: false });
  });

  it("refuses no ids or more than 500 with BAD_REQUEST", async () => {
    const caller = kit.callerFor(editor);
    await expect(caller.runs.bulkCancel({ runIds: [], dryRun: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const many = Array.from({ length: 501 }, (_, index) => `run-${index}`);
    await expect(caller.runs.bulkCancel({ runIds: many, dryRun: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.runs.bulkCancel({ runIds: many.slice(0, 500), dryRun: true })).resolves.toMatchObject({ eligible: [] });
  });
});
