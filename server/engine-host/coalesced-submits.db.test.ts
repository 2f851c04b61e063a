import { describe, expect, it } from "vitest";
import type { RunMutation, RunStore } from "../../engine/index";
import { newRunRows } from "../../engine/runtime/new-run";
import { createBothStores } from "../testing/both-stores";
import { coalescedSubmits } from "./coalesced-submits";

// A server with ORKA_ENGINE=off starts runs through coalescedSubmits: concurrent starts share
// commits, and a start that cannot be committed fails alone.
const { databases } = await createBothStores();
const definition = { format: "orka/v1", name: "t", steps: [{ id: "a", type: "noop" }], edges: [] };

function newRun() {
  const rows = newRunRows({ definition: definition as never, input: {} }, new Date());
  return { run: rows.run, steps: rows.steps, events: [] } satisfies RunMutation;
}

/** The store, counting the commits that reach it. */
function counted(store: RunStore) {
  const commits: number[] = [];
  const inner = store.commit.bind(store);
  store.commit = (mutations, fence) => {
    commits.push(mutations.length);
    return inner(mutations, fence);
  };
  return commits;
}

describe.each(databases)("coalesced submits on %s", (_name, openStore) => {
  it("commits concurrent starts together and every one of them lands", async () => {
    const store = await openStore();
    try {
      const commits = counted(store);
      const submits = coalescedSubmits(store);
      const runs = Array.from({ length: 20 }, newRun);
      await Promise.all(runs.map((run) => submits.commit([run], null)));
      expect(commits.reduce((a, b) => a + b, 0)).toBe(20);
      expect(commits.length).toBeLessThan(20); // the first alone, the others gathered while it was in flight
      expect(await store.loadRuns(runs.map((run) => run.run.id))).toHaveLength(20);
    } finally {
      await store.close();
    }
  });

  it("fails only the start that cannot be committed, and passes the store's other methods through", async () => {
    const store = await openStore();
    try {
      const submits = coalescedSubmits(store);
      const good = [newRun(), newRun(), newRun()];
      // A step of a run nobody inserts: the foreign key fails the joint commit, then this start alone.
      const orphanStep = { ...newRun().steps[0]!, runId: "no-such-run" };
      const bad: RunMutation = { ...good[0]!, run: { ...good[0]!.run, id: "bad-start", rootRunId: "bad-start" }, steps: [orphanStep] };
      const outcomes = await Promise.allSettled([...good, bad, newRun()].map((run) => submits.commit([run], null)));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected", "fulfilled"]);
      expect(await submits.loadRuns(good.map((run) => run.run.id))).toHaveLength(3);
      expect(await submits.loadRun("bad-start")).toBeNull();
    } finally {
      await store.close();
    }
  });
});
