/**
 * Property-based tests of the real engine on a real SQLite database (one temporary file for this
 * test file; no mock of the store or the engine). fast-check draws random workflow DAGs
 * (`testing/dag-arbitraries.ts`), the engine runs several of them at once on one engine instance
 * (so group commits mix runs), and every run is checked against the event log, the stored rows,
 * the shared event fold and an independent oracle of docs/format.md's semantics (`testing/oracle.ts`).
 *
 * Three drawn cases (fc.sample, seed 7), as the generator produces them; `[b]` = edge on branch b.
 *
 *   "diamond", maxParallel 16
 *
 *          ┌──▶ s1 condition → false ──[true]──┐
 *     s0 ──┤                                   ├──▶ s3 code: throws twice, maxAttempts 4
 *          └──▶ s2 code: throws 3×, maxAttempts 2 ─┘
 *     s0 code: throws PermanentError
 *
 *     Oracle: s0 fails after 1 attempt, so s1, s2, s3 stay pending (their edge from s0 never
 *     settles) and the run fails with failedSteps [s0].
 *
 *   "tree(7)", maxParallel 2
 *
 *     s0 condition → false ─[false]─▶ s1 condition → false ─[true]─▶ s4 code ──▶ s6 condition
 *                          ├[false]─▶ s2 code: throws once, maxAttempts 3 ──▶ s5 code: throws twice, maxAttempts 4
 *                          └[false]─▶ s3 noop
 *
 *     Oracle: s1 takes "false", so s4 and then s6 are skipped (dead-path elimination); s2 completes
 *     at attempt 2, s5 at attempt 3, s3 at 1; the run completes with output { s3, s5 } (the
 *     completed steps without outgoing edges).
 *
 *   "dag(5)", maxParallel 3: three start steps, and a switch feeding one step on two branches
 *
 *     s0 switch (k0 matches) ─[k1]──────┐
 *                            ─[default]─┴──▶ s2 noop ──▶ s4 code     s1 code: throws 3×, maxAttempts 2
 *                                                                    s3 code: throws twice, maxAttempts 3
 *     Oracle: s0 takes k0, both edges into s2 are dead: s2 and s4 are skipped; s1 fails after 2
 *     attempts, s3 completes at attempt 3; the run fails.
 *
 * Cases also carry error edges (about one edge in six, at most one per source, never from `fail`)
 * and optional steps: the oracle predicts which failures the run goes on without, and dead-path
 * elimination is checked with the error-edge rule (a failure that took its error edge kills its
 * other edges; a success kills its error edge).
 *
 * Reproduce a failure with the seed (and path) fast-check prints:
 *   ORKA_FC_SEED=123 ORKA_FC_PATH="4:1" npx vitest run engine/runtime/engine.property.db.test.ts
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase } from "../../server/testing/sqlite-store-db";
import { SqliteRunStore } from "../../server/engine-host/stores/sqlite-run-store";
import { foldRunEvents } from "../definition/fold-run-events";
import type { RunEvent } from "../definition/run-events";
import type { StepStatus } from "../definition/statuses";
import type { StoredRun } from "../ports/run-store";
import { createEngine, type Engine } from "./engine";
import {
  describeCase,
  operatorActionFor,
  resolution,
  stopOutput,
  toDefinition,
  toInput,
  workflowCase,
  type WorkflowCase,
} from "./testing/dag-arbitraries";
import { predict, type Prediction } from "./testing/oracle";

const database = createSqliteTestDatabase();
let store: SqliteRunStore;
let engine: Engine;

beforeAll(async () => {
  store = SqliteRunStore.open(database.filename);
  // Few engine-wide handler slots, so concurrent runs contend for them (ORKA_FC_SLOTS overrides).
  engine = createEngine({ store, maxConcurrentSteps: Number(process.env.ORKA_FC_SLOTS ?? 3) });
  await engine.start();
});

afterAll(async () => {
  await engine?.stop();
  await store?.close();
  database.cleanup();
});


const replay = {
  ...(process.env.ORKA_FC_SEED ? { seed: Number(process.env.ORKA_FC_SEED) } : {}),
  ...(process.env.ORKA_FC_PATH ? { path: process.env.ORKA_FC_PATH } : {}),
  // Shrinking replays whole batches of runs; ORKA_FC_NO_SHRINK=1 reports the first failure as is.
  ...(process.env.ORKA_FC_NO_SHRINK ? { endOnFailure: true } : {}),
};

/** ORKA_FC_RUNS=500 runs a property longer (to hunt rare interleavings). */
const numRuns = (fallback: number) => Number(process.env.ORKA_FC_RUNS ?? fallback);

/** Several cases per property run, started together on the one engine. */
const batch = (options: Parameters<typeof workflowCase>[0]) => fc.array(workflowCase(options), { minLength: 1, maxLength: 4 });

describe("engine on SQLite, random DAGs (property)", () => {
  it("ends every run as the design says: ordering, dead paths, retries, log = state = oracle", async () => {
    await fc.assert(
      fc.asyncProperty(batch({ stop: true, curable: false }), async (cases) => {
        const started = await Promise.all(cases.map((workflow) => start(workflow)));
        await Promise.all(
          started.map(async ({ workflow, runId }) => {
            const stored = await settle(runId, workflow);
            const events = await engine.listEvents(runId);
            const failure = (message: string) => new Error(`${message}\nrun ${runId}\n${describeCase(workflow)}\n${eventLog(events)}`);
            checkEventLog(workflow, events, failure);
            checkStoredState(workflow, stored, events, failure);
            checkOracle(workflow, stored, events, predict(workflow, "first-run"), failure);
          }),
        );
      }),
      { numRuns: numRuns(50), ...replay },
    );
  }, 180_000);

  it("continues a failed run to completion after operators retry or resolve its failed steps", async () => {
    await fc.assert(
      fc.asyncProperty(batch({ stop: false, curable: true }), async (cases) => {
        const started = await Promise.all(cases.map((workflow) => start(workflow)));
        await Promise.all(
          started.map(async ({ workflow, runId }) => {
            const report = async (message: string) => new Error(`${message}\nrun ${runId}\n${describeCase(workflow)}\n${eventLog(await engine.listEvents(runId))}`);
            let stored = await settle(runId, workflow);
            {
              const events = await engine.listEvents(runId);
              const failure = (message: string) => new Error(`${message} (before any operator action)\nrun ${runId}\n${describeCase(workflow)}\n${eventLog(events)}`);
              checkEventLog(workflow, events, failure);
              checkStoredState(workflow, stored, events, failure);
              checkOracle(workflow, stored, events, predict(workflow, "first-run"), failure);
            }
            const byId = new Map(workflow.steps.map((step) => [step.id, step]));
            for (let round = 0; stored.run.status === "failed"; round++) {
              if (round > 30) throw await report("still failed after 30 rounds of operator actions");
              const failed = stored.steps.filter((row) => row.status === "failed" && !failureHandled(workflow, row));
              if (failed.length === 0) throw await report("run failed with no failed step: nothing for an operator to act on");
              for (const row of failed) {
                if (operatorActionFor(byId.get(row.stepId)!) === "retry") await bounded(engine.retryStep(runId, row.stepId, { by: "property" }), `retryStep ${row.stepId} of run ${runId}`);
                else await bounded(engine.resolveStep(runId, row.stepId, { output: resolution(row.stepId) }, { by: "property" }), `resolveStep ${row.stepId} of run ${runId}`);
              }
              stored = await settle(runId, workflow);
            }
            const events = await engine.listEvents(runId);
            const failure = (message: string) => new Error(`${message} (after operator actions)\nrun ${runId}\n${describeCase(workflow)}\n${eventLog(events)}`);
            checkEventLog(workflow, events, failure);
            checkStoredState(workflow, stored, events, failure);
            checkOracle(workflow, stored, events, predict(workflow, "operator"), failure);
          }),
        );
      }),
      { numRuns: numRuns(40), ...replay },
    );
  }, 180_000);
});

describe("redrive on a fixed definition (property)", () => {
  // Every failed run is redriven on a "fixed" copy of its case: each plain step succeeds at once,
  // and a drawn subset of step ids is removed with their edges. A completed step whose id is still
  // there must keep its row (status, output, attempt) and never start again; the run completes.
  it("never re-runs a completed step whose id still exists", async () => {
    const caseWithRemovals = workflowCase({ stop: false, curable: false }).chain((workflow) =>
      fc.record({ workflow: fc.constant(workflow), removed: fc.subarray(workflow.steps.map((step) => step.id), { maxLength: Math.min(3, workflow.steps.length) }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(caseWithRemovals, { minLength: 1, maxLength: 3 }), async (drawn) => {
        await Promise.all(
          drawn.map(async ({ workflow, removed }) => {
            const { runId } = await start(workflow);
            const before = await settle(runId, workflow);
            if (before.run.status !== "failed") return;
            const fixed = fixedDefinition(workflow, new Set(removed));
            const result = await bounded(engine.redriveRun(runId, { definition: fixed, workflowVersionId: null }), `redriveRun ${runId}`);
            const after = await settle(runId, workflow);
            const events = await engine.listEvents(runId);
            const failure = (message: string) => new Error(`${message} (redrive removing ${removed.join(",") || "nothing"})\nrun ${runId}\n${describeCase(workflow)}\n${eventLog(events)}`);
            const redriveSeq = events.find((event) => event.type === "run.redriven")!.seq;
            const rowsAfter = new Map(after.steps.map((row) => [row.stepId, row]));
            for (const row of before.steps) {
              if ((row.status !== "completed" && row.status !== "resolved") || removed.includes(row.stepId)) continue;
              check(result.plan!.kept.includes(row.stepId), failure, () => `${row.stepId} is not in the plan's kept list`);
              const kept = rowsAfter.get(row.stepId);
              expectEqual(kept && { status: kept.status, output: kept.output, attempt: kept.attempt }, { status: row.status, output: row.output, attempt: row.attempt }, failure, `row of kept step ${row.stepId}`);
              const restarted = events.filter((event) => event.seq > redriveSeq && event.stepId === row.stepId);
              check(restarted.length === 0, failure, () => `kept step ${row.stepId} has events after the redrive: ${restarted.map((event) => event.type).join(", ")}`);
            }
            check(after.run.status === "completed", failure, () => `run is ${after.run.status} after the redrive`);
            const view = foldRunEvents(events);
            for (const row of after.steps) expectEqual(view.steps[row.stepId]?.status, row.status, failure, `folded status of ${row.stepId}`);
            expectEqual(Object.keys(view.steps).sort(), after.steps.map((row) => row.stepId).sort(), failure, "steps of the folded view");
          }),
        );
      }),
      { numRuns: numRuns(30), ...replay },
    );
  }, 180_000);
});

/** The case with every plain step succeeding at once (same value) and the `removed` ids gone with their edges. */
function fixedDefinition(workflow: WorkflowCase, removed: ReadonlySet<string>) {
  const steps = workflow.steps
    .filter((step) => !removed.has(step.id))
    .map((step): WorkflowCase["steps"][number] =>
      step.kind === "plain" && (step.plain.type === "code" || step.plain.type === "fail")
        ? { ...step, plain: { type: "noop", value: step.plain.type === "code" ? step.plain.value : 0, assign: step.plain.type === "code" && step.plain.assign } }
        : step,
    );
  const edges = workflow.edges.filter((edge) => !removed.has(edge.from) && !removed.has(edge.to));
  return toDefinition({ ...workflow, steps, edges });
}

describe("regressions found by these properties", () => {
  it("bug 1 (fixed): a resolved step's stored row equals the fold of its events (error cleared)", async () => {
    const { runId } = await engine.startRun({
      definition: { format: "orka/v1", name: "resolve_error", steps: [{ id: "boom", type: "fail", config: { message: "no" } }], edges: [] },
    });
    expect((await engine.waitForRun(runId)).run.status).toBe("failed");
    await engine.resolveStep(runId, "boom", { output: { fixed: true } });
    const stored = await engine.waitForRun(runId);
    expect(stored.run.status).toBe("completed");
    const view = foldRunEvents(await engine.listEvents(runId), ["boom"]);
    expect(view.steps.boom!.error).toBeNull(); // the fold clears the error on step.resolved
    expect(stored.steps.find((row) => row.stepId === "boom")!.error).toEqual(view.steps.boom!.error);
  });

  it("bug 2 (fixed): runs finish when maxConcurrentSteps is saturated (no step stays queued forever)", async () => {
    // A second engine on the same database, capped at one handler at a time; not started (no recovery).
    const capped = createEngine({ store, maxConcurrentSteps: 1 });
    const definition = {
      format: "orka/v1",
      name: "saturated",
      steps: ["a", "b", "c"].map((id) => ({ id, type: "code", config: { source: "return 1;" } })),
      edges: [],
    };
    const timers: NodeJS.Timeout[] = [];
    const wait = (runId: string) =>
      Promise.race([
        capped.waitForRun(runId),
        new Promise<never>((_, reject) => timers.push(setTimeout(() => reject(new Error(`run ${runId} hangs with steps queued`)), 20_000))),
      ]);
    try {
      // Round 1 completes but leaves a duplicate entry in the slot queue; in round 2 one run's
      // three steps stay `queued` forever (no handler in flight, waitForRun never resolves).
      for (let round = 0; round < 2; round++) {
        const runs = await Promise.all([1, 2].map(() => capped.startRun({ definition })));
        const stored = await Promise.all(runs.map(({ runId }) => wait(runId)));
        for (const run of stored) expect(run.run.status).toBe("completed");
      }
    } finally {
      timers.forEach(clearTimeout);
      await capped.stop();
    }
  });
});

async function start(workflow: WorkflowCase): Promise<{ workflow: WorkflowCase; runId: string }> {
  const { runId } = await bounded(engine.startRun({ definition: toDefinition(workflow), input: toInput(workflow) }), `startRun\n${describeCase(workflow)}`);
  return { workflow, runId };
}

/** Every engine call resolves after a commit; a stalled commit is reported instead of hanging the file. */
async function bounded<T>(promise: Promise<T>, what: string, timeoutMs = Number(process.env.ORKA_FC_WAIT_MS ?? 20_000)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `waitForRun`, bounded: a hang is reported with the stored state instead of a test timeout. */
async function settle(runId: string, workflow: WorkflowCase, timeoutMs = Number(process.env.ORKA_FC_WAIT_MS ?? 20_000)): Promise<StoredRun> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void engine.getRun(runId).then((stored) =>
        reject(
          new Error(
            `waitForRun(${runId}) did not resolve within ${timeoutMs} ms; stored: run ${stored?.run.status}, ` +
              `${stored?.steps.map((row) => `${row.stepId}=${row.status}#${row.attempt}`).join(" ")}\n${describeCase(workflow)}`,
          ),
        ),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([engine.waitForRun(runId), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type Failure = (message: string) => Error;

function check(condition: boolean, failure: Failure, message: () => string): void {
  if (!condition) throw failure(message());
}

function incomingOf(workflow: WorkflowCase) {
  return new Map(workflow.steps.map((step) => [step.id, workflow.edges.filter((edge) => edge.to === step.id)]));
}

type EdgeState = "live" | "dead" | "unsettled";

/**
 * The edge rule of docs/format.md ("Edges and branches"), over whatever status/branch bookkeeping the caller keeps:
 * a failed source with branch `error` took its error edge; a failed `optional` one lets its other edges go on.
 */
function edgeState(branch: string | undefined, source: { status: StepStatus; branch: string | null; optional?: boolean }): EdgeState {
  if (source.status === "completed" || source.status === "resolved") return branch === undefined || branch === source.branch ? "live" : "dead";
  if (source.status === "skipped" || source.status === "cancelled") return "dead";
  if (source.status === "failed" && source.branch === "error") return branch === "error" ? "live" : "dead";
  if (source.status === "failed" && source.optional) return branch === "error" ? "dead" : "live";
  return "unsettled";
}

const isOptional = (workflow: WorkflowCase, stepId: string) => workflow.steps.some((step) => step.id === stepId && step.kind === "plain" && step.optional);

/** A failed step the run went on without: it took its error edge, or it is optional. */
function failureHandled(workflow: WorkflowCase, row: { stepId: string; status: StepStatus; branch: string | null }): boolean {
  return row.status === "failed" && (row.branch === "error" || isOptional(workflow, row.stepId));
}

/**
 * Invariants 2 and 4 on the event log alone, replaying it with its own bookkeeping:
 * - `seq` is 1, 2, 3, … without gaps;
 * - a step is queued and started only when every incoming edge is settled and one is live (so
 *   every live parent's completed/resolved event has a smaller `seq`);
 * - a step is skipped (other than by a `stop`) only when every incoming edge is dead;
 * - attempts go 1, 2, 3, … per step; step events happen only while the run is running, and after
 *   a terminal run event only `run.resumed` (of a failed run) may follow;
 * - once a `stop` step completed, only skips and cancels ("run stopped") precede `run.completed`.
 */
function checkEventLog(workflow: WorkflowCase, events: RunEvent[], failure: Failure): void {
  events.forEach((event, index) => check(event.seq === index + 1, failure, () => `event #${index} has seq ${event.seq}, expected ${index + 1}`));
  const incoming = incomingOf(workflow);
  const kinds = new Map(workflow.steps.map((step) => [step.id, step]));
  const steps = new Map(workflow.steps.map((step) => [step.id, { status: "pending" as StepStatus, branch: null as string | null, attempt: 0, optional: isOptional(workflow, step.id) }]));
  let run = "pending";
  let stopped = false;
  const states = (stepId: string) => incoming.get(stepId)!.map((edge) => edgeState(edge.branch, steps.get(edge.from)!));
  const ready = (stepId: string) => {
    const edges = states(stepId);
    return !edges.includes("unsettled") && (edges.length === 0 || edges.includes("live"));
  };

  for (const event of events) {
    const at = `seq ${event.seq} ${event.type}${event.stepId ? ` ${event.stepId}` : ""}`;
    if (!event.stepId) {
      const from: Record<string, string[]> = {
        "run.started": ["pending"],
        "run.resumed": ["failed"],
        "run.completed": ["running"],
        "run.failed": ["running"],
        "run.cancelled": ["running", "failed", "pending"],
      };
      check(from[event.type]?.includes(run) ?? false, failure, () => `${at}: run was ${run}`);
      const to: Record<string, string> = { "run.started": "running", "run.resumed": "running", "run.completed": "completed", "run.failed": "failed", "run.cancelled": "cancelled" };
      run = to[event.type] ?? run;
      continue;
    }
    check(run === "running", failure, () => `${at}: a step event while the run is ${run}`);
    const step = steps.get(event.stepId)!;
    const payload = event.payload as { attempt?: number; branch?: string | null; reason?: string };
    if (stopped)
      check(
        (event.type === "step.skipped" || event.type === "step.cancelled") && payload.reason === "run stopped",
        failure,
        () => `${at}: after a stop step completed only "run stopped" skips/cancels may follow`,
      );
    switch (event.type) {
      case "step.queued":
        check(["pending", "retrying", "failed"].includes(step.status), failure, () => `${at}: queued from ${step.status}`);
        check(ready(event.stepId), failure, () => `${at}: queued while its incoming edges are ${states(event.stepId!).join(",")}`);
        check(payload.attempt === step.attempt + 1, failure, () => `${at}: attempt ${payload.attempt} after attempt ${step.attempt}`);
        Object.assign(step, { status: "queued", attempt: payload.attempt });
        break;
      case "step.started":
        check(step.status === "queued", failure, () => `${at}: started from ${step.status}`);
        check(ready(event.stepId), failure, () => `${at}: started while its incoming edges are ${states(event.stepId!).join(",")}`);
        check(payload.attempt === step.attempt, failure, () => `${at}: started attempt ${payload.attempt}, queued ${step.attempt}`);
        step.status = "running";
        break;
      case "step.retrying":
      case "step.failed":
        check(step.status === "running", failure, () => `${at}: from ${step.status}`);
        step.status = event.type === "step.retrying" ? "retrying" : "failed";
        if (event.type === "step.failed") {
          step.branch = payload.branch ?? null;
          const hasErrorEdge = workflow.edges.some((edge) => edge.from === event.stepId && edge.branch === "error");
          check(hasErrorEdge === (payload.branch === "error"), failure, () => `${at}: branch ${payload.branch} but the step ${hasErrorEdge ? "has" : "has no"} error edge`);
        }
        break;
      case "step.completed": {
        check(step.status === "running", failure, () => `${at}: from ${step.status}`);
        Object.assign(step, { status: "completed", branch: payload.branch ?? null });
        const kind = kinds.get(event.stepId)!;
        if (kind.kind === "plain" && kind.plain.type === "stop") stopped = true;
        break;
      }
      case "step.resolved":
        check(step.status === "failed" || step.status === "waiting", failure, () => `${at}: from ${step.status}`);
        Object.assign(step, { status: "resolved", branch: payload.branch ?? null });
        break;
      case "step.skipped":
        if (payload.reason === "run stopped") check(step.status === "pending" || step.status === "queued", failure, () => `${at}: from ${step.status}`);
        else {
          check(step.status === "pending", failure, () => `${at}: from ${step.status}`);
          const edges = states(event.stepId);
          check(edges.length > 0 && edges.every((state) => state === "dead"), failure, () => `${at}: skipped while its incoming edges are ${edges.join(",") || "none"}`);
        }
        step.status = "skipped";
        break;
      case "step.cancelled":
        step.status = "cancelled";
        break;
      default:
        throw failure(`${at}: unexpected event type`);
    }
  }
  check(events[0]?.type === "run.started", failure, () => "the first event is not run.started");
}

const pickStep = (step: { status: string; attempt: number; output: unknown; error: unknown; branch: string | null }) => ({
  status: step.status,
  attempt: step.attempt,
  output: step.output,
  error: step.error,
  branch: step.branch,
});

/**
 * Invariants 1, 3 and 5 on the stored state: the run is settled, the stored rows equal the fold of
 * the events, and a step is skipped iff all its incoming edges are dead (except "run stopped" skips).
 */
function checkStoredState(workflow: WorkflowCase, stored: StoredRun, events: RunEvent[], failure: Failure): void {
  // 1. Terminal (no approval steps are generated, so never waiting for an operator).
  check(["completed", "failed", "cancelled"].includes(stored.run.status), failure, () => `run ended ${stored.run.status}`);
  for (const row of stored.steps)
    check(!["queued", "running", "retrying", "waiting"].includes(row.status), failure, () => `${row.stepId} is still ${row.status} in a ${stored.run.status} run`);
  check(stored.lastSeq === events.length, failure, () => `lastSeq ${stored.lastSeq} but ${events.length} events`);

  // 5. Stored state = fold of the events.
  const view = foldRunEvents(events, workflow.steps.map((step) => step.id));
  expectEqual({ status: view.status, output: view.output, error: view.error, vars: view.vars },
    { status: stored.run.status, output: stored.run.output, error: stored.run.error, vars: stored.run.vars }, failure, "run: fold of events vs stored row");
  check(view.lastSeq === events.length, failure, () => `fold lastSeq ${view.lastSeq}`);
  for (const row of stored.steps) {
    const folded = pickStep(view.steps[row.stepId]!);
    expectEqual(folded, pickStep(row), failure, `step ${row.stepId}: fold of events vs stored row`);
  }
  check(stored.steps.length === workflow.steps.length, failure, () => `${stored.steps.length} step rows for ${workflow.steps.length} steps`);

  // 3. Skipped iff every incoming edge is dead.
  const rows = new Map(stored.steps.map((row) => [row.stepId, row]));
  const stopSkipped = new Set(events.filter((event) => event.type === "step.skipped" && event.payload.reason === "run stopped").map((event) => event.stepId));
  for (const [stepId, edges] of incomingOf(workflow)) {
    const row = rows.get(stepId)!;
    if (stopSkipped.has(stepId)) continue;
    const allDead = edges.length > 0 && edges.every((edge) => edgeState(edge.branch, { ...rows.get(edge.from)!, optional: isOptional(workflow, edge.from) }) === "dead");
    check((row.status === "skipped") === allDead, failure, () => `${stepId} is ${row.status} but its incoming edges are ${allDead ? "all dead" : "not all dead"}`);
  }
}

/** Invariants 6 and 7: the final state against the oracle's prediction. */
function checkOracle(workflow: WorkflowCase, stored: StoredRun, events: RunEvent[], prediction: Prediction, failure: Failure): void {
  const rows = new Map(stored.steps.map((row) => [row.stepId, row]));
  const stopCancelled = new Set(events.filter((event) => event.type === "step.cancelled" && event.payload.reason === "run stopped").map((event) => event.stepId));
  const stopSkipped = new Set(events.filter((event) => event.type === "step.skipped" && event.payload.reason === "run stopped").map((event) => event.stepId));
  const statuses = () => stored.steps.map((row) => `${row.stepId}=${row.status}#${row.attempt}`).join(" ");
  const expected = () => Object.entries(prediction.steps).map(([id, step]) => `${id}=${step.status}#${step.attempts}`).join(" ");

  if (prediction.stopsReached.length === 0) {
    check(stored.run.status === prediction.run.status, failure, () => `run is ${stored.run.status}, oracle says ${prediction.run.status}\nstored: ${statuses()}\noracle: ${expected()}`);
    for (const [stepId, step] of Object.entries(prediction.steps))
      expectEqual(
        { ...pickStep(rows.get(stepId)!), error: rows.get(stepId)!.status === "failed" ? rows.get(stepId)!.error?.kind : null },
        { status: step.status, attempt: step.attempts, output: step.output, error: step.errorKind, branch: step.branch },
        failure,
        `step ${stepId} vs oracle\nstored: ${statuses()}\noracle: ${expected()}`,
      );
    expectEqual(stored.run.output, prediction.run.output, failure, "run output vs oracle");
    expectEqual(stored.run.vars, prediction.run.vars, failure, "run vars vs oracle");
    // 7. The run fails iff some step failed terminally and the run could not go on without it.
    const failedSteps = stored.steps.filter((row) => row.status === "failed" && !failureHandled(workflow, row)).map((row) => row.stepId);
    check((stored.run.status === "failed") === failedSteps.length > 0, failure, () => `run ${stored.run.status} with failed steps [${failedSteps}]`);
  } else {
    // A stop step ended the run: which other steps finished before it is a matter of timing.
    check(stored.run.status === "completed", failure, () => `a stop step was reached but the run is ${stored.run.status}`);
    const stops = stored.steps.filter((row) => {
      const step = workflow.steps.find((candidate) => candidate.id === row.stepId)!;
      return step.kind === "plain" && step.plain.type === "stop" && row.status === "completed";
    });
    check(stops.length === 1 && prediction.stopsReached.includes(stops[0]!.stepId), failure, () => `completed stop steps: [${stops.map((row) => row.stepId)}], reachable: [${prediction.stopsReached}]`);
    expectEqual(stored.run.output, stopOutput(stops[0]!.stepId), failure, "run output of a stopped run");
    for (const [stepId, step] of Object.entries(prediction.steps)) {
      const row = rows.get(stepId)!;
      if (row.status === step.status) {
        check(row.attempt === step.attempts, failure, () => `${stepId}: ${row.attempt} attempts, oracle ${step.attempts}`);
        if (row.status === "completed") expectEqual(row.output, step.output, failure, `${stepId} output`);
      } else {
        const byStop = (row.status === "skipped" && stopSkipped.has(stepId)) || (row.status === "cancelled" && stopCancelled.has(stepId));
        check(byStop, failure, () => `${stepId} is ${row.status}, oracle says ${step.status} (and no stop explains it)\nstored: ${statuses()}\noracle: ${expected()}`);
        check(row.attempt <= step.attempts, failure, () => `${stepId}: ${row.attempt} attempts, more than the oracle's ${step.attempts}`);
      }
    }
  }

  // 7. Output set iff completed; `failedSteps` of the last run.failed names the failed steps.
  check((stored.run.output !== null) === (stored.run.status === "completed"), failure, () => `run ${stored.run.status} with output ${JSON.stringify(stored.run.output)}`);
  if (stored.run.status === "failed") {
    const last = events.filter((event) => event.type === "run.failed").at(-1)!;
    expectEqual(
      [...((last.payload as { failedSteps: string[] }).failedSteps ?? [])].sort(),
      stored.steps.filter((row) => row.status === "failed" && !failureHandled(workflow, row)).map((row) => row.stepId).sort(),
      failure,
      "run.failed failedSteps vs failed step rows not handled",
    );
  }
  // Vars: exactly the assigned outputs of the steps that completed.
  const vars: Record<string, unknown> = {};
  for (const step of workflow.steps)
    if (step.kind === "plain" && (step.plain.type === "noop" || step.plain.type === "code") && step.plain.assign && rows.get(step.id)!.status === "completed")
      vars[step.id] = rows.get(step.id)!.output;
  expectEqual(stored.run.vars, vars, failure, "run vars vs assigned outputs of completed steps");
}

function expectEqual(actual: unknown, expected: unknown, failure: Failure, what: string): void {
  try {
    expect(actual).toEqual(expected);
  } catch (error) {
    throw failure(`${what}: ${(error as Error).message}`);
  }
}

function eventLog(events: RunEvent[]): string {
  return events
    .map((event) => `  ${event.seq} ${event.type}${event.stepId ? ` ${event.stepId}` : ""} ${JSON.stringify(event.payload).slice(0, 120)}`)
    .join("\n");
}
