import { createEngine, stderrLogger, type Engine, type RunStore } from "../../engine/index";
import { databaseUrlFromEnv } from "../db/database-url";
import { getAppDatabase } from "../db/prisma";
import { prismaWorkflowResolver } from "./prisma-workflow-resolver";
import { openRunStore } from "./stores/open-run-store";

interface EngineHost {
  engine: Engine;
  store: RunStore;
  recovered: number;
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
  const store = await openRunStore(databaseUrlFromEnv().url);
  const engine = createEngine({ store, resolver: prismaWorkflowResolver(getAppDatabase().db), logger: stderrLogger });
  const recovered = await engine.start();
  if (recovered > 0) stderrLogger.info(`recovered ${recovered} unfinished run(s)`);
  return { engine, store, recovered };
}
