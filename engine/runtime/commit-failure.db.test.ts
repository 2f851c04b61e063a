import { afterAll, describe, expect, it } from "vitest";
import { SqliteRunStore } from "../../server/engine-host/stores/sqlite-run-store";
import { createSqliteTestDatabase } from "../../server/testing/sqlite-store-db";
import type { RunMutation, RunStore, StepCacheKey, StepCacheScope } from "../ports/run-store";
import { createEngine } from "./engine";
import { chain } from "./testing/engine-fixture";

const database = createSqliteTestDatabase();
const store = SqliteRunStore.open(database.filename);
afterAll(async () => {
  await store.close();
  database.cleanup();
});

/** The real store, except that the commits named in `failing` (1-based) throw before writing. */
function storeFailingCommits(failing: Set<number>): RunStore & { commits: number } {
  const wrapper = {
    commits: 0,
    async commit(mutations: readonly RunMutation[]) {
      if (failing.has(++wrapper.commits)) throw new Error("disk I/O error (simulated)");
      await store.commit(mutations);
    },
    loadRun: (runId: string) => store.loadRun(runId),
    listActiveRunIds: () => store.listActiveRunIds(),
    listEvents: (runId: string, afterSeq: number, limit?: number) => store.listEvents(runId, afterSeq, limit),
    listChildRuns: (runId: string, stepId?: string) => store.listChildRuns(runId, stepId),
    loadRuns: (runIds: readonly string[]) => store.loadRuns(runIds),
    listChildNodes: (parentRunIds: readonly string[]) => store.listChildNodes(parentRunIds),
    countTreeRuns: (rootRunId: string) => store.countTreeRuns(rootRunId),
    readStepCache: (key: StepCacheKey, now: Date) => store.readStepCache(key, now),
    clearStepCache: (scope: StepCacheScope) => store.clearStepCache(scope),
    close: async () => {},
  };
  return wrapper;
}

describe("a commit that fails", () => {
  it("loses nothing committed: the run is reloaded from the database and finishes, its log gap-free", async () => {
    const failing = storeFailingCommits(new Set([3, 4]));
    const engine = createEngine({ store: failing });
    const { runId } = await engine.startRun({
      definition: chain({ id: "wait", type: "delay", config: { ms: 20 } } as never, { id: "after", type: "code", config: { source: "return 'done'" } } as never),
    });
    const { run, steps } = await engine.waitForRun(runId);
    await engine.stop();
    expect(run.status).toBe("completed");
    expect(steps.find((step) => step.stepId === "after")!.output).toBe("done");
    const events = await store.listEvents(runId, 0);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.some((event) => event.type === "step.requeued" && event.stepId === "wait")).toBe(true);
  });

  it("rejects startRun when its first commit fails, leaving no run behind", async () => {
    const failing = storeFailingCommits(new Set([1]));
    const engine = createEngine({ store: failing });
    await expect(engine.startRun({ definition: chain({ id: "a", type: "noop" } as never), runId: "doomed-run" })).rejects.toThrow("disk I/O error");
    await engine.stop();
    expect(await store.loadRun("doomed-run")).toBeNull();
  });
});
