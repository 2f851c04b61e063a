import { expect } from "vitest";
import { describeProbe, type HealthProbe } from "./health-probe";
import type { LiveServer, RestartOptions } from "./live-server";

/** The one timing bound the attack tests keep: the acceptance says a health request answers within 1 s. */
export const healthAnswerBoundMs = 1_000;

/** Every health request during the attack answered 200 "ok", each within 1 s. */
export function expectAnsweredThroughout(probe: HealthProbe): void {
  const seen = describeProbe(probe);
  expect(probe.failures, seen).toEqual([]);
  expect(probe.answers, seen).toBeGreaterThanOrEqual(2);
  expect(probe.slowestMs, seen).toBeLessThan(healthAnswerBoundMs);
}

/**
 * Restarts the server (SIGTERM, or SIGKILL as a crash; `env` replaces its overrides), and checks it
 * comes back healthy with the rows it had: what every attack test ends with.
 */
export async function expectRestartKeepsData(server: LiveServer, { signal = "SIGTERM", env }: Pick<RestartOptions, "signal" | "env"> = {}): Promise<void> {
  const before = await server.database.counts();
  await server.restart({ signal, env });
  const health = await server.health();
  expect(health.body, server.output.tail()).toEqual({ status: "ok", engine: "running", database: "ok" });
  expect(await server.database.counts()).toEqual(before);
}
