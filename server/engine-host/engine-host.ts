import { createEngine, type Engine, type RecoveryProgress, type RunStore } from "../../engine/index";
import { databaseUrlFromEnv } from "../db/database-url";
import { getAppDatabase } from "../db/prisma";
import { engineLogger } from "../observability/log";
import { getMetrics } from "../observability/metrics";
import { runTracerFromEnv } from "../observability/tracing";
import { teamSecretResolver } from "../secrets/team-secret-resolver";
import { startEventPublisher } from "../subscriptions/publisher-host";
import { createScheduler, type Scheduler } from "../triggers/scheduler/scheduler";
import { startCatalogFor, type StartCatalog } from "../triggers/start-catalog";
import { engineOptionsFromEnv } from "./engine-env";
import { setEnginePhase } from "./engine-phase";
import { prismaWorkflowResolver } from "./prisma-workflow-resolver";
import { openRunStore } from "./stores/open-run-store";

interface EngineHost {
  engine: Engine;
  store: RunStore;
  recovered: number;
  /** What run starts read, on the store's own connection. */
  catalog: StartCatalog;
  /** Fires cron schedules into `engine`; stop it before the engine. */
  scheduler: Scheduler;
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
  const target = databaseUrlFromEnv();
  const options = engineOptionsFromEnv();
  const store = await openRunStore(target.url);
  const { db } = getAppDatabase();
  const metrics = getMetrics();
  // Only with OTEL_EXPORTER_OTLP_ENDPOINT: otherwise no span is made at all.
  const tracer = runTracerFromEnv();
  const engine = createEngine({
    store,
    resolver: prismaWorkflowResolver(db),
    secrets: teamSecretResolver(db),
    ...options,
    leases: { ...options.leases, kind: "server" },
    logger: engineLogger(),
    observer: tracer ? { ...metrics.observer, ...tracer.observer } : metrics.observer,
  });
  metrics.sources.engineUsage = () => engine.usage();
  try {
    setEnginePhase("recovering");
    const recovered = await engine.start({ onProgress: reportRecovery });
    // After recovery, so schedules missed while the server was down fire into a running engine.
    const catalog = startCatalogFor(store, db);
    const scheduler = createScheduler({ db, engine, catalog, logger: engineLogger() });
    await scheduler.start();
    startEventPublisher({ db, engine, logger: engineLogger() });
    setEnginePhase("running");
    engineLogger().info(`engine started on ${target.provider === "sqlite" ? target.filename : "PostgreSQL"}${recovered > 0 ? `, ${recovered} unfinished run(s) resumed` : ""}`);
    return { engine, store, recovered, scheduler, catalog };
  } catch (error) {
    // Half-started: stop it, or the retry would run a second engine over the same runs.
    await engine.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

function reportRecovery({ resumed, total }: RecoveryProgress): void {
  if (resumed === 0 && total > 0) engineLogger().info(`engine recovering ${total} unfinished run(s); the server answers meanwhile`);
}
