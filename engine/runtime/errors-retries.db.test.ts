import { afterAll, describe, expect, it } from "vitest";
import { SqliteRunStore } from "../../server/engine-host/stores/sqlite-run-store";
import { createSqliteTestDatabase } from "../../server/testing/sqlite-store-db";
import { engineRunner, eventOf, workflow } from "./testing/engine-fixture";

const database = createSqliteTestDatabase();
const store = SqliteRunStore.open(database.filename);
const { engine, run } = engineRunner(store);
afterAll(async () => {
  await engine.stop();
  await store.close();
  database.cleanup();
});

const code = (source: string, extra: Record<string, unknown> = {}) => workflow([{ id: "s", type: "code", config: { source }, ...extra }]);

describe("error classes", () => {
  it("an ordinary throw is transient, PermanentError permanent, a non-Error transient with a clear message", async () => {
    const transient = await run(code("throw new Error('socket hang up')"));
    expect(transient.steps.s!.error).toEqual({ kind: "transient", message: "socket hang up" });
    const permanent = await run(code("throw new PermanentError('bad order')"));
    expect(permanent.steps.s!.error).toEqual({ kind: "permanent", message: "bad order" });
    const nonError = await run(code("throw { code: 42 }"));
    expect(nonError.steps.s!.error).toEqual({ kind: "transient", message: 'non-Error thrown: {"code":42}' });
  });

  it("a step over its timeoutMs fails with a timeout, and is retried per policy", async () => {
    const result = await run(code("while (true) {}", { timeoutMs: 200, retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 1 } }));
    expect([result.steps.s!.error?.kind, result.steps.s!.attempt]).toEqual(["timeout", 2]);
    expect(result.steps.s!.error?.message).toMatch(/timed out after 200 ms/);
  });

  it("a runaway allocation fails the step, not the process", async () => {
    const result = await run(code("const a = []; while (true) a.push(new Array(1000).fill(a.length))", { timeoutMs: 20000 }));
    expect(result.steps.s!.status).toBe("failed");
    expect(result.steps.s!.error?.message).toMatch(/memory/);
    expect((await run(code("return 1"))).steps.s!.output).toBe(1);
  });

  it("a cancelled step records the cancelled class", async () => {
    const { runId } = await engine.startRun({ definition: code("while (true) {}", { timeoutMs: 60000 }) });
    await eventOf(engine, runId, "step.started", "s");
    await engine.cancelStep(runId, "s");
    const { steps } = await engine.waitForRun(runId).then(async () => ({ steps: (await engine.getRun(runId))!.steps }));
    expect(steps[0]!.error?.kind).toBe("cancelled");
  });
});

describe("retries", () => {
  it("retries transient failures with exponential backoff until an attempt succeeds", async () => {
    const retry = { maxAttempts: 4, backoff: "exponential", initialDelayMs: 40, maxDelayMs: 1000, jitter: 0 };
    const result = await run(code("if (attempt < 4) throw new Error('flaky ' + attempt); return attempt", { retry }));
    expect([result.steps.s!.status, result.steps.s!.output, result.steps.s!.attempt]).toEqual(["completed", 4, 4]);
    const retrying = result.events.filter((event) => event.type === "step.retrying");
    expect(retrying.map((event) => event.payload.attempt)).toEqual([1, 2, 3]);
    expect(retrying.map((event) => event.payload.delayMs)).toEqual([40, 80, 160]);
    for (const event of retrying) {
      const untilWake = new Date(event.payload.wakeAt as string).getTime() - event.at.getTime();
      expect(untilWake).toBeLessThanOrEqual(event.payload.delayMs as number);
      expect(untilWake).toBeGreaterThan((event.payload.delayMs as number) - 25);
    }
    // the next attempt starts no earlier than its durable timer says
    const starts = result.events.filter((event) => event.type === "step.started").map((event) => event.at.getTime());
    retrying.forEach((event, index) => expect(starts[index + 1]).toBeGreaterThanOrEqual(new Date(event.payload.wakeAt as string).getTime()));
  });

  it("uses a fixed delay, jittered down by at most the jitter fraction", async () => {
    const retry = { maxAttempts: 3, backoff: "fixed", initialDelayMs: 100, jitter: 0.5 };
    const result = await run(code("throw new Error('down')", { retry }));
    const delays = result.events.filter((event) => event.type === "step.retrying").map((event) => event.payload.delayMs as number);
    expect(delays).toHaveLength(2);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(50);
      expect(delay).toBeLessThanOrEqual(100);
    }
  });

  it("never retries permanent errors", async () => {
    const result = await run(code("throw new PermanentError('no')", { retry: { maxAttempts: 5, initialDelayMs: 1 } }));
    expect(result.steps.s!.attempt).toBe(1);
  });

  it("keeps the retry timer durable: the wake time is stored on the step", async () => {
    const { runId } = await engine.startRun({ definition: code("throw new Error('down')", { retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 60000, jitter: 0 } }) });
    await eventOf(engine, runId, "step.retrying", "s");
    const stored = (await engine.getRun(runId))!;
    expect(stored.steps[0]!.status).toBe("retrying");
    expect(stored.steps[0]!.wakeAt!.getTime() - Date.now()).toBeGreaterThan(55000);
    await engine.cancelRun(runId);
  });
});

describe("parallelism", () => {
  it("runs independent steps in parallel, bounded by maxParallel", async () => {
    const steps = Array.from({ length: 6 }, (_, index) => ({ id: `d${index}`, type: "delay", config: { ms: 150 } }));
    const started = Date.now();
    const result = await run(workflow(steps, [], { maxParallel: 3 }));
    expect(result.run.status).toBe("completed");
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(150);
    // delays wait without holding a slot, so the bound applies to handlers in flight
    const running = result.events.filter((event) => event.type === "step.started");
    expect(running).toHaveLength(6);
  });

  it("never has more than maxParallel code steps running at once", async () => {
    const steps = Array.from({ length: 6 }, (_, index) => ({ id: `c${index}`, type: "code", config: { source: "const t = Date.now(); while (Date.now() - t < 30) {} return 1" } }));
    const result = await run(workflow(steps, [], { maxParallel: 2 }));
    let running = 0;
    let peak = 0;
    for (const event of result.events) {
      if (event.type === "step.started") peak = Math.max(peak, ++running);
      if (event.type === "step.completed") running--;
    }
    expect(peak).toBeLessThanOrEqual(2);
    expect(result.run.status).toBe("completed");
  });
});
