// The embedded engine on PostgreSQL alone (no HTTP): W1 from bench/workloads, in-process, with the
// server's engine options (a lease, fenced commits). Counts transactions and statements per run
// from pg_stat_database. `npx tsx bench/pg-engine.bench.ts [postgres://…] ` BENCH_MS, BENCH_CLIENTS.
import pg from "pg";
import { createEngine } from "../engine/index";
import { engineOptionsFromEnv } from "../server/engine-host/engine-env";
import { PgRunStore } from "../server/engine-host/stores/pg-run-store";
import { toOrkaDefinition } from "./http/to-orka";
import { loadWorkloadSpecs, requestBody } from "./http/workload-spec";
import { createScratchDatabase } from "./http/scratch-database";

const serverUrl = process.argv[2] ?? "postgres://postgres@127.0.0.1:5432/postgres";
const durationMs = Number(process.env.BENCH_MS ?? 3000);
const clientCounts = (process.env.BENCH_CLIENTS ?? "1,8,64").split(",").map(Number);
const workload = process.env.BENCH_WORKLOAD ?? "W1";
const definition = toOrkaDefinition(loadWorkloadSpecs().get(workload)!);

const database = await createScratchDatabase({ kind: "postgres", serverUrl });
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
const name = new URL(database.url).pathname.slice(1);
const stats = async () => {
  await admin.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await admin.query<{ xact_commit: string }>("SELECT xact_commit FROM pg_stat_database WHERE datname = $1", [name]);
  return Number(rows[0]!.xact_commit);
};
const backendCpu = async () => {
  const pids = (await database.backendPids!()) as number[];
  const fs = await import("node:fs");
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* gone */
    }
  }
  return ticks * 10; // ms at 100 Hz
};
try {
  const store = await PgRunStore.open(database.url);
  let commits = 0;
  let inFlight = 0;
  let inFlightSum = 0;
  let commitMs = 0;
  const commit = store.commit.bind(store);
  store.commit = async (mutations, fence) => {
    commits++;
    inFlightSum += inFlight++;
    const started = performance.now();
    try {
      return await commit(mutations, fence);
    } finally {
      inFlight--;
      commitMs += performance.now() - started;
    }
  };
  const options = engineOptionsFromEnv(process.env);
  const engine = createEngine({ store, ...options, leases: { ...options.leases, kind: "server" } });
  await engine.start();
  const runOnce = async (i: number) => {
    const { runId } = await engine.startRun({ definition, input: requestBody(i) });
    const { run } = await engine.waitForRun(runId);
    if (run.status !== "completed") throw new Error(`run ${runId} ended ${run.status}`);
  };
  for (let i = 0; i < 200; i++) await runOnce(i);
  console.log(`${workload} embedded engine on PostgreSQL, ${durationMs} ms per cell`);
  console.log("clients   runs/s   p50 ms   node CPU ms/run   PG CPU ms/run   xacts/run   commits/run   commit ms   others in flight");
  for (const clients of clientCounts) {
    let completed = 0;
    const latencies: number[] = [];
    const xactsBefore = await stats();
    const commitsBefore = commits;
    const inFlightBefore = inFlightSum;
    const commitMsBefore = commitMs;
    const pgBefore = await backendCpu();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const deadline = started + durationMs;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < deadline) {
          const t = performance.now();
          await runOnce(completed);
          latencies.push(performance.now() - t);
          completed++;
        }
      }),
    );
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpu = (await backendCpu()) - pgBefore;
    await new Promise((resolve) => setTimeout(resolve, 1500)); // backends flush their statistics at most once a second
    const xacts = (await stats()) - xactsBefore;
    latencies.sort((a, b) => a - b);
    console.log(
      `${String(clients).padStart(7)}${((completed / elapsed) * 1000).toFixed(0).padStart(9)}${latencies[Math.floor(latencies.length / 2)]!.toFixed(2).padStart(9)}${((cpu.user + cpu.system) / 1000 / completed).toFixed(3).padStart(18)}${(pgCpu / completed).toFixed(3).padStart(16)}${(xacts / completed).toFixed(1).padStart(12)}${((commits - commitsBefore) / completed).toFixed(3).padStart(14)}${((commitMs - commitMsBefore) / (commits - commitsBefore)).toFixed(2).padStart(12)}${((inFlightSum - inFlightBefore) / (commits - commitsBefore)).toFixed(2).padStart(19)}`,
    );
  }
  await engine.stop();
  await store.close();
} finally {
  await admin.end();
  await database.drop();
}
