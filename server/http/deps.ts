import type { Engine } from "@/engine";
import type { Db } from "@/server/db/create-prisma-client";
import type { StartCatalog } from "@/server/triggers/start-catalog";
import type { RequestRateLimiter } from "./rate-limiter";

/**
 * What the public HTTP routes (webhooks, /api/v1) need, injected so tests hand in a test database and engine instead of
 * the process-wide ones (`app-deps.ts`).
 */
export interface HttpDeps {
  db: Db;
  getEngine(): Promise<Engine>;
  /** What run starts read (webhook tokens, published versions); through `db` when absent. */
  getStartCatalog?(): Promise<StartCatalog>;
  /** The per-credential request limits of webhooks and /api/v1. */
  rateLimiter: RequestRateLimiter;
}
