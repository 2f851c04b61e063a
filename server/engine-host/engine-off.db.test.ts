import { afterAll, describe, expect, it } from "vitest";
import { createEngine, type RunStore } from "../../engine/index";
import { ValidationError } from "../../engine/definition/index";
import { workflow } from "../../engine/runtime/testing/engine-fixture";
import { createPrismaClient, type Db } from "../db/create-prisma-client";
import { createPostgresTestDatabase } from "../testing/postgres-test-db";
import { createSqliteTestDatabase } from "../testing/sqlite-store-db";
import { engineOff } from "./engine-off";
import { createCommandRelay } from "./run-commands/relay";
import { RunEventFeed } from "./run-event-feed";
import { prismaRunEventSource } from "./run-event-source";
import { PgRunStore } from "./stores/pg-run-store";
import { SqliteRunStore } from "./stores/sqlite-run-store";

// A server with ORKA_ENGINE=off validates and commits a run like an embedded one but runs nothing;
// an engine elsewhere (here: another store connection, as a worker would have) runs it, and the
// server's waitForRun follows it from the database.
const sqlite = createSqliteTestDatabase();
const postgres = await createPostgresTestDatabase();
afterAll(async () => {
  sqlite.cleanup();
  await postgres?.drop();
});

const setups: [string, { db: () => Db; openStore: () => Promise<RunStore>; provider: "sqlite" | "postgres" }][] = [
  ["SQLite", { db: () => createPrismaClient({ provider: "sqlite", filename: sqlite.filename, url: sqlite.url }), openStore: async () => SqliteRunStore.open(sqlite.filename), provider: "sqlite" }],
];
if (postgres) setups.push(["PostgreSQL", { db: () => createPrismaClient({ provider: "postgres", url: postgres.url }), openStore: () => PgRunStore.open(postgres.url), provider: "postgres" }]);

const doubling = workflow([{ id: "double", type: "code", config: { source: "return input.n * 2" } }], [], {
  input: { type: "object", required: ["n"], properties: { n: { type: "number" } } },
  output: "$steps.double.output",
});

describe.each(setups)("ORKA_ENGINE=off on %s", (_name, { db: openDb, openStore, provider }) => {
  it("commits a valid run pending with no events, refuses an invalid one like an embedded engine, and waits for another engine to run it", async () => {
    const db = openDb();
    const serverStore = await openStore();
    const feed = new RunEventFeed({ source: prismaRunEventSource(db), pollMs: 20 });
    const off = engineOff(createEngine({ store: serverStore }), serverStore, createCommandRelay({ db, provider, timeoutMs: 100 }), feed);
    const workerStore = await openStore();
    const worker = createEngine({ store: workerStore });
    try {
      const refused = await off.startRun({ definition: doubling, input: { n: "two" } }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ValidationError);
      expect(await db.run.count()).toBe(0);

      const { runId } = await off.startRun({ definition: doubling, input: { n: 21 } });
      const committed = (await serverStore.loadRun(runId))!;
      expect([committed.run.status, committed.steps.map((step) => step.status), committed.lastSeq]).toEqual(["pending", ["pending"], 0]);
      expect((await serverStore.leases!.ownerOf(runId))!.epoch).toBeNull(); // nobody's: a worker claims it
      expect(off.usage()).toEqual({ runsInMemory: 0, stepsRunning: 0, stepsWaitingForSlot: 0 });

      const waited = off.waitForRun(runId);
      await worker.start();
      const settled = await waited;
      expect([settled.run.status, settled.run.output]).toEqual(["completed", 42]);
    } finally {
      feed.close();
      await worker.stop();
      await Promise.all([serverStore.close(), workerStore.close()]);
      await db.$disconnect();
    }
  });

  it("waits for a run it started until it needs an operator, and until it ends once approved (every event followed, the run read once)", async () => {
    const db = openDb();
    const serverStore = await openStore();
    let loads = 0;
    const countingStore = new Proxy(serverStore, {
      get: (target, property) =>
        property === "loadRun" || property === "loadRuns"
          ? (ids: string | string[]) => ((loads += typeof ids === "string" ? 1 : ids.length), property === "loadRun" ? target.loadRun(ids as string) : target.loadRuns(ids as string[]))
          : Reflect.get(target, property, target),
    });
    const feed = new RunEventFeed({ source: prismaRunEventSource(db), pollMs: 20 });
    const off = engineOff(createEngine({ store: serverStore }), countingStore, createCommandRelay({ db, provider, timeoutMs: 100 }), feed);
    const workerStore = await openStore();
    const worker = createEngine({ store: workerStore });
    const gated = workflow(
      [
        { id: "double", type: "code", config: { source: "return input.n * 2" } },
        { id: "gate", type: "approval", config: {} },
      ],
      [{ from: "double", to: "gate" }],
      { input: { type: "object", required: ["n"], properties: { n: { type: "number" } } } },
    );
    try {
      await worker.start();
      const { runId } = await off.startRun({ definition: gated, input: { n: 2 } });
      const waiting = await off.waitForRun(runId);
      expect([waiting.run.status, waiting.steps.map((step) => [step.stepId, step.status])]).toEqual(["running", [["double", "completed"], ["gate", "waiting"]]]);
      expect(loads).toBe(1);
      await worker.approveStep(runId, "gate", {}, { by: "ann" });
      // Not fresh any more: waited for as any run is.
      expect((await off.waitForRun(runId)).run.status).toBe("completed");
    } finally {
      feed.close();
      await worker.stop();
      await Promise.all([serverStore.close(), workerStore.close()]);
      await db.$disconnect();
    }
  });
});
