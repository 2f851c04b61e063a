import type { DbProvider } from "@/server/db/create-prisma-client";

/** At most `requests` in each window of `seconds`, per credential. */
export interface RateRule {
  requests: number;
  seconds: number;
}

export interface RateLimitSettings {
  /** Per webhook token, on `POST /api/hooks/<token>`; null: unlimited. */
  webhook: RateRule | null;
  /** Per API key, on every `/api/v1` call; null: unlimited. */
  api: RateRule | null;
  /** Where the counters live: this process's memory, or the database (shared by every server on it). */
  store: "memory" | "database";
}

export const defaultRateRules = { webhook: { requests: 1_000, seconds: 10 }, api: { requests: 1_000, seconds: 10 } } as const;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * `ORKA_WEBHOOK_RATE_LIMIT`, `ORKA_API_RATE_LIMIT` (`<requests>/<seconds>s`, or `off`) and
 * `ORKA_RATE_LIMIT_STORE` (`memory` | `database`; by default memory on SQLite, whose one server
 * process sees every request, and the database on PostgreSQL, where several servers may share it).
 */
export function rateLimitSettingsFromEnv(env: Env, provider: DbProvider): RateLimitSettings {
  return {
    webhook: ruleSetting(env, "ORKA_WEBHOOK_RATE_LIMIT", defaultRateRules.webhook),
    api: ruleSetting(env, "ORKA_API_RATE_LIMIT", defaultRateRules.api),
    store: storeSetting(env, provider),
  };
}

function ruleSetting(env: Env, name: string, fallback: RateRule): RateRule | null {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return { ...fallback };
  if (raw === "off") return null;
  const match = /^(\d+)\s*\/\s*(\d+)\s*s?$/.exec(raw.replaceAll("_", ""));
  const rule = match && { requests: Number(match[1]), seconds: Number(match[2]) };
  if (!rule || rule.requests < 1 || rule.seconds < 1) throw new Error(`${name} is "${env[name]}": write <requests>/<seconds>s, e.g. 1000/10s, or off`);
  return rule;
}

function storeSetting(env: Env, provider: DbProvider): RateLimitSettings["store"] {
  const raw = env.ORKA_RATE_LIMIT_STORE?.trim().toLowerCase();
  if (!raw) return provider === "postgres" ? "database" : "memory";
  if (raw === "memory" || raw === "database") return raw;
  throw new Error(`ORKA_RATE_LIMIT_STORE is "${env.ORKA_RATE_LIMIT_STORE}": use memory or database`);
}

export function describeRule({ requests, seconds }: RateRule): string {
  return `${requests} per ${seconds} s`;
}
