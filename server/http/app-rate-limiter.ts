import "server-only";
import pg from "pg";
import { databaseUrlFromEnv } from "@/server/db/database-url";
import { rateLimitSettingsFromEnv } from "./rate-limit-settings";
import { createRequestRateLimiter, type RequestRateLimiter } from "./rate-limiter";

// One limiter per process: Next evaluates route modules more than once, and each copy must count together.
const globalForLimiter = globalThis as typeof globalThis & { orkaRateLimiter?: RequestRateLimiter };

/** The process's webhook and /api/v1 rate limits, from the environment (see `rateLimitSettingsFromEnv`). */
export function getAppRateLimiter(): RequestRateLimiter {
  globalForLimiter.orkaRateLimiter ??= createAppRateLimiter();
  return globalForLimiter.orkaRateLimiter;
}

function createAppRateLimiter(): RequestRateLimiter {
  const target = databaseUrlFromEnv();
  const settings = rateLimitSettingsFromEnv(process.env, target.provider);
  if (settings.store === "memory") return createRequestRateLimiter(settings);
  if (target.provider !== "postgres") throw new Error("ORKA_RATE_LIMIT_STORE=database needs PostgreSQL: on SQLite the one server process counts every request in memory");
  // A few connections are plenty: one short upsert per request, none for a credential already over its limit.
  return createRequestRateLimiter(settings, new pg.Pool({ connectionString: target.url, max: 4 }));
}
