import { describe, expect, it } from "vitest";
import { createBothStores } from "../../server/testing/both-stores";
import { ValidationError } from "../definition/issues";
import { engineRunner, eventOf, workflow } from "./testing/engine-fixture";

// Redrive: a failed or cancelled run continues on a fixed definition. Same cases on both databases.
const { databases } = await createBothStores();

//  fetch ✓ ──▶ broken ✗ ──▶ report        (v1)
//  fetch   ──▶ repaired ──▶ report         (v2: `broken` removed, `repaired` added)
const code = (id: string, source: string) => ({ id, type: "code", config: { source } });
const v1 = workflow(
  [code("fetch", "return { items: [1, 2, 3], at: Math.random() }"), { id: "broken", type: "fail", config: { message: "bug in v1" } }, code("report", "return steps.fetch.output.items.length")],
  [{ from: "fetch", to: "broken" }, { from: "broken", to: "report" }],
);
const v2 = workflow(
  [code("fetch", "return { items: [], at: Math.random() }"), code("repaired", "return steps.fetch.output.items.length * 10"), code("report", "return steps.repaired.output + 1")],
  [{ from: "fetch", to: "repaired" }, { from: "repaired", to: "report" }],
);

describe.each(databases)("redrive on %s", (_name, openStore) => {
  it("continues a failed run on the new definition: kept outputs stay, removed steps drop, new and failed ones run", async () => {
    const store = await openStore();
    const { engine, run, settled } = engineRunner(store);
    try {
      const failed = await run(v1);
      expect([failed.run.status, failed.steps.fetch!.status, failed.steps.broken!.status, failed.steps.report!.status]).toEqual(["failed", "completed", "failed", "pending"]);
      const fetched = failed.steps.fetch!.output;

      const result = await engine.redriveRun(failed.runId, { definition: v2, workflowVersionId: null }, { by: "ops", reason: "fixed the bug" });
      expect(result).toEqual({ redriven: true, plan: { kept: ["fetch"], rerun: ["report"], added: ["repaired"], removed: ["broken"] } });

      const done = await settled(failed.runId);
      expect(done.run.status).toBe("completed");
      expect(done.steps.fetch!.output).toEqual(fetched); // not re-run: v2's `fetch` would return no items
      expect(done.steps.repaired!.output).toBe(30);
      expect(done.steps.report!.output).toBe(31);
      expect(done.run.definition).toEqual(expect.objectContaining({ steps: expect.arrayContaining([expect.objectContaining({ id: "repaired" })]) }));
      expect(done.run.previousVersions).toEqual([{ workflowVersionId: null, until: expect.any(String), seq: expect.any(Number) }]);
      expect(done.eventTypes("fetch").filter((type) => type === "step.started")).toHaveLength(1);

      const redriven = done.events.filter((event) => event.type === "run.redriven");
      expect(redriven).toHaveLength(1);
      expect(redriven[0]!.payload).toMatchObject({ kept: ["fetch"], rerun: ["report"], added: ["repaired"], removed: ["broken"], by: "ops", reason: "fixed the bug" });
      expect(done.run.previousVersions![0]!.seq).toBe(redriven[0]!.seq);
      // The removed step's row stays in the store as history, outside the run's consideration.
      const stored = await store.loadRun(failed.runId);
      expect(stored!.steps.find((step) => step.stepId === "broken")?.status).toBe("failed");
    } finally {
      await engine.stop();
      await store.close();
    }
  });

  it("carries a re-run step's attempt count on, so idempotency keys never repeat", async () => {
    const store = await openStore();
    const { engine, run, settled } = engineRunner(store);
    try {
      const flaky = workflow([{ ...code("flaky", "throw new PermanentError('v1 bug')") }]);
      const failed = await run(flaky);
      expect(failed.steps.flaky!.attempt).toBe(1);
      await engine.redriveRun(failed.runId, { definition: workflow([code("flaky", "return attempt")]), workflowVersionId: null });
      const done = await settled(failed.runId);
      expect([done.run.status, done.steps.flaky!.output, done.steps.flaky!.attempt]).toEqual(["completed", 2, 2]);
    } finally {
      await engine.stop();
      await store.close();
    }
  });

  it("redrives a cancelled run", async () => {
    const store = await openStore();
    const { engine, settled } = engineRunner(store);
    try {
      const long = workflow([{ id: "first", type: "noop" }, { id: "wait", type: "delay", config: { ms: 600_000 } }, { id: "after", type: "noop" }], [{ from: "first", to: "wait" }, { from: "wait", to: "after" }]);
      const { runId } = await engine.startRun({ definition: long });
      await eventOf(engine, runId, "step.waiting", "wait");
      await engine.cancelRun(runId);
      const short = workflow([{ id: "first", type: "noop" }, { id: "wait", type: "delay", config: { ms: 1 } }, { id: "after", type: "noop" }], [{ from: "first", to: "wait" }, { from: "wait", to: "after" }]);
      const result = await engine.redriveRun(runId, { definition: short, workflowVersionId: null });
      expect(result.plan).toEqual({ kept: ["first"], rerun: ["wait", "after"], added: [], removed: [] });
      const done = await settled(runId);
      expect([done.run.status, done.steps.wait!.status, done.steps.after!.status]).toEqual(["completed", "completed", "completed"]);
      expect(done.events.map((event) => event.type).filter((type) => type.startsWith("run."))).toEqual(["run.started", "run.cancelled", "run.redriven", "run.completed"]);
    } finally {
      await engine.stop();
      await store.close();
    }
  });

  it("redrives once when asked twice at the same time, and a repeated request changes nothing", async () => {
    const store = await openStore();
    const { engine, run, settled } = engineRunner(store);
    try {
      const failed = await run(v1);
      const results = await Promise.all([
        engine.redriveRun(failed.runId, { definition: v2, workflowVersionId: null }),
        engine.redriveRun(failed.runId, { definition: v2, workflowVersionId: null }),
      ]);
      expect(results.map((result) => result.redriven).sort()).toEqual([false, true]);
      await settled(failed.runId);
      expect(await engine.redriveRun(failed.runId, { definition: v2, workflowVersionId: null })).toEqual({ redriven: false, plan: null });
      const events = await engine.listEvents(failed.runId);
      expect(events.filter((event) => event.type === "run.redriven")).toHaveLength(1);
    } finally {
      await engine.stop();
      await store.close();
    }
  });

  it("refuses a run that never failed and an invalid definition", async () => {
    const store = await openStore();
    const { engine, run } = engineRunner(store);
    try {
      const done = await run(workflow([{ id: "a", type: "noop" }]));
      await expect(engine.redriveRun(done.runId, { definition: v2, workflowVersionId: null })).rejects.toMatchObject({
        code: "CONFLICT",
        message: "run is completed; only a failed or cancelled run can be redriven",
      });
      const failed = await run(v1);
      await expect(engine.redriveRun(failed.runId, { definition: workflow([{ id: "a", type: "nope" }]), workflowVersionId: null })).rejects.toThrow(ValidationError);
      expect((await store.loadRun(failed.runId))!.run.status).toBe("failed");
      await expect(engine.redriveRun("no-such-run", { definition: v2, workflowVersionId: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
      const needsTier = { ...v2, input: { type: "object", required: ["tier"], properties: { tier: { type: "string" } } } };
      await expect(engine.redriveRun(failed.runId, { definition: needsTier, workflowVersionId: null })).rejects.toThrow("the run's input does not match");
      expect((await store.loadRun(failed.runId))!.run.status).toBe("failed");
    } finally {
      await engine.stop();
      await store.close();
    }
  });
});
