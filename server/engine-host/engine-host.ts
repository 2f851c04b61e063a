import type { Engine, RecoveryProgress, RunStore } from "../../engine/index";
import { databaseUrlFromEnv } from "../db/database-url";
import { getAppDatabase } from "../db/prisma";
import { engineLogger } from "../observability/log";
import { startEventPublisher } from "../subscriptions/publisher-host";
import { sqliteQuietProbe } from "../subscriptions/quiet-probe";
import { createScheduler, type Scheduler } from "../triggers/scheduler/scheduler";
import { startCatalogFor, type StartCatalog } from "../triggers/start-catalog";
import { openAppEngine } from "./app-engine";
import { engineModeFromEnv, type EngineMode } from "./engine-mode-env";
import { engineOff } from "./engine-off";
import { setEnginePhase } from "./engine-phase";
import { heldElsewhere, leaseOwnership } from "./run-commands/processor";
import { relayedActions } from "./run-commands/relayed-actions";
import { createCommandRelay } from "./run-commands/relay";
import { serveRunCommands } from "./run-commands/serve-commands";
import { SqliteRunStore } from "./stores/sqlite-run-store";

interface EngineHost {
  /** `ORKA_ENGINE=off`: `engine` executes nothing; starts are left to workers, actions forwarded to them. */
  mode: EngineMode;
  engine: Engine;
  store: RunStore;
  recovered: number;
  /** What run starts read, on the store's own connection. */
  catalog: StartCatalog;
  /** Fires cron schedules into `engine`; stop it before the engine. */
  scheduler: Scheduler;
  /** The graceful stop (SIGTERM): see `shutdownEngineHost`. */
  shutdown(deadlineMs: number): Promise<void>;
}

// Next evaluates server modules up to three times: one engine per process, or runs execute twice.
const globalForEngine = globalThis as typeof globalThis & { orkaEngineHost?: Promise<EngineHost> };

/**
 * The embedded engine on `DATABASE_URL`, once it has recovered the unfinished runs. Started in the
 * background by `instrumentation.ts` (`startEngineHostInBackground`), so the server answers while
 * it recovers; a request that needs the engine waits here. A failed start is forgotten, so the
 * next request that needs the engine tries again.
 */
export function getEngineHost(): Promise<EngineHost> {
  globalForEngine.orkaEngineHost ??= startEngineHost().catch((error: unknown) => {
    globalForEngine.orkaEngineHost = undefined;
    setEnginePhase("failed");
    throw error;
  });
  return globalForEngine.orkaEngineHost;
}

/** Starts the engine without waiting for it: unfinished runs resume while the server already answers. */
export function startEngineHostInBackground(): void {
  getEngineHost().catch((error: unknown) => engineLogger().error("the engine did not start; the next request that needs it tries again", error));
}

async function startEngineHost(): Promise<EngineHost> {
  setEnginePhase("starting");
  const mode = engineModeFromEnv();
  const target = databaseUrlFromEnv();
  const { db, provider } = getAppDatabase();
  // The same composition as `orka worker`'s: handlers, limits, metrics, traces.
  const { engine: local, store, metrics, closeTracing } = await openAppEngine({ url: target.url, db, kind: "server", submitsOnly: mode === "off" });
  const relay = createCommandRelay({ db, provider });
  // Off: nothing runs here. Embedded: an action on a run another live process holds goes there.
  const engine = mode === "off" ? engineOff(local, store, relay) : { ...local, ...relayedActions(local, relay, (runId) => heldElsewhere(local, runId)) };
  metrics.sources.engineUsage = () => engine.usage();
  try {
    setEnginePhase(mode === "off" ? "starting" : "recovering");
    const recovered = await engine.start({ onProgress: reportRecovery });
    // After recovery, so schedules missed while the server was down fire into a running engine.
    const catalog = startCatalogFor(store, db);
    const scheduler = createScheduler({ db, engine, catalog, logger: engineLogger() });
    await scheduler.start();
    // On SQLite a turn first asks the store's connection whether there is anything to publish.
    const quiet = store instanceof SqliteRunStore ? sqliteQuietProbe(store.database) : undefined;
    const publisher = startEventPublisher({ db, engine, logger: engineLogger(), quiet });
    // Operator actions other servers forward: applied here for the runs this engine holds.
    const stopCommands = mode === "off" ? null : serveRunCommands({ db, engine: local, target, ownership: leaseOwnership(local, { db, kind: "server" }), logger: engineLogger() });
    setEnginePhase("running");
    const where = target.provider === "sqlite" ? target.filename : "PostgreSQL";
    engineLogger().info(
      mode === "off"
        ? `engine off (ORKA_ENGINE=off): runs on ${where} are started for workers to run`
        : `engine started on ${where}${recovered > 0 ? `, ${recovered} unfinished run(s) resumed` : ""}`,
    );
    const shutdown = async (deadlineMs: number) => {
      setEnginePhase("stopping");
      await scheduler.stop();
      await stopCommands?.();
      const report = mode === "off" ? await engine.stop().then(() => null) : await local.stop({ drainMs: deadlineMs });
      await publisher.stop();
      await store.close();
      // After the engine's last commit: the spans of the attempts it made are exported, not dropped.
      await closeTracing();
      if (report) engineLogger().info(`engine stopped${report.released > 0 ? `; ${report.released} running step(s) handed back for another process` : ""}`);
    };
    return { mode, engine, store, recovered, scheduler, catalog, shutdown };
  } catch (error) {
    // Half-started: stop it, or the retry would run a second engine over the same runs.
    await engine.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The graceful stop of this process's engine host, for SIGTERM (`scripts/serve.mjs`): `/api/health`
 * says `stopping`, schedules stop firing and forwarded actions stop being taken, running step
 * handlers get until `deadlineMs` to finish (the rest are handed back as `queued`), everything is
 * committed, and the store is closed. Nothing when the host never started.
 */
export async function shutdownEngineHost(deadlineMs: number): Promise<void> {
  const starting = globalForEngine.orkaEngineHost;
  if (!starting) return;
  const host = await starting.catch(() => null);
  await host?.shutdown(deadlineMs);
}

function reportRecovery({ resumed, total }: RecoveryProgress): void {
  if (resumed === 0 && total > 0) engineLogger().info(`engine recovering ${total} unfinished run(s); the server answers meanwhile`);
}
