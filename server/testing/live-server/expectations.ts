import { expect } from "vitest";
import { describeProbe, type HealthProbe } from "./health-probe";
import type { CountedTable } from "./live-database";
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
  expect(health.body, server.output.tail()).toEqual({ status: "ok", engine: "running", engineMode: "embedded", database: "ok" });
  expect(await server.database.counts()).toEqual(before);
}

/**
 * After an attack that started `runIds` (and nothing else): the counted tables grew by exactly
 * those runs with their step rows and events, plus `more` (e.g. `{ audit_events: 3 }`, one
 * "run.started" entry per run), and no other row appeared or went.
 */
export async function expectOnlyTheseRuns(server: LiveServer, before: Record<CountedTable, number>, runIds: readonly string[], more: Partial<Record<CountedTable, number>> = {}): Promise<void> {
  const after = await server.database.counts();
  const rowsOf = async (table: "step_runs" | "run_events") => {
    if (runIds.length === 0) return 0;
    return server.database.number(`SELECT count(*) FROM ${table} WHERE run_id IN (${runIds.map(() => "?").join(", ")})`, [...runIds]);
  };
  const grown = { runs: runIds.length, step_runs: await rowsOf("step_runs"), run_events: await rowsOf("run_events"), ...more };
  const expected = { ...before };
  for (const [table, rows] of Object.entries(grown) as [CountedTable, number][]) expected[table] += rows;
  expect(after, "rows besides those of the runs the attack started").toEqual(expected);
}
