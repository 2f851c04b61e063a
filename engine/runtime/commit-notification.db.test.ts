import { afterAll, describe, expect, it } from "vitest";
import { SqliteRunStore } from "../../server/engine-host/stores/sqlite-run-store";
import { createSqliteTestDatabase } from "../../server/testing/sqlite-store-db";
import type { RunEvent } from "../definition/run-events";
import type { Logger } from "./logger";
import { engineRunner, workflow } from "./testing/engine-fixture";

const database = createSqliteTestDatabase();
const store = SqliteRunStore.open(database.filename);
const errors: string[] = [];
const logger: Logger = { info() {}, warn() {}, error: (message) => void errors.push(message) };
const { engine } = engineRunner(store, { logger });
afterAll(async () => {
  await engine.stop();
  await store.close();
  database.cleanup();
});

//   first ──▶ pause (delay 30 ms) ──▶ last
const delayed = workflow(
  [
    { id: "first", type: "noop" },
    { id: "pause", type: "delay", config: { ms: 30 } },
    { id: "last", type: "noop" },
  ],
  [
    { from: "first", to: "pause" },
    { from: "pause", to: "last" },
  ],
);

describe("engine.onCommitted", () => {
  it("reports each commit's runs once its events are readable, until the run's last event", async () => {
    const seen: { runIds: readonly string[]; readable: Promise<RunEvent[][]> }[] = [];
    const stop = engine.onCommitted((runIds) => {
      // Read at once, inside the call: the events must already be durable.
      seen.push({ runIds, readable: Promise.all(runIds.map((runId) => store.listEvents(runId, 0))) });
    });
    const { runId } = await engine.startRun({ definition: delayed });
    const settled = await engine.waitForRun(runId);
    stop();
    expect(settled.run.status).toBe("completed");
    const all = await store.listEvents(runId, 0);
    const ours = seen.filter((call) => call.runIds.includes(runId));
    // The delay splits the run over several commits, so there are several calls.
    expect(ours.length).toBeGreaterThan(1);
    for (const call of seen) expect(new Set(call.runIds).size).toBe(call.runIds.length);
    const readAtCall = await Promise.all(ours.map(async (call) => (await call.readable)[call.runIds.indexOf(runId)]!.length));
    // Each call could read more than the one before, and the last one read everything.
    expect(readAtCall).toEqual([...readAtCall].sort((a, b) => a - b));
    expect(new Set(readAtCall).size).toBe(readAtCall.length);
    expect(readAtCall.at(-1)).toBe(all.length);
    expect(all.at(-1)!.type).toBe("run.completed");
  });

  it("reports operator actions, and stops reporting once unsubscribed", async () => {
    const waiting = workflow([{ id: "gate", type: "approval", config: {} }, { id: "after", type: "noop" }], [{ from: "gate", to: "after", branch: "approved" }]);
    const { runId } = await engine.startRun({ definition: waiting });
    await engine.waitForRun(runId);
    const calls: (readonly string[])[] = [];
    const stop = engine.onCommitted((runIds) => void calls.push(runIds));
    await engine.approveStep(runId, "gate", {}, { by: "ann" });
    await engine.waitForRun(runId);
    expect(calls.some((runIds) => runIds.includes(runId))).toBe(true);
    stop();
    const before = calls.length;
    const other = await engine.startRun({ definition: workflow([{ id: "a", type: "noop" }]) });
    await engine.waitForRun(other.runId);
    expect(calls.length).toBe(before);
  });

  it("logs a failing listener and goes on committing", async () => {
    const stop = engine.onCommitted(() => {
      throw new Error("listener bug");
    });
    const { runId } = await engine.startRun({ definition: workflow([{ id: "a", type: "noop" }]) });
    const settled = await engine.waitForRun(runId);
    stop();
    expect(settled.run.status).toBe("completed");
    expect(errors).toContain("a commit listener failed");
  });
});
