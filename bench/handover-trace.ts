// Where a W1 run's time goes in the hand-over between a web server with ORKA_ENGINE=off and
// `orka worker` processes on PostgreSQL, from timestamps the run leaves behind: the client's send,
// `runs.created_at` (the server starts the run), the worker's `run.started` event, the last event,
// and the client's answer. Uses the current production build as is (run `npm run bench` once first).
//   npx tsx bench/handover-trace.ts   (TRACE_WORKERS=2 TRACE_CLIENTS=8 TRACE_SECONDS=5 TRACE_SEQ=40,
//   TRACE_PROF=<dir> for CPU profiles, TRACE_EXPLAIN=1 for the claim's plan, TRACE_DUMP=1 for one run's events)
import pg from "pg";
import { Client } from "undici";
import { startOrka } from "./http/orka-server";
import { publishWorkload } from "./http/orka-workflows";
import { loadWorkloadSpecs } from "./http/workload-spec";
import { requestBody } from "./http/workload-spec";

const workers = Number(process.env.TRACE_WORKERS ?? 2);
const clients = Number(process.env.TRACE_CLIENTS ?? 8);
const seconds = Number(process.env.TRACE_SECONDS ?? 5);
const sequential = Number(process.env.TRACE_SEQ ?? 40);
const spec = loadWorkloadSpecs().get("W1")!;
const server = await startOrka({ database: { kind: "postgres", serverUrl: "postgres://postgres@127.0.0.1:5432/postgres" }, workers, cpuProfileDir: process.env.TRACE_PROF });
interface Sample { runId: string; sent: number; answered: number; phase: string }
const samples: Sample[] = [];
try {
  const url = new URL(await publishWorkload(server, spec));
  const path = url.pathname + url.search;
  let index = 0;
  const one = async (client: Client, phase: string) => {
    const sent = Date.now();
    const response = await client.request({ path, method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(requestBody(index++)) });
    const body = (await response.body.json()) as { runId: string; status: string };
    const answered = Date.now();
    if (body.status !== "completed") throw new Error(JSON.stringify(body));
    samples.push({ runId: body.runId, sent, answered, phase });
  };
  const c0 = new Client(url.origin, { pipelining: 1 });
  for (let i = 0; i < 20; i++) await one(c0, "warmup");
  for (let i = 0; i < sequential; i++) await one(c0, "seq");
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new Client(url.origin, { pipelining: 1 });
      while (Date.now() < until) await one(client, `c${clients}`);
      await client.close();
    }),
  );
  await c0.close();
  const pids = await server.databasePids!();
  const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
  await admin.connect();
  const dbName = (await admin.query<{ datname: string }>("SELECT datname FROM pg_stat_activity WHERE pid = ANY($1) LIMIT 1", [pids])).rows[0]!.datname;
  await admin.end();
  const db = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${dbName}` });
  await db.connect();
  const runs = new Map((await db.query<{ id: string; created_at: Date; owner_epoch: number }>("SELECT id, created_at, owner_epoch FROM runs")).rows.map((row) => [row.id, row]));
  const events = (await db.query<{ run_id: string; seq: number; type: string; at: Date }>("SELECT run_id, seq, type, at FROM run_events ORDER BY run_id, seq")).rows;
  if (process.env.TRACE_EXPLAIN) {
    await db.query("BEGIN");
    const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS) WITH candidates AS (
      SELECT root.id FROM runs root
      WHERE (NULL::text[] IS NULL AND root.id IN (SELECT root_run_id FROM runs WHERE status IN ('pending', 'running')) OR root.id = ANY(NULL::text[]))
        AND (root.owner_epoch IS NULL OR (root.owner_epoch <> 0 AND root.owner_epoch <> 99 AND NOT EXISTS (SELECT 1 FROM engine_leases lease WHERE lease.epoch = root.owner_epoch)))
      ORDER BY root.created_at, root.id COLLATE "C" LIMIT 100 FOR UPDATE OF root SKIP LOCKED
    ), claimed AS (UPDATE runs SET owner_epoch = 99 FROM candidates WHERE runs.id = candidates.id RETURNING runs.id)
    SELECT run.id, run.root_run_id, (SELECT COUNT(*)::int FROM runs tree WHERE tree.root_run_id = run.root_run_id) AS tree_runs
    FROM runs run WHERE run.root_run_id IN (SELECT id FROM claimed) AND run.status IN ('pending', 'running')`);
    console.log(plan.rows.map((row) => row["QUERY PLAN"]).join("\n"));
    await db.query("ROLLBACK");
    console.log((await db.query("SELECT relname, n_live_tup, last_analyze, last_autoanalyze FROM pg_stat_user_tables WHERE relname IN ('runs','run_events','step_runs')")).rows);
  }
  await db.end();
  const byRun = new Map<string, typeof events>();
  for (const event of events) (byRun.get(event.run_id) ?? byRun.set(event.run_id, []).get(event.run_id)!).push(event);
  // TIMESTAMP(3) without time zone holding UTC, read by pg as local time: the machine is UTC.
  for (const phase of ["seq", `c${clients}`]) {
    const rows = samples.filter((sample) => sample.phase === phase).map((sample) => {
      const run = runs.get(sample.runId)!;
      const list = byRun.get(sample.runId)!;
      const started = list.find((event) => event.type === "run.started")!.at.getTime();
      const firstStep = list.find((event) => event.type === "step.started")?.at.getTime() ?? started;
      const completed = list.find((event) => event.type === "run.completed")!.at.getTime();
      return {
        toCreated: run.created_at.getTime() - sample.sent,
        createdToStarted: started - run.created_at.getTime(),
        startedToFirstStep: firstStep - started,
        execute: completed - firstStep,
        completedToAnswer: sample.answered - completed,
        total: sample.answered - sample.sent,
        epoch: run.owner_epoch,
      };
    });
    const keys = ["toCreated", "createdToStarted", "startedToFirstStep", "execute", "completedToAnswer", "total"] as const;
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const span = (Math.max(...samples.filter((s) => s.phase === phase).map((s) => s.answered)) - Math.min(...samples.filter((s) => s.phase === phase).map((s) => s.sent))) / 1000;
    console.log(`${phase}: ${rows.length} runs, ${(rows.length / span).toFixed(1)} runs/s; epochs ${JSON.stringify(Object.fromEntries([...new Set(rows.map((r) => r.epoch))].map((e) => [e, rows.filter((r) => r.epoch === e).length])))}`);
    for (const key of keys) console.log(`  ${key.padEnd(20)} median ${median(rows.map((row) => row[key]))} ms, mean ${mean(rows.map((row) => row[key])).toFixed(1)} ms`);
  }
  if (process.env.TRACE_DUMP) for (const event of byRun.get(samples.at(-1)!.runId)!) console.log(event.seq, event.type, event.at.toISOString());
} finally {
  await server.stop();
}
