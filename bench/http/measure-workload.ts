// One workload against one endpoint: warm-up, sequential runs, then each client count for a fixed
// time; the server tree's CPU is read around every timed phase and its memory sampled throughout.
import { driveConcurrent, driveSequential, type Endpoint, type PhaseResult } from "./drive";
import { processCpuMs, procAvailable, startRssSampler, treeCpuMs, treeRssBytes } from "./process-tree";
import { idleRssMb, phaseFigures, type PhaseFigures, type WorkloadFigures } from "./report";

export interface Method {
  warmup: number;
  runs: number;
  clients: number[];
  seconds: number;
}

/** Where the tool under test runs on this machine; null where nothing is known (another host). */
export interface ServerProcesses {
  pids: () => number[];
  /** The database's own processes (PostgreSQL backends), measured apart. */
  databasePids: (() => Promise<number[]>) | null;
}

/**
 * Starts measuring the CPU of the database's processes; the returned function answers the ms used
 * since by those alive at the end (a backend that exited meanwhile took its time with it).
 */
async function startDatabaseCpu(databasePids: () => Promise<number[]>): Promise<() => Promise<number>> {
  const before = new Map((await databasePids()).map((pid) => [pid, processCpuMs(pid) ?? 0]));
  return async () => {
    let used = 0;
    for (const pid of await databasePids()) used += (processCpuMs(pid) ?? 0) - (before.get(pid) ?? 0);
    return used;
  };
}

/** Settling time before the idle memory is read: the server has just answered the set-up requests. */
const settleMs = 1_000;

export async function measureWorkload(
  endpoint: Endpoint,
  method: Method,
  server: ServerProcesses | null,
  nextIndex: () => number,
  log: (line: string) => void,
): Promise<WorkloadFigures> {
  const pids = procAvailable && server ? server.pids : null;
  const databasePids = procAvailable && server ? server.databasePids : null;
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const idle = pids ? treeRssBytes(pids()) : null;
  const sampler = pids ? startRssSampler(pids) : null;

  const timed = async (shape: { phase: PhaseFigures["phase"]; clients: number }, drive: () => Promise<PhaseResult>) => {
    sampler?.takePeak();
    const databaseCpu = databasePids ? await startDatabaseCpu(databasePids) : null;
    const serverBefore = pids ? treeCpuMs(pids()) : null;
    const driverBefore = process.cpuUsage();
    const result = await drive();
    const driver = process.cpuUsage(driverBefore);
    const serverCpuMs = serverBefore === null ? null : treeCpuMs(pids!()) - serverBefore;
    const databaseCpuMs = databaseCpu ? await databaseCpu() : null;
    const measured = { serverCpuMs, databaseCpuMs, driverCpuMs: (driver.user + driver.system) / 1000, peakRssBytes: sampler?.takePeak() ?? null };
    const figures = phaseFigures(result, shape, measured);
    log(`  ${shape.phase === "sequential" ? "sequential" : `${shape.clients} clients`}: ${figures.runs} runs, ${figures.failures} failed, ${figures.runsPerSecond.toFixed(1)} runs/s, p50 ${figures.p50Ms.toFixed(1)} ms`);
    return figures;
  };

  try {
    const warmup = await driveSequential(endpoint, method.warmup, nextIndex);
    const phases = [await timed({ phase: "sequential", clients: 1 }, () => driveSequential(endpoint, method.runs, nextIndex))];
    for (const clients of method.clients) phases.push(await timed({ phase: "concurrent", clients }, () => driveConcurrent(endpoint, clients, method.seconds, nextIndex)));
    return { id: endpoint.spec.id, description: endpoint.spec.description, warmupRuns: warmup.runs, warmupFailures: warmup.failures, warmupFailureReasons: warmup.failureReasons, idleRssMb: idleRssMb(idle), phases };
  } finally {
    sampler?.stop();
  }
}
