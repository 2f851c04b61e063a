import { describe, expect, it } from "vitest";
import { createBothStores } from "../../server/testing/both-stores";
import { createEngine } from "./engine";
import { releasedOnShutdownReason } from "./shutdown";
import { chain, eventOf } from "./testing/engine-fixture";

// A graceful shutdown (SIGTERM) starts nothing more, lets running handlers finish until its
// deadline, hands back the rest as `queued`, and commits all of it: the next engine goes on from there.
const { databases } = await createBothStores();

const busy = (id: string, ms: number) => ({ id, type: "code", timeoutMs: 30_000, config: { source: `const t = Date.now(); while (Date.now() - t < ${ms}) {} return attempt` } });

describe.each(databases)("graceful shutdown on %s", (_name, openStore) => {
  it("lets a running step finish within the deadline and starts nothing after it", async () => {
    const store = await openStore();
    try {
      const first = createEngine({ store });
      const { runId } = await first.startRun({ definition: chain(busy("slow", 400), busy("next", 10)) });
      await eventOf(first, runId, "step.started", "slow");
      expect(await first.stop({ drainMs: 20_000 })).toEqual({ released: 0 });
      const stopped = (await store.loadRun(runId))!;
      expect(Object.fromEntries(stopped.steps.map((step) => [step.stepId, step.status]))).toEqual({ slow: "completed", next: "queued" });

      const second = createEngine({ store });
      await second.start();
      const settled = await second.waitForRun(runId);
      await second.stop();
      expect(settled.run.status).toBe("completed");
      const started = (await store.listEvents(runId, 0)).filter((event) => event.type === "step.started").map((event) => event.stepId);
      expect(started).toEqual(["slow", "next"]);
    } finally {
      await store.close();
    }
  });

  it("hands a step still running at the deadline back as queued, the same attempt, counting no interruption", async () => {
    const store = await openStore();
    try {
      const first = createEngine({ store });
      const { runId } = await first.startRun({ definition: chain(busy("slow", 1_500)) });
      await eventOf(first, runId, "step.started", "slow");
      expect(await first.stop({ drainMs: 50 })).toEqual({ released: 1 });
      const handedBack = (await store.loadRun(runId))!.steps[0]!;
      expect([handedBack.status, handedBack.attempt, handedBack.interruptions]).toEqual(["queued", 1, 0]);

      // Handed back twice: a step that a crash would quarantine the second time still runs.
      const second = createEngine({ store });
      await second.start();
      await eventOf(second, runId, "step.started", "slow");
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await second.stop({ drainMs: 50 })).released).toBe(1);

      const third = createEngine({ store });
      await third.start();
      const settled = await third.waitForRun(runId);
      await third.stop();
      expect([settled.run.status, settled.steps[0]!.output]).toEqual(["completed", 1]);
      const events = await store.listEvents(runId, 0);
      const keys = events.filter((event) => event.type === "step.started").map((event) => event.payload.idempotencyKey);
      expect(keys).toEqual([`${runId}:slow:1`, `${runId}:slow:1`, `${runId}:slow:1`]);
      expect(events.filter((event) => event.type === "step.requeued").map((event) => event.payload.reason)).toEqual([releasedOnShutdownReason, releasedOnShutdownReason]);
    } finally {
      await store.close();
    }
  });
});
