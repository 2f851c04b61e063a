import type { Engine, RunStore } from "../../engine/index";
import type { RunEventFeed } from "./run-event-feed";
import type { CommandRelay } from "./run-commands/relay";
import { relayedActions, relayedBreakerReset } from "./run-commands/relayed-actions";
import { batchedReads } from "../db/batched-reads";
import { waitForRunThroughEvents } from "./wait-for-run-through-events";

/**
 * The engine a web server with `ORKA_ENGINE=off` serves its routes with: `engine` (never started:
 * it only validates and reads) with what would execute replaced. Starts commit the run with no
 * owner for a worker to claim; waits read the run's events from the database, and the runs many in
 * one read (`batchedReads`); operator actions go to the engine that owns the run through `relay`;
 * breakers are read from the database, as this process holds none. `feed` defaults to the
 * process's run event feed.
 */
export function engineOff(engine: Engine, store: RunStore, relay: CommandRelay, feed?: RunEventFeed): Engine {
  const fresh = new FreshRuns();
  const loadRun = batchedReads(async (runIds: string[]) => new Map((await store.loadRuns(runIds)).map((stored) => [stored.run.id, stored])));
  return {
    ...engine,
    start: async () => 0,
    async startRun(request) {
      const started = await engine.submitRun(request);
      fresh.add(started.runId);
      return started;
    },
    waitForRun: (runId) => waitForRunThroughEvents(runId, { store: { loadRun }, feed, fresh: fresh.take(runId) }),
    usage: () => ({ runsInMemory: 0, stepsRunning: 0, stepsWaitingForSlot: 0 }),
    ...relayedActions(engine, relay, async () => true),
    async listBreakers(teamId) {
      const team = teamId ?? "";
      return ((await store.listBreakers?.()) ?? []).filter((row) => row.teamId === team).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    resetBreaker: (teamId, key) => relayedBreakerReset(relay, teamId, key),
  };
}

/** How long a run this server started counts as fresh for `waitForRun` (a start's answer waits at once, or not at all). */
const freshForMs = 10_000;

/**
 * Runs this server just started, none of whose events it can have missed: the first `waitForRun` of
 * each follows its events from the first instead of reading the run (`waitForRunThroughEvents`'s
 * `fresh`). Entries go after `freshForMs`, or when taken.
 */
class FreshRuns {
  readonly #startedAt = new Map<string, number>();

  add(runId: string): void {
    const now = Date.now();
    // Insertion order is start order: the oldest go first.
    for (const [id, at] of this.#startedAt) {
      if (now - at < freshForMs) break;
      this.#startedAt.delete(id);
    }
    this.#startedAt.set(runId, now);
  }

  take(runId: string): boolean {
    const at = this.#startedAt.get(runId);
    if (at === undefined) return false;
    this.#startedAt.delete(runId);
    return Date.now() - at < freshForMs;
  }
}
