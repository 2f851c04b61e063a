import "server-only";
import type pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { HttpError } from "./responses";
import { describeRule, type RateLimitSettings, type RateRule } from "./rate-limit-settings";

export type RateLimitedDoor = "webhook" | "api";

/** Counts requests per credential on the public HTTP API and refuses those over the limit. */
export interface RequestRateLimiter {
  /** Counts one request of `credential`; over the limit, throws a 429 `HttpError` with `Retry-After`. */
  consume(door: RateLimitedDoor, credential: string): Promise<void>;
}

export const unlimited: RequestRateLimiter = { consume: () => Promise.resolve() };

const whose: Record<RateLimitedDoor, string> = { webhook: "this webhook token", api: "this API key" };

/**
 * Fixed-window counters (rate-limiter-flexible) per door and credential, kept in memory or, with
 * `pool`, in the PostgreSQL table `request_rate_limits` (made by the migrations). In the database
 * a credential over its limit is then blocked in memory until its window ends, so a flood of
 * refused requests costs no queries; should the database fail, each server counts alone in memory.
 */
export function createRequestRateLimiter(settings: Pick<RateLimitSettings, "webhook" | "api">, pool?: pg.Pool): RequestRateLimiter {
  const limiters = {
    webhook: settings.webhook && limiterFor("webhook", settings.webhook, pool),
    api: settings.api && limiterFor("api", settings.api, pool),
  };
  return {
    async consume(door, credential) {
      const limiter = limiters[door];
      if (!limiter) return;
      try {
        await limiter.consume(credential);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        throw tooManyRequests(door, settings[door]!, refusal);
      }
    },
  };
}

function limiterFor(door: RateLimitedDoor, rule: RateRule, pool: pg.Pool | undefined): RateLimiterAbstract {
  const options = { keyPrefix: door, points: rule.requests, duration: rule.seconds };
  if (!pool) return new RateLimiterMemory(options);
  return new RateLimiterPostgres({
    ...options,
    storeClient: pool,
    storeType: "pool",
    tableName: "request_rate_limits",
    tableCreated: true,
    inMemoryBlockOnConsumed: rule.requests + 1,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

function tooManyRequests(door: RateLimitedDoor, rule: RateRule, refusal: RateLimiterRes): HttpError {
  const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  return new HttpError("RATE_LIMITED", `too many requests with ${whose[door]}: at most ${describeRule(rule)}; retry in ${retryAfter} s`, undefined, {
    "retry-after": String(retryAfter),
    "ratelimit-limit": String(rule.requests),
    "ratelimit-remaining": "0",
    "ratelimit-reset": String(retryAfter),
    "ratelimit-policy": `${rule.requests};w=${rule.seconds}`,
  });
}
