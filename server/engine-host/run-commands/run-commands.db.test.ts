import { afterAll, describe, expect, it } from "vitest";
import { createEngine, EngineActionError, type Engine, type RunStore } from "../../../engine/index";
import { ValidationError } from "../../../engine/definition/index";
import { eventOf, workflow } from "../../../engine/runtime/testing/engine-fixture";
import { createPrismaClient, type Db } from "../../db/create-prisma-client";
import { PgRunStore } from "../stores/pg-run-store";
import { SqliteRunStore } from "../stores/sqlite-run-store";
import { createPostgresTestDatabase } from "../../testing/postgres-test-db";
import { createSqliteTestDatabase } from "../../testing/sqlite-store-db";
import { listenOn } from "../pg-channel-listener";
import { readCommand } from "./command-rows";
import { leaseOwnership, RunCommandProcessor } from "./processor";
import { createCommandRelay, runCommandsChannel, RunCommandTimeoutError } from "./relay";

// An operator action asked through `run_commands` is applied by the engine that processes them and
// answers as acting locally would: the result, or the same refusal (400/409), never a 500.
const sqlite = createSqliteTestDatabase();
const postgres = await createPostgresTestDatabase();
afterAll(async () => {
  sqlite.cleanup();
  await postgres?.drop();
});

type Setup = { db: Db; provider: "sqlite" | "postgres"; openStore: () => Promise<RunStore>; url: string };
const setups: [string, () => Setup][] = [
  ["SQLite", () => ({ db: createPrismaClient({ provider: "sqlite", filename: sqlite.filename, url: sqlite.url }), provider: "sqlite", openStore: async () => SqliteRunStore.open(sqlite.filename), url: sqlite.url })],
];
if (postgres) setups.push(["PostgreSQL", () => ({ db: createPrismaClient({ provider: "postgres", url: postgres.url }), provider: "postgres", openStore: () => PgRunStore.open(postgres.url), url: postgres.url })]);

const approval = workflow([{ id: "ok", type: "approval", config: {} }, { id: "after", type: "noop" }], [{ from: "ok", to: "after", branch: "approved" }]);

describe.each(setups)("run commands on %s", (_name, setUp) => {
  async function withEngine(test: (context: { engine: Engine; relay: ReturnType<typeof createCommandRelay>; db: Db }) => Promise<void>, { processing = true } = {}) {
    const { db, provider, openStore, url } = setUp();
    const store = await openStore();
    const engine = createEngine({ store, leases: { kind: "applier" } });
    await engine.start();
    const processor = new RunCommandProcessor({ db, engine, ownership: leaseOwnership(engine, { db, kind: "applier" }), pollMs: provider === "postgres" ? 5_000 : 50 });
    // On PostgreSQL only the NOTIFY wakes the processor in time: its poll is longer than the test.
    const listener = processing && provider === "postgres" ? listenOn(url, runCommandsChannel, () => processor.wake()) : null;
    if (processing) processor.start();
    try {
      await test({ engine, relay: createCommandRelay({ db, provider, timeoutMs: 3_000 }), db });
    } finally {
      await listener?.close();
      await processor.stop();
      await engine.stop();
      await store.close();
      await db.$disconnect();
    }
  }

  it("approves a waiting step, and the run goes on; the command names the lease of the engine that applied it", async () => {
    await withEngine(async ({ engine, relay, db }) => {
      const { runId } = await engine.startRun({ definition: approval });
      await eventOf(engine, runId, "step.waiting", "ok");
      expect(await relay({ action: "approveStep", runId, stepId: "ok", decision: { comment: "fine" }, actor: { by: "ana" } })).toBeNull();
      const settled = await engine.waitForRun(runId);
      expect([settled.run.status, settled.steps.find((step) => step.stepId === "after")!.status]).toEqual(["completed", "completed"]);
      const decided = (await engine.listEvents(runId, 0)).find((event) => event.type === "step.completed" && event.stepId === "ok")!;
      expect(decided.payload).toMatchObject({ decision: "approved", comment: "fine", by: "ana" });
      const lease = await db.engineLease.findFirst({ where: { kind: "applier" }, orderBy: { epoch: "desc" } });
      const command = await db.runCommand.findFirst({ where: { runId }, select: { takenBy: true, status: true } });
      expect(command).toEqual({ takenBy: lease!.epoch, status: "done" });
    });
  });

  it("answers refusals with their code and message, as acting locally would", async () => {
    await withEngine(async ({ engine, relay }) => {
      const { runId } = await engine.startRun({ definition: approval });
      await eventOf(engine, runId, "step.waiting", "ok");
      const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
      const notApproval = await refusal(relay({ action: "approveStep", runId, stepId: "after", decision: {}, actor: {} }));
      expect(notApproval).toBeInstanceOf(EngineActionError);
      expect(notApproval).toMatchObject({ code: "BAD_REQUEST", message: 'step "after" is not an approval step' });
      expect(await refusal(relay({ action: "retryStep", runId, stepId: "ok", actor: {} }))).toMatchObject({ code: "CONFLICT", message: 'step "ok" is waiting; only a failed step can be retried' });
      expect(await refusal(relay({ action: "cancelRun", runId: "no-such-run", actor: {} }))).toMatchObject({ code: "NOT_FOUND" });
      const redrive = await refusal(relay({ action: "redriveRun", runId, target: { definition: { format: "orka/v1", steps: "no" }, workflowVersionId: null }, actor: {} }));
      expect(redrive).toBeInstanceOf(ValidationError);
      expect((redrive as ValidationError).issues.length).toBeGreaterThan(0);
      expect((redrive as ValidationError).message).toMatch(/^invalid definition: /);

      await relay({ action: "cancelRun", runId, actor: { by: "ana", reason: "not needed" } });
      expect((await engine.getRun(runId))!.run.status).toBe("cancelled");
      expect(await refusal(relay({ action: "cancelRun", runId, actor: {} }))).toMatchObject({ code: "CONFLICT", message: "run is already cancelled" });
    });
  });

  it("withdraws a command no engine took in time, so it never applies later", async () => {
    await withEngine(
      async ({ engine, relay, db }) => {
        const { runId } = await engine.startRun({ definition: approval });
        await eventOf(engine, runId, "step.waiting", "ok");
        const error = await relay({ action: "cancelRun", runId, actor: {} }).then(() => null, (thrown: unknown) => thrown);
        expect(error).toBeInstanceOf(RunCommandTimeoutError);
        expect((error as RunCommandTimeoutError).applied).toBe(false);
        const [row] = await db.runCommand.findMany({ select: { id: true, status: true }, orderBy: { createdAt: "desc" }, take: 1 });
        expect((await readCommand(db, row!.id))!.status).toBe("expired");
        expect((await engine.getRun(runId))!.run.status).toBe("running");
      },
      { processing: false },
    );
  });
});
