import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createBothStores } from "../../server/testing/both-stores";
import type { RunStore } from "../ports/run-store";
import { defineHandler } from "../steps/handler";
import { defineStep } from "../steps/spec";
import { builtInStepRegistry } from "../steps/step-registry";
import { createEngine } from "./engine";
import { eventOf, workflow } from "./testing/engine-fixture";

// Two engines on one database. The first stops renewing its lease (a long pause, a partition) while
// a step runs; the second takes the run over once the lease expired and runs the step again with
// the same idempotency key. When the first's handler returns, its commit is fenced: nothing of it is
// applied, and it drops the run instead of going on with it.
const { databases } = await createBothStores();

/** Each call waits until the test lets that attempt finish; calls are recorded with their idempotency key. */
const calls: { key: string; finish: () => void }[] = [];
const gateSpec = defineStep({
  type: "gate",
  description: "Waits until the test lets it finish.",
  canvas: { label: "Gate", glyph: "⏸", accent: "slate", group: "Actions" },
  configSchema: z.strictObject({}),
  branches: () => null,
});
const gateHandler = defineHandler(gateSpec, {
  instant: false,
  run: ({ idempotencyKey }) => new Promise((resolve) => calls.push({ key: idempotencyKey, finish: () => resolve({ type: "complete", output: idempotencyKey }) })),
});
const steps = builtInStepRegistry.with(gateSpec, gateHandler);
const definition = workflow([{ id: "gate", type: "gate", config: {} }, { id: "after", type: "noop" }], [{ from: "gate", to: "after" }]);

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const started = Date.now(); !(await check()); ) {
    if (Date.now() - started > 20_000) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(databases)("fencing on %s", (_name, openStore) => {
  it("lets no commit of a process whose lease was taken over through, and the taker finishes the run", async () => {
    calls.length = 0;
    const stalledStore: RunStore = await openStore();
    const takerStore = await openStore();
    // The first engine's renewals stop reaching the database: its lease runs out.
    (stalledStore.leases as { renew: unknown }).renew = async () => true;
    // It claims nothing either (a paused process claims nothing): only its fenced commit tells it.
    const stalled = createEngine({ store: stalledStore, steps, leases: { leaseMs: 600, claim: false } });
    let treesTakenOver = 0;
    const observer = { commit() {}, runStarted() {}, runFinished() {}, attemptEnded() {}, treesTakenOver: (trees: number) => void (treesTakenOver += trees) };
    const taker = createEngine({ store: takerStore, steps, leases: { leaseMs: 10_000, claimIntervalMs: 50 }, observer });
    try {
      await stalled.start();
      const { runId } = await stalled.startRun({ definition });
      await until(() => calls.length === 1, "the first attempt started");
      expect((await stalled.ownerOf(runId))!.mine).toBe(true);

      await taker.start();
      await until(() => calls.length === 2, "the taker ran the step again");
      expect(calls[1]!.key).toBe(calls[0]!.key);
      expect(await taker.ownerOf(runId)).toMatchObject({ mine: true, lease: { kind: "engine", pid: process.pid } });
      expect(treesTakenOver).toBe(1); // orka_lease_takeovers_total

      calls[0]!.finish(); // the stalled process's handler returns: its commit must be refused
      await until(() => stalled.usage().runsInMemory === 0, "the stalled engine dropped the run");
      expect((await stalledStore.loadRun(runId))!.steps.find((step) => step.stepId === "gate")!.status).toBe("running");
      await expect(stalled.cancelRun(runId)).rejects.toMatchObject({ code: "CONFLICT" });

      calls[1]!.finish();
      await eventOf(taker, runId, "run.completed");
      const events = await takerStore.listEvents(runId, 0);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(events.filter((event) => event.type === "step.completed" && event.stepId === "gate")).toHaveLength(1);
      expect(events.filter((event) => event.type === "step.started" && event.stepId === "gate").map((event) => event.payload)).toEqual([
        expect.objectContaining({ attempt: 1, idempotencyKey: calls[0]!.key }),
        expect.objectContaining({ attempt: 1, idempotencyKey: calls[0]!.key }),
      ]);
    } finally {
      await taker.stop();
      await stalled.stop();
      await stalledStore.close();
      await takerStore.close();
    }
  });

  it("starts a run with no owner for any claiming engine, and parks a run that only waits for an approval", async () => {
    const store = await openStore();
    const front = createEngine({ store, leases: { claim: false } });
    const worker = createEngine({ store, leases: { claimIntervalMs: 50 } });
    try {
      await front.start();
      await worker.start();
      const approval = workflow([{ id: "ok", type: "approval", config: {} }, { id: "after", type: "noop" }], [{ from: "ok", to: "after", branch: "approved" }]);
      const { runId } = await front.submitRun({ definition: approval });
      await eventOf(worker, runId, "step.waiting", "ok");
      await until(async () => (await front.ownerOf(runId))!.epoch === 0, "the worker parked the run");
      // The front engine takes the parked run to act on it, and finishes it.
      await front.approveStep(runId, "ok", {}, { by: "ana" });
      expect((await front.ownerOf(runId))!.mine).toBe(true);
      expect((await front.waitForRun(runId)).run.status).toBe("completed");
    } finally {
      await front.stop();
      await worker.stop();
      await store.close();
    }
  });
});
