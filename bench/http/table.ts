// The peer benchmark's one table: a row per workload and phase.
import type { BenchResults, PhaseFigures } from "./report";

const phaseName = (phase: PhaseFigures) => (phase.phase === "sequential" ? "sequential" : `${phase.clients} clients`);
const fixed = (value: number | null, digits = 1) => (value === null || !Number.isFinite(value) ? "–" : value.toFixed(digits));

const columns: [title: string, width: number][] = [
  ["workload", 9],
  ["phase", 12],
  ["runs", 7],
  ["failed", 7],
  ["runs/s", 9],
  ["p50 ms", 9],
  ["p95 ms", 9],
  ["p99 ms", 9],
  ["CPU ms/run", 12],
  ["DB CPU ms", 11],
  ["idle MB", 9],
  ["peak MB", 9],
];

const databaseColumn = columns.findIndex(([title]) => title === "DB CPU ms");

/** The cells in their columns; the database's CPU column only where a figure exists. */
function row(cells: string[], withDatabase: boolean): string {
  return cells
    .map((cell, index) => (index < 2 ? cell.padEnd(columns[index]![1]) : cell.padStart(columns[index]![1])))
    .filter((_, index) => withDatabase || index !== databaseColumn)
    .join("");
}

export function formatTable(results: BenchResults): string {
  const withDatabase = results.workloads.some((workload) => workload.phases.some((phase) => phase.databaseCpuMsPerRun !== null));
  const lines = [row(columns.map(([title]) => title), withDatabase)];
  for (const workload of results.workloads) {
    for (const phase of workload.phases) {
      lines.push(
        row(
          [
            workload.id,
            phaseName(phase),
            String(phase.runs),
            String(phase.failures),
            fixed(phase.runsPerSecond),
            fixed(phase.p50Ms),
            fixed(phase.p95Ms),
            fixed(phase.p99Ms),
            fixed(phase.serverCpuMsPerRun, 2),
            fixed(phase.databaseCpuMsPerRun, 2),
            fixed(workload.idleRssMb, 0),
            fixed(phase.peakRssMb, 0),
          ],
          withDatabase,
        ),
      );
    }
  }
  const failures = results.workloads.flatMap((workload) =>
    [
      { name: "warm-up", failures: workload.warmupFailures, failureReasons: workload.warmupFailureReasons },
      ...workload.phases.map((phase) => ({ ...phase, name: phaseName(phase) })),
    ]
      .filter((phase) => phase.failures > 0)
      .map((phase) => `  ${workload.id} ${phase.name}: ${phase.failures} failed — ${Object.entries(phase.failureReasons).map(([reason, count]) => `${reason} (${count})`).join("; ")}`),
  );
  if (failures.length) lines.push("", "failed runs:", ...failures);
  return lines.join("\n");
}

