import { describe, expect, it } from "vitest";
import { createBothStores } from "../../server/testing/both-stores";
import { foldRunEvents } from "../definition/fold-run-events";
import { validateDefinition } from "../definition/validate";
import type { RunStore } from "../ports/run-store";
import { engineRunner, workflow } from "./testing/engine-fixture";

// Step caching: a completed output is reused by later runs within its ttl.
const { databases } = await createBothStores();

/** A code step whose output differs on every real run (the time), so a reused output is recognisable. */
const stamped = (cache: Record<string, unknown>, name = "cached") =>
  workflow([{ id: "work", type: "code", config: { source: "return { n: input.n, at: Date.now() + Math.random() }" }, cache }], [], { name });

describe.each(databases)("step cache on %s", (_name, openStore) => {
  let clock = Date.parse("2026-12-06T10:00:00.000Z");
  async function withEngine(body: (runner: ReturnType<typeof engineRunner>, store: RunStore) => Promise<void>) {
    const store = await openStore();
    const runner = engineRunner(store, { now: () => new Date(clock) });
    try {
      await body(runner, store);
    } finally {
      await runner.engine.stop();
      await store.close();
    }
  }

  it("reuses a completed output for the same input within the ttl, and says where it came from", async () => {
    await withEngine(async ({ run }) => {
      const definition = stamped({ ttl: "1h" }, `same_input_${_name}`);
      const first = await run(definition, { n: 1 });
      clock += 12 * 60_000;
      const second = await run(definition, { n: 1 });
      expect(second.steps.work!.output).toEqual(first.steps.work!.output);
      const completed = second.events.find((event) => event.type === "step.completed")!;
      expect(completed.payload.cached).toEqual({ runId: first.runId, at: first.steps.work!.finishedAt!.toISOString() });
      expect(foldRunEvents(second.events).steps.work!.cachedFrom).toEqual({ runId: first.runId, at: first.steps.work!.finishedAt!.toISOString() });
      expect(first.events.find((event) => event.type === "step.completed")!.payload.cached).toBeUndefined();
      const other = await run(definition, { n: 2 });
      expect(other.steps.work!.output).not.toEqual(first.steps.work!.output);
      expect((other.steps.work!.output as { n: number }).n).toBe(2);
    });
  });

  it("runs the step again once the ttl has passed", async () => {
    await withEngine(async ({ run }) => {
      const definition = stamped({ ttl: "10m" }, `ttl_${_name}`);
      const first = await run(definition, { n: 1 });
      clock += 10 * 60_000 + 1;
      const later = await run(definition, { n: 1 });
      expect(later.steps.work!.output).not.toEqual(first.steps.work!.output);
      clock += 60_000;
      expect((await run(definition, { n: 1 })).steps.work!.output).toEqual(later.steps.work!.output);
    });
  });

  it("with a key, reuses by the key's value alone", async () => {
    await withEngine(async ({ run }) => {
      const definition = stamped({ key: "$input.customer", ttl: "1h" }, `keyed_${_name}`);
      const first = await run(definition, { n: 1, customer: "c1" });
      expect((await run(definition, { n: 2, customer: "c1" })).steps.work!.output).toEqual(first.steps.work!.output);
      expect((await run(definition, { n: 1, customer: "c2" })).steps.work!.output).not.toEqual(first.steps.work!.output);
    });
  });

  it("keeps workflows apart, is cleared per step, and caches no output over the size cap", async () => {
    await withEngine(async ({ run }, store) => {
      const a = await run(stamped({ ttl: "1h" }, `apart_a_${_name}`), { n: 1 });
      const b = await run(stamped({ ttl: "1h" }, `apart_b_${_name}`), { n: 1 });
      expect(b.steps.work!.output).not.toEqual(a.steps.work!.output);
      expect(await store.clearStepCache({ teamId: "", workflowKey: `name:apart_a_${_name}`, stepId: "work" })).toBe(1);
      expect((await run(stamped({ ttl: "1h" }, `apart_a_${_name}`), { n: 1 })).steps.work!.output).not.toEqual(a.steps.work!.output);
      const big = workflow([{ id: "work", type: "code", config: { source: "return 'x'.repeat(300000) + Math.random()" }, cache: { ttl: "1h" } }], [], { name: `big_${_name}` });
      const firstBig = await run(big);
      expect(firstBig.steps.work!.status).toBe("completed");
      expect((await run(big)).steps.work!.output).not.toEqual(firstBig.steps.work!.output);
    });
  });

  it("writes the cache entry in the commit of the completion: a failed step caches nothing", async () => {
    await withEngine(async ({ run }) => {
      const failing = workflow([{ id: "work", type: "code", config: { source: "throw new PermanentError('no')" }, cache: { ttl: "1h" } }], [], { name: `failing_${_name}` });
      await run(failing);
      const again = await run(failing);
      expect(again.steps.work!.status).toBe("failed");
      expect(again.events.some((event) => event.type === "step.completed")).toBe(false);
    });
  });
});

describe("cache validation", () => {
  const issues = (step: Record<string, unknown>) => {
    const result = validateDefinition(workflow([step]));
    return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
  };
  it("refuses caching a step that reads secrets without a key, a branching or waiting step, and a bad ttl", () => {
    const http = { id: "call", type: "http", config: { url: "https://api.example.com/x", headers: { Authorization: "Bearer {{ $secrets.TOKEN }}" } } };
    expect(issues({ ...http, cache: { ttl: "1h" } })).toEqual([
      "steps[0].cache.key: this step reads secrets, so its output may depend on them: give cache.key (an expression over what the output depends on) to cache it, or remove cache",
    ]);
    expect(issues({ ...http, cache: { ttl: "1h", key: "$input.id" } })).toEqual([]);
    expect(issues({ id: "c", type: "condition", config: { expression: "true" }, cache: { ttl: "1h" } })).toEqual([
      "steps[0].cache: a condition step cannot be cached: only steps that compute an output (code, http, noop) can",
    ]);
    expect(issues({ id: "d", type: "delay", config: { ms: 5 }, cache: { ttl: "1h" } })).toHaveLength(1);
    expect(issues({ id: "n", type: "noop", cache: { ttl: "1 hour" } })).toEqual(['steps[0].cache.ttl: ttl is a duration such as "90s", "15m", "1h" or "7d"']);
    expect(issues({ id: "n", type: "noop", cache: { ttl: "31d" } })).toEqual(["steps[0].cache.ttl: ttl is at most 30 days"]);
  });
});
