import { describe, expect, it } from "vitest";
import { createBothStores } from "../../server/testing/both-stores";
import { createEngine } from "./engine";
import type { RecoveryOptions, RecoveryProgress } from "./recovery";
import { chain, workflow } from "./testing/engine-fixture";

// A restarted engine continues from what the database says: timers, queued work and child runs.
// `engine.stop()` leaves state exactly as a killed process would (nothing more is written).
const { databases } = await createBothStores();

describe.each(databases)("recovery on %s", (_name, openStore) => {
  /**
   * Starts a run, stops the engine once `stopWhen` holds for the stored steps, starts a new engine;
   * with `downUntilTimersDue`, only once every stored timer is due.
   */
  async function restartWhen(
    definition: unknown,
    stopWhen: (status: Record<string, string>) => boolean,
    { downUntilTimersDue = false, recovery }: { downUntilTimersDue?: boolean; recovery?: RecoveryOptions } = {},
  ) {
    const store = await openStore();
    try {
      const first = createEngine({ store });
      const { runId } = await first.startRun({ definition });
      const statuses = async () => Object.fromEntries((await store.loadRun(runId))!.steps.map((step) => [step.stepId, step.status]));
      for (let waited = 0; !stopWhen(await statuses()); waited += 10) {
        if (waited > 10_000) throw new Error(`never reached the state to stop in: ${JSON.stringify(await statuses())}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await first.stop();
      const before = (await store.loadRun(runId))!;
      if (downUntilTimersDue) {
        const due = Math.max(...before.steps.map((step) => step.wakeAt?.getTime() ?? 0));
        expect(due).toBeGreaterThan(0);
        while (Date.now() <= due) await new Promise((resolve) => setTimeout(resolve, due - Date.now() + 1));
      }
      const second = createEngine({ store });
      expect(await second.start(recovery)).toBeGreaterThanOrEqual(1);
      const after = await second.waitForRun(runId);
      await second.stop();
      return { before, after, events: await store.listEvents(runId, 0) };
    } finally {
      await store.close();
    }
  }

  it("fires a delay timer that was due while the engine was down, once", async () => {
    const definition = chain({ id: "wait", type: "delay", config: { ms: 200 } } as never, { id: "after", type: "noop" } as never);
    const { after, events } = await restartWhen(definition, (status) => status.wait === "waiting", { downUntilTimersDue: true });
    expect(after.run.status).toBe("completed");
    expect(events.filter((event) => event.type === "step.completed" && event.stepId === "wait")).toHaveLength(1);
  });

  it("keeps a retry timer and its attempt count across a restart", async () => {
    const flaky = { id: "flaky", type: "code", retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 400, jitter: 0 }, config: { source: "if (attempt < 2) throw new Error('down'); return attempt" } };
    const { after } = await restartWhen(workflow([flaky]), (status) => status.flaky === "retrying");
    expect([after.run.status, after.steps[0]!.attempt, after.steps[0]!.output]).toEqual(["completed", 2, 2]);
  });

  it("re-runs a step left running with the same attempt and idempotency key", async () => {
    const slow = { id: "slow", type: "code", timeoutMs: 10_000, config: { source: "const t = Date.now(); while (Date.now() - t < 600) {} return attempt" } };
    const { after, events } = await restartWhen(workflow([slow]), (status) => status.slow === "running");
    expect([after.run.status, after.steps[0]!.attempt]).toEqual(["completed", 1]);
    const started = events.filter((event) => event.type === "step.started").map((event) => event.payload.idempotencyKey);
    expect(started).toEqual([`${after.run.id}:slow:1`, `${after.run.id}:slow:1`]);
    expect(events.some((event) => event.type === "step.requeued")).toBe(true);
  });

  it("finishes a map whose children were mid-way when the engine stopped", async () => {
    const child = workflow([{ id: "w", type: "delay", config: { ms: 150 } }, { id: "echo", type: "code", config: { source: "return input * 10" } }], [{ from: "w", to: "echo" }], {
      output: "$steps.echo.output",
    });
    const map = workflow([{ id: "each", type: "map", config: { items: "[1,2,3,4,5]", definition: child, maxConcurrency: 2 } }]);
    const { after } = await restartWhen(map, (status) => status.each === "waiting");
    expect([after.run.status, after.steps[0]!.output]).toEqual(["completed", [10, 20, 30, 40, 50]]);
  });

  it("finishes a map recovered one run per batch, each child step run once more at most (after a requeue)", async () => {
    const child = workflow([{ id: "echo", type: "code", config: { source: "const t = Date.now(); while (Date.now() - t < 50) {} return input * 10" } }], [], { output: "$steps.echo.output" });
    const map = workflow([{ id: "each", type: "map", config: { items: "[1,2,3,4]", definition: child, maxConcurrency: 4 } }]);
    const { after, events } = await restartWhen(map, (status) => status.each === "waiting", { recovery: { batchSize: 1 } });
    expect([after.run.status, after.steps[0]!.output]).toEqual(["completed", [10, 20, 30, 40]]);
    const childIds = (events.find((event) => event.type === "step.completed")!.payload as { childRunIds: string[] }).childRunIds;
    const store = await openStore();
    try {
      for (const childId of childIds) {
        const started = (await store.listEvents(childId, 0)).filter((event) => event.type === "step.started");
        expect(started.length, `child ${childId} ran its step ${started.length} times`).toBeLessThanOrEqual(2); // once, or again after a requeue
        const requeued = (await store.listEvents(childId, 0)).filter((event) => event.type === "step.requeued");
        expect(started.length).toBe(1 + requeued.length);
      }
    } finally {
      await store.close();
    }
  });

  it("recovers in batches, reporting progress, and lets the event loop turn between them", async () => {
    const store = await openStore();
    try {
      const first = createEngine({ store });
      const definition = chain({ id: "wait", type: "delay", config: { ms: 1 } } as never, { id: "after", type: "noop" } as never);
      const runIds = await Promise.all(Array.from({ length: 25 }, async () => (await first.startRun({ definition })).runId));
      await first.stop();

      const second = createEngine({ store });
      let eventLoopTurned = false;
      setImmediate(() => (eventLoopTurned = true));
      const reports: (RecoveryProgress & { eventLoopTurned: boolean })[] = [];
      const resumed = await second.start({ batchSize: 10, onProgress: (progress) => reports.push({ ...progress, eventLoopTurned }) });
      const finished = await Promise.all(runIds.map((runId) => second.waitForRun(runId)));
      await second.stop();

      // Every run of the tests before finished: these 25 are all there is to recover.
      expect(resumed).toBe(25);
      expect(reports.map(({ resumed, total }) => [resumed, total])).toEqual([[0, 25], [10, 25], [20, 25], [25, 25]]);
      // On SQLite every read is synchronous: only the wait for each batch's commit lets other work in.
      expect(reports.slice(1).map((report) => report.eventLoopTurned)).toEqual([true, true, true]);
      expect(finished.map((stored) => stored.run.status)).toEqual(runIds.map(() => "completed"));
    } finally {
      await store.close();
    }
  });
});
