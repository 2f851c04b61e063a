// The peer benchmark's figures: one phase of one workload at a time, printed as one table and
// written as JSON under bench/results/.
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
  measured: { serverCpuMs: number | null; driverCpuMs: number; peakRssBytes: number | null },
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
    driverCpuMsPerRun: round(perRun(measured.driverCpuMs)),
    peakRssMb: measured.peakRssBytes === null ? null : mb(measured.peakRssBytes),
    elapsedMs: Math.round(result.elapsedMs),
  };
}

export function idleRssMb(bytes: number | null): number | null {
  return bytes === null ? null : mb(bytes);
}

const fixed = (value: number | null, digits = 1) => (value === null || !Number.isFinite(value) ? "–" : value.toFixed(digits));

const columns: [string, number][] = [
  ["workload", 9],
  ["phase", 12],
  ["runs", 7],
  ["failed", 7],
  ["runs/s", 9],
  ["p50 ms", 9],
  ["p95 ms", 9],
  ["p99 ms", 9],
  ["CPU ms/run", 12],
  ["idle MB", 9],
  ["peak MB", 9],
];

function row(cells: string[]): string {
  return cells.map((cell, index) => (index < 2 ? cell.padEnd(columns[index]![1]) : cell.padStart(columns[index]![1]))).join("");
}

export function formatTable(results: BenchResults): string {
  const lines = [row(columns.map(([title]) => title))];
  for (const workload of results.workloads) {
    for (const phase of workload.phases) {
      lines.push(
        row([
          workload.id,
          phase.phase === "sequential" ? "sequential" : `${phase.clients} clients`,
          String(phase.runs),
          String(phase.failures),
          fixed(phase.runsPerSecond),
          fixed(phase.p50Ms),
          fixed(phase.p95Ms),
          fixed(phase.p99Ms),
          fixed(phase.serverCpuMsPerRun, 2),
          fixed(workload.idleRssMb, 0),
          fixed(phase.peakRssMb, 0),
        ]),
      );
    }
  }
  const failures = results.workloads.flatMap((workload) =>
    [
      { name: "warm-up", failures: workload.warmupFailures, failureReasons: workload.warmupFailureReasons },
      ...workload.phases.map((phase) => ({ ...phase, name: phase.phase === "sequential" ? "sequential" : `${phase.clients} clients` })),
    ]
      .filter((phase) => phase.failures > 0)
      .map((phase) => `  ${workload.id} ${phase.name}: ${phase.failures} failed — ${Object.entries(phase.failureReasons).map(([reason, count]) => `${reason} (${count})`).join("; ")}`),
  );
  if (failures.length) lines.push("", "failed runs:", ...failures);
  return lines.join("\n");
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
