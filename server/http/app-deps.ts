import "server-only";
import { getAppDatabase } from "@/server/db/prisma";
import { getAppRateLimiter } from "./app-rate-limiter";
import type { HttpDeps } from "./deps";

/** The route handlers' dependencies in the running app: the `DATABASE_URL` client, the embedded engine, the rate limits. */
export function appHttpDeps(): HttpDeps {
  return {
    db: getAppDatabase().db,
    // Imported on first use so that loading a route module does not start the engine host.
    async getEngine() {
      const { getEngineHost } = await import("@/server/engine-host/engine-host");
      return (await getEngineHost()).engine;
    },
    async getStartCatalog() {
      const { getEngineHost } = await import("@/server/engine-host/engine-host");
      return (await getEngineHost()).catalog;
    },
    rateLimiter: getAppRateLimiter(),
  };
}
