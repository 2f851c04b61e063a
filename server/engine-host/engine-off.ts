import type { Engine, RedriveResult, RunStore } from "../../engine/index";
import type { CommandRelay } from "./run-commands/relay";
import { waitForRunThroughEvents } from "./wait-for-run-through-events";

type BreakerRow = Awaited<ReturnType<Engine["listBreakers"]>>[number];

/**
 * The engine a web server with `ORKA_ENGINE=off` serves its routes with: `engine` (never started:
 * it only validates and reads) with what would execute replaced. Starts commit the run with no
 * owner for a worker to claim; waits read the run's events from the database; operator actions
 * go to the engine that owns the run through `relay`; breakers are read from the database, as
 * this process holds none.
 */
export function engineOff(engine: Engine, store: RunStore, relay: CommandRelay): Engine {
  return {
    ...engine,
    start: async () => 0,
    startRun: (request) => engine.enqueueRun(request),
    waitForRun: (runId) => waitForRunThroughEvents(runId, { store }),
    usage: () => ({ runsInMemory: 0, stepsRunning: 0, stepsWaitingForSlot: 0 }),
    async retryStep(runId, stepId, actor = {}) {
      await relay({ action: "retryStep", runId, stepId, actor });
    },
    async resolveStep(runId, stepId, resolution, actor = {}) {
      await relay({ action: "resolveStep", runId, stepId, resolution, actor });
    },
    async approveStep(runId, stepId, decision, actor = {}) {
      await relay({ action: "approveStep", runId, stepId, decision, actor });
    },
    async rejectStep(runId, stepId, decision, actor = {}) {
      await relay({ action: "rejectStep", runId, stepId, decision, actor });
    },
    async cancelRun(runId, actor = {}) {
      await relay({ action: "cancelRun", runId, actor });
    },
    async cancelStep(runId, stepId, actor = {}) {
      await relay({ action: "cancelStep", runId, stepId, actor });
    },
    redriveRun: async (runId, target, actor = {}) => (await relay({ action: "redriveRun", runId, target, actor })) as RedriveResult,
    async listBreakers(teamId) {
      const team = teamId ?? "";
      return ((await store.listBreakers?.()) ?? []).filter((row) => row.teamId === team).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    resetBreaker: async (teamId, key) => breakerFromJson((await relay({ action: "resetBreaker", runId: null, teamId, key })) as Json<BreakerRow> | null),
  };
}

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** A breaker row as the command's outcome carried it: its times as JSON strings. */
function breakerFromJson(row: Json<BreakerRow> | null): BreakerRow | null {
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return row && { ...row, windowStartedAt: date(row.windowStartedAt), openUntil: date(row.openUntil), trialStartedAt: date(row.trialStartedAt), updatedAt: new Date(row.updatedAt) };
}
