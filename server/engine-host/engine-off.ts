import type { Engine, RunStore } from "../../engine/index";
import type { RunEventFeed } from "./run-event-feed";
import type { CommandRelay } from "./run-commands/relay";
import { relayedActions, relayedBreakerReset } from "./run-commands/relayed-actions";
import { waitForRunThroughEvents } from "./wait-for-run-through-events";

/**
 * The engine a web server with `ORKA_ENGINE=off` serves its routes with: `engine` (never started:
 * it only validates and reads) with what would execute replaced. Starts commit the run with no
 * owner for a worker to claim; waits read the run's events from the database; operator actions
 * go to the engine that owns the run through `relay`; breakers are read from the database, as
 * this process holds none. `feed` defaults to the process's run event feed.
 */
export function engineOff(engine: Engine, store: RunStore, relay: CommandRelay, feed?: RunEventFeed): Engine {
  return {
    ...engine,
    start: async () => 0,
    startRun: (request) => engine.submitRun(request),
    waitForRun: (runId) => waitForRunThroughEvents(runId, { store, feed }),
    usage: () => ({ runsInMemory: 0, stepsRunning: 0, stepsWaitingForSlot: 0 }),
    ...relayedActions(engine, relay, async () => true),
    async listBreakers(teamId) {
      const team = teamId ?? "";
      return ((await store.listBreakers?.()) ?? []).filter((row) => row.teamId === team).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    resetBreaker: (teamId, key) => relayedBreakerReset(relay, teamId, key),
  };
}
