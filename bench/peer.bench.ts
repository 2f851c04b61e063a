// `npm run bench`: the peer benchmark. Starts Orka (production build, a fresh database per
// workload), publishes workloads W1–W4 generated from bench/workloads/*.spec.json, and drives each
// through its webhook with `?wait=true`; or, with --target-url, drives another tool's server with
// the same specs and checks. Prints one table, writes JSON to bench/results/. See bench/README.md.
import path from "node:path";
import { orkaCompletion } from "./http/check-answer";
import { createRunCounter, type Endpoint } from "./http/drive";
import { measureWorkload, type Method } from "./http/measure-workload";
import { parseBenchOptions, type BenchOptions } from "./http/options";
import { ensureProductionBuild, startOrka, workerCommandExists, type RunningOrka } from "./http/orka-server";
import { publishWorkload } from "./http/orka-workflows";
import { currentCommit, machineDescription, writeResults, type BenchResults, type WorkloadFigures } from "./http/report";
import { describeDatabase } from "./http/scratch-database";
import { formatTable } from "./http/table";
import { loadWorkloadSpecs, type WorkloadSpec } from "./http/workload-spec";

const repoRoot = path.resolve(import.meta.dirname, "..");
const log = (line: string) => process.stderr.write(`${line}\n`);

function selectWorkloads(options: BenchOptions): WorkloadSpec[] {
  const specs = loadWorkloadSpecs(options.specs ?? undefined);
  if (options.workloads.length === 0) return [...specs.values()];
  const unknown = options.workloads.filter((id) => !specs.has(id));
  if (unknown.length) throw new Error(`no workload ${unknown.join(", ")} (there are ${[...specs.keys()].join(", ")})`);
  return options.workloads.map((id) => specs.get(id)!);
}

/** The server being measured, stopped (its database dropped) however the bench ends. */
const current: { server: RunningOrka | null } = { server: null };
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping the server…`);
    void (current.server?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

/** A fresh server and database for each workload (the peers were measured that way). */
async function measureOrka(options: BenchOptions, specs: WorkloadSpec[], method: Method): Promise<{ workloads: WorkloadFigures[]; workers: number }> {
  await ensureProductionBuild(log);
  let workers = options.workers;
  if (workers > 0 && !(await workerCommandExists())) {
    log(`--workers ${workers}: \`orka worker\` is not available yet in this version; measuring the server alone`);
    workers = 0;
  }
  const workloads: WorkloadFigures[] = [];
  for (const spec of specs) {
    log(`${spec.id} (${spec.description}): starting Orka…`);
    const server = await startOrka({ database: options.database, workers, cpuProfileDir: options.cpuProfileDir ?? undefined });
    current.server = server;
    try {
      const endpoint: Endpoint = { spec, url: await publishWorkload(server, spec), completion: orkaCompletion };
      workloads.push(await measureWorkload(endpoint, method, server, createRunCounter(), log));
    } finally {
      current.server = null;
      await server.stop();
    }
  }
  return { workloads, workers };
}

async function measureTarget(options: BenchOptions, specs: WorkloadSpec[], method: Method): Promise<WorkloadFigures[]> {
  const workloads: WorkloadFigures[] = [];
  const processes = options.serverPid ? { pids: () => [options.serverPid!], databasePids: null } : null;
  for (const spec of specs) {
    log(`${spec.id} (${spec.description}): ${options.targetUrl!.replaceAll("{path}", spec.trigger.path)}`);
    const endpoint: Endpoint = { spec, url: options.targetUrl!.replaceAll("{path}", spec.trigger.path), completion: null };
    workloads.push(await measureWorkload(endpoint, method, processes, createRunCounter(), log));
  }
  return workloads;
}

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (!options) return 0;
  const specs = selectWorkloads(options);
  const method: Method = { warmup: options.warmup, runs: options.runs, clients: options.clients, seconds: options.seconds };
  const startedAt = new Date().toISOString();
  const machine = machineDescription();
  const target = options.targetUrl;
  const label = options.label ?? (target ? new URL(target).host : "Orka");
  const database = target ? "as the target is configured" : describeDatabase(options.database);
  log(`${label} on ${database}; ${method.warmup} warm-up runs, ${method.runs} sequential, then ${method.clients.join(", ")} clients × ${method.seconds} s`);

  const measured = target ? { workloads: await measureTarget(options, specs, method), workers: null } : await measureOrka(options, specs, method);
  const results: BenchResults = {
    label,
    database,
    startedAt,
    commit: target ? null : currentCommit(repoRoot),
    machine,
    method: { ...method, workers: measured.workers, url: target ?? "POST /api/hooks/<token>?wait=true&timeout=30" },
    workloads: measured.workloads,
  };
  const file = writeResults(results, options.out, path.join(repoRoot, "bench/results"));
  console.log(
    `\n${label}${results.commit ? ` (${results.commit}, production build)` : ""} on ${database}; ${machine.cpus} cores, ${machine.model}, Node ${machine.node}` +
      `\n${method.warmup} warm-up runs, ${method.runs} sequential runs, then each client count for ${method.seconds} s; CPU is the server's process tree per run (DB CPU: PostgreSQL's backends for its database), MB its resident memory\n`,
  );
  console.log(formatTable(results));
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
  const failed = results.workloads.some((workload) => workload.warmupFailures > 0 || workload.phases.some((phase) => phase.failures > 0));
  return failed ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  log(`bench: ${error instanceof Error ? error.message : String(error)}`);
  await current.server?.stop();
  process.exitCode = 1;
}
