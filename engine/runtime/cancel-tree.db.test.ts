import { describe, expect, it } from "vitest";
import { createBothStores } from "../../server/testing/both-stores";
import type { RunNode, RunStore, StoredRun } from "../ports/run-store";
import type { RunEventType } from "../definition/run-events";
import { createEngine, type Engine } from "./engine";
import { eventOf, workflow } from "./testing/engine-fixture";

// Cancelling a run tree of 20,003 runs with one operator call: the tree is walked in the database,
// in batches, by an engine that holds none of it in memory, and every run and step ends cancelled
// with its events. (A recursive cancel overflowed the stack at about 2,000 levels.)
const { databases } = await createBothStores();

const perChild = 10_000;
const gated = workflow([{ id: "gate", type: "approval", config: {} }]);
const child = workflow([{ id: "each", type: "map", config: { items: `[1..${perChild}]`, definition: gated, maxConcurrency: 64 } }]);
const root = workflow([{ id: "each", type: "map", config: { items: "[1, 2]", definition: child, maxConcurrency: 2 } }]);

/** Every run below `runId`, level by level, as nodes. */
async function descendants(store: RunStore, runId: string): Promise<RunNode[]> {
  const all: RunNode[] = [];
  for (let level = [runId]; level.length > 0; ) {
    const next: RunNode[] = [];
    for (let start = 0; start < level.length; start += 500) next.push(...(await store.listChildNodes(level.slice(start, start + 500))));
    all.push(...next);
    level = next.map((node) => node.id);
  }
  return all;
}

/**
 * `eventOf`, or a failure that says why once the tree's top-level run settled first: a step of the
 * tree that failed (it once did: a map's items timed out under load) made this test hang till its timeout.
 */
function eventOrSettled(engine: Engine, rootRunId: string, runId: string, type: RunEventType, stepId: string): Promise<unknown> {
  const settled = engine.waitForRun(rootRunId).then((stored) => {
    throw new Error(`run tree ${rootRunId} ${stored.run.status} (${stored.run.error?.message ?? "no error"}) before run ${runId} had ${type} of ${stepId}`);
  });
  return Promise.race([eventOf(engine, runId, type, stepId), settled]);
}

async function loadAll(store: RunStore, ids: string[]): Promise<StoredRun[]> {
  const runs: StoredRun[] = [];
  for (let start = 0; start < ids.length; start += 500) runs.push(...(await store.loadRuns(ids.slice(start, start + 500))));
  return runs;
}

describe.each(databases)("cancelling run trees on %s", (_name, openStore) => {
  it("cancels a tree of 20,003 runs with one call: every run and step, from the database, in bounded batches", { timeout: 300_000 }, async () => {
    const store = await openStore();
    try {
      const builder = createEngine({ store });
      const { runId } = await builder.startRun({ definition: root });
      await eventOrSettled(builder, runId, runId, "step.waiting", "each");
      const children = (await store.listChildRuns(runId, "each")).map((run) => run.id);
      await Promise.all(children.map((id) => eventOrSettled(builder, runId, id, "step.waiting", "each")));
      await builder.stop();
      expect(await store.countTreeRuns(runId)).toBe(1 + 2 + 2 * perChild);

      // A fresh engine, not started: nothing of the tree is in its memory.
      const engine = createEngine({ store });
      const runsPerCommit: number[] = [];
      engine.onCommitted((runIds) => runsPerCommit.push(runIds.length));
      await engine.cancelRun(runId, { by: "operator", reason: "runaway" });

      const nodes = await descendants(store, runId);
      expect(nodes).toHaveLength(2 + 2 * perChild);
      const notCancelled = nodes.filter((node) => node.status !== "cancelled");
      expect(notCancelled).toEqual([]);
      const stored = await loadAll(store, nodes.map((node) => node.id));
      const unfinishedSteps = stored.flatMap((run) => run.steps.filter((step) => step.status !== "cancelled").map((step) => `${run.run.id}/${step.stepId}=${step.status}`));
      expect(unfinishedSteps).toEqual([]);
      for (const sample of [stored[0]!, stored[1]!, stored[2]!, stored.at(-1)!]) {
        const events = await store.listEvents(sample.run.id, 0);
        expect(events.at(-1)).toMatchObject({ type: "run.cancelled", payload: { by: "operator", reason: "runaway" } });
        expect(events.filter((event) => event.type === "step.cancelled").map((event) => event.stepId)).toEqual(sample.steps.map((step) => step.stepId));
      }
      // Bounded batches: many commits, none with more than a batch of runs (200) and their parents.
      expect(runsPerCommit.length).toBeGreaterThan(100);
      expect(Math.max(...runsPerCommit)).toBeLessThanOrEqual(250);
      await engine.stop();
    } finally {
      await store.close();
    }
  });

  it("cancels, on the next start, the children of a run cancelled by a process that stopped before reaching them", async () => {
    const store = await openStore();
    try {
      const first = createEngine({ store });
      const { runId } = await first.startRun({ definition: workflow([{ id: "each", type: "map", config: { items: "[1, 2]", definition: gated } }]) });
      await eventOf(first, runId, "step.waiting", "each");
      const children = (await store.listChildRuns(runId, "each")).map((run) => run.id);
      await Promise.all(children.map((id) => eventOf(first, id, "step.waiting", "gate")));
      await first.stop();
      // What a process leaves that committed the cancelled root and died before cancelling its children.
      const root = (await store.loadRun(runId))!;
      const at = new Date();
      await store.commit([{
        run: { ...root.run, status: "cancelled", finishedAt: at, updatedAt: at },
        steps: root.steps.map((step) => ({ ...step, status: "cancelled" as const, finishedAt: at, updatedAt: at })),
        events: [
          { runId, seq: root.lastSeq + 1, type: "step.cancelled", stepId: "each", payload: {}, at },
          { runId, seq: root.lastSeq + 2, type: "run.cancelled", stepId: null, payload: {}, at },
        ],
      }]);

      const second = createEngine({ store });
      await second.start();
      const cancelled = await Promise.all(children.map((id) => eventOf(second, id, "run.cancelled")));
      expect(cancelled.map((event) => event.payload)).toEqual([{ reason: "its parent run no longer waits for it" }, { reason: "its parent run no longer waits for it" }]);
      const stored = await store.loadRuns(children);
      expect(stored.flatMap((run) => [run.run.status, ...run.steps.map((step) => step.status)])).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"]);
      await second.stop();
    } finally {
      await store.close();
    }
  });
});
