// The real server (`next start`) answers while its engine recovers: /api/health during a recovery
// of thousands of unfinished runs, and while recovery cannot read the database at all.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../engine/index";
import {
  createLiveDatabases,
  eventually,
  expectAnsweredThroughout,
  healthAnswerBoundMs,
  probeHealthDuring,
  request,
  type LiveServer,
  type LiveSession,
  useLiveServer,
} from "../testing/live-server";
import { openRunStore } from "./stores/open-run-store";

const unfinishedRuns = 2_000;
/** Started by an engine in this process and stopped in the delay: unfinished, and due, when the server starts. */
const delayThenCode = {
  steps: [
    { id: "wait", type: "delay", config: { ms: 3_000 } },
    { id: "work", type: "code", config: { source: "return input.n * 2" } },
  ],
  edges: [{ from: "wait", to: "work" }],
  output: "$steps.work.output",
};

describe.each(await createLiveDatabases())("the server answers while its engine recovers, on %s", (_name, database) => {
  let server: LiveServer;
  let owner: LiveSession;
  let workflowId: string;

  useLiveServer(database, {}, async (live) => {
    ({ server, owner } = live);
    workflowId = await owner.publishWorkflow(delayThenCode, "recovery");
  });

  it.skipIf(!database)("GET /api/health answers anyone, not redirected to sign-in, with nothing but the three states", async () => {
    const answer = await request<Record<string, unknown>>(`${server.url}/api/health`);
    expect([answer.status, answer.body]).toEqual([200, { status: "ok", engine: "running", engineMode: "embedded", database: "ok" }]);
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it.skipIf(!database)(`${unfinishedRuns} unfinished runs: health answers within 1 s while they are recovered and finished, each once`, async () => {
    await server.halt();
    const runIds = await startRunsAndStop(server, workflowId, unfinishedRuns);
    const unfinished = await server.database.number("SELECT count(*) FROM runs WHERE status = 'running'");
    expect(unfinished).toBe(unfinishedRuns);

    // The probe starts once the server answers: on SQLite the recovery itself may be over by then
    // (its yielding is engine/runtime/recovery.db.test.ts's to show), the lock test below holds it.
    await server.start("answering");
    const recoveringThenFinishing = (async () => {
      await server.waitUntil("running");
      return eventually(() => openRunCount(server), (open) => open === 0, { what: "runs not finished", timeoutMs: 120_000 });
    })();
    const { probe } = await probeHealthDuring(server, recoveringThenFinishing);
    expectAnsweredThroughout(probe);
    expect(server.output.all()).toContain(`${unfinishedRuns} unfinished run(s) resumed`);

    const completed = await server.database.number("SELECT count(*) FROM runs WHERE status = 'completed'");
    expect(completed).toBe(runIds.length);
    const once = await server.database.number(
      "SELECT count(*) FROM (SELECT run_id FROM run_events WHERE type = 'run.completed' GROUP BY run_id HAVING count(*) = 1) AS finished",
    );
    expect(once).toBe(runIds.length);
    const outputs = await server.database.number("SELECT count(*) FROM runs WHERE output = '6'");
    expect(outputs).toBe(runIds.length); // input.n = 3 for every run
  });

  it.skipIf(database?.provider !== "postgres")("while recovery waits on a locked table: health says recovering, and a run started meanwhile waits for the engine, then runs", async () => {
    const quick = await owner.publishWorkflow({ steps: [{ id: "double", type: "code", config: { source: "return input.n * 2" } }], output: "$steps.double.output" }, "quick");
    await server.halt();
    const lock = new pg.Client({ connectionString: server.database.url });
    await lock.connect();
    try {
      await lock.query("BEGIN");
      await lock.query("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE");
      await server.start("answering");
      await server.warmUp(); // no route needs the engine to load
      let startAnswered = false;
      const started = owner.startRun(quick, { n: 5 }).finally(() => (startAnswered = true));
      for (let ask = 0; ask < 10; ask++) {
        const answer = await server.health();
        expect(answer.body).toEqual({ status: "ok", engine: "recovering", engineMode: "embedded", database: "ok" });
        expect(answer.ms).toBeLessThan(healthAnswerBoundMs);
      }
      expect(startAnswered).toBe(false);
      await lock.query("COMMIT");
      const runId = await started;
      expect(await server.database.waitForRunStatus(runId, ["completed", "failed"])).toBe("completed");
      await server.waitUntil("running");
    } finally {
      await lock.end();
    }
  });
});

/**
 * Starts `count` runs of the workflow's version 1 with an engine in this process on the server's
 * database (the server is down), and stops it while they wait in their delay: what a crash leaves.
 */
async function startRunsAndStop(server: LiveServer, workflowId: string, count: number): Promise<string[]> {
  const [version] = await server.database.query<{ id: string; definition: string; team_id: string }>(
    "SELECT v.id, v.definition, w.team_id FROM workflow_versions v JOIN workflows w ON w.id = v.workflow_id WHERE v.workflow_id = ? AND v.number = 1",
    [workflowId],
  );
  const store = await openRunStore(server.database.url);
  const engine = createEngine({ store });
  try {
    const definition = JSON.parse(version!.definition) as unknown;
    const started = await Promise.all(
      Array.from({ length: count }, () => engine.startRun({ definition, input: { n: 3 }, teamId: version!.team_id, workflowId, workflowVersionId: version!.id })),
    );
    return started.map(({ runId }) => runId);
  } finally {
    await engine.stop();
    await store.close();
  }
}

async function openRunCount(server: LiveServer): Promise<number> {
  return server.database.number("SELECT count(*) FROM runs WHERE status IN ('pending', 'running')");
}
