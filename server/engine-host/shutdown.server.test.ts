// SIGTERM on the real server (scripts/serve.mjs): the step running then finishes and is committed
// before the process exits, nothing starts after it, and the restarted server goes on from there
// without running the finished step again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLiveDatabase, signUpOwner, startLiveServer, type LiveServer, type LiveSession } from "../testing/live-server";

const databases = [
  ["SQLite", await createLiveDatabase("sqlite")],
  ["PostgreSQL", await createLiveDatabase("postgres")],
] as const;

/** `slow` (busy for 1.5 s) → `next`. */
const slowThenNext = {
  steps: [
    { id: "slow", type: "code", timeoutMs: 30_000, config: { source: "const t = Date.now(); while (Date.now() - t < 1500) {} return 1" } },
    { id: "next", type: "code", config: { source: "return steps.slow.output + 1" } },
  ],
  edges: [{ from: "slow", to: "next" }],
  output: "$steps.next.output",
};

/** Waits ten minutes: only an operator's cancel or a shutdown ends a wait for it. */
const longDelay = { steps: [{ id: "pause", type: "delay", config: { ms: 600_000 } }], edges: [] };

describe.each(databases)("SIGTERM on the server on %s", (_name, database) => {
  let server: LiveServer;
  let owner: LiveSession;

  beforeAll(async () => {
    if (!database) return;
    server = (await startLiveServer({ database }))!;
    owner = await signUpOwner(server);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.skipIf(!database)("lets the running step finish and commit, starts nothing more, and the restarted server completes the run", async () => {
    const workflowId = await owner.publishWorkflow(slowThenNext, "sigterm");
    const runId = await owner.startRun(workflowId);
    await server.database.waitForStepStatus(runId, "slow", ["running"]);

    await server.halt("SIGTERM");
    expect([await server.database.stepStatus(runId, "slow"), await server.database.stepStatus(runId, "next")]).toEqual(["completed", "queued"]);
    expect(server.output.tail()).toMatch(/SIGTERM: shutting down/);

    await server.start();
    expect(await server.database.waitForRunStatus(runId, ["completed", "failed"])).toBe("completed");
    expect((await server.database.readRun(runId))!.output).toBe(2);
    const started = (await server.database.runEvents(runId)).filter((event) => event.type === "step.started").map((event) => event.stepId);
    expect(started).toEqual(["slow", "next"]);
  });

  it.skipIf(!database)("answers a webhook waiting for its run (?wait=true) with 202 and the run's status as soon as the shutdown begins", async () => {
    const workflowId = await owner.publishWorkflow(longDelay, "sigterm_wait");
    const hook = await owner.createWebhook(workflowId);
    const waiting = fetch(`${server.url}${hook}?wait=true&timeout=120`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).then(
      async (response) => ({ status: response.status, body: (await response.json()) as { runId: string; status: string } }),
      (error: unknown) => ({ status: 0, body: { runId: "", status: String(error) } }),
    );
    await expect.poll(() => server.database.number("SELECT count(*) FROM step_runs WHERE step_id = 'pause' AND status = 'waiting'"), { timeout: 20_000 }).toBe(1);

    await server.halt("SIGTERM");
    const answer = await waiting;
    // Before, the request held its connection until the process exited and the client saw it reset.
    expect(answer.status).toBe(202);
    expect(answer.body.status).toBe("running");
    expect(await server.database.runStatus(answer.body.runId)).toBe("running");
    await server.start();
  });
});
