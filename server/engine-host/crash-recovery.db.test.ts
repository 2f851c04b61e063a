// Crash recovery, proven from outside: `orka run` is killed with SIGKILL while a
// step's HTTP request is in flight, and `orka resume` on the same database finishes the run. Steps
// finished before the kill are not run again; the interrupted one runs again with the same
// idempotency key, and the event log says so. Same scenario on SQLite and on PostgreSQL.
import { describe, expect, it } from "vitest";
import type { RunStore } from "../../engine/ports/run-store";
import { createBothStores } from "../testing/both-stores";
import { createScratchFolder, startHoldingServer, startOrka, writeDefinitionFile } from "../testing/killed-process";
import { PgRunStore } from "./stores/pg-run-store";
import { SqliteRunStore } from "./stores/sqlite-run-store";

const folder = createScratchFolder("orka-crash-test-");
const { sqlite, postgres } = await createBothStores();

describe("crash recovery after SIGKILL", () => {
  it("on SQLite", { timeout: 90_000 }, async () => {
    await crashAndResume(sqlite.url, () => Promise.resolve(SqliteRunStore.open(sqlite.filename)));
  });

  it.skipIf(!postgres)("on PostgreSQL", { timeout: 90_000 }, async () => {
    await crashAndResume(postgres!.url, () => PgRunStore.open(postgres!.url));
  });
});

async function crashAndResume(db: string, openStore: () => Promise<RunStore>): Promise<void> {
  const server = await startHoldingServer();
  try {
    const file = writeDefinition(server.url);

    // Process 1 runs a and b, then hangs in `slow` (the server never answers its first request).
    const first = startOrka(["run", file, "--db", db]);
    const runId = await first.runId;
    await server.heldReceived();
    first.child.kill("SIGKILL");
    const killed = await first.exited;
    expect(killed.signal).toBe("SIGKILL");
    expect(() => process.kill(first.child.pid!, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
    expect(killed.stdout).toBe("");

    // Process 2 recovers the run from the database and finishes it.
    const second = await startOrka(["resume", runId, "--db", db]).exited;
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report).toMatchObject({ runId, status: "completed", output: { a: "/a", slow: "/slow", d: "/d" } });
    expect(report.steps.slow).toMatchObject({ status: "completed", attempts: 1, error: null });
    for (const stepId of ["a", "b", "d"]) expect(report.steps[stepId]).toMatchObject({ status: "completed", attempts: 1 });

    expect(server.requests).toEqual([
      { path: "/a", key: `${runId}:a:1` },
      { path: "/b", key: `${runId}:b:1` },
      { path: "/slow", key: `${runId}:slow:1` },
      { path: "/slow", key: `${runId}:slow:1` },
      { path: "/d", key: `${runId}:d:1` },
    ]);

    const store = await openStore();
    try {
      const events = await store.listEvents(runId, 0);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      const ofSlow = events.filter((event) => event.stepId === "slow");
      expect(ofSlow.map((event) => event.type)).toEqual(["step.queued", "step.started", "step.requeued", "step.started", "step.completed"]);
      expect(ofSlow[1]!.payload).toMatchObject({ attempt: 1, idempotencyKey: `${runId}:slow:1` });
      expect(ofSlow[2]!.payload).toMatchObject({ attempt: 1 });
      expect(ofSlow[3]!.payload).toMatchObject({ attempt: 1, idempotencyKey: `${runId}:slow:1` });
      for (const stepId of ["a", "b"]) {
        const started = events.filter((event) => event.stepId === stepId && event.type === "step.started");
        expect(started, stepId).toHaveLength(1);
      }
      expect(events.at(-1)?.type).toBe("run.completed");
      expect((await store.loadRun(runId))?.run.status).toBe("completed");
    } finally {
      await store.close();
    }
  } finally {
    await server.close();
  }
}

function writeDefinition(baseUrl: string): string {
  const get = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: "http", config: { method: "GET", url: `${baseUrl}/${id}` }, ...extra });
  return writeDefinitionFile(folder, "crash", {
    format: "orka/v1",
    name: "crash_recovery",
    steps: [get("a"), get("b"), get("slow", { timeoutMs: 30_000 }), get("d")],
    edges: [
      { from: "a", to: "b" },
      { from: "b", to: "slow" },
      { from: "slow", to: "d" },
    ],
    output: '{ "a": $steps.a.output.body.path, "slow": $steps.slow.output.body.path, "d": $steps.d.output.body.path }',
  });
}
