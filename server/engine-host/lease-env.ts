export interface LeaseSettingsFromEnv {
  leaseMs: number;
  /** How long a graceful stop (SIGTERM) lets running steps finish before releasing their runs. */
  shutdownMs: number;
}

/**
 * Run ownership across processes from `ORKA_LEASE_MS` (how long an engine process's lease lasts
 * unrenewed, so how soon its runs are taken over after it dies; default 8,000, at least 300) and
 * `ORKA_SHUTDOWN_MS` (default 10,000; 0 stops at once). A bad value stops the start with its name.
 *
 * @example
 * leaseSettingsFromEnv({ ORKA_LEASE_MS: "5000" }) // { leaseMs: 5000, shutdownMs: 10000 }
 */
export function leaseSettingsFromEnv(env: Record<string, string | undefined> = process.env): LeaseSettingsFromEnv {
  return { leaseMs: milliseconds(env, "ORKA_LEASE_MS", 8_000, 300), shutdownMs: milliseconds(env, "ORKA_SHUTDOWN_MS", 10_000, 0) };
}

function milliseconds(env: Record<string, string | undefined>, name: string, fallback: number, least: number): number {
  const text = env[name]?.trim().replace(/_/g, "");
  if (!text) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < least) throw new Error(`${name}: "${env[name]}" is not a whole number of milliseconds of at least ${least}`);
  return value;
}
