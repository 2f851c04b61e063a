// The peer benchmark's figures, one phase of one workload at a time, and the JSON file under
// bench/results/ that keeps them (the table is table.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PhaseResult } from "./drive";
import { summarizeLatencies } from "./latency-stats";

export interface PhaseFigures {
  phase: "sequential" | "concurrent";
  clients: number;
  runs: number;
  failures: number;
  failureReasons: Record<string, number>;
  runsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Server process tree CPU over the phase ÷ runs; null when no server process is known. */
  serverCpuMsPerRun: number | null;
  /** PostgreSQL's backends serving the server's database ÷ runs; null for SQLite (inside the server) or a remote database. */
  databaseCpuMsPerRun: number | null;
  /** This driver's own CPU per run: it shares the machine with the server. */
  driverCpuMsPerRun: number;
  peakRssMb: number | null;
  elapsedMs: number;
}

export interface WorkloadFigures {
  id: string;
  description: string;
  warmupRuns: number;
  warmupFailures: number;
  warmupFailureReasons: Record<string, number>;
  /** Resident memory of the server tree once it was set up, before any run. */
  idleRssMb: number | null;
  phases: PhaseFigures[];
}

export interface BenchResults {
  label: string;
  database: string;
  startedAt: string;
  commit: string | null;
  machine: { cpus: number; model: string; node: string; loadAverageAtStart: number[] };
  method: { warmup: number; runs: number; clients: number[]; seconds: number; workers: number | null; url: string };
  workloads: WorkloadFigures[];
}

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
/** Figures in the JSON keep what the measurement can tell apart, not float noise. */
const round = (value: number, digits = 2) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

export function phaseFigures(
  result: PhaseResult,
  shape: { phase: PhaseFigures["phase"]; clients: number },
  measured: { serverCpuMs: number | null; databaseCpuMs: number | null; driverCpuMs: number; peakRssBytes: number | null },
): PhaseFigures {
  const latency = summarizeLatencies(result.latenciesMs);
  const perRun = (ms: number) => (result.runs > 0 ? ms / result.runs : NaN);
  return {
    ...shape,
    runs: result.runs,
    failures: result.failures,
    failureReasons: result.failureReasons,
    runsPerSecond: round((result.runs - result.failures) / (result.elapsedMs / 1000)),
    p50Ms: round(latency.p50),
    p95Ms: round(latency.p95),
    p99Ms: round(latency.p99),
    maxMs: round(latency.max),
    serverCpuMsPerRun: measured.serverCpuMs === null ? null : round(perRun(measured.serverCpuMs)),
    databaseCpuMsPerRun: measured.databaseCpuMs === null ? null : round(perRun(measured.databaseCpuMs)),
    driverCpuMsPerRun: round(perRun(measured.driverCpuMs)),
    peakRssMb: measured.peakRssBytes === null ? null : mb(measured.peakRssBytes),
    elapsedMs: Math.round(result.elapsedMs),
  };
}

export function idleRssMb(bytes: number | null): number | null {
  return bytes === null ? null : mb(bytes);
}

export function machineDescription() {
  return { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "unknown", node: process.version, loadAverageAtStart: os.loadavg().map((load) => Number(load.toFixed(2))) };
}

export function currentCommit(repoRoot: string): string | null {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: repoRoot, encoding: "utf8" }).trim();
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return null;
  }
}

/** Writes the results as JSON; the default name says when, what and on which database. */
export function writeResults(results: BenchResults, file: string | null, folder: string): string {
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const stamp = results.startedAt.replace(/[:.]/g, "-").slice(0, 19);
  const target = file ?? path.join(folder, `${stamp}-${slug(results.label)}-${slug(results.database.split(" ")[0]!)}.json`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${JSON.stringify(results, null, 2)}\n`);
  return target;
}
