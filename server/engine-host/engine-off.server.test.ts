// A web server with ORKA_ENGINE=off and `orka worker` processes on one PostgreSQL: the server
// starts runs and the workers execute them; `?wait=true`, approvals and cancels issued on the
// server reach the runs a worker holds; a worker stopped with SIGTERM hands its runs over at once.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { callWebhook, createLiveDatabase, signUpOwner, startLiveServer, type LiveServer, type LiveSession } from "../testing/live-server";

const database = await createLiveDatabase("postgres");
const repoRoot = path.resolve(import.meta.dirname, "../..");
/** Long, so a takeover within the test can only come from a lease released on SIGTERM, not from one that expired. */
const leaseMs = 60_000;

const approvalFlow = {
  steps: [
    { id: "prepare", type: "code", config: { source: "return input.n * 2" } },
    { id: "ok", type: "approval", config: {} },
    { id: "after", type: "code", config: { source: "return steps.prepare.output + 1" } },
  ],
  edges: [
    { from: "prepare", to: "ok" },
    { from: "ok", to: "after", branch: "approved" },
  ],
  output: "$steps.after.output",
};
/** Three code steps, each busy for `ms`: long enough to be running when a worker is told to stop. */
const slowChain = (ms: number) => ({
  steps: ["a", "b", "c"].map((id) => ({ id, type: "code", timeoutMs: 30_000, config: { source: `const t = Date.now(); while (Date.now() - t < ${ms}) {} return "${id}"` } })),
  edges: [
    { from: "a", to: "b" },
    { from: "b", to: "c" },
  ],
  output: "$steps.c.output",
});

interface Worker {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

const workers: Worker[] = [];

/** `orka worker --db <url>`, with the server's secrets key (it decrypts team secrets too). */
function startWorker(server: LiveServer, env: Record<string, string> = {}): Worker {
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(inherited)) if (/^(NODE_OPTIONS|NODE_ENV|VITEST.*|TEST)$/.test(name)) delete inherited[name];
  const child = spawn(process.execPath, [path.join(repoRoot, "bin/orka"), "worker", "--db", server.database.url], {
    cwd: repoRoot,
    env: { ...inherited, ORKA_SECRETS_KEY: "bGl2ZS1zZXJ2ZXItc2VjcmV0cy1rZXktMDEyMzQ1Njc=", ORKA_LEASE_MS: String(leaseMs), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const worker = { child, output: () => output, exited: new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code))) };
  workers.push(worker);
  return worker;
}

describe.skipIf(!database)("ORKA_ENGINE=off with workers on PostgreSQL", () => {
  let server: LiveServer;
  let owner: LiveSession;

  beforeAll(async () => {
    server = (await startLiveServer({ database: database!, env: { ORKA_ENGINE: "off" } }))!;
    owner = await signUpOwner(server);
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      worker.child.kill("SIGKILL");
      await worker.exited;
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("says so in /api/health, runs nothing itself, and answers ?wait=true with the output a worker computed", async () => {
    expect((await server.health()).body).toEqual({ status: "ok", engine: "running", engineMode: "off", database: "ok" });
    const workflowId = await owner.publishWorkflow({ steps: [{ id: "double", type: "code", config: { source: "return input.n * 2" } }], output: "$steps.double.output" }, "off");
    const hook = await owner.createWebhook(workflowId);

    const queued = await callWebhook(server, hook, { n: 1 });
    expect(queued.status).toBe(202);
    // No worker yet: the run is committed and stays pending, owned by nobody.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await server.database.runStatus(queued.body.runId!)).toBe("pending");
    expect(await server.database.number("SELECT count(*) FROM runs WHERE id = ? AND owner_epoch IS NULL", [queued.body.runId])).toBe(1);

    startWorker(server);
    expect(await server.database.waitForRunStatus(queued.body.runId!, ["completed"], 30_000)).toBe("completed");
    const waited = await callWebhook(server, `${hook}?wait=true&timeout=20`, { n: 21 });
    expect([waited.status, (waited.body as { output?: unknown }).output]).toEqual([200, 42]);
  });

  it("applies an approval and a cancel issued on the server to runs a worker executes, and refuses what the run's state refuses with 409", async () => {
    startWorker(server);
    const workflowId = await owner.publishWorkflow(approvalFlow, "approval");
    const approved = await owner.startRun(workflowId, { n: 5 });
    const cancelled = await owner.startRun(workflowId, { n: 7 });
    for (const runId of [approved, cancelled]) await server.database.waitForStepStatus(runId, "ok", ["waiting"], 30_000);

    await owner.trpc("runs.approveStep", { runId: approved, stepId: "ok", comment: "looks right" });
    expect(await server.database.waitForRunStatus(approved, ["completed"], 30_000)).toBe("completed");
    expect((await server.database.readRun(approved))!.output).toBe(11);
    const decision = (await server.database.runEvents(approved)).find((event) => event.type === "step.completed" && event.stepId === "ok")!;
    expect(decision.payload).toMatchObject({ decision: "approved", comment: "looks right", by: expect.any(String) });

    await owner.trpc("runs.cancel", { runId: cancelled, reason: "not needed" });
    expect(await server.database.runStatus(cancelled)).toBe("cancelled");
    expect(await server.database.stepStatus(cancelled, "ok")).toBe("cancelled");

    const again = await owner.trpcAnswer("runs.approveStep", { runId: approved, stepId: "ok" });
    expect([again.status, again.error?.code, again.error?.message]).toEqual([409, "CONFLICT", 'step "ok" is completed; it is not waiting for a decision']);
    const notApproval = await owner.trpcAnswer("runs.approveStep", { runId: cancelled, stepId: "prepare" });
    expect([notApproval.status, notApproval.error?.code]).toEqual([400, "BAD_REQUEST"]);
  });

  it("a worker stopped with SIGTERM finishes its running steps, releases its runs, and another worker completes them long before its lease would expire, each step run once", async () => {
    const first = startWorker(server, { ORKA_SHUTDOWN_MS: "20000" });
    const workflowId = await owner.publishWorkflow(slowChain(800), "handover");
    const runIds = await Promise.all([1, 2, 3].map((n) => owner.startRun(workflowId, { n })));
    for (const runId of runIds) await server.database.waitForStepStatus(runId, "a", ["running"], 30_000);

    const second = startWorker(server);
    first.child.kill("SIGTERM");
    expect(await first.exited, first.output()).toBe(0);
    // Its lease is gone: nothing of the first worker holds a run any more.
    expect(await server.database.number("SELECT count(*) FROM engine_leases WHERE pid = ?", [first.child.pid])).toBe(0);
    for (const runId of runIds) expect(await server.database.waitForRunStatus(runId, ["completed", "failed"], leaseMs / 2)).toBe("completed");
    expect(second.child.exitCode).toBeNull();

    for (const runId of runIds) {
      const events = await server.database.runEvents(runId);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(events.filter((event) => event.type === "step.started").map((event) => event.stepId)).toEqual(["a", "b", "c"]);
      expect(events.filter((event) => event.type === "step.completed").map((event) => event.stepId)).toEqual(["a", "b", "c"]);
    }
  });
});
