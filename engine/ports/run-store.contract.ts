import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunEvent } from "../definition/run-events";
import { closedBreaker, type BreakerRow } from "../scheduling/breaker";
import type { RunMutation, RunRow, RunStore, StepCacheEntry, StepRunRow } from "./run-store";

/**
 * The one behaviour every RunStore adapter must show, run by each adapter's `*.db.test.ts`
 * against a real database. Tests share that database within a file, so every test makes its own
 * run ids and never assumes empty tables.
 *
 * @example
 * runStoreContract("SqliteRunStore", async () => {
 *   const store = SqliteRunStore.open(file);
 *   return { store, cleanup: () => store.close() };
 * });
 */
export function runStoreContract(
  name: string,
  makeStore: () => Promise<{ store: RunStore; cleanup(): Promise<void> }>,
): void {
  describe(`RunStore contract: ${name}`, () => {
    let store: RunStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    describe("commit and loadRun", () => commitAndLoad(() => store));
    describe("upserts", () => upserts(() => store));
    describe("values round-trip", () => roundTrips(() => store));
    describe("listings", () => listings(() => store));
    describe("run trees", () => runTrees(() => store));
    describe("atomicity and concurrency", () => atomicity(() => store));
    describe("circuit breakers", () => breakers(() => store));
    describe("step cache", () => stepCache(() => store));
  });
}

const t0 = Date.parse("2026-11-23T10:00:00.000Z");
const at = (ms: number) => new Date(t0 + ms);
const newId = (prefix: string) => `${prefix}-${globalThis.crypto.randomUUID()}`;

function runRow(overrides: Partial<RunRow> = {}): RunRow {
  const id = overrides.id ?? newId("run");
  return {
    id,
    teamId: null,
    workflowId: null,
    workflowVersionId: null,
    parentRunId: null,
    parentStepId: null,
    parentIndex: null,
    rootRunId: id,
    depth: 0,
    status: "pending",
    definition: { format: "orka/v1", steps: [{ id: "a", type: "noop" }], edges: [] },
    input: { customer: "c-1" },
    output: null,
    error: null,
    vars: {},
    previousVersions: [],
    createdAt: at(0),
    startedAt: null,
    finishedAt: null,
    updatedAt: at(0),
    test: false,
    pins: null,
    traceParent: null,
    ...overrides,
  };
}

function stepRow(runId: string, stepId: string, overrides: Partial<StepRunRow> = {}): StepRunRow {
  return {
    runId,
    stepId,
    status: "pending",
    attempt: 0,
    retryFrom: 0,
    interruptions: 0,
    branch: null,
    output: null,
    error: null,
    state: null,
    queuedAt: null,
    startedAt: null,
    finishedAt: null,
    wakeAt: null,
    updatedAt: at(0),
    detail: null,
    ...overrides,
  };
}

function event(runId: string, seq: number, overrides: Partial<RunEvent> = {}): RunEvent {
  return { runId, seq, type: "step.queued", stepId: "a", payload: { n: seq }, at: at(seq), ...overrides };
}

const seqs = (events: RunEvent[]) => events.map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function commitAndLoad(subject: () => RunStore) {
  it("writes a run, its steps and its events in one commit", async () => {
    const run = runRow();
    const steps = [stepRow(run.id, "b"), stepRow(run.id, "a", { status: "queued", queuedAt: at(1) })];
    const events = [event(run.id, 1, { type: "run.started", stepId: null }), event(run.id, 2)];
    await subject().commit([{ run, steps, events }]);

    const stored = await subject().loadRun(run.id);
    expect(stored).toEqual({ run, steps: [steps[1], steps[0]], lastSeq: 2 });
    expect(await subject().listEvents(run.id, 0)).toEqual(events);
  });

  it("returns null for an unknown run id", async () => {
    expect(await subject().loadRun(newId("missing"))).toBeNull();
  });

  it("reports lastSeq 0 and no steps for a run without events", async () => {
    const run = runRow();
    await subject().commit([{ run, steps: [], events: [] }]);
    expect(await subject().loadRun(run.id)).toEqual({ run, steps: [], lastSeq: 0 });
  });

  it("loads only the run's own steps", async () => {
    const [one, two] = [runRow(), runRow()];
    await subject().commit([
      { run: one, steps: [stepRow(one.id, "a")], events: [] },
      { run: two, steps: [stepRow(two.id, "a"), stepRow(two.id, "b")], events: [event(two.id, 1)] },
    ]);
    const stored = await subject().loadRun(one.id);
    expect(stored?.steps).toEqual([stepRow(one.id, "a")]);
    expect(stored?.lastSeq).toBe(0);
  });

  it("accepts an empty commit", async () => {
    await subject().commit([]);
    const run = runRow();
    await subject().commit([{ run, steps: [], events: [] }, { steps: [], events: [] }]);
    expect((await subject().loadRun(run.id))?.run).toEqual(run);
  });
}

function upserts(subject: () => RunStore) {
  it("overwrites a run's mutable columns and keeps those fixed at insert", async () => {
    const run = runRow({ input: { first: true }, traceParent: `00-${"1".repeat(32)}-${"2".repeat(16)}-01` });
    await subject().commit([{ run, steps: [], events: [] }]);
    const later = {
      ...run,
      status: "failed" as const,
      output: { partial: [1, { deep: { deeper: ["x", null] } }] },
      error: { kind: "permanent" as const, message: "step b failed" },
      vars: { attempts: 3, tags: ["a"] },
      startedAt: at(10),
      finishedAt: at(20),
      updatedAt: at(20),
    };
    const fixedAtInsert = { input: { changed: true }, definition: { changed: true }, createdAt: at(99), rootRunId: newId("run"), depth: 4, traceParent: `00-${"a".repeat(32)}-${"b".repeat(16)}-01` };
    await subject().commit([{ run: { ...later, ...fixedAtInsert }, steps: [], events: [] }]);
    expect((await subject().loadRun(run.id))?.run).toEqual(later);

    await subject().commit([{ run: { ...later, status: "running", output: null, error: null, finishedAt: null }, steps: [], events: [] }]);
    expect((await subject().loadRun(run.id))?.run).toMatchObject({ status: "running", output: null, error: null, finishedAt: null });
  });

  it("rewrites the definition only with a redrive (a change of previousVersions)", async () => {
    const run = runRow({ definition: { version: 1 } });
    await subject().commit([{ run, steps: [], events: [] }]);
    const redriven = { ...run, definition: { version: 2 }, status: "running" as const, previousVersions: [{ workflowVersionId: null, until: at(5).toISOString(), seq: 3 }] };
    await subject().commit([{ run: redriven, steps: [], events: [] }]);
    expect((await subject().loadRun(run.id))?.run).toEqual(redriven);
    await subject().commit([{ run: { ...redriven, definition: { version: 3 } }, steps: [], events: [] }]);
    expect((await subject().loadRun(run.id))?.run.definition).toEqual({ version: 2 });
  });

  it("overwrites a whole step row, clearing what the new row leaves empty", async () => {
    const run = runRow();
    const failed = stepRow(run.id, "a", {
      status: "failed",
      attempt: 2,
      interruptions: 1,
      branch: "left",
      output: { half: "done" },
      error: { kind: "transient", message: "503 from upstream" },
      state: { childRunIds: ["c1", "c2"] },
      queuedAt: at(1),
      startedAt: at(2),
      finishedAt: at(3),
      wakeAt: at(4),
      updatedAt: at(3),
    });
    await subject().commit([{ run, steps: [failed], events: [] }]);
    const retried = stepRow(run.id, "a", { status: "queued", attempt: 2, retryFrom: 3, queuedAt: at(5), updatedAt: at(5) });
    await subject().commit([{ steps: [retried], events: [] }]);
    expect((await subject().loadRun(run.id))?.steps).toEqual([retried]);
  });

  it("lets a later row for the same key in one batch win", async () => {
    const run = runRow();
    await subject().commit([
      { run, steps: [stepRow(run.id, "a", { status: "queued" })], events: [event(run.id, 1)] },
      { run: { ...run, status: "running" }, steps: [stepRow(run.id, "a", { status: "running", attempt: 1 })], events: [event(run.id, 2)] },
    ]);
    const stored = await subject().loadRun(run.id);
    expect(stored?.run.status).toBe("running");
    expect(stored?.steps).toEqual([stepRow(run.id, "a", { status: "running", attempt: 1 })]);
    expect(stored?.lastSeq).toBe(2);
  });

  it("writes runs before steps and events, whatever the order of mutations in a batch", async () => {
    const run = runRow();
    await subject().commit([
      { steps: [stepRow(run.id, "a")], events: [event(run.id, 1)] },
      { run, steps: [], events: [] },
    ]);
    expect(await subject().loadRun(run.id)).toEqual({ run, steps: [stepRow(run.id, "a")], lastSeq: 1 });
  });
}

function roundTrips(subject: () => RunStore) {
  async function storedStep(step: StepRunRow): Promise<StepRunRow | undefined> {
    const run = runRow({ id: step.runId });
    await subject().commit([{ run, steps: [step], events: [] }]);
    return (await subject().loadRun(run.id))?.steps[0];
  }

  it("round-trips nested JSON, unicode and falsy values exactly", async () => {
    const output = {
      text: "naïve café — 日本語 — עברית — 👩‍👩‍👧 — e\u0301 — NUL:\u0000 — lone:\ud800 — quote:\" back:\\",
      nested: { list: [1, -2.5, 1e21, true, false, null, "", { empty: {} }, []], nothing: null },
    };
    for (const value of [output, 0, false, "", [], "plain string", 3.25]) {
      const step = stepRow(newId("run"), "a", { output: value, state: { value } });
      expect(await storedStep(step)).toMatchObject({ output: value, state: { value } });
    }
    const withVars = runRow({ vars: { "ключ": output }, input: output, definition: { output } });
    await subject().commit([{ run: withVars, steps: [], events: [event(withVars.id, 1, { payload: output })] }]);
    expect((await subject().loadRun(withVars.id))?.run).toEqual(withVars);
    expect((await subject().listEvents(withVars.id, 0))[0]?.payload).toEqual(output);
  });

  it("round-trips a test run's flag and pins, and a step's recorded detail, kept across upserts", async () => {
    const pins = { a: { output: { sample: [1, "two"] } }, gate: { output: true, branch: "true" } };
    const run = runRow({ test: true, pins });
    const step = stepRow(run.id, "a", { detail: { request: { method: "GET", url: "http://x/", headers: {} }, response: { status: 503, body: "down" } } });
    await subject().commit([{ run, steps: [step], events: [] }]);
    await subject().commit([{ run: { ...run, status: "running", updatedAt: at(5) }, steps: [{ ...step, status: "queued", updatedAt: at(5) }], events: [] }]);
    const stored = await subject().loadRun(run.id);
    expect(stored?.run).toMatchObject({ test: true, pins, status: "running" });
    expect(stored?.steps[0]?.detail).toEqual(step.detail);
    expect((await subject().loadRuns([run.id]))[0]?.run.test).toBe(true);
  });

  it("reads null for an absent or null output, error and state", async () => {
    const absent = { ...stepRow(newId("run"), "a"), output: undefined, error: undefined, state: undefined } as unknown as StepRunRow;
    expect(await storedStep(absent)).toMatchObject({ output: null, error: null, state: null });
    expect(await storedStep(stepRow(newId("run"), "a"))).toMatchObject({ output: null, error: null, state: null });
  });

  it("round-trips every Date field to the millisecond", async () => {
    const run = runRow({ createdAt: new Date("1969-12-31T23:59:59.999Z"), startedAt: at(1), finishedAt: at(86_400_001), updatedAt: at(999) });
    const step = stepRow(run.id, "a", { queuedAt: at(7), startedAt: at(123), finishedAt: at(60_000_456), wakeAt: new Date("2099-01-02T03:04:05.678Z"), updatedAt: at(1) });
    await subject().commit([{ run, steps: [step], events: [event(run.id, 1, { at: at(31) })] }]);
    const stored = await subject().loadRun(run.id);
    expect(stored?.run).toEqual(run);
    expect(stored?.steps).toEqual([step]);
    expect((await subject().listEvents(run.id, 0))[0]?.at).toEqual(at(31));
  });

  it("round-trips Dates whatever the process time zone when written and read", async () => {
    const original = process.env.TZ;
    try {
      for (const [writeZone, readZone] of [["America/New_York", "UTC"], ["UTC", "America/New_York"], ["Asia/Kolkata", "Asia/Kolkata"]]) {
        process.env.TZ = writeZone;
        const run = runRow({ createdAt: at(1), startedAt: at(2), updatedAt: at(3) });
        await subject().commit([{ run, steps: [stepRow(run.id, "a", { wakeAt: at(4) })], events: [event(run.id, 1, { at: at(5) })] }]);
        process.env.TZ = readZone;
        const stored = await subject().loadRun(run.id);
        expect([stored?.run.createdAt, stored?.run.startedAt, stored?.run.updatedAt, stored?.steps[0]?.wakeAt]).toEqual([at(1), at(2), at(3), at(4)]);
        expect((await subject().listEvents(run.id, 0))[0]?.at).toEqual(at(5));
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it("round-trips a 500 KB output and event payload", async () => {
    const big = { blob: "x€".repeat(240_000), rows: Array.from({ length: 2_000 }, (_, i) => ({ i, name: `row ${i}` })) };
    expect(JSON.stringify(big).length).toBeGreaterThan(500_000);
    const run = runRow();
    const step = stepRow(run.id, "a", { status: "completed", output: big });
    await subject().commit([{ run: { ...run, output: big }, steps: [step], events: [event(run.id, 1, { payload: { output: big } })] }]);
    const stored = await subject().loadRun(run.id);
    expect(stored?.run.output).toEqual(big);
    expect(stored?.steps[0]?.output).toEqual(big);
    expect((await subject().listEvents(run.id, 0))[0]?.payload).toEqual({ output: big });
  });
}

function listings(subject: () => RunStore) {
  it("lists as active only pending and running runs", async () => {
    const statuses = ["pending", "running", "completed", "failed", "cancelled"] as const;
    const runs = statuses.map((status) => runRow({ status }));
    await subject().commit(runs.map((run) => ({ run, steps: [], events: [] })));
    const ids = new Set(runs.map((run) => run.id));
    const active = (await subject().listActiveRunIds()).filter((id) => ids.has(id));
    expect(active.sort()).toEqual([runs[0]!.id, runs[1]!.id].sort());

    await subject().commit([{ run: { ...runs[1]!, status: "completed" }, steps: [], events: [] }]);
    expect((await subject().listActiveRunIds()).filter((id) => ids.has(id))).toEqual([runs[0]!.id]);
  });

  it("lists events after a seq, ascending, gap-free, at most limit", async () => {
    const [run, other] = [runRow(), runRow()];
    await subject().commit([{ run, steps: [], events: [3, 1, 2].map((seq) => event(run.id, seq)) }, { run: other, steps: [], events: [event(other.id, 1)] }]);
    await subject().commit([{ steps: [], events: range(4, 7).map((seq) => event(run.id, seq)) }]);
    await subject().commit([{ steps: [], events: range(8, 10).map((seq) => event(run.id, seq)) }]);

    expect(await subject().listEvents(run.id, 0)).toEqual(range(1, 10).map((seq) => event(run.id, seq)));
    expect(seqs(await subject().listEvents(run.id, 3, 4))).toEqual([4, 5, 6, 7]);
    expect(seqs(await subject().listEvents(run.id, 8, 100))).toEqual([9, 10]);
    expect(await subject().listEvents(run.id, 10)).toEqual([]);
    expect(await subject().listEvents(run.id, 0, 0)).toEqual([]);
    expect(await subject().listEvents(newId("missing"), 0)).toEqual([]);
    expect((await subject().loadRun(run.id))?.lastSeq).toBe(10);
  });

  it("lists child runs of a parent, optionally of one step, by parentIndex then createdAt", async () => {
    const parent = runRow();
    const child = (parentStepId: string, parentIndex: number | null, ms: number) =>
      runRow({ parentRunId: parent.id, parentStepId, parentIndex, createdAt: at(ms) });
    const [mapSecond, mapFirst, subflow] = [child("map", 1, 1), child("map", 0, 2), child("sub", null, 0)];
    const stranger = runRow({ parentRunId: newId("run"), parentStepId: "map", parentIndex: 0 });
    await subject().commit([parent, mapSecond, mapFirst, subflow, stranger].map((run) => ({ run, steps: [], events: [] })));

    expect(await subject().listChildRuns(parent.id)).toEqual([mapFirst, mapSecond, subflow]);
    expect(await subject().listChildRuns(parent.id, "map")).toEqual([mapFirst, mapSecond]);
    expect(await subject().listChildRuns(parent.id, "nope")).toEqual([]);
    expect(await subject().listChildRuns(mapFirst.id)).toEqual([]);
  });
}

function atomicity(subject: () => RunStore) {
  async function seeded() {
    const run = runRow();
    const step = stepRow(run.id, "a", { status: "queued" });
    await subject().commit([{ run, steps: [step], events: [event(run.id, 1)] }]);
    return { run, step };
  }

  async function expectRejectedAndNothingWritten(batch: RunMutation[], fresh: RunRow, existing: { run: RunRow; step: StepRunRow }) {
    await expect(subject().commit(batch)).rejects.toThrow();
    expect(await subject().loadRun(fresh.id)).toBeNull();
    expect(await subject().loadRun(existing.run.id)).toEqual({ run: existing.run, steps: [existing.step], lastSeq: 1 });
    expect(seqs(await subject().listEvents(existing.run.id, 0))).toEqual([1]);
  }

  it("rejects a batch with an existing event seq and writes nothing of it, for any run", async () => {
    const existing = await seeded();
    const fresh = runRow();
    await expectRejectedAndNothingWritten([
      { run: fresh, steps: [stepRow(fresh.id, "a")], events: [event(fresh.id, 1), event(fresh.id, 2)] },
      { run: { ...existing.run, status: "running" }, steps: [{ ...existing.step, status: "running" }], events: [event(existing.run.id, 2), event(existing.run.id, 1)] },
    ], fresh, existing);
  });

  it("rejects a batch that repeats a seq within itself", async () => {
    const existing = await seeded();
    const fresh = runRow();
    await expectRejectedAndNothingWritten([
      { run: fresh, steps: [], events: [event(fresh.id, 1)] },
      { run: { ...existing.run, status: "running" }, steps: [], events: [event(existing.run.id, 2), event(existing.run.id, 2)] },
    ], fresh, existing);
  });

  it("rejects a batch that writes a step or event of a missing run", async () => {
    const existing = await seeded();
    const fresh = runRow();
    const ghost = newId("ghost");
    await expectRejectedAndNothingWritten([{ run: fresh, steps: [], events: [event(fresh.id, 1)] }, { steps: [], events: [event(ghost, 1)] }], fresh, existing);
    await expectRejectedAndNothingWritten([{ run: fresh, steps: [], events: [] }, { steps: [stepRow(ghost, "a")], events: [] }], fresh, existing);
    await subject().commit([{ steps: [{ ...existing.step, status: "running" }], events: [event(existing.run.id, 2)] }]);
    expect((await subject().loadRun(existing.run.id))?.lastSeq).toBe(2);
  });

  it("lands every one of many concurrent commits", async () => {
    const runs = Array.from({ length: 40 }, () => runRow());
    const shared = runRow();
    await subject().commit([{ run: shared, steps: [], events: [] }]);
    await Promise.all([
      ...runs.map((run) => subject().commit([{ run, steps: [stepRow(run.id, "a"), stepRow(run.id, "b")], events: [event(run.id, 1), event(run.id, 2)] }])),
      ...range(1, 30).map((seq) => subject().commit([{ run: { ...shared, updatedAt: at(seq) }, steps: [stepRow(shared.id, `s${seq}`)], events: [event(shared.id, seq)] }])),
    ]);
    for (const run of runs) expect(await subject().loadRun(run.id)).toMatchObject({ run, lastSeq: 2, steps: [{ stepId: "a" }, { stepId: "b" }] });
    const stored = await subject().loadRun(shared.id);
    expect(stored?.steps).toHaveLength(30);
    expect(seqs(await subject().listEvents(shared.id, 0))).toEqual(range(1, 30));
  });
}

function runTrees(subject: () => RunStore) {
  /** root ─ a ─ a1, root ─ b: three children below one root, plus an unrelated tree. */
  async function tree() {
    const root = runRow({ status: "running" });
    const child = (parent: RunRow, parentStepId: string, parentIndex: number, status: RunRow["status"]) =>
      runRow({ parentRunId: parent.id, parentStepId, parentIndex, rootRunId: root.id, depth: parent.depth + 1, status });
    const a = child(root, "each", 0, "running");
    const b = child(root, "each", 1, "pending");
    const a1 = child(a, "sub", 0, "completed");
    const other = runRow();
    await subject().commit([root, a, b, a1, other].map((run) => ({ run, steps: [stepRow(run.id, "s")], events: [event(run.id, 1)] })));
    return { root, a, b, a1, other };
  }

  it("stores each run's root and depth", async () => {
    const { root, a1 } = await tree();
    expect((await subject().loadRun(a1.id))?.run).toMatchObject({ rootRunId: root.id, depth: 2 });
    expect((await subject().loadRun(root.id))?.run).toMatchObject({ rootRunId: root.id, depth: 0 });
  });

  it("counts the runs of a tree, the root included", async () => {
    const { root, a, other } = await tree();
    expect(await subject().countTreeRuns(root.id)).toBe(4);
    expect(await subject().countTreeRuns(other.id)).toBe(1);
    expect(await subject().countTreeRuns(a.id)).toBe(0);
    expect(await subject().countTreeRuns(newId("missing"))).toBe(0);
  });

  it("lists the child nodes of several parents at once", async () => {
    const { root, a, b, a1 } = await tree();
    const node = (run: RunRow) => ({ id: run.id, parentRunId: run.parentRunId, parentStepId: run.parentStepId, status: run.status });
    const nodes = await subject().listChildNodes([root.id, a.id, b.id, newId("missing")]);
    expect(nodes.sort((x, y) => x.id.localeCompare(y.id))).toEqual([a, b, a1].map(node).sort((x, y) => x.id.localeCompare(y.id)));
    expect(await subject().listChildNodes([a1.id])).toEqual([]);
    expect(await subject().listChildNodes([])).toEqual([]);
  });

  it("loads several runs at once, as loadRun does one by one, leaving out unknown ids", async () => {
    const { root, a, b, a1 } = await tree();
    await subject().commit([{ steps: [stepRow(a.id, "t", { status: "queued" })], events: [event(a.id, 2), event(a.id, 3)] }]);
    const ids = [a1.id, newId("missing"), root.id, a.id, b.id, a.id];
    const loaded = await subject().loadRuns(ids);
    const oneByOne = await Promise.all([a1.id, root.id, a.id, b.id].map((id) => subject().loadRun(id)));
    expect(loaded.sort((x, y) => x.run.id.localeCompare(y.run.id))).toEqual(oneByOne.sort((x, y) => x!.run.id.localeCompare(y!.run.id)));
    expect(loaded.find((stored) => stored.run.id === a.id)).toMatchObject({ lastSeq: 3, steps: [{ stepId: "s" }, { stepId: "t" }] });
    expect(await subject().loadRuns([])).toEqual([]);
  });
}

function breakers(subject: () => RunStore) {
  const breakerRow = (overrides: Partial<BreakerRow> = {}): BreakerRow => ({ ...closedBreaker("", newId("host"), at(0)), ...overrides });
  const stored = async (row: BreakerRow) => (await subject().listBreakers!()).find((one) => one.teamId === row.teamId && one.key === row.key);

  it("writes breakers with a run's rows, and a later row for the same breaker replaces the earlier", async () => {
    const run = runRow();
    const open = breakerRow({ state: "open", openUntil: at(30_000), lastError: "HTTP 503", updatedAt: at(5) });
    await subject().commit([{ run, steps: [stepRow(run.id, "a")], events: [event(run.id, 1)], breakers: [{ ...open, failures: 2 }, open] }]);
    expect(await stored(open)).toEqual(open);
    const trial = { ...open, state: "half_open" as const, openUntil: null, trialBy: `${run.id}/a`, trialStartedAt: at(31_000), updatedAt: at(31_000) };
    await subject().commit([{ steps: [], events: [], breakers: [trial] }]);
    expect(await stored(open)).toEqual(trial);
  });

  it("writes nothing of a rejected batch's breakers", async () => {
    const fresh = runRow();
    const row = breakerRow({ state: "open", openUntil: at(1) });
    await expect(subject().commit([{ run: fresh, steps: [], events: [event(fresh.id, 1), event(fresh.id, 1)], breakers: [row] }])).rejects.toThrow();
    expect(await stored(row)).toBeUndefined();
  });
}

function stepCache(subject: () => RunStore) {
  const entry = (overrides: Partial<StepCacheEntry> = {}): StepCacheEntry => ({
    teamId: "team-1",
    workflowKey: newId("wf"),
    stepId: "a",
    keyHash: "f".repeat(64),
    output: { price: 21, note: "ü" },
    sourceRunId: "run-source",
    createdAt: at(0),
    expiresAt: at(60_000),
    ...overrides,
  });

  it("writes cache entries with a commit and reads them until they expire", async () => {
    const run = runRow();
    const cached = entry({ sourceRunId: run.id });
    await subject().commit([{ run, steps: [], events: [event(run.id, 1)], cache: [cached] }]);
    expect(await subject().readStepCache(cached, at(59_999))).toEqual(cached);
    expect(await subject().readStepCache(cached, at(60_000))).toBeNull();
    expect(await subject().readStepCache({ ...cached, keyHash: "0".repeat(64) }, at(0))).toBeNull();
  });

  it("replaces an entry of the same key, and clears one step's entries only", async () => {
    const first = entry();
    const run = runRow();
    await subject().commit([{ run, steps: [], events: [], cache: [first] }]);
    const second = { ...first, output: 2, sourceRunId: run.id, createdAt: at(10), expiresAt: at(90_000) };
    const other = { ...first, stepId: "b" };
    await subject().commit([{ steps: [], events: [], cache: [second, other] }]);
    expect(await subject().readStepCache(first, at(70_000))).toEqual(second);
    expect(await subject().clearStepCache(first)).toBe(1);
    expect(await subject().readStepCache(first, at(0))).toBeNull();
    expect(await subject().readStepCache(other, at(0))).toEqual(other);
  });

  it("writes no cache entry of a batch that is rejected", async () => {
    const run = runRow();
    await subject().commit([{ run, steps: [], events: [event(run.id, 1)] }]);
    const cached = entry();
    await expect(subject().commit([{ steps: [], events: [event(run.id, 1)], cache: [cached] }])).rejects.toThrow();
    expect(await subject().readStepCache(cached, at(0))).toBeNull();
  });
}
