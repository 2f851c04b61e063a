import { describe, expect, it } from "vitest";
import { createBothStores } from "../../server/testing/both-stores";
import { foldRunEvents } from "../definition/fold-run-events";
import { engineRunner, workflow } from "./testing/engine-fixture";

// Error branches and optional steps: a permanent failure the run goes on without.
const { databases } = await createBothStores();

const failing = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: "code", config: { source: "throw new PermanentError('card declined')" }, ...extra });
const noop = (id: string, output?: string) => ({ id, type: "noop", config: output ? { output } : {} });

describe.each(databases)("error branches and optional steps on %s", (_name, openStore) => {
  async function withEngine(body: (runner: ReturnType<typeof engineRunner>) => Promise<void>) {
    const store = await openStore();
    const runner = engineRunner(store);
    try {
      await body(runner);
    } finally {
      await runner.engine.stop();
      await store.close();
    }
  }

  it("takes the error edge when a step fails permanently: the failure is its input, the normal path is skipped", async () => {
    //  charge ──▶ ship ──▶ done
    //     └─error─▶ refund
    await withEngine(async ({ run }) => {
      const result = await run(
        workflow(
          [failing("charge"), noop("ship"), noop("done"), noop("refund", "$steps.charge.output.message & ' / ' & $steps.charge.error.kind")],
          [{ from: "charge", to: "ship" }, { from: "ship", to: "done" }, { from: "charge", to: "refund", branch: "error" }],
        ),
      );
      expect(result.run.status).toBe("completed");
      expect(result.steps.charge).toMatchObject({ status: "failed", branch: "error", output: { kind: "permanent", message: "card declined", stepId: "charge", attempt: 1 } });
      expect(result.steps.refund).toMatchObject({ status: "completed", output: "card declined / permanent" });
      expect([result.steps.ship!.status, result.steps.done!.status]).toEqual(["skipped", "skipped"]);
      const view = foldRunEvents(result.events);
      expect(view.steps.charge).toMatchObject({ status: "failed", branch: "error", output: { message: "card declined" } });
    });
  });

  it("takes the error edge only after the retries are spent, and leaves it dead when the step succeeds", async () => {
    await withEngine(async ({ run }) => {
      const edges = [{ from: "flaky", to: "next" }, { from: "flaky", to: "fallback", branch: "error" }];
      const retry = { maxAttempts: 3, backoff: "fixed", initialDelayMs: 1, jitter: 0 };
      const exhausted = await run(workflow([{ id: "flaky", type: "code", config: { source: "throw new Error('down')" }, retry }, noop("next"), noop("fallback")], edges));
      expect(exhausted.steps.flaky).toMatchObject({ status: "failed", attempt: 3, branch: "error" });
      expect([exhausted.steps.next!.status, exhausted.steps.fallback!.status, exhausted.run.status]).toEqual(["skipped", "completed", "completed"]);
      const fine = await run(workflow([{ id: "flaky", type: "code", config: { source: "if (attempt < 2) throw new Error('down'); return 1" }, retry }, noop("next"), noop("fallback")], edges));
      expect([fine.steps.flaky!.status, fine.steps.next!.status, fine.steps.fallback!.status, fine.run.status]).toEqual(["completed", "completed", "skipped", "completed"]);
    });
  });

  it("joins after an error branch: the join runs once whichever path was taken", async () => {
    //  charge ──▶ ship ──▶ notify
    //     └─error─▶ refund ─┘
    await withEngine(async ({ run }) => {
      const result = await run(
        workflow([failing("charge"), noop("ship"), noop("refund"), noop("notify")], [
          { from: "charge", to: "ship" },
          { from: "charge", to: "refund", branch: "error" },
          { from: "ship", to: "notify" },
          { from: "refund", to: "notify" },
        ]),
      );
      expect([result.steps.ship!.status, result.steps.refund!.status, result.steps.notify!.status, result.run.status]).toEqual(["skipped", "completed", "completed", "completed"]);
    });
  });

  it("without an error edge or optional, a failure still fails the run and leaves dependents pending", async () => {
    await withEngine(async ({ run }) => {
      const result = await run(workflow([failing("charge"), noop("ship")], [{ from: "charge", to: "ship" }]));
      expect([result.run.status, result.steps.charge!.status, result.steps.charge!.branch, result.steps.ship!.status]).toEqual(["failed", "failed", null, "pending"]);
    });
  });

  it("an optional step that fails lets the run complete; its dependents run with its output null", async () => {
    await withEngine(async ({ run }) => {
      const result = await run(
        workflow([failing("enrich", { optional: true }), noop("send", "[$steps.enrich.output, $steps.enrich.error.message]")], [{ from: "enrich", to: "send" }]),
      );
      expect(result.run.status).toBe("completed");
      expect(result.steps.enrich).toMatchObject({ status: "failed", output: null, error: { kind: "permanent", message: "card declined" } });
      expect(result.steps.send).toMatchObject({ status: "completed", output: [null, "card declined"] });
      expect(result.events.find((event) => event.type === "step.failed")!.payload).toMatchObject({ optional: true });
      expect(result.run.output).toEqual({ send: [null, "card declined"] });
    });
  });

  it("a failed sub-workflow takes its error edge too", async () => {
    await withEngine(async ({ run }) => {
      const child = workflow([failing("inner")]);
      const result = await run(workflow([{ id: "call", type: "subworkflow", config: { definition: child } }, noop("after"), noop("handle")], [
        { from: "call", to: "after" },
        { from: "call", to: "handle", branch: "error" },
      ]));
      expect([result.run.status, result.steps.call!.status, result.steps.after!.status, result.steps.handle!.status]).toEqual(["completed", "failed", "skipped", "completed"]);
      expect(result.steps.call!.output).toMatchObject({ kind: "permanent", stepId: "call" });
    });
  });

  it("refuses to retry or resolve a failure the run already went on without", async () => {
    await withEngine(async ({ engine }) => {
      const definition = workflow([failing("charge"), noop("refund"), { id: "slow", type: "delay", config: { ms: 60_000 } }], [{ from: "charge", to: "refund", branch: "error" }]);
      const { runId } = await engine.startRun({ definition });
      for (let waited = 0; (await engine.getRun(runId))!.steps.find((step) => step.stepId === "refund")!.status !== "completed"; waited += 10) {
        if (waited > 10_000) throw new Error("refund never completed");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await expect(engine.retryStep(runId, "charge")).rejects.toThrow(/went on without it/);
      await expect(engine.resolveStep(runId, "charge", { output: 1 })).rejects.toThrow(/went on without it/);
      await engine.cancelRun(runId);
    });
  });
});
