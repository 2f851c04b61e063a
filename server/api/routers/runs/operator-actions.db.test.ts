import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits, type RunEvent } from "@/engine";
import { createCaller } from "@/server/api/root";
import type { Session } from "@/server/auth";
import { RunEventFeed } from "@/server/engine-host/run-event-feed";
import { prismaRunEventSource } from "@/server/engine-host/run-event-source";
import { createRunsTestKit, doublingDefinition, failingDefinition, gateDefinition, type RunsTestKit } from "./runs-test-kit";

let kit: RunsTestKit;
let feed: RunEventFeed;
let editor: Session;
let viewer: Session;
let outsider: Session;
const workflows: Record<"flaky" | "failing" | "gate" | "slow" | "doubling", string> = { flaky: "", failing: "", gate: "", slow: "", doubling: "" };

/** `flaky` fails permanently on its first attempt, then passes: a retry is what fixes it. */
const flakyDefinition = {
  format: "orka/v1",
  name: "flaky",
  steps: [
    { id: "flaky", type: "code", config: { source: "if (attempt < 2) throw new PermanentError('not yet'); return { attempt }" } },
    { id: "after", type: "code", config: { source: "return steps.flaky.output.attempt * 10" } },
  ],
  edges: [{ from: "flaky", to: "after" }],
};

/** `nap` waits a minute; `then` is pending behind it. */
const slowDefinition = {
  format: "orka/v1",
  name: "slow",
  steps: [
    { id: "nap", type: "delay", config: { ms: 60_000 } },
    { id: "then", type: "noop" },
  ],
  edges: [{ from: "nap", to: "then" }],
};

beforeAll(async () => {
  kit = await createRunsTestKit();
  feed = new RunEventFeed({ source: prismaRunEventSource(kit.testDb.db), pollMs: 25 });
  feed.follow(kit.engine);
  editor = await kit.memberOf("editor", "Ours");
  viewer = await kit.joinTeamOf(editor, "viewer");
  outsider = await kit.memberOf("owner", "Theirs");
  workflows.flaky = await kit.publishedWorkflow(editor, "flaky", flakyDefinition);
  workflows.failing = await kit.publishedWorkflow(editor, "failing", failingDefinition);
  workflows.gate = await kit.publishedWorkflow(editor, "gate", gateDefinition);
  workflows.slow = await kit.publishedWorkflow(editor, "slow", slowDefinition);
  workflows.doubling = await kit.publishedWorkflow(editor, "doubling", doublingDefinition("doubling"));
});

afterAll(async () => {
  feed.close();
  await kit.cleanup();
});

const callerFor = (session: Session | null) => createCaller({ ...kit.contextFor(session), getRunEventFeed: () => Promise.resolve(feed) });

/** Starts a run of one of the workflows as the editor and waits until it needs an operator (or is done). */
async function settledRun(name: keyof typeof workflows, input?: unknown) {
  const { runId } = await callerFor(editor).runs.start({ workflowId: workflows[name], input });
  const stored = await kit.engine.waitForRun(runId);
  return { runId, status: stored.run.status };
}

async function snapshot(runId: string) {
  const stored = (await kit.engine.getRun(runId))!;
  const events = await kit.engine.listEvents(runId);
  return {
    status: stored.run.status,
    output: stored.run.output,
    steps: Object.fromEntries(stored.steps.map((step) => [step.stepId, step.status])),
    events,
    event: (type: RunEvent["type"], stepId: string | null = null) => events.find((event) => event.type === type && event.stepId === stepId),
  };
}

describe("runs.retryStep", () => {
  it("retries a failed step; the run resumes, completes, and the events name who and why", async () => {
    const { runId, status } = await settledRun("flaky");
    expect(status).toBe("failed");
    // A stream opened on the failed run shows the resumption as it happens.
    const controller = new AbortController();
    const stream = await createCaller({ ...kit.contextFor(editor), getRunEventFeed: () => Promise.resolve(feed) }, { signal: controller.signal }).runs.events({
      runId,
      lastEventId: String((await kit.engine.listEvents(runId)).length),
    });
    const streamed: string[] = [];
    const reading = (async () => {
      for await (const item of stream) {
        const event = (Array.isArray(item) ? item[1] : (item as { data: unknown }).data) as RunEvent;
        streamed.push(event.type);
        if (event.type === "run.completed") break;
      }
    })();

    await callerFor(editor).runs.retryStep({ runId, stepId: "flaky", reason: "supplier is back" });
    await kit.engine.waitForRun(runId);
    await reading;
    controller.abort();
    const run = await snapshot(runId);
    expect(run).toMatchObject({ status: "completed", output: { after: 20 }, steps: { flaky: "completed", after: "completed" } });
    expect(run.event("run.resumed")!.payload).toEqual({ by: editor.user.name, reason: "supplier is back" });
    expect(run.events.find((event) => event.type === "step.queued" && event.payload.manual)!.payload).toMatchObject({ attempt: 2, by: editor.user.name, reason: "supplier is back" });
    expect(streamed[0]).toBe("run.resumed");
    expect(streamed.at(-1)).toBe("run.completed");
  });

  it("refuses a completed step as CONFLICT and an unknown step as NOT_FOUND, changing nothing", async () => {
    const { runId } = await settledRun("doubling", { n: 1 });
    const before = await snapshot(runId);
    await expect(callerFor(editor).runs.retryStep({ runId, stepId: "double" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'step "double" is completed; only a failed step can be retried',
    });
    await expect(callerFor(editor).runs.retryStep({ runId, stepId: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await snapshot(runId)).events).toEqual(before.events);
  });
});

describe("runs.resolveStep", () => {
  it("resolves a failed step with an output that the next step uses", async () => {
    const { runId, status } = await settledRun("failing");
    expect(status).toBe("failed");
    await callerFor(editor).runs.resolveStep({ runId, stepId: "boom", output: { value: 41 }, reason: "shipped by hand" });
    await kit.engine.waitForRun(runId);
    const run = await snapshot(runId);
    expect(run).toMatchObject({ status: "completed", steps: { boom: "resolved", after: "completed" }, output: { after: 42 } });
    expect(run.event("step.resolved", "boom")!.payload).toEqual({ output: { value: 41 }, branch: null, by: editor.user.name, reason: "shipped by hand" });
  });

  it("refuses an output over 1 MB as BAD_REQUEST, a missing output, and a branch on a step without branches, changing nothing", async () => {
    const { runId } = await settledRun("failing");
    const before = await snapshot(runId);
    const output = { padding: "x".repeat(limits.stepOutputBytes) };
    await expect(callerFor(editor).runs.resolveStep({ runId, stepId: "boom", output })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerFor(editor).runs.resolveStep({ runId, stepId: "boom" } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerFor(editor).runs.resolveStep({ runId, stepId: "boom", output: 1, branch: "true" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'step "boom" has no branches',
    });
    const after = await snapshot(runId);
    expect([after.status, after.events]).toEqual(["failed", before.events]);
  });
});

describe("runs.approveStep and runs.rejectStep", () => {
  it("approves: the approved branch runs, the other is skipped, the decision names who", async () => {
    const { runId, status } = await settledRun("gate");
    expect(status).toBe("running");
    await callerFor(editor).runs.approveStep({ runId, stepId: "gate", comment: "looks right" });
    await kit.engine.waitForRun(runId);
    const run = await snapshot(runId);
    expect(run).toMatchObject({ status: "completed", steps: { gate: "completed", ship: "completed", refund: "skipped" } });
    expect(run.event("step.completed", "gate")!.payload).toMatchObject({ branch: "approved", decision: "approved", comment: "looks right", by: editor.user.name });
  });

  it("rejects: the rejected branch runs", async () => {
    const { runId } = await settledRun("gate");
    await callerFor(editor).runs.rejectStep({ runId, stepId: "gate", comment: "fraud" });
    await kit.engine.waitForRun(runId);
    const run = await snapshot(runId);
    expect(run).toMatchObject({ status: "completed", steps: { gate: "completed", ship: "skipped", refund: "completed" } });
    expect(run.event("step.completed", "gate")!.payload).toMatchObject({ branch: "rejected", decision: "rejected", comment: "fraud", by: editor.user.name });
  });

  it("refuses to decide twice (CONFLICT) and a step that is not an approval (BAD_REQUEST)", async () => {
    const { runId } = await settledRun("gate");
    await callerFor(editor).runs.approveStep({ runId, stepId: "gate" });
    await kit.engine.waitForRun(runId);
    const before = await snapshot(runId);
    await expect(callerFor(editor).runs.rejectStep({ runId, stepId: "gate" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(callerFor(editor).runs.approveStep({ runId, stepId: "ship" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await snapshot(runId)).events).toEqual(before.events);
  });
});

describe("runs.cancel", () => {
  it("cancels a run waiting on a delay: the run and its unfinished steps are cancelled, with who and why", async () => {
    const { runId } = await callerFor(editor).runs.start({ workflowId: workflows.slow });
    // waitForRun would wait out the delay: wait until the delay is armed instead.
    while ((await snapshot(runId)).steps.nap !== "waiting") await new Promise((resolve) => setTimeout(resolve, 10));
    await callerFor(editor).runs.cancel({ runId, reason: "not needed" });
    const run = await snapshot(runId);
    expect(run).toMatchObject({ status: "cancelled", steps: { nap: "cancelled", then: "cancelled" } });
    expect(run.event("run.cancelled")!.payload).toEqual({ by: editor.user.name, reason: "not needed" });
    expect(run.event("step.cancelled", "then")!.payload).toEqual({ by: editor.user.name, reason: "not needed" });
    await expect(callerFor(editor).runs.cancel({ runId })).rejects.toMatchObject({ code: "CONFLICT", message: "run is already cancelled" });
  });
});

describe("runs.rerun", () => {
  it("starts a new run of the same pinned version with the same input, or an edited one", async () => {
    const { runId } = await settledRun("doubling", { n: 3 });
    const original = (await kit.engine.getRun(runId))!.run;
    // A newer version must not matter: the rerun pins the original's.
    await kit.publishedWorkflow(editor, "unrelated", doublingDefinition("unrelated"));
    const caller = callerFor(editor);
    const same = await caller.runs.rerun({ runId });
    const edited = await caller.runs.rerun({ runId, input: { n: 10 } });
    expect(same.runId).not.toBe(runId);
    const [sameRun, editedRun] = await Promise.all([kit.engine.waitForRun(same.runId), kit.engine.waitForRun(edited.runId)]);
    expect(sameRun.run).toMatchObject({ status: "completed", input: { n: 3 }, output: 7, teamId: editor.team.id, workflowId: original.workflowId, workflowVersionId: original.workflowVersionId });
    expect(editedRun.run).toMatchObject({ status: "completed", input: { n: 10 }, output: 21, workflowVersionId: original.workflowVersionId });
  });

  it("refuses an input the version's schema rejects, and starts nothing", async () => {
    const { runId } = await settledRun("doubling", { n: 3 });
    const before = await kit.testDb.db.run.count();
    await expect(callerFor(editor).runs.rerun({ runId, input: { n: "three" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await kit.testDb.db.run.count()).toBe(before);
  });
});

describe("operator actions: access", () => {
  let failedRunId: string;
  let waitingRunId: string;
  beforeAll(async () => {
    failedRunId = (await settledRun("failing")).runId;
    waitingRunId = (await settledRun("gate")).runId;
  });

  type Caller = ReturnType<typeof callerFor>;
  const actions: [string, (caller: Caller) => Promise<unknown>][] = [
    ["retryStep", (caller) => caller.runs.retryStep({ runId: failedRunId, stepId: "boom" })],
    ["resolveStep", (caller) => caller.runs.resolveStep({ runId: failedRunId, stepId: "boom", output: { value: 1 } })],
    ["approveStep", (caller) => caller.runs.approveStep({ runId: waitingRunId, stepId: "gate" })],
    ["rejectStep", (caller) => caller.runs.rejectStep({ runId: waitingRunId, stepId: "gate" })],
    ["cancel", (caller) => caller.runs.cancel({ runId: waitingRunId })],
    ["rerun", (caller) => caller.runs.rerun({ runId: failedRunId })],
  ];

  const unchanged = async () => {
    const [failed, waiting, runs] = await Promise.all([snapshot(failedRunId), snapshot(waitingRunId), kit.testDb.db.run.count()]);
    return { failed: failed.events.length, waiting: waiting.events.length, runs };
  };

  it.each(actions)("%s: a viewer is FORBIDDEN and nothing changes", async (_, act) => {
    const before = await unchanged();
    await expect(act(callerFor(viewer))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await unchanged()).toEqual(before);
  });

  it.each(actions)("%s: without a session is UNAUTHORIZED", async (_, act) => {
    await expect(act(callerFor(null))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it.each(actions)("%s: another team's run is NOT_FOUND and nothing changes", async (_, act) => {
    const before = await unchanged();
    await expect(act(callerFor(outsider))).rejects.toMatchObject({ code: "NOT_FOUND", message: "run not found" });
    expect(await unchanged()).toEqual(before);
  });

  it("an unknown run is NOT_FOUND", async () => {
    await expect(callerFor(editor).runs.cancel({ runId: "no-such-run" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "run not found" });
  });
});
