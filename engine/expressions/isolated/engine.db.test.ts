import { afterAll, describe, expect, it } from "vitest";
import { SqliteRunStore } from "../../../server/engine-host/stores/sqlite-run-store";
import { createSqliteTestDatabase } from "../../../server/testing/sqlite-store-db";
import { createEngine } from "../../runtime/engine";
import { chain, engineRunner, workflow } from "../../runtime/testing/engine-fixture";

const database = createSqliteTestDatabase();
const store = SqliteRunStore.open(database.filename);
const { engine, run, settled } = engineRunner(store);

afterAll(async () => {
  await engine.stop();
  await store.close();
  database.cleanup();
});

/** Took the whole server down (a V8 fatal error), and again on every restart while the run was resumed. */
const stringDoubling = `($s := "x";${" $s := $s & $s;".repeat(27)} $count($split($s, "")))`;
/**
 * V8 collects garbage for a while at the heap limit before it aborts; on a loaded machine the 1 s
 * watchdog can kill the child first. Either way one limit stopped it; attacks.test.ts pins the memory
 * message with a 10 s limit.
 */
const heapOrClockLimit = /output expression: expression exceeded its (memory limit of 128 MB|time limit of 1000 ms)/;
const doubler = chain({ id: "double", type: "noop", config: { output: "$input.n * 2" } } as never);

describe("an output expression that exhausts the evaluator", () => {
  it("fails its run with a clear error while the engine runs the others", async () => {
    const { runId } = await engine.startRun({ definition: workflow([{ id: "a", type: "noop" }], [], { output: stringDoubling }) });
    const others = await Promise.all([1, 2, 3].map((n) => run(doubler, { n })));
    expect(others.map((other) => [other.run.status, other.steps.double!.output])).toEqual([["completed", 2], ["completed", 4], ["completed", 6]]);

    const failed = await settled(runId);
    expect(failed.run.status).toBe("failed");
    expect(failed.run.error).toEqual({ kind: expect.stringMatching(/^(permanent|timeout)$/), message: expect.stringMatching(heapOrClockLimit) });

    const isolatedAfterwards = await run(workflow([{ id: "a", type: "noop" }], [], { output: "$map([1, 2], function($n) { $n * 10 })" }));
    expect(isolatedAfterwards.run).toMatchObject({ status: "completed", output: [10, 20] });
  });

  it("stays failed when an engine starts again on the same database: nothing is resumed", async () => {
    const { runId } = await engine.startRun({ definition: workflow([{ id: "a", type: "noop" }], [], { output: stringDoubling }) });
    expect((await settled(runId)).run.status).toBe("failed");
    const restarted = createEngine({ store });
    expect(await restarted.start()).toBe(0);
    await restarted.stop();
    expect((await store.loadRun(runId))!.run.status).toBe("failed");
  });
});
