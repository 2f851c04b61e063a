import { describe, expect, it } from "vitest";
import { definitionSchema } from "../definition/schema";
import type { RunStore } from "../ports/run-store";
import { LiveRuns } from "./live-runs";
import { newRunRows } from "./new-run";
import { RunContext } from "./run-context";
import { RunTrees } from "./run-trees";
import { chain } from "./testing/engine-fixture";

// Released runs never touch the store here: nothing is loaded, only held and let go.
const store = {} as RunStore;
const now = () => new Date("2026-12-06T12:00:00Z");

function settledRun(steps: number): RunContext {
  const definition = definitionSchema.parse(chain(...Array.from({ length: steps }, (_, index) => ({ id: `s${index}`, type: "noop" }))));
  const context = new RunContext(newRunRows({ definition, input: null }, now()), now, definition);
  context.run = { ...context.run, status: "completed" };
  return context;
}

function liveRuns(): LiveRuns {
  return new LiveRuns(store, now, new RunTrees(store, { maxNestingDepth: 5, maxRunsPerTree: 100 }));
}

function release(runs: LiveRuns, context: RunContext): void {
  runs.add(context);
  runs.release(context);
}

describe("LiveRuns: the final states of runs that left memory", () => {
  it("answers a released run's final state from memory", () => {
    const runs = liveRuns();
    const context = settledRun(3);
    release(runs, context);
    expect(runs.has(context.id)).toBe(false);
    expect(runs.settled(context.id)?.run.status).toBe("completed");
    expect(runs.settled(context.id)?.steps).toHaveLength(3);
  });

  it("keeps at most 1,024 runs, forgetting the oldest first", () => {
    const runs = liveRuns();
    const released = Array.from({ length: 1030 }, () => settledRun(1));
    for (const context of released) release(runs, context);
    expect(released.filter((context) => runs.settled(context.id)).length).toBe(1024);
    expect(runs.settled(released[5]!.id)).toBeUndefined();
    expect(runs.settled(released[6]!.id)).toBeDefined();
  });

  it("keeps at most 8,192 step rows in all: big runs push the oldest out sooner", () => {
    const runs = liveRuns();
    const released = Array.from({ length: 100 }, () => settledRun(100));
    for (const context of released) release(runs, context);
    const kept = released.filter((context) => runs.settled(context.id));
    expect(kept.length).toBe(81);
    expect(kept).toEqual(released.slice(-81));
  });

  it("counts a forgotten run's step rows back: small runs fill the room big ones left", () => {
    const runs = liveRuns();
    const big = Array.from({ length: 6 }, () => settledRun(2000));
    for (const context of big) release(runs, context);
    expect(big.filter((context) => runs.settled(context.id))).toEqual(big.slice(-4));
    const small = Array.from({ length: 192 }, () => settledRun(1));
    for (const context of small) release(runs, context);
    expect(big.filter((context) => runs.settled(context.id))).toEqual(big.slice(-4));
    release(runs, settledRun(1));
    expect(big.filter((context) => runs.settled(context.id))).toEqual(big.slice(-3));
    expect(small.every((context) => runs.settled(context.id))).toBe(true);
  });

  it("forgets a run loaded back into memory: its final state is no longer final", async () => {
    const context = settledRun(2);
    const reading = { loadRun: async () => context.snapshot(), countTreeRuns: async () => 1 } as unknown as RunStore;
    const runs = new LiveRuns(reading, now, new RunTrees(reading, { maxNestingDepth: 5, maxRunsPerTree: 100 }));
    release(runs, context);
    expect(runs.settled(context.id)).toBeDefined();
    await runs.load(context.id);
    expect(runs.settled(context.id)).toBeUndefined();
  });
});

describe("LiveRuns: every run evicted (the lease was lost)", () => {
  it("holds no run whose read was on its way, and reads it afresh when asked again", async () => {
    const context = settledRun(2);
    context.run = { ...context.run, status: "running" };
    let reads = 0;
    const reading = { loadRun: async () => (reads++, context.snapshot()), countTreeRuns: async () => 1 } as unknown as RunStore;
    // The ownership check answers only when the test says, as a database round trip would.
    const answers: ((holds: boolean) => void)[] = [];
    const holds = () => new Promise<boolean>((resolve) => answers.push(resolve));
    const runs = new LiveRuns(reading, now, new RunTrees(reading, { maxNestingDepth: 5, maxRunsPerTree: 100 }), holds);
    const before = runs.load(context.id);
    await until(() => answers.length === 1, "the first load asked whether its tree is held");
    runs.evictAll();
    const after = runs.load(context.id);
    await until(() => answers.length === 2, "the second load asked again (it did not wait for the read the eviction made stale)");
    answers[0]!(true); // the check began before the eviction: it answers for the lease that was lost
    answers[1]!(true);
    expect(await before).toBeNull();
    expect(await after).not.toBeNull();
    expect(reads).toBe(2);
    expect([runs.size, runs.get(context.id)]).toEqual([1, await after]);
  });
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let turns = 0; !check(); turns++) {
    if (turns > 1_000) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
