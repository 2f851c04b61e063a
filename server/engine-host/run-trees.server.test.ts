// Run trees that try to take the real server (`next start`) down: a workflow that calls itself, two
// workflows that call each other without end, and one cancel of a tree of 20,003 runs. The server
// answers throughout, the tree stops at its bound with the stated error, the cancel reaches every
// run, nothing is left running, and a restart resumes nothing. On both databases: the tree is
// walked and cancelled in the store.
import { describe, expect, it } from "vitest";
import {
  createLiveDatabases,
  eventually,
  expectAnsweredThroughout,
  expectRestartKeepsData,
  probeHealthDuring,
  type LiveServer,
  type LiveSession,
  useLiveServer,
} from "../testing/live-server";

const finished = ["completed", "failed", "cancelled"];
const perChild = 10_000;
const inFlightPerMap = 64;
const treeSize = 1 + 2 + 2 * perChild;
const gated = { format: "orka/v1", name: "gate", steps: [{ id: "gate", type: "approval", config: {} }] };
const child = { format: "orka/v1", name: "fan_out", steps: [{ id: "each", type: "map", config: { items: "$input.ids", definition: gated, maxConcurrency: inFlightPerMap } }] };
/**
 * Two maps of 10,000 runs that each wait for an approval, 64 at a time: a tree of 20,003 runs. The
 * items come from the input (a path, evaluated in process): a range would go to the isolated
 * evaluator, whose 1 s wall-clock limit a loaded machine can pass while it copies 10,000 items.
 */
const twentyThousandRuns = { steps: [{ id: "each", type: "map", config: { items: "[1, 2]", input: "$input", definition: child, maxConcurrency: 2 } }] };

describe.each(await createLiveDatabases())("run trees that grow without end, on %s", (_name, database) => {
  let server: LiveServer;
  let owner: LiveSession;

  useLiveServer(database, {}, (live) => {
    ({ server, owner } = live);
  });

  const treeRuns = (rootRunId: string, where = "") => server.database.number(`SELECT count(*) FROM runs WHERE (id = ? OR root_run_id = ?)${where}`, [rootRunId, rootRunId]);

  /** A workflow named `name` whose one step calls the workflow `calls`, published as version 1. */
  async function publishCaller(name: string, calls: string) {
    const { id } = await owner.trpc<{ id: string }>("workflows.create", { name });
    const draft = { format: "orka/v1", name, namespace: "default", steps: [{ id: "call", type: "subworkflow", config: { workflow: calls } }] };
    const saved = await owner.trpc<{ draftRevision: number }>("workflows.saveDraft", { workflowId: id, baseRevision: 0, draft });
    return { id, publish: () => owner.trpcAnswer("workflows.publish", { workflowId: id, baseRevision: saved.draftRevision }) };
  }

  it.skipIf(!database)("a workflow that calls itself cannot be published: the error names the step, and no version is made", async () => {
    const versionsBefore = await server.database.number("SELECT count(*) FROM workflow_versions");
    const loop = await publishCaller("calls_itself", "calls_itself");
    const answer = await loop.publish();
    expect(answer.status).toBe(400);
    expect(answer.error?.message).toMatch(/calls its own workflow "calls_itself": every run would start another, without end/);
    expect(await server.database.number("SELECT count(*) FROM workflow_versions")).toBe(versionsBefore);
  });

  it.skipIf(!database)("two workflows that call each other stop at 10 levels: the tree fails with the nesting error, the server answers, nothing keeps running", async () => {
    const ping = await publishCaller("ping", "pong");
    const pong = await publishCaller("pong", "ping");
    for (const workflow of [ping, pong]) expect((await workflow.publish()).error).toBeUndefined();

    const before = await server.database.counts();
    const runId = await owner.startRun(ping.id);
    const { result: status, probe } = await probeHealthDuring(server, server.database.waitForRunStatus(runId, finished));
    expectAnsweredThroughout(probe);
    expect(status).toBe("failed");

    // The top-level run and ten levels below it; the deepest one's step failed before starting an 11th.
    expect(await treeRuns(runId)).toBe(11);
    expect(await treeRuns(runId, " AND status = 'failed'")).toBe(11);
    const deepest = await server.database.query<{ id: string }>("SELECT id FROM runs WHERE root_run_id = ? AND depth = 10", [runId]);
    expect(deepest).toHaveLength(1);
    const deepestStep = await server.database.readStep(deepest[0]!.id, "call");
    expect(deepestStep?.error).toMatchObject({ kind: "permanent", message: expect.stringMatching(/sub-workflow nesting is deeper than 10 levels/) });
    expect((await server.database.counts()).runs).toBe(before.runs + 11);

    await expectRestartKeepsData(server, { signal: "SIGKILL" });
    expect(await treeRuns(runId, " AND status NOT IN ('completed', 'failed', 'cancelled')")).toBe(0);
  });

  it.skipIf(!database)(`cancelling a tree of ${treeSize.toLocaleString("en")} runs is one call: every run ends cancelled while the server answers`, { timeout: 600_000 }, async () => {
    const workflowId = await owner.publishWorkflow(twentyThousandRuns, "twenty_thousand");
    const runId = await owner.startRun(workflowId, { ids: Array.from({ length: perChild }, (_, index) => index) });
    // Every child run is created at once; each map starts 64 of them, which wait for their approval.
    await eventually(() => treeRuns(runId), (runs) => runs === treeSize, { what: "runs in the tree", timeoutMs: 480_000, intervalMs: 1_000 });
    const waitingApprovals = "SELECT count(*) FROM step_runs s JOIN runs r ON r.id = s.run_id WHERE r.root_run_id = ? AND s.step_id = 'gate' AND s.status = 'waiting'";
    await eventually(() => server.database.number(waitingApprovals, [runId]), (waiting) => waiting === 2 * inFlightPerMap, { what: "approvals waiting", timeoutMs: 120_000 });
    expect(await treeRuns(runId)).toBe(treeSize);

    const cancelling = (async () => {
      await owner.trpc("runs.cancel", { runId, reason: "runaway tree" });
      return eventually(() => treeRuns(runId, " AND status <> 'cancelled'"), (left) => left === 0, { what: "runs of the tree not cancelled", timeoutMs: 300_000, intervalMs: 500 });
    })();
    const { probe } = await probeHealthDuring(server, cancelling);
    expectAnsweredThroughout(probe);
    expect(await treeRuns(runId, " AND status = 'cancelled'")).toBe(treeSize);
    const unfinishedSteps = await server.database.number(
      "SELECT count(*) FROM step_runs s JOIN runs r ON r.id = s.run_id WHERE (r.id = ? OR r.root_run_id = ?) AND s.status <> 'cancelled'",
      [runId, runId],
    );
    expect(unfinishedSteps).toBe(0);

    await expectRestartKeepsData(server, { signal: "SIGKILL" });
    expect(await treeRuns(runId, " AND status <> 'cancelled'")).toBe(0);
  });
});
