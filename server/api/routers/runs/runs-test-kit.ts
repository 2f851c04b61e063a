import { createEngine, type Engine, type RunStore } from "@/engine";
import type { Session } from "@/server/auth";
import { createCaller } from "@/server/api/root";
import type { TRPCContext } from "@/server/api/trpc";
import { prismaWorkflowResolver } from "@/server/engine-host/prisma-workflow-resolver";
import { SqliteRunStore } from "@/server/engine-host/stores/sqlite-run-store";
import { createWorkflowsTestKit, type WorkflowsTestKit } from "../workflows/workflows-test-kit";

export interface RunsTestKit extends WorkflowsTestKit {
  /** A real engine on the test database file, resolving sub-workflows through Prisma like the app's. */
  engine: Engine;
  /** The engine's store. */
  store: RunStore;
  contextFor(session: Session | null): TRPCContext;
  /** A workflow of `member`'s team with one published version per definition, in order. */
  publishedWorkflow(member: Session, name: string, ...definitions: unknown[]): Promise<string>;
  /** Stops the engine, closes the store, deletes the database. */
  cleanup(): Promise<void>;
}

/** The workflows kit plus an engine sharing its SQLite file, as `getEngineHost()` shares `DATABASE_URL`. */
export async function createRunsTestKit(): Promise<RunsTestKit> {
  const kit = await createWorkflowsTestKit();
  const store = SqliteRunStore.open(kit.testDb.filename);
  const engine = createEngine({ store, resolver: prismaWorkflowResolver(kit.testDb.db) });
  await engine.start();
  const contextFor = (session: Session | null): TRPCContext => ({
    db: kit.testDb.db,
    dbProvider: "sqlite",
    session,
    getEngine: () => Promise.resolve(engine),
  });
  return {
    ...kit,
    engine,
    store,
    contextFor,
    callerFor: (session) => createCaller(contextFor(session)),
    async publishedWorkflow(member, name, ...definitions) {
      const caller = createCaller(contextFor(member));
      const { id } = await caller.workflows.create({ name });
      for (const [index, draft] of definitions.entries()) {
        await caller.workflows.saveDraft({ workflowId: id, baseRevision: index, draft });
        await caller.workflows.publish({ workflowId: id, baseRevision: index + 1 });
      }
      return id;
    },
    async cleanup() {
      await engine.stop();
      await store.close();
      await kit.testDb.cleanup();
    },
  };
}

/**
 * `double → add_one` over `{ n }`: output `n * factor + 1`. The input schema requires a number `n`.
 *
 *   double ──▶ add_one
 */
export function doublingDefinition(name: string, factor = 2) {
  return {
    format: "orka/v1",
    name,
    namespace: "default",
    input: { type: "object", properties: { n: { type: "number" } }, required: ["n"] },
    steps: [
      { id: "double", type: "noop", config: { output: `$input.n * ${factor}` } },
      { id: "add_one", type: "noop", config: { output: "$steps.double.output + 1" } },
    ],
    edges: [{ from: "double", to: "add_one" }],
    output: "$steps.add_one.output",
  };
}

/** `boom ──▶ after`: `boom` always fails; `after` reads what `boom` produced, which only an operator can supply. */
export const failingDefinition = {
  format: "orka/v1",
  name: "failing",
  steps: [
    { id: "boom", type: "fail", config: { message: "supplier down" } },
    { id: "after", type: "noop", config: { output: "$steps.boom.output.value + 1" } },
  ],
  edges: [{ from: "boom", to: "after" }],
};

/**
 * `gate` waits for an operator's decision (also a run to cancel).
 *
 *   gate ──approved──▶ ship
 *        └─rejected──▶ refund
 */
export const gateDefinition = {
  format: "orka/v1",
  name: "gate",
  steps: [
    { id: "gate", type: "approval", config: {} },
    { id: "ship", type: "noop", config: { output: "'shipped'" } },
    { id: "refund", type: "noop", config: { output: "'refunded'" } },
  ],
  edges: [
    { from: "gate", to: "ship", branch: "approved" },
    { from: "gate", to: "refund", branch: "rejected" },
  ],
};
