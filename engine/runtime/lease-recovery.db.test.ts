import { describe, expect, it } from "vitest";
import { createBothStores } from "../../server/testing/both-stores";
import { definitionSchema } from "../definition/schema";
import { LeaseLostError, type LeaseStore } from "../ports/leases";
import type { RunStore } from "../ports/run-store";
import { createEngine } from "./engine";
import { silentLogger } from "./logger";
import { newRunRows } from "./new-run";
import { Ownership, type OwnershipHost } from "./ownership";
import { RunContext } from "./run-context";
import { workflow } from "./testing/engine-fixture";

// The window between a lost lease and the new one: the database still names the lapsed epoch as the
// owner of this process's trees, and `fence()` still gives it. Nothing may be applied under it (the
// store refuses it), nothing loaded (`holds`), nothing acted on (`claimForAction` waits for the new
// lease, then claims the tree under it), as a claim made under the old lease is not trusted
// (`claimed`); a run started meanwhile waits for the new lease instead of being refused.
const { databases } = await createBothStores();

const definition = definitionSchema.parse(workflow([{ id: "gate", type: "approval", config: {} }]));
const holder = { kind: "test", host: "here", pid: process.pid };

/** A new top-level run, as the mutation that creates it. */
function newRun() {
  const now = new Date();
  return RunContext.fresh(newRunRows({ definition, input: null }, now), () => now, definition).takeMutation()!;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); !(await check()); ) {
    if (Date.now() - started > 20_000) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(databases)("the lease recovery window on %s", (_name, openStore) => {
  it("applies nothing under the lapsed epoch, loads nothing, and acts on a tree only once it is claimed under the new lease", async () => {
    const store: RunStore = await openStore();
    const leases: LeaseStore = store.leases!;
    let dropped = 0;
    let resumed = 0;
    const host: OwnershipHost = {
      claimAll: async () => 0,
      resumeClaimed: async (claimed) => (resumed += claimed.runs.length),
      holdsInMemory: () => false,
      dropAll: () => void dropped++,
      isStopping: () => false,
    };
    const ownership = new Ownership(leases, host, { leaseMs: 1_000, claimIntervalMs: 50, claim: false, holder }, silentLogger);
    try {
      await ownership.start();
      const first = ownership.fence()!;
      const mutation = newRun();
      const rootRunId = mutation.run!.id;
      await store.commit([mutation], first);
      expect(await ownership.ownerOf(rootRunId)).toMatchObject({ epoch: first.epoch, mine: true });
      expect(await ownership.holds(rootRunId)).toBe(true);

      // Renewals stop reaching the database (a starved or paused process): the lease runs out.
      const renew = leases.renew.bind(leases);
      leases.renew = async () => true;
      await until(async () => (await leases.ownerOf(rootRunId))!.lease === null, "the lease expired");
      const later = newRun();
      await expect(store.commit([later], first)).rejects.toBeInstanceOf(LeaseLostError);

      // The fenced commit tells the engine; registering the new lease is held up.
      const registered = holdRegistration(leases);
      leases.renew = renew;
      ownership.lost(new LeaseLostError(first.epoch));
      expect([ownership.isRecovering, dropped]).toEqual([true, 1]);

      // The window: the old epoch is still the fence and still the owner in the database.
      expect(ownership.fence()).toEqual(first);
      await expect(store.commit([later], ownership.fence())).rejects.toBeInstanceOf(LeaseLostError);
      expect((await leases.ownerOf(rootRunId))!.epoch).toBe(first.epoch);
      expect(await ownership.holds(rootRunId)).toBe(false);
      let acted = false;
      const acting = ownership.claimForAction(rootRunId).then(() => (acted = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(acted).toBe(false);

      registered.release();
      await ownership.settled();
      await acting;
      const second = ownership.fence()!;
      expect(second.epoch).not.toBe(first.epoch);
      // The action claimed the tree under the new lease (the old one expired), and resumed its run.
      expect(await ownership.ownerOf(rootRunId)).toMatchObject({ epoch: second.epoch, mine: true });
      expect(resumed).toBe(1);
      expect(await ownership.holds(rootRunId)).toBe(true);
      expect((await store.loadRun(later.run!.id))).toBeNull();
    } finally {
      await ownership.drop();
      await store.close();
    }
  });

  it("starts a run asked for while the lease is recovered under the new lease, not under the lapsed one", { timeout: 60_000 }, async () => {
    const store: RunStore = await openStore();
    const leases: LeaseStore = store.leases!;
    const engine = createEngine({ store, leases: { leaseMs: 1_000, claimIntervalMs: 50 } });
    const sleeping = workflow([{ id: "wait", type: "delay", config: { ms: 60_000 } }]); // not parked: it waits for a timer
    try {
      await engine.start();
      const { runId: before } = await engine.startRun({ definition: sleeping });
      // Registering the next lease is held from the start: the claim loop (its lease check) or the
      // renewal may learn of the lapse first, and either begins the recovery at once.
      const registered = holdRegistration(leases);
      const renew = leases.renew.bind(leases);
      leases.renew = async () => true;
      await until(async () => (await leases.ownerOf(before))!.lease === null, "the lease expired");
      leases.renew = renew;
      await registered.requested;

      let started: string | null = null;
      const during = engine.startRun({ definition: sleeping }).then(({ runId }) => (started = runId));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(started).toBeNull(); // waits for the new lease
      registered.release();
      const runId = await during;
      expect(await engine.ownerOf(runId)).toMatchObject({ mine: true, lease: { pid: process.pid } });
      // The run of the lapsed lease is claimed back under the new one.
      await until(async () => (await engine.ownerOf(before))!.mine, "the tree of the lapsed lease was claimed back");
      expect((await engine.ownerOf(before))!.epoch).toBe((await engine.ownerOf(runId))!.epoch);
    } finally {
      await engine.stop();
      await store.close();
    }
  });
});

/**
 * Holds `leases.register` until `release` is called: the window between a lost lease and the next.
 * `requested` resolves once the engine asked to register (its recovery began).
 */
function holdRegistration(leases: LeaseStore): { release: () => void; requested: Promise<void> } {
  let release!: () => void;
  let asked!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const requested = new Promise<void>((resolve) => (asked = resolve));
  const register = leases.register.bind(leases);
  leases.register = async (...args) => {
    asked();
    await gate;
    return register(...args);
  };
  return { release, requested };
}
