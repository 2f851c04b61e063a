import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createBothStores } from "../../server/testing/both-stores";
import { defineHandler } from "../steps/handler";
import { defineStep } from "../steps/spec";
import { builtInStepRegistry } from "../steps/step-registry";
import { createEngine, type Engine } from "./engine";
import { quarantineError } from "./quarantine";
import { workflow } from "./testing/engine-fixture";

// A step whose process stops while it runs is resumed once; stopped a second time in the same
// attempt, it is quarantined (failed, permanent) instead of being resumed for ever. `engine.stop()`
// leaves the database as a killed process would; server/engine-host/quarantine-crash.db.test.ts
// does the same with SIGKILL.
const { databases } = await createBothStores();

/** Hangs until aborted (standing in for a step that takes its process down), or completes once fixed. */
let fixed = false;
const poisonSpec = defineStep({
  type: "poison",
  description: "Hangs until aborted, or completes once fixed.",
  canvas: { label: "Poison", glyph: "☠", accent: "rose", group: "Actions" },
  configSchema: z.strictObject({}),
  branches: () => null,
});
const poisonHandler = defineHandler(poisonSpec, {
  instant: false,
  run: ({ signal }) =>
    fixed ? Promise.resolve({ type: "complete", output: "fixed" }) : new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true })),
});
const steps = builtInStepRegistry.with(poisonSpec, poisonHandler);

// poison → after; other runs on its own and completes.
const definition = workflow(
  [
    { id: "poison", type: "poison", config: {} },
    { id: "after", type: "noop" },
    { id: "other", type: "noop" },
  ],
  [{ from: "poison", to: "after" }],
);

/** Resolves once `poison` has started `count` times in the run (listening before reading, as eventOf does). */
function started(engine: Engine, runId: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = async () => {
      const starts = (await engine.listEvents(runId)).filter((event) => event.type === "step.started" && event.stepId === "poison");
      if (starts.length < count) return;
      stop();
      resolve();
    };
    const stop = engine.onCommitted((runIds) => {
      if (runIds.includes(runId)) check().catch(reject);
    });
    check().catch(reject);
  });
}

describe.each(databases)("quarantine on %s", (_name, openStore) => {
  it("resumes a step after one stop, quarantines it after the second, and runs it again when retried", async () => {
    fixed = false;
    const store = await openStore();
    try {
      const first = createEngine({ store, steps });
      const { runId } = await first.startRun({ definition });
      await started(first, runId, 1);
      await first.stop();

      const second = createEngine({ store, steps });
      expect(await second.start()).toBe(1);
      await started(second, runId, 2);
      expect((await store.loadRun(runId))!.steps.find((step) => step.stepId === "poison")).toMatchObject({ status: "running", attempt: 1, interruptions: 1 });
      await second.stop();

      const third = createEngine({ store, steps });
      expect(await third.start()).toBe(1);
      const failed = await third.waitForRun(runId);
      const rows = Object.fromEntries(failed.steps.map((step) => [step.stepId, step]));
      expect(failed.run.status).toBe("failed");
      expect(failed.run.error?.message).toBe(`step "poison" failed: ${quarantineError.message}`);
      expect(rows.poison).toMatchObject({ status: "failed", attempt: 1, interruptions: 2, error: quarantineError });
      expect([rows.after!.status, rows.other!.status]).toEqual(["pending", "completed"]);
      const ofPoison = (await store.listEvents(runId, 0)).filter((event) => event.stepId === "poison");
      expect(ofPoison.map((event) => event.type)).toEqual(["step.queued", "step.started", "step.requeued", "step.started", "step.failed"]);
      expect(ofPoison.at(-1)!.payload).toEqual({ attempt: 1, error: quarantineError, quarantined: true });

      fixed = true;
      await third.retryStep(runId, "poison", { by: "operator" });
      const retried = await third.waitForRun(runId);
      expect(retried.run.status).toBe("completed");
      expect(retried.steps.find((step) => step.stepId === "poison")).toMatchObject({ status: "completed", attempt: 2, interruptions: 0, output: "fixed" });
      await third.stop();
    } finally {
      await store.close();
    }
  });
});
