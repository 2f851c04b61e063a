import type { EnginePhase } from "../../engine-host/engine-phase";
import type { HealthAnswer } from "./live-server";

export interface HealthProbe {
  /** Health requests answered. */
  answers: number;
  /** The slowest answer, in ms (the acceptance: every answer within 1 s while attacked). */
  slowestMs: number;
  /** When the slowest request was sent (ms after the probe began), and the engine phase it reported. */
  slowestAt: string;
  /** Requests that failed or answered anything but 200 with `status: "ok"`: what and when. */
  failures: string[];
  /** Engine phases seen, in order, without repeats. */
  phases: EnginePhase[];
}

interface Probed {
  health(): Promise<HealthAnswer>;
}

/**
 * Asks `/api/health` every `intervalMs` (one request at a time, so a stall shows as one slow answer)
 * while `attack` runs, and once more after it settled. Resolves with the attack's result, or
 * rejects with its error, together with what the probe saw.
 *
 * @example
 * const { result, probe } = await probeHealthDuring(server, Promise.all(tenSignUps));
 * expectAnsweredThroughout(probe);
 */
export async function probeHealthDuring<T>(server: Probed, attack: Promise<T>, { intervalMs = 100 } = {}): Promise<{ result: T; probe: HealthProbe }> {
  const probe: HealthProbe = { answers: 0, slowestMs: 0, slowestAt: "", failures: [], phases: [] };
  let settled = false;
  const outcome = attack.then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  void outcome.finally(() => (settled = true));
  const started = performance.now();
  do {
    await askOnce(server, probe, started);
    if (!settled) await Promise.race([outcome, new Promise((resolve) => setTimeout(resolve, intervalMs))]);
  } while (!settled);
  await askOnce(server, probe, started);
  const ended = await outcome;
  if ("error" in ended) throw Object.assign(ended.error as Error, { probe });
  return { result: ended.result, probe };
}

async function askOnce(server: Probed, probe: HealthProbe, started: number): Promise<void> {
  const at = `${Math.round(performance.now() - started)} ms`;
  try {
    const answer = await server.health();
    probe.answers++;
    const phase = answer.body?.engine;
    if (answer.ms > probe.slowestMs) [probe.slowestMs, probe.slowestAt] = [answer.ms, `${at} (${phase})`];
    if (phase && probe.phases.at(-1) !== phase) probe.phases.push(phase);
    if (answer.status !== 200 || answer.body?.status !== "ok") probe.failures.push(`at ${at}: ${answer.status} ${JSON.stringify(answer.body)}`);
  } catch (error) {
    probe.failures.push(`at ${at}: ${(error as Error).message}`);
  }
}

/** What the probe saw, for an assertion message. */
export function describeProbe(probe: HealthProbe): string {
  return `${probe.answers} answers, slowest ${Math.round(probe.slowestMs)} ms at ${probe.slowestAt}, phases ${probe.phases.join(" → ")}${probe.failures.length ? `, failures: ${probe.failures.join("; ")}` : ""}`;
}
