// One workload against one endpoint: warm-up, sequential runs, then each client count for a fixed
// time; the server tree's CPU is read around every timed phase and its memory sampled throughout.
import { driveConcurrent, driveSequential, type Endpoint, type PhaseResult } from "./drive";
import { procAvailable, startRssSampler, treeCpuMs, treeRssBytes } from "./process-tree";
import { idleRssMb, phaseFigures, type PhaseFigures, type WorkloadFigures } from "./report";

export interface Method {
  warmup: number;
  runs: number;
  clients: number[];
  seconds: number;
}

/** Settling time before the idle memory is read: the server has just answered the set-up requests. */
const settleMs = 1_000;

export async function measureWorkload(
  endpoint: Endpoint,
  method: Method,
  serverPids: (() => number[]) | null,
  nextIndex: () => number,
  log: (line: string) => void,
): Promise<WorkloadFigures> {
  const pids = procAvailable ? serverPids : null;
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const idle = pids ? treeRssBytes(pids()) : null;
  const sampler = pids ? startRssSampler(pids) : null;

  const timed = async (shape: { phase: PhaseFigures["phase"]; clients: number }, drive: () => Promise<PhaseResult>) => {
    sampler?.takePeak();
    const serverBefore = pids ? treeCpuMs(pids()) : null;
    const driverBefore = process.cpuUsage();
    const result = await drive();
    const driver = process.cpuUsage(driverBefore);
    const serverCpuMs = serverBefore === null ? null : treeCpuMs(pids!()) - serverBefore;
    const figures = phaseFigures(result, shape, { serverCpuMs, driverCpuMs: (driver.user + driver.system) / 1000, peakRssBytes: sampler?.takePeak() ?? null });
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
