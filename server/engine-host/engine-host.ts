import { createEngine, stderrLogger, type Engine, type RunStore } from "../../engine/index";
import { databaseUrlFromEnv } from "../db/database-url";
import { getAppDatabase } from "../db/prisma";
import { teamSecretResolver } from "../secrets/team-secret-resolver";
import { createScheduler, type Scheduler } from "../triggers/scheduler/scheduler";
import { compositionLimitsFromEnv } from "./composition-env";
import { httpEgressFromEnv } from "./http-egress-env";
import { prismaWorkflowResolver } from "./prisma-workflow-resolver";
import { openRunStore } from "./stores/open-run-store";

interface EngineHost {
  engine: Engine;
  store: RunStore;
  recovered: number;
  /** Fires cron schedules into `engine`; stop it before the engine. */
  scheduler: Scheduler;
}

// Next evaluates server modules up to three times: one engine per process, or runs execute twice.
const globalForEngine = globalThis as typeof globalThis & { orkaEngineHost?: Promise<EngineHost> };

/**
 * The embedded engine on `DATABASE_URL`, started (unfinished runs recovered) on first use. Started
 * from `instrumentation.ts` so runs continue when the server restarts, before any request.
 */
export function getEngineHost(): Promise<EngineHost> {
  globalForEngine.orkaEngineHost ??= startEngineHost();
  return globalForEngine.orkaEngineHost;
}

async function startEngineHost(): Promise<EngineHost> {
  const target = databaseUrlFromEnv();
  const httpEgress = httpEgressFromEnv();
  const composition = compositionLimitsFromEnv();
  const store = await openRunStore(target.url);
  const { db } = getAppDatabase();
  const engine = createEngine({
    store,
    resolver: prismaWorkflowResolver(db),
    secrets: teamSecretResolver(db),
    httpEgress,
    ...composition,
    logger: stderrLogger,
  });
  const recovered = await engine.start();
  stderrLogger.info(`engine started on ${target.provider === "sqlite" ? target.filename : "PostgreSQL"}${recovered > 0 ? `, ${recovered} unfinished run(s) resumed` : ""}`);
  // After recovery, so schedules missed while the server was down fire into a running engine.
  const scheduler = createScheduler({ db: getAppDatabase().db, engine, logger: stderrLogger });
  await scheduler.start();
  return { engine, store, recovered, scheduler };
}
