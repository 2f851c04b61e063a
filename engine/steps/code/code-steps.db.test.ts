import { afterAll, describe, expect, it } from "vitest";
import { openSqlite } from "../../../server/db/sqlite";
import { SqliteRunStore } from "../../../server/engine-host/stores/sqlite-run-store";
import { createSqliteTestDatabase } from "../../../server/testing/sqlite-store-db";
import { createEngine } from "../../runtime/engine";
import { eventOf, workflow } from "../../runtime/testing/engine-fixture";
import { createSandbox, type Sandbox } from "../../sandbox/index";
import { startedSignal } from "../../sandbox/testing/signals";

// Code steps of several teams on one engine with 2 sandbox workers (a team may hold 1 of them),
// on the real SQLite store. Nothing here measures time: a step that waited its turn unfairly, or
// had its queueing counted against its timeout, ends the wrong way or never.
const database = createSqliteTestDatabase();
const store = SqliteRunStore.open(database.filename);
const teams = openSqlite(database.filename);
teams.prepare("INSERT INTO teams (id, name, slug) VALUES (?, ?, ?), (?, ?, ?)").run("team_a", "A", "a", "team_b", "B", "b");
teams.close();
afterAll(async () => {
  await store.close();
  database.cleanup();
});

const code = (id: string, source: string, extra: Record<string, unknown> = {}) => ({ id, type: "code", config: { source }, ...extra });

describe("code steps sharing the sandbox", () => {
  it("completes one team's trivial step while another team's endless loops occupy the pool", async () => {
    // The engine's sandbox, observed: which tenant's code a worker started, in order.
    const sandbox = createSandbox({ workers: 2 });
    const starts: string[] = [];
    const floodRunning = startedSignal();
    const observed: Sandbox = {
      run: (request) => sandbox.run({ ...request, onStart: () => (starts.push(request.tenant), floodRunning.fire()) }),
      close: () => sandbox.close(),
    };
    const engine = createEngine({ store, sandbox: observed });
    try {
      const loops = ["l0", "l1", "l2", "l3"].map((id) => code(id, "while (true) {}", { timeoutMs: 600_000 }));
      const flood = await engine.startRun({ definition: workflow(loops), teamId: "team_a" });
      await floodRunning.promise;

      const trivial = await engine.startRun({ definition: workflow([code("quick", "return input.n + 1")]), input: { n: 41 }, teamId: "team_b" });
      const done = await engine.waitForRun(trivial.runId);
      expect([done.run.status, done.steps[0]!.output]).toEqual(["completed", 42]);
      expect(starts).toEqual(["team:team_a", "team:team_b"]); // team A's other loops still wait for its one worker

      const flooding = (await engine.getRun(flood.runId))!;
      expect(flooding.run.status).toBe("running");
      expect(flooding.steps.map((step) => step.status)).toEqual(["running", "running", "running", "running"]);
      await engine.cancelRun(flood.runId);
      const cancelled = await engine.waitForRun(flood.runId);
      expect(cancelled.steps.map((step) => step.error?.kind)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"]);
    } finally {
      await engine.stop();
      await sandbox.close();
    }
  });

  it("runs a recovered burst of code steps to completion: time queued for a worker is not counted", async () => {
    // 30 steps of ~50 ms each, one at a time (one run: one worker) take ~1.5 s in all, more than
    // each step's 1 s timeout; each one's own running time is far under it.
    const steps = Array.from({ length: 30 }, (_, index) => code(`c${index}`, `const end = Date.now() + 50; while (Date.now() < end) {} return ${index}`, { timeoutMs: 1_000 }));
    const definition = workflow(steps, [], { maxParallel: 30 });
    const first = createEngine({ store, codeWorkers: 2 });
    const { runId } = await first.startRun({ definition });
    await Promise.all(steps.map((step) => eventOf(first, runId, "step.started", step.id)));
    await first.stop(); // as a crash would: the steps stay running in the database

    const second = createEngine({ store, codeWorkers: 2 });
    try {
      expect(await second.start()).toBe(1);
      const { run, steps: rows } = await second.waitForRun(runId);
      expect(run.status).toBe("completed");
      const outcomes = Object.fromEntries(rows.map((row) => [row.stepId, [row.status, row.output]]));
      expect(outcomes).toEqual(Object.fromEntries(steps.map((step, index) => [step.id, ["completed", index]])));
      const events = await second.listEvents(runId);
      expect(events.filter((event) => event.type === "step.failed" || event.type === "step.retrying")).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});
