// Flags of `npm run bench` (the peer benchmark), each with an environment fallback.
import { parseArgs } from "node:util";
import { parseDatabaseChoice, type DatabaseChoice } from "./scratch-database";

export interface BenchOptions {
  database: DatabaseChoice;
  clients: number[];
  seconds: number;
  runs: number;
  warmup: number;
  /** Workload ids to drive, in order; empty: all of them. */
  workloads: string[];
  workers: number;
  /** Drive this URL (`{path}` → the spec's trigger path) instead of starting Orka. */
  targetUrl: string | null;
  /** With `targetUrl`: the process whose tree's CPU and memory are measured. */
  serverPid: number | null;
  label: string | null;
  cpuProfileDir: string | null;
  out: string | null;
  specs: string | null;
}

export const usage = `npm run bench -- [flags]      the peer benchmark: workloads W1–W4 over HTTP (bench/README.md)

  --db sqlite | postgres://user@host:5432/db   database of the Orka it starts (default sqlite: a fresh file;
                                  postgres: a scratch database created on that server and dropped)   BENCH_DB
  --clients 8,64                  concurrent keep-alive clients, one timed phase each        BENCH_CLIENTS
  --seconds 20                    length of each concurrent phase                            BENCH_SECONDS
  --runs 200                      sequential runs (latency percentiles)                      BENCH_RUNS
  --warmup 20                     warm-up runs, not measured                                 BENCH_WARMUP
  --workloads W1,W3               which workloads (default all in bench/workloads)           BENCH_WORKLOADS
  --workers N                     extra \`orka worker\` processes per server                   BENCH_WORKERS
  --cpu-prof DIR                  write a V8 CPU profile of each server into DIR
  --target-url URL                drive another server instead: {path} is replaced by the spec's trigger
                                  path (w1…w4), e.g. http://127.0.0.1:5678/webhook/{path}
  --server-pid PID                with --target-url: measure CPU and memory of this process and its children
  --label NAME                    the tool's name in the table and the results file
  --out FILE                      results JSON (default bench/results/<time>-<label>-<db>.json)
  --specs DIR                     workload specs (default bench/workloads)`;

function numberList(text: string, flag: string): number[] {
  const values = text.split(",").map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 1)) throw new Error(`${flag} is a comma-separated list of whole numbers ≥ 1, not ${text}`);
  return values;
}

function wholeNumber(text: string, flag: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`${flag} is a whole number ≥ ${min}, not ${text}`);
  return value;
}

/** The options, or null after printing the usage for `--help`. Throws on a bad value. */
export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string" },
      clients: { type: "string" },
      seconds: { type: "string" },
      runs: { type: "string" },
      warmup: { type: "string" },
      workloads: { type: "string" },
      workers: { type: "string" },
      "cpu-prof": { type: "string" },
      "target-url": { type: "string" },
      "server-pid": { type: "string" },
      label: { type: "string" },
      out: { type: "string" },
      specs: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(usage);
    return null;
  }
  const targetUrl = values["target-url"] ?? null;
  if (targetUrl && !/^https?:\/\//.test(targetUrl)) throw new Error(`--target-url is an http(s) URL, not ${targetUrl}`);
  const serverPid = values["server-pid"] ? wholeNumber(values["server-pid"], "--server-pid", 1) : null;
  if (serverPid && !targetUrl) throw new Error("--server-pid goes with --target-url (the Orka the bench starts is measured anyway)");
  return {
    database: parseDatabaseChoice(values.db ?? env.BENCH_DB),
    clients: numberList(values.clients ?? env.BENCH_CLIENTS ?? "8,64", "--clients"),
    seconds: wholeNumber(values.seconds ?? env.BENCH_SECONDS ?? "20", "--seconds", 1),
    runs: wholeNumber(values.runs ?? env.BENCH_RUNS ?? "200", "--runs", 1),
    warmup: wholeNumber(values.warmup ?? env.BENCH_WARMUP ?? "20", "--warmup", 0),
    workloads: (values.workloads ?? env.BENCH_WORKLOADS ?? "").split(",").map((id) => id.trim().toUpperCase()).filter(Boolean),
    workers: wholeNumber(values.workers ?? env.BENCH_WORKERS ?? "0", "--workers", 0),
    targetUrl,
    serverPid,
    label: values.label ?? null,
    cpuProfileDir: values["cpu-prof"] ?? null,
    out: values.out ?? null,
    specs: values.specs ?? null,
  };
}
