import type { Engine, RedriveResult } from "../../../engine/index";
import type { CommandRelay } from "./relay";
import type { RunCommand } from "./run-command";

type BreakerRow = Awaited<ReturnType<Engine["listBreakers"]>>[number];
type Actions = Pick<Engine, "retryStep" | "resolveStep" | "approveStep" | "rejectStep" | "cancelRun" | "cancelStep" | "redriveRun">;

/**
 * `engine`'s operator actions, each handed to another engine process through `relay` when
 * `elsewhere(runId)` says so (this process runs no engine, or another live one holds the run),
 * otherwise applied by `engine`. Either way the caller gets the same result or refusal.
 */
export function relayedActions(engine: Engine, relay: CommandRelay, elsewhere: (runId: string) => Promise<boolean>): Actions {
  const route = async <T>(command: RunCommand & { runId: string }, local: () => Promise<T>): Promise<T> => ((await elsewhere(command.runId)) ? ((await relay(command)) as T) : local());
  return {
    async retryStep(runId, stepId, actor = {}) {
      await route({ action: "retryStep", runId, stepId, actor }, () => engine.retryStep(runId, stepId, actor));
    },
    async resolveStep(runId, stepId, resolution, actor = {}) {
      await route({ action: "resolveStep", runId, stepId, resolution, actor }, () => engine.resolveStep(runId, stepId, resolution, actor));
    },
    async approveStep(runId, stepId, decision, actor = {}) {
      await route({ action: "approveStep", runId, stepId, decision, actor }, () => engine.approveStep(runId, stepId, decision, actor));
    },
    async rejectStep(runId, stepId, decision, actor = {}) {
      await route({ action: "rejectStep", runId, stepId, decision, actor }, () => engine.rejectStep(runId, stepId, decision, actor));
    },
    async cancelRun(runId, actor = {}) {
      await route({ action: "cancelRun", runId, actor }, () => engine.cancelRun(runId, actor));
    },
    async cancelStep(runId, stepId, actor = {}) {
      await route({ action: "cancelStep", runId, stepId, actor }, () => engine.cancelStep(runId, stepId, actor));
    },
    redriveRun: (runId, target, actor = {}) => route<RedriveResult>({ action: "redriveRun", runId, target, actor }, () => engine.redriveRun(runId, target, actor)),
  };
}

/** Closes a breaker through any engine process (this one runs none); the closed row, or null when there is none. */
export async function relayedBreakerReset(relay: CommandRelay, teamId: string | null, key: string): Promise<BreakerRow | null> {
  return breakerFromJson((await relay({ action: "resetBreaker", runId: null, teamId, key })) as Json<BreakerRow> | null);
}

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** A breaker row as the command's outcome carried it: its times as JSON strings. */
function breakerFromJson(row: Json<BreakerRow> | null): BreakerRow | null {
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return row && { ...row, windowStartedAt: date(row.windowStartedAt), openUntil: date(row.openUntil), trialStartedAt: date(row.trialStartedAt), updatedAt: new Date(row.updatedAt) };
}
