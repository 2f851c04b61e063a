import { afterAll, describe, expect, it } from "vitest";
import { SqliteRunStore } from "../../server/engine-host/stores/sqlite-run-store";
import { createSqliteTestDatabase } from "../../server/testing/sqlite-store-db";
import { engineRunner, workflow } from "./testing/engine-fixture";

// Outputs are checked where they are made, so that no commit ever meets a value it cannot write:
// JSON.stringify recurses, and a value nested ~5,000 deep threw RangeError inside the store's
// commit, failing that commit (and every run in it) again on every retry.
const database = createSqliteTestDatabase();
const store = SqliteRunStore.open(database.filename);
const errors: unknown[] = [];
const logger = { info() {}, warn() {}, error: (message: string) => void errors.push(message) };
const { engine, run } = engineRunner(store, { logger });
afterAll(async () => {
  await engine.stop();
  await store.close();
  database.cleanup();
});

/** A code step returning objects nested `levels` deep. */
const nested = (levels: number) => ({ id: "deep", type: "code", config: { source: `let v = 1; for (let i = 0; i < ${levels}; i++) v = { a: v }; return v;` } });

describe("outputs nested too deeply", () => {
  it("fail the step that returns one, permanent", async () => {
    const result = await run(workflow([nested(1_001)]));
    expect(result.steps.deep!.error).toEqual({ kind: "permanent", message: "output is nested more than 1000 levels deep" });
  });

  it("fail a run whose output would nest too deeply, without failing a commit", async () => {
    const child = workflow([nested(1_000)], [], { output: "$steps.deep.output" });
    const result = await run(workflow([{ id: "call", type: "subworkflow", config: { definition: child } }]));
    expect(result.steps.call!.status).toBe("completed");
    expect(result.run).toMatchObject({ status: "failed", error: { kind: "permanent", message: "run output: output is nested more than 1000 levels deep" } });
    expect(errors).toEqual([]);
  });
});
