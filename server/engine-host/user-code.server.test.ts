// Workflow logic written to take the real server (`next start`) down: JSONata that exhausts memory
// or backtracks for minutes, and one team's code steps that loop forever on every worker they may
// hold. Each fails only its own run with the stated error, the server answers throughout, other
// runs (and another team's code) complete, nothing else changes, and a restart resumes nothing.
// On SQLite only: these bounds live in the engine's evaluators, not in the store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callWebhook,
  eventually,
  expectAnsweredThroughout,
  expectOnlyTheseRuns,
  expectRestartKeepsData,
  liveOwner,
  probeHealthDuring,
  signIn,
  signUpOwner,
  startLiveServer,
  type LiveRunRow,
  type LiveServer,
  type LiveSession,
} from "../testing/live-server";

type RowError = LiveRunRow["error"] | undefined;

/** 2^27 characters by `:=` doubling, then an array as long: aborts the V8 process that evaluates it. */
const stringDoubling = `($s := "x";${" $s := $s & $s;".repeat(27)} $count($split($s, "")))`;
const timeLimitExceeded = /expression exceeded its time limit of 1000 ms/;
const catastrophicRegex = "$contains($input.s, /(a+)+$/)";
const thirtyCharacters = `${"a".repeat(29)}!`;
const finished = ["completed", "failed", "cancelled"];
/** In the bounded subset: evaluated in the server process, so it never waits for the isolated evaluator. */
const doubler = { steps: [{ id: "double", type: "noop", config: { output: "$input.n * 2" } }], output: "$steps.double.output" };
/** A lambda: evaluated in the isolated evaluator, so it completing shows the evaluator came back. */
const isolatedMap = { steps: [{ id: "a", type: "noop" }], output: "$map([1, 2], function($n) { $n * 10 })" };
const codeWorkers = 2;
/** More than the workers: one team may hold all but one of them (here one), the rest wait in line. */
const loopCount = 4;
const loopTimeoutMs = 3_000;

describe("expressions and code steps that try to take the server down, on SQLite", () => {
  let server: LiveServer;
  let owner: LiveSession;

  beforeAll(async () => {
    server = (await startLiveServer({ database: "sqlite", env: { ORKA_CODE_WORKERS: String(codeWorkers) } }))!;
    owner = await signUpOwner(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  /**
   * Starts `workflowId` until a run fails otherwise than at the time limit (at most three runs),
   * `beside` running along each. Which limit stops the doubling first depends on the CPU the
   * evaluator gets: it reaches its 128 MB heap after 0.1-0.6 s of work here, but with other
   * processes taking both cores it took up to 5 s, past the 1 s time limit. Such a run fails with
   * the time-limit error, as bounded; the memory-limit error is what a run meets when it can run.
   */
  async function untilMemoryLimit(workflowId: string, beside: (runId: string) => Promise<void>, errorOf: (runId: string) => Promise<RowError>) {
    const runIds: string[] = [];
    const errors: RowError[] = [];
    do {
      runIds.push(await owner.startRun(workflowId));
      await beside(runIds.at(-1)!);
      errors.push(await errorOf(runIds.at(-1)!));
    } while (runIds.length < 3 && timeLimitExceeded.test(errors.at(-1)?.message ?? ""));
    return { runIds, errors };
  }

  it("string doubling as a run's output and as a step's assign: both fail with the memory-limit error while other runs complete", async () => {
    const asOutput = await owner.publishWorkflow({ steps: [{ id: "a", type: "noop" }], output: stringDoubling }, "doubling_output");
    const asAssign = await owner.publishWorkflow({ steps: [{ id: "a", type: "noop", assign: { s: stringDoubling } }] }, "doubling_assign");
    const others = await owner.publishWorkflow(doubler, "doubler");
    const afterwards = await owner.publishWorkflow(isolatedMap, "isolated");
    const before = await server.database.counts();

    const bystanders: string[] = [];
    const runBeside = async (attackedRun: string) => {
      bystanders.push(await owner.startRun(others, { n: bystanders.length + 1 }));
      await server.database.waitForRunStatus(attackedRun, finished);
    };
    const attack = async () => {
      const output = await untilMemoryLimit(asOutput, runBeside, async (runId) => (await server.database.readRun(runId))?.error);
      const assign = await untilMemoryLimit(asAssign, runBeside, async (runId) => (await server.database.readStep(runId, "a"))?.error);
      await Promise.all(bystanders.map((runId) => server.database.waitForRunStatus(runId, finished)));
      const after = await owner.startRun(afterwards);
      await server.database.waitForRunStatus(after, finished);
      return { output, assign, after };
    };
    const { result, probe } = await probeHealthDuring(server, attack());
    expectAnsweredThroughout(probe);

    const { output, assign } = result;
    expect(output.errors.at(-1)).toEqual({ kind: "permanent", message: expect.stringMatching(/^output expression: expression exceeded its memory limit of 128 MB/) });
    expect(assign.errors.at(-1)).toEqual({ kind: "permanent", message: expect.stringMatching(/^expression exceeded its memory limit of 128 MB/) });
    expect(await server.database.readRun(assign.runIds.at(-1)!)).toMatchObject({ status: "failed", error: { kind: "permanent", message: expect.stringMatching(/^step "a" failed: expression exceeded its memory limit of 128 MB/) } });
    for (const starved of [...output.errors.slice(0, -1), ...assign.errors.slice(0, -1)]) expect(starved).toEqual({ kind: "timeout", message: expect.stringMatching(timeLimitExceeded) });
    const completed = await Promise.all(bystanders.map((runId) => server.database.readRun(runId)));
    expect(completed.map((run) => [run?.status, run?.output])).toEqual(bystanders.map((_, index) => ["completed", (index + 1) * 2]));
    expect(await server.database.readRun(result.after)).toMatchObject({ status: "completed", output: [10, 20] });
    const runIds = [...output.runIds, ...assign.runIds, ...bystanders, result.after];
    await expectOnlyTheseRuns(server, before, runIds, { audit_events: runIds.length });
  });

  it.each([
    ["a catastrophic regex on 30 characters of webhook input", catastrophicRegex, { kind: "timeout", message: /^expression exceeded its time limit of 1000 ms/ }],
    ["$pad to 100 million characters", "$pad('x', 100000000)", { kind: "permanent", message: /^expression failed: its result is 100000000 characters; the limit is 1000000/ }],
  ])("%s fails its step with the stated error, and a run started meanwhile completes", async (_attack, expression, error) => {
    const attacked = await owner.publishWorkflow({ steps: [{ id: "check", type: "condition", config: { expression } }] }, "attacked");
    const hook = await owner.createWebhook(attacked);
    const others = await owner.publishWorkflow(doubler, "doubler");
    const before = await server.database.counts();

    const attack = async () => {
      const answer = await callWebhook(server, hook, { s: thirtyCharacters });
      expect(answer.status, JSON.stringify(answer.body)).toBe(202);
      const bystander = await owner.startRun(others, { n: 21 });
      await Promise.all([answer.body.runId!, bystander].map((runId) => server.database.waitForRunStatus(runId, finished)));
      return { attacked: answer.body.runId!, bystander };
    };
    const { result, probe } = await probeHealthDuring(server, attack());
    expectAnsweredThroughout(probe);

    expect(await server.database.readStep(result.attacked, "check")).toMatchObject({ status: "failed", error: { kind: error.kind, message: expect.stringMatching(error.message) } });
    expect(await server.database.readRun(result.attacked)).toMatchObject({ status: "failed", error: { kind: error.kind } });
    expect(await server.database.readRun(result.bystander)).toMatchObject({ status: "completed", output: 42 });
    await expectOnlyTheseRuns(server, before, [result.attacked, result.bystander], { audit_events: 2 });
  });

  it(`team A starts ${loopCount} endless code loops on ${codeWorkers} code workers: team B's code step completes before A's first loop times out, and A's steps fail with the timeout error`, async () => {
    const teamB = await ownerInTeamOfTheirOwn(server);
    const spin = await owner.publishWorkflow({ steps: [{ id: "spin", type: "code", timeoutMs: loopTimeoutMs, config: { source: "while (true) {}" } }] }, "spin");
    const quickStep = { steps: [{ id: "quick", type: "code", config: { source: "return input.n + 1" } }], output: "$steps.quick.output" };
    const quick = await teamB.publishWorkflow(quickStep, "quick");
    // Workers start as requests need them: two teams at once start both, so the attack below
    // measures who waits for whom, not how long a worker thread takes to start.
    const warmUps = await Promise.all([owner.startRun(await owner.publishWorkflow(quickStep, "quick"), { n: 1 }), teamB.startRun(quick, { n: 1 })]);
    await Promise.all(warmUps.map((runId) => server.database.waitForRunStatus(runId, finished)));
    const before = await server.database.counts();

    const attack = async () => {
      const loops: string[] = [];
      for (let started = 0; started < loopCount; started++) loops.push(await owner.startRun(spin));
      // All handed to the sandbox (a step is `running` while it waits for a worker, too).
      await eventually(() => server.database.number(`SELECT count(*) FROM step_runs WHERE status = 'running' AND run_id IN (${loops.map(() => "?").join(", ")})`, loops), (running) => running === loops.length, { what: "loop steps running" });
      const quickRun = await teamB.startRun(quick, { n: 41 });
      await server.database.waitForRunStatus(quickRun, finished);
      await Promise.all(loops.map((runId) => server.database.waitForRunStatus(runId, finished)));
      return { loops, quickRun };
    };
    const { result, probe } = await probeHealthDuring(server, attack());
    expectAnsweredThroughout(probe);

    expect(await server.database.readRun(result.quickRun)).toMatchObject({ status: "completed", output: 42 });
    for (const runId of result.loops) {
      expect(await server.database.readStep(runId, "spin")).toMatchObject({ status: "failed", error: { kind: "timeout", message: `code step timed out after ${loopTimeoutMs} ms` } });
    }
    const quickCompleted = (await server.database.runEvents(result.quickRun)).find((event) => event.type === "run.completed")!.at;
    const loopsTimedOut = await Promise.all(result.loops.map(async (runId) => (await server.database.runEvents(runId)).find((event) => event.type === "step.failed")!.at));
    const firstTimeout = new Date(Math.min(...loopsTimedOut.map((at) => at.getTime())));
    expect(quickCompleted < firstTimeout, `team B's run completed at ${quickCompleted.toISOString()}, team A's first loop timed out at ${firstTimeout.toISOString()}`).toBe(true);
    await expectOnlyTheseRuns(server, before, [...result.loops, result.quickRun], { audit_events: result.loops.length + 1 });
  });

  it("a restart comes up healthy with the same rows, and resumes none of the failed runs", async () => {
    const failedBefore = await server.database.number("SELECT count(*) FROM runs WHERE status = 'failed'");
    expect(failedBefore).toBeGreaterThan(0);
    await expectRestartKeepsData(server);
    expect(await server.database.number("SELECT count(*) FROM runs WHERE status = 'failed'")).toBe(failedBefore);
    expect(await server.database.number("SELECT count(*) FROM runs WHERE status IN ('pending', 'running')")).toBe(0);
  });
});

/** The owner signed in a second time, in a new team of their own: another tenant of the code workers. */
async function ownerInTeamOfTheirOwn(server: LiveServer): Promise<LiveSession> {
  const { session } = await signIn(server, liveOwner, { from: "127.0.0.5" });
  if (!session) throw server.failure("the owner could not sign in a second time");
  await session.trpc("teams.create", { name: "Team B" });
  return session;
}
