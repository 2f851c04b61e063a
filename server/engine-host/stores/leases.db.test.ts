import pg from "pg";
import { describe, expect, it } from "vitest";
import { LeaseLostError, parkedOwner, type LeaseStore } from "../../../engine/ports/leases";
import type { RunStore } from "../../../engine/ports/run-store";
import { hostIdentity } from "../../../engine/runtime/host-identity";
import { newRunRows } from "../../../engine/runtime/new-run";
import { createBothStores } from "../../testing/both-stores";
import { PgRunStore } from "./pg-run-store";

// Leases and fencing at the store, on both databases: a commit under a lease that was taken over
// applies nothing; claims take only trees with no live owner, whole.
const { databases, postgres } = await createBothStores();
const holder = { kind: "test", host: hostIdentity(), pid: process.pid };
const definition = { format: "orka/v1", name: "t", steps: [{ id: "a", type: "noop" }], edges: [] };
const claimedIds = async (leases: LeaseStore, ...args: Parameters<LeaseStore["claim"]>) => (await leases.claim(...args)).map((run) => run.runId);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function newRun(parent?: { runId: string; rootRunId: string }) {
  const rows = newRunRows(
    { definition: definition as never, input: {}, parent: parent && { ...parent, stepId: "a", index: 0, depth: 1 } },
    new Date(),
  );
  return { run: rows.run, steps: rows.steps, events: [] };
}

describe.each(databases)("leases on %s", (_name, openStore) => {
  async function withStore(use: (store: RunStore, leases: LeaseStore) => Promise<void>) {
    const store = await openStore();
    try {
      await use(store, store.leases!);
    } finally {
      await store.close();
    }
  }

  it("gives a new top-level run to the committing lease and its children to the same tree", async () => {
    await withStore(async (store, leases) => {
      const epoch = await leases.register(holder, 10_000);
      const root = newRun();
      const child = newRun({ runId: root.run.id, rootRunId: root.run.id });
      await store.commit([root, child], { epoch });
      expect(await leases.ownerOf(root.run.id)).toMatchObject({ rootRunId: root.run.id, epoch, lease: { epoch, kind: "test", pid: process.pid } });
      expect(await leases.ownerOf(child.run.id)).toMatchObject({ rootRunId: root.run.id, epoch });
      const other = await leases.register(holder, 10_000);
      expect(await claimedIds(leases, other, 100)).toEqual([]);
      await leases.drop(epoch);
    });
  });

  it("fences a lease that expired: the taker gets the tree, the old holder's commit applies nothing", async () => {
    await withStore(async (store, leases) => {
      const old = await leases.register(holder, 300);
      const root = newRun();
      const child = newRun({ runId: root.run.id, rootRunId: root.run.id });
      await store.commit([root, child], { epoch: old });
      const taker = await leases.register(holder, 10_000);
      await sleep(400);
      expect(await leases.renew(old, 10_000)).toBe(false);
      // Each with its tree and the tree's size (the engine counts the trees it holds from it); parents first.
      const claimed = await leases.claim(taker, 100);
      expect(claimed.filter((run) => run.rootRunId === root.run.id)).toEqual([
        { runId: root.run.id, rootRunId: root.run.id, treeRuns: 2, takenOver: true },
        { runId: child.run.id, rootRunId: root.run.id, treeRuns: 2, takenOver: true },
      ]);
      expect((await leases.ownerOf(child.run.id))!.epoch).toBe(taker);

      const late = { run: { ...root.run, status: "running" as const, updatedAt: new Date() }, steps: [], events: [] };
      await expect(store.commit([late], { epoch: old })).rejects.toBeInstanceOf(LeaseLostError);
      expect((await store.loadRun(root.run.id))!.run.status).toBe("pending");
      await expect(leases.claim(old, 100)).rejects.toBeInstanceOf(LeaseLostError);
      await store.commit([late], { epoch: taker });
      expect((await store.loadRun(root.run.id))!.run.status).toBe("running");
      await leases.drop(taker);
    });
  });

  it("lets unowned and released trees be claimed, parked ones only by name", async () => {
    await withStore(async (store, leases) => {
      const unowned = newRun();
      await store.commit([unowned]);
      expect(await leases.ownerOf(unowned.run.id)).toMatchObject({ epoch: null, lease: null });
      const first = await leases.register(holder, 10_000);
      // Nobody held it: claimed, not taken over (orka_lease_takeovers_total counts only those).
      expect((await leases.claim(first, 100)).find((run) => run.runId === unowned.run.id)).toMatchObject({ takenOver: false });

      await leases.release(first, { rootRunIds: [unowned.run.id], park: true });
      expect((await leases.ownerOf(unowned.run.id))!.epoch).toBe(parkedOwner);
      const second = await leases.register(holder, 10_000);
      expect(await claimedIds(leases, second, 100)).not.toContain(unowned.run.id);
      expect(await leases.claim(second, 100, [unowned.run.id])).toEqual([{ runId: unowned.run.id, rootRunId: unowned.run.id, treeRuns: 1, takenOver: false }]);

      await leases.drop(second);
      expect((await leases.ownerOf(unowned.run.id))!.epoch).toBeNull();
      expect(await claimedIds(leases, first, 100)).toEqual([unowned.run.id]);
      await leases.release(first);
      expect((await leases.ownerOf(unowned.run.id))!.epoch).toBeNull();
      await leases.drop(first);
    });
  });
});

describe.runIf(postgres)("the claim listener on PostgreSQL", () => {
  it("wakes claim loops once LISTEN is in place, on every claimable commit, and once more after its cut connection is back", async () => {
    const store = await PgRunStore.open(postgres!.url);
    const admin = new pg.Client({ connectionString: postgres!.url });
    await admin.connect();
    let wakes = 0;
    const stop = store.leases.onClaimable(() => void wakes++);
    const woken = async (times: number, what: string) => {
      for (const started = Date.now(); wakes < times; await sleep(20)) if (Date.now() - started > 20_000) throw new Error(`never woken: ${what}`);
    };
    try {
      await woken(1, "LISTEN is in place");
      await store.commit([newRun()]); // a run with no owner: claimers are notified
      await woken(2, "a run with no owner was committed");
      const cut = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN orka_claimable'`);
      expect(cut.rowCount).toBe(1);
      await woken(3, "the listener reconnected"); // what was notified meanwhile is claimed then
      await store.commit([newRun()]);
      await woken(4, "a run with no owner was committed after the reconnection");
      expect(wakes).toBe(4);
    } finally {
      stop();
      await admin.end();
      await store.close();
    }
  });
});
