import { describe, expect, it } from "vitest";
import { SqliteRunStore } from "../../server/engine-host/stores/sqlite-run-store";
import { createBothStores } from "../../server/testing/both-stores";
import { createSqliteTestDatabase } from "../../server/testing/sqlite-store-db";
import type { RunStore } from "../ports/run-store";
import { createEngine } from "./engine";
import { eventOf, workflow } from "./testing/engine-fixture";

// An engine whose event loop is held past its lease while a map step's child runs are committed
// (a huge synchronous commit, a starved process) loses the lease: that commit is fenced, every run
// in memory is dropped. The tree must not be lost with them: the engine registers a new lease,
// claims the tree back (the old lease expired) and resumes it, and the map makes its children once.
const { databases } = await createBothStores();

const items = 300;
const gated = workflow([{ id: "gate", type: "approval", config: {} }]);
const mapOf = (definition: unknown) => workflow([{ id: "each", type: "map", config: { items: `[1..${items}]`, definition, maxConcurrency: 8 } }]);

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** The store, with the loop held for `ms` before the first commit of more than `runs` runs: what a starved process does. */
function holdingLoopBeforeBigCommit(store: RunStore, runs: number, ms: number): { held: () => boolean } {
  let held = false;
  const commit = store.commit.bind(store);
  store.commit = async (mutations, fence) => {
    if (!held && mutations.length > runs) {
      held = true;
      busyFor(ms);
    }
    return commit(mutations, fence);
  };
  return { held: () => held };
}

describe.each(databases)("a lease lost in the middle of a map on %s", (_name, openStore) => {
  it("resumes the tree under a new lease, and the map makes its children once", { timeout: 60_000 }, async () => {
    const store = await openStore();
    const errors: string[] = [];
    const logger = { info() {}, warn() {}, error: (message: string) => void errors.push(message) };
    const engine = createEngine({ store, logger, leases: { leaseMs: 1_000, claimIntervalMs: 50 } });
    try {
      await engine.start();
      const loop = holdingLoopBeforeBigCommit(store, items, 1_500);
      const { runId } = await engine.startRun({ definition: mapOf(gated) });
      await eventOf(engine, runId, "step.waiting", "each");
      expect(loop.held()).toBe(true);
      expect(errors.filter((message) => message.includes("was lost"))).not.toEqual([]);

      const children = await store.listChildRuns(runId, "each");
      expect(children.map((child) => child.parentIndex)).toEqual([...Array(items).keys()]);
      expect(await store.countTreeRuns(runId)).toBe(1 + items);
      expect(await engine.ownerOf(runId)).toMatchObject({ mine: true });
      const events = await store.listEvents(runId, 0);
      expect(events.filter((event) => event.type === "step.waiting")).toHaveLength(1);
      // The fenced commit applied nothing; the map ran again under the new lease, same attempt (more
      // than twice only if a loaded machine lost a lease once more).
      const attempts = events.filter((event) => event.type === "step.started").map((event) => event.payload.attempt);
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      expect(new Set(attempts)).toEqual(new Set([1]));
      // And the tree goes on: the first children run their steps.
      await eventOf(engine, children[0]!.id, "step.waiting", "gate");
    } finally {
      await engine.stop();
      await store.close();
    }
  });
});

describe("a commit longer than the lease on SQLite", () => {
  it("keeps the lease: the commit that held the process (and every other writer) renews it", { timeout: 60_000 }, async () => {
    const database = createSqliteTestDatabase(); // its own: no tree of the tests above to claim
    const store = SqliteRunStore.open(database.filename);
    const errors: string[] = [];
    const logger = { info() {}, warn() {}, error: (message: string) => void errors.push(message) };
    const engine = createEngine({ store, logger, leases: { leaseMs: 1_000, claimIntervalMs: 50 } });
    try {
      await engine.start();
      // The first child run written holds the write transaction past the lease, as the commit of a
      // huge map does on a slow disk or a starved machine (a trigger calling back into this process).
      let stalled = false;
      store.database.function("stall_once", () => {
        if (!stalled) busyFor(1_500);
        stalled = true;
        return null;
      });
      store.database.exec(`CREATE TEMP TRIGGER stall_child AFTER INSERT ON runs WHEN NEW.parent_run_id IS NOT NULL BEGIN SELECT stall_once(); END`);
      const { runId } = await engine.startRun({ definition: mapOf(gated) });
      await eventOf(engine, runId, "step.waiting", "each");
      const children = await store.listChildRuns(runId, "each");
      await eventOf(engine, children[0]!.id, "step.waiting", "gate");
      // Renewals go on after it (not the one due during it, refused: lost, everything dropped and claimed back).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(stalled).toBe(true);
      expect(errors).toEqual([]);
      expect((await engine.ownerOf(runId))!.mine).toBe(true);
      expect(engine.usage().runsInMemory).toBe(1 + items);
    } finally {
      await engine.stop();
      await store.close();
      database.cleanup();
    }
  });
});
