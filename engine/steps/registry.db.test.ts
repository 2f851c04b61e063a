import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { SqliteRunStore } from "../../server/engine-host/stores/sqlite-run-store";
import { createSqliteTestDatabase } from "../../server/testing/sqlite-store-db";
import { template } from "../definition/fields";
import { validateDefinition } from "../definition/validate";
import { renderTemplate } from "../expressions/evaluate";
import { createEngine } from "../runtime/engine";
import { engineRunner, workflow } from "../runtime/testing/engine-fixture";
import { defineHandler } from "./handler";
import { defineStep } from "./spec";
import { builtInStepRegistry } from "./step-registry";

// Two step types that no other file knows about: registering them here is all it takes.
const shoutSpec = defineStep({
  type: "shout",
  description: "Upper-cases its text; takes `long` when the result has more than `limit` characters, else `short`.",
  canvas: { label: "Shout", glyph: "!", accent: "rose", group: "Actions" },
  configSchema: z.strictObject({ text: template(), limit: z.number().int().min(0).default(5) }),
  branches: () => ["long", "short"],
});
const shoutHandler = defineHandler(shoutSpec, {
  instant: true,
  run: async ({ config, scope }) => {
    const output = (await renderTemplate(config.text, scope)).toUpperCase();
    return { type: "complete", output, branch: output.length > config.limit ? "long" : "short" };
  },
});

const stallSpec = defineStep({
  type: "stall",
  description: "Waits until it is cancelled or times out.",
  canvas: { label: "Stall", glyph: "…", accent: "stone", group: "Flow" },
  configSchema: z.strictObject({}),
  branches: () => null,
});
const stallHandler = defineHandler(stallSpec, {
  instant: false,
  defaultTimeoutMs: 50,
  run: ({ signal }) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true })),
});

const steps = builtInStepRegistry.with(shoutSpec, shoutHandler).with(stallSpec, stallHandler);

const shouting = workflow(
  [
    { id: "greet", type: "shout", config: { text: "hello {{ $input.name }}" } },
    { id: "big", type: "noop", config: { output: "'long'" } },
    { id: "small", type: "noop", config: { output: "'short'" } },
  ],
  [
    { from: "greet", to: "big", branch: "long" },
    { from: "greet", to: "small", branch: "short" },
  ],
);

const database = createSqliteTestDatabase();
const store = SqliteRunStore.open(database.filename);
const { engine, run } = engineRunner(store, { steps });
const builtInOnly = createEngine({ store });
afterAll(async () => {
  await engine.stop();
  await builtInOnly.stop();
  await store.close();
  database.cleanup();
});

describe("a step type added by a test", () => {
  it("is known to the validator given the registry, with its own config schema and branches", () => {
    expect(validateDefinition(shouting).issues).toEqual([{ path: "steps[0].type", message: expect.stringContaining('unknown step type "shout"') }]);
    expect(validateDefinition(shouting, { steps })).toMatchObject({ ok: true });
    const bad = workflow([{ id: "greet", type: "shout", config: { text: 42 } }, { id: "next", type: "noop" }], [{ from: "greet", to: "next", branch: "loud" }]);
    expect(validateDefinition(bad, { steps }).issues.map((issue) => issue.path)).toEqual(["steps[0].config.text"]);
    const wrongBranch = workflow([{ id: "greet", type: "shout", config: { text: "hi" } }, { id: "next", type: "noop" }], [{ from: "greet", to: "next", branch: "loud" }]);
    expect(validateDefinition(wrongBranch, { steps }).issues).toEqual([{ path: "edges[0].branch", message: '"greet" has no branch "loud" (it has long, short)' }]);
  });

  it("runs through the real engine: its handler's output and branch decide what follows", async () => {
    const long = await run(shouting, { name: "ann" });
    expect(long.run.status).toBe("completed");
    expect([long.steps.greet!.output, long.steps.greet!.branch, long.steps.big!.status, long.steps.small!.status]).toEqual(["HELLO ANN", "long", "completed", "skipped"]);
    expect(long.eventTypes("greet")).toEqual(["step.queued", "step.started", "step.completed"]);
    const short = await run({ ...shouting, steps: [{ ...shouting.steps[0]!, config: { text: "hi", limit: 10 } }, ...shouting.steps.slice(1)] });
    expect([short.steps.greet!.output, short.steps.big!.status, short.steps.small!.status]).toEqual(["HI", "skipped", "completed"]);
  });

  it("gets its descriptor's default timeout when the step sets none", async () => {
    const stalled = await run(workflow([{ id: "wait", type: "stall" }]));
    expect(stalled.steps.wait!.error).toEqual({ kind: "timeout", message: "step timed out after 50 ms" });
    const own = await run(workflow([{ id: "wait", type: "stall", timeoutMs: 70 }]));
    expect(own.steps.wait!.error?.message).toBe("step timed out after 70 ms");
  });

  it("may be used in a child definition written inline", async () => {
    const parent = workflow([{ id: "child", type: "subworkflow", config: { definition: workflow([{ id: "loud", type: "shout", config: { text: "{{ $input.word }}" } }]), input: "{ 'word': 'quiet' }" } }]);
    const result = await run(parent);
    expect(result.run.status).toBe("completed");
    expect(result.steps.child!.output).toEqual({ loud: "QUIET" });
  });

  it("is refused by an engine with the built-in registry", async () => {
    await expect(builtInOnly.startRun({ definition: shouting })).rejects.toMatchObject({ issues: [{ path: "steps[0].type" }] });
  });
});
