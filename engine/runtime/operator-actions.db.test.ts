import { afterAll, describe, expect, it } from "vitest";
import { SqliteRunStore } from "../../server/engine-host/stores/sqlite-run-store";
import { createSqliteTestDatabase } from "../../server/testing/sqlite-store-db";
import { EngineActionError } from "../errors-api";
import { chain, engineRunner, eventOf, workflow } from "./testing/engine-fixture";

const database = createSqliteTestDatabase();
const store = SqliteRunStore.open(database.filename);
const { engine, run, settled } = engineRunner(store);
afterAll(async () => {
  await engine.stop();
  await store.close();
  database.cleanup();
});

// `flaky` fails permanently until an operator sets up what it needs (here: a later attempt number).
const flakyUntilAttempt = (n: number) => ({ id: "flaky", type: "code", config: { source: `if (attempt < ${n}) throw new PermanentError("not yet (attempt " + attempt + ")"); return { attempt }` } });

describe("retry of a failed step", () => {
  it("queues a new attempt, resumes the failed run and continues downstream", async () => {
    const failed = await run(chain(flakyUntilAttempt(2) as never, { id: "after", type: "code", config: { source: "return steps.flaky.output.attempt" } } as never));
    expect([failed.run.status, failed.steps.flaky!.status, failed.steps.after!.status]).toEqual(["failed", "failed", "pending"]);
    await engine.retryStep(failed.runId, "flaky", { by: "ops", reason: "dependency fixed" });
    const retried = await settled(failed.runId);
    expect([retried.run.status, retried.steps.flaky!.attempt, retried.steps.after!.output]).toEqual(["completed", 2, 2]);
    expect(retried.eventTypes("flaky")).toEqual(["step.queued", "step.started", "step.failed", "step.queued", "step.started", "step.completed"]);
    const resumed = retried.events.find((event) => event.type === "run.resumed")!;
    expect(resumed.payload).toEqual({ by: "ops", reason: "dependency fixed" });
    expect(retried.events.find((event) => event.type === "step.queued" && event.payload.manual)!.payload).toMatchObject({ attempt: 2, by: "ops" });
  });

  it("gives a manual retry a fresh retry budget", async () => {
    const step = { id: "flaky", type: "code", retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 1 }, config: { source: "if (attempt < 4) throw new Error('down'); return attempt" } };
    const failed = await run(workflow([step]));
    expect([failed.steps.flaky!.status, failed.steps.flaky!.attempt]).toEqual(["failed", 2]);
    await engine.retryStep(failed.runId, "flaky");
    const retried = await settled(failed.runId);
    expect([retried.run.status, retried.steps.flaky!.output]).toEqual(["completed", 4]);
  });

  it("refuses to retry a step that did not fail", async () => {
    const done = await run(workflow([{ id: "a", type: "noop" }]));
    await expect(engine.retryStep(done.runId, "a")).rejects.toThrow(EngineActionError);
    await expect(engine.retryStep(done.runId, "a")).rejects.toMatchObject({ code: "CONFLICT", message: 'step "a" is completed; only a failed step can be retried' });
  });
});

describe("resolve with an output", () => {
  it("marks a failed step resolved and continues using the supplied output", async () => {
    const failed = await run(chain(flakyUntilAttempt(99) as never, { id: "after", type: "code", config: { source: "return steps.flaky.output.manual" } } as never));
    await engine.resolveStep(failed.runId, "flaky", { output: { manual: "supplied" } }, { by: "ann", reason: "done by hand" });
    const resolved = await settled(failed.runId);
    expect([resolved.run.status, resolved.steps.flaky!.status, resolved.steps.after!.output]).toEqual(["completed", "resolved", "supplied"]);
    expect(resolved.events.find((event) => event.type === "step.resolved")!.payload).toEqual({ output: { manual: "supplied" }, branch: null, by: "ann", reason: "done by hand" });
  });

  it("resolves a waiting delay early", async () => {
    const waiting = engine.startRun({ definition: chain({ id: "wait", type: "delay", config: { ms: 600000 } } as never, { id: "after", type: "noop" } as never) });
    const { runId } = await waiting;
    await eventOf(engine, runId, "step.waiting", "wait");
    await engine.resolveStep(runId, "wait", { output: "skip the wait" });
    const resolved = await settled(runId);
    expect([resolved.run.status, resolved.steps.wait!.output]).toEqual(["completed", "skip the wait"]);
  });

  it("needs a valid branch to resolve a branching step", async () => {
    const definition = workflow(
      [
        { id: "check", type: "condition", config: { expression: "$number('x')" } },
        { id: "yes", type: "noop" },
        { id: "no", type: "noop" },
      ],
      [
        { from: "check", to: "yes", branch: "true" },
        { from: "check", to: "no", branch: "false" },
      ],
    );
    const failed = await run(definition);
    expect(failed.steps.check!.status).toBe("failed");
    await expect(engine.resolveStep(failed.runId, "check", { output: true })).rejects.toMatchObject({ code: "BAD_REQUEST", message: 'resolving "check" needs a branch: one of true, false' });
    await expect(engine.resolveStep(failed.runId, "check", { output: true, branch: "maybe" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await engine.resolveStep(failed.runId, "check", { output: false, branch: "false" });
    const resolved = await settled(failed.runId);
    expect([resolved.steps.yes!.status, resolved.steps.no!.status, resolved.run.status]).toEqual(["skipped", "completed", "completed"]);
  });

  it("refuses outputs that are not JSON or too large, changing nothing", async () => {
    const failed = await run(workflow([flakyUntilAttempt(99)]));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(engine.resolveStep(failed.runId, "flaky", { output: cyclic })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(engine.resolveStep(failed.runId, "flaky", { output: "x".repeat(1_100_000) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const unchanged = await settled(failed.runId);
    expect([unchanged.run.status, unchanged.steps.flaky!.status]).toEqual(["failed", "failed"]);
  });
});

describe("cancel", () => {
  it("cancels a run: running handlers are aborted and unfinished steps cancelled", async () => {
    const { runId } = await engine.startRun({
      definition: workflow(
        [
          { id: "sleep", type: "delay", config: { ms: 600000 } },
          { id: "spin", type: "code", timeoutMs: 60000, config: { source: "while (true) {}" } },
          { id: "after", type: "noop" },
        ],
        [{ from: "sleep", to: "after" }],
      ),
    });
    await Promise.all([eventOf(engine, runId, "step.waiting", "sleep"), eventOf(engine, runId, "step.started", "spin")]);
    await engine.cancelRun(runId, { by: "ops", reason: "wrong input" });
    // Resolves only once the running handler has returned: the cancel must reach it (its timeout is a minute away).
    const cancelled = await settled(runId);
    expect([cancelled.run.status, cancelled.steps.sleep!.status, cancelled.steps.spin!.status, cancelled.steps.after!.status]).toEqual([
      "cancelled",
      "cancelled",
      "cancelled",
      "cancelled",
    ]);
    expect(cancelled.steps.spin!.error?.kind).toBe("cancelled");
    expect(cancelled.eventTypes("spin")).toEqual(["step.queued", "step.started", "step.cancelled"]);
    expect(cancelled.events.at(-1)).toMatchObject({ type: "run.cancelled", payload: { by: "ops", reason: "wrong input" } });
    await expect(engine.cancelRun(runId)).rejects.toMatchObject({ code: "CONFLICT", message: "run is already cancelled" });
  });

  it("cancels a failed run", async () => {
    const failed = await run(workflow([flakyUntilAttempt(99)]));
    await engine.cancelRun(failed.runId);
    expect((await settled(failed.runId)).run.status).toBe("cancelled");
  });

  it("cancels one step: its dependents are skipped and the run goes on", async () => {
    const { runId } = await engine.startRun({
      definition: workflow(
        [
          { id: "sleep", type: "delay", config: { ms: 600000 } },
          { id: "after_sleep", type: "noop" },
          { id: "other", type: "noop" },
        ],
        [{ from: "sleep", to: "after_sleep" }],
      ),
    });
    await eventOf(engine, runId, "step.waiting", "sleep");
    await engine.cancelStep(runId, "sleep", { by: "ops" });
    const result = await settled(runId);
    expect([result.run.status, result.steps.sleep!.status, result.steps.after_sleep!.status, result.steps.other!.status]).toEqual([
      "completed",
      "cancelled",
      "skipped",
      "completed",
    ]);
  });

  it("answers NOT_FOUND for unknown runs and steps", async () => {
    await expect(engine.cancelRun("no-such-run")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const done = await run(workflow([{ id: "a", type: "noop" }]));
    await expect(engine.retryStep(done.runId, "zzz")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(engine.approveStep(done.runId, "a", {})).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
