// Scale-out, proven with real processes on one PostgreSQL: `orka worker` processes share the runs
// a process that runs nothing submits (no owner); one is SIGKILLed mid-run, every backend is
// terminated mid-run, and still every run completes with no transition applied twice and no side
// effect repeated but with the same idempotency key. Prints the takeover time after the SIGKILL.
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, parseEgressAllowList, type Engine } from "../../engine/index";
import { createPostgresTestDatabase } from "../testing/postgres-test-db";
import { PgRunStore } from "./stores/pg-run-store";
import { spawnWorker, type WorkerProcess } from "./testing/worker-process";

const database = await createPostgresTestDatabase();
afterAll(() => database?.drop());

/** `node bin/orka worker --db <url>`, its side effects allowed to the test's loopback server. */
const startWorker = (db: string): WorkerProcess => spawnWorker(["--db", db], { ORKA_HTTP_ALLOW: "127.0.0.1", ORKA_SHUTDOWN_MS: "5000" });

/** Answers at once (`/ok`), after 300 ms (`/slow`), or 503 to an attempt's first try (`/flaky`, attempt 1). Records each Idempotency-Key. */
async function startSideEffectServer() {
  const keys: string[] = [];
  const server = http.createServer((request, response) => {
    const key = String(request.headers["idempotency-key"] ?? "");
    keys.push(key);
    const answer = (status: number) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify({ key }));
    };
    if (request.url === "/slow") setTimeout(() => answer(200), 300);
    else if (request.url === "/flaky") answer(key.endsWith(":1") ? 503 : 200);
    else answer(200);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, keys, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The five shapes: chain, fan-out (map), retries, delays, approval. */
function shapes(url: string) {
  const call = (id: string, endpoint: string, extra: object = {}) => ({ id, type: "http", config: { url: `${url}${endpoint}` }, ...extra });
  const flow = (steps: object[], edges: object[]) => ({ format: "orka/v1", name: "scale", steps, edges });
  const chain = (...steps: ({ id: string } & Record<string, unknown>)[]) => flow(steps, steps.slice(1).map((step, i) => ({ from: steps[i]!.id, to: step.id })));
  return [
    chain(call("a", "/ok"), { id: "b", type: "noop" }, { id: "c", type: "delay", config: { ms: 50 } }, call("d", "/ok")),
    chain({ id: "each", type: "map", config: { items: "[1, 2, 3, 4]", maxConcurrency: 4, definition: chain(call("x", "/ok"), { id: "y", type: "noop" }) } }, { id: "z", type: "noop" }),
    chain(call("flaky", "/flaky", { retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 100, jitter: 0 } }), { id: "after", type: "noop" }),
    chain({ id: "wait", type: "delay", config: { ms: 200 } }, call("slow", "/slow"), call("slow2", "/slow")),
    flow([{ id: "ok", type: "approval", config: {} }, call("after", "/ok")], [{ from: "ok", to: "after", branch: "approved" }]),
  ];
}

describe.skipIf(!database)("orka worker processes on one PostgreSQL", () => {
  const db = database?.url ?? "";
  let store: PgRunStore;
  let front: Engine;
  let sql: pg.Client;
  let server: Awaited<ReturnType<typeof startSideEffectServer>>;

  beforeAll(async () => {
    store = await PgRunStore.open(db);
    // What a web server that runs nothing does: submit runs with no owner, act on parked ones.
    front = createEngine({ store, httpEgress: parseEgressAllowList("127.0.0.1"), leases: { claim: false, kind: "front" } });
    await front.start();
    sql = new pg.Client({ connectionString: db });
    await sql.connect();
    server = await startSideEffectServer();
  });
  afterAll(async () => {
    await front?.stop();
    await store?.close();
    await sql?.end();
    await server?.close();
  });

  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await sql.query<R>(text, values)).rows;

  async function submit(count: number, pick: (index: number) => number): Promise<string[]> {
    const definitions = shapes(server.url).map((definition) => front.prepareDefinition(definition));
    const ids: string[] = [];
    for (let index = 0; index < count; index++) ids.push((await front.submitRun({ definition: definitions[pick(index)]! })).runId);
    return ids;
  }

  /** Waits until every run completed, approving parked approvals through `front` (which takes them). */
  async function finish(runIds: string[], during: (completed: number) => Promise<void> = async () => {}) {
    const deadline = Date.now() + 300_000;
    for (;;) {
      const rows = await query<{ status: string; count: number }>(`SELECT status, count(*)::int AS count FROM runs WHERE id = ANY($1) GROUP BY status`, [runIds]);
      const byStatus = Object.fromEntries(rows.map((row) => [row.status, row.count]));
      expect(byStatus.failed ?? 0, JSON.stringify(await query(`SELECT id, error FROM runs WHERE id = ANY($1) AND status = 'failed' LIMIT 3`, [runIds]))).toBe(0);
      if ((byStatus.completed ?? 0) === runIds.length) return;
      if (Date.now() > deadline) throw new Error(`runs unfinished: ${JSON.stringify(byStatus)}`);
      await during(byStatus.completed ?? 0);
      const parked = await query<{ id: string }>(`SELECT id FROM runs WHERE id = ANY($1) AND owner_epoch = 0 AND status = 'running'`, [runIds]);
      // As an operator would: an approval cut off by the backends' termination is made again on the next pass.
      await Promise.allSettled(parked.map((run) => front.approveStep(run.id, "ok", {}, { by: "test" })));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** No transition applied twice: contiguous seqs, one completion per step, one start per attempt unless requeued. */
  async function checkExactlyOnce(runIds: string[]) {
    const trees = `SELECT id FROM runs WHERE root_run_id = ANY($1)`;
    expect(await query(`SELECT run_id FROM run_events WHERE run_id IN (${trees}) GROUP BY run_id HAVING count(*) <> max(seq)`, [runIds])).toEqual([]);
    expect(await query(`SELECT run_id, step_id FROM run_events WHERE run_id IN (${trees}) AND type = 'step.completed' GROUP BY 1, 2 HAVING count(*) > 1`, [runIds])).toEqual([]);
    // An attempt starts once, again after each re-queue (its process stopped), and again after each hold by an open circuit breaker.
    const attempts = await query<{ started: number; requeued: number; held: number }>(
      `SELECT run_id, step_id, payload::jsonb->>'attempt' AS attempt,
         count(*) FILTER (WHERE type = 'step.started')::int AS started, count(*) FILTER (WHERE type = 'step.requeued')::int AS requeued,
         (SELECT count(*)::int FROM run_events w WHERE w.run_id = e.run_id AND w.step_id = e.step_id AND w.type = 'step.waiting' AND w.payload::jsonb->>'reason' = 'circuit open') AS held
       FROM run_events e WHERE run_id IN (${trees}) AND type IN ('step.started', 'step.requeued') GROUP BY 1, 2, 3`,
      [runIds],
    );
    expect(attempts.filter((attempt) => attempt.started < attempt.requeued + 1 || attempt.started > attempt.requeued + 1 + attempt.held)).toEqual([]);
    return attempts.reduce((sum, attempt) => sum + attempt.requeued, 0);
  }

  /** Every side effect carries the key of an attempt that started; one sent twice belongs to an attempt run again after its process stopped. */
  async function checkIdempotencyKeys(runIds: string[]) {
    const started = await query<{ key: string; requeued: number }>(
      `SELECT payload::jsonb->>'idempotencyKey' AS key,
         (SELECT count(*)::int FROM run_events r WHERE r.run_id = e.run_id AND r.step_id = e.step_id AND r.type = 'step.requeued' AND r.payload::jsonb->>'attempt' = e.payload::jsonb->>'attempt') AS requeued
       FROM run_events e WHERE run_id IN (SELECT id FROM runs WHERE root_run_id = ANY($1)) AND type = 'step.started'`,
      [runIds],
    );
    const requeuedByKey = new Map(started.map((row) => [row.key, row.requeued]));
    const sent = new Map<string, number>();
    for (const key of server.keys) if (requeuedByKey.has(key)) sent.set(key, (sent.get(key) ?? 0) + 1);
    const unexplained = [...sent].filter(([key, times]) => times > 1 + requeuedByKey.get(key)!);
    expect(unexplained).toEqual([]);
    return [...sent.values()].filter((times) => times > 1).length;
  }

  it("3 workers run 500 runs of mixed shapes, through a termination of every database backend", { timeout: 420_000 }, async () => {
    const workers = [startWorker(db), startWorker(db), startWorker(db)];
    await Promise.all(workers.map((worker) => worker.running));
    const runIds = await submit(500, (index) => index % 5);
    let terminated = false;
    await finish(runIds, async (completed) => {
      if (terminated || completed < 150) return;
      terminated = true;
      const killed = await query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`);
      console.log(`[scale-out] terminated ${killed.length} PostgreSQL backends with ${completed} of 500 runs completed`);
    });
    expect(terminated).toBe(true);
    const owners = await query<{ owners: number }>(
      `SELECT count(DISTINCT owner_epoch)::int AS owners FROM runs WHERE id = ANY($1) AND owner_epoch IN (SELECT epoch FROM engine_leases WHERE kind = 'worker')`,
      [runIds],
    );
    expect(owners[0]!.owners).toBeGreaterThanOrEqual(2);
    const requeued = await checkExactlyOnce(runIds);
    const repeated = await checkIdempotencyKeys(runIds);
    console.log(`[scale-out] 500 runs on 3 workers: ${requeued} attempt(s) re-queued after the backends were terminated, ${repeated} side effect(s) sent again with the same key`);

    // SIGTERM: each stops claiming, finishes, hands back its runs and deletes its lease.
    for (const worker of workers) worker.child.kill("SIGTERM");
    const exits = await Promise.all(workers.map((worker) => worker.exited));
    expect(exits.map((exit) => exit.code), exits.map((exit) => exit.stderr.slice(-2000)).join("\n---\n")).toEqual([0, 0, 0]);
    expect(await query(`SELECT epoch FROM engine_leases WHERE kind = 'worker'`)).toEqual([]);
  });

  it("takes a SIGKILLed worker's runs over within the lease, re-running interrupted side effects only with the same key", { timeout: 300_000 }, async () => {
    const workers = [startWorker(db), startWorker(db), startWorker(db)];
    await Promise.all(workers.map((worker) => worker.running));
    const runIds = await submit(150, (index) => (index % 2 === 0 ? 3 : 0));
    let victim: WorkerProcess | undefined;
    let takeoverMs: number | null = null;
    await finish(runIds, async (completed) => {
      if (takeoverMs !== null || completed < 20) return;
      // The worker holding the most running trees now (on a quiet machine one may have claimed none).
      const [holder] = await query<{ epoch: number; pid: number }>(
        `SELECT lease.epoch, lease.pid FROM engine_leases lease JOIN runs ON runs.owner_epoch = lease.epoch AND runs.status = 'running'
         WHERE lease.kind = 'worker' GROUP BY lease.epoch, lease.pid ORDER BY count(*) DESC LIMIT 1`,
      );
      victim = holder && workers.find((worker) => worker.child.pid === holder.pid);
      if (!holder || !victim) return;
      const lease = holder;
      const held = await query(`SELECT id FROM runs WHERE owner_epoch = $1 AND status = 'running'`, [lease.epoch]);
      // As if the victim ran on another machine: the others cannot see its process die, so they wait for its lease to expire.
      await query(`UPDATE engine_leases SET host = 'another machine' WHERE epoch = $1`, [lease!.epoch]);
      victim.child.kill("SIGKILL");
      const killedAt = Date.now();
      expect((await victim.exited).signal).toBe("SIGKILL");
      while ((await query(`SELECT id FROM runs WHERE owner_epoch = $1 AND status = 'running'`, [lease!.epoch])).length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      takeoverMs = Date.now() - killedAt;
      console.log(`[scale-out] the ${held.length} run tree(s) of the SIGKILLed worker (on "another machine") were taken over ${takeoverMs} ms after the kill (the default lease of 8,000 ms, renewed every 2,667 ms, claims every 1,000 ms)`);
    });
    expect(takeoverMs).not.toBeNull();
    const requeued = await checkExactlyOnce(runIds);
    expect(requeued).toBeGreaterThan(0);
    const repeated = await checkIdempotencyKeys(runIds);
    console.log(`[scale-out] after the SIGKILL: ${requeued} attempt(s) re-queued, ${repeated} side effect(s) sent again with the same key`);
    const survivors = workers.filter((worker) => worker !== victim);
    for (const worker of survivors) worker.child.kill("SIGTERM");
    expect((await Promise.all(survivors.map((worker) => worker.exited))).map((exit) => exit.code)).toEqual([0, 0]);
  });
});
