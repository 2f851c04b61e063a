import type { BreakerSettings } from "../definition/schema";

export const breakerStates = ["closed", "open", "half_open"] as const;
export type BreakerState = (typeof breakerStates)[number];

/**
 * One circuit breaker as stored (table `circuit_breakers`, key `(teamId, key)`). `teamId` is ""
 * for runs without a team.
 */
export interface BreakerRow {
  teamId: string;
  key: string;
  state: BreakerState;
  /** Failed attempts in a row; counting restarts when the first of them is older than the window. */
  failures: number;
  windowStartedAt: Date | null;
  /** While open: when the trial attempt may start. */
  openUntil: Date | null;
  /** While half-open: the attempt on trial (`runId/stepId`) and when it started; null when none holds it. */
  trialBy: string | null;
  trialStartedAt: Date | null;
  lastError: string | null;
  updatedAt: Date;
}

/** What an attempt through the breaker came to: the target failed it, answered, or nothing was learnt. */
export type BreakerOutcome = "failure" | "success" | "neutral";

export type Admission = { admitted: true; next: BreakerRow | null } | { admitted: false; until: Date };

export function closedBreaker(teamId: string, key: string, now: Date): BreakerRow {
  return { teamId, key, state: "closed", failures: 0, windowStartedAt: null, openUntil: null, trialBy: null, trialStartedAt: null, lastError: null, updatedAt: now };
}

/**
 * Whether the attempt `holder` may call the target now. Closed admits all; open refuses until its
 * cool-down ends, then lets ONE attempt through as the trial (half-open); others wait for it. A trial
 * that reports nothing within a cool-down (its run cancelled, its process gone) is given to the next
 * caller. `next` is the changed breaker to store, or null when nothing changed.
 */
export function admit(row: BreakerRow | undefined, holder: string, now: Date, settings: BreakerSettings): Admission {
  if (!row || row.state === "closed") return { admitted: true, next: null };
  if (row.state === "open") {
    if (now < row.openUntil!) return { admitted: false, until: row.openUntil! };
    return { admitted: true, next: { ...row, state: "half_open", openUntil: null, trialBy: holder, trialStartedAt: now, updatedAt: now } };
  }
  if (row.trialBy === holder) return { admitted: true, next: null };
  const trialLapsesAt = row.trialStartedAt ? new Date(row.trialStartedAt.getTime() + settings.coolDownMs) : now;
  if (row.trialBy !== null && now < trialLapsesAt) return { admitted: false, until: trialLapsesAt };
  return { admitted: true, next: { ...row, trialBy: holder, trialStartedAt: now, updatedAt: now } };
}

/** The breaker after an admitted attempt ended; null when nothing changed (the common success). */
export function record(row: BreakerRow, holder: string, outcome: BreakerOutcome, now: Date, settings: BreakerSettings, error?: string): BreakerRow | null {
  if (outcome === "neutral") return row.state === "half_open" && row.trialBy === holder ? { ...row, trialBy: null, trialStartedAt: null, updatedAt: now } : null;
  if (outcome === "success") {
    if (row.state === "open") return null; // an attempt admitted before it opened; the trial decides
    if (row.state === "closed" && row.failures === 0) return null;
    return { ...closedBreaker(row.teamId, row.key, now), lastError: row.lastError };
  }
  const lastError = error?.slice(0, 500) ?? null;
  if (row.state === "open") return null;
  if (row.state === "half_open") return opened(row, now, settings, lastError);
  const windowOver = !row.windowStartedAt || now.getTime() - row.windowStartedAt.getTime() > settings.windowMs;
  const counted = windowOver ? { ...row, failures: 1, windowStartedAt: now } : { ...row, failures: row.failures + 1 };
  if (counted.failures >= settings.failures) return opened(counted, now, settings, lastError);
  return { ...counted, lastError, updatedAt: now };
}

/** Closed by an operator: counting starts over and waiting steps go on. */
export function reset(row: BreakerRow, now: Date): BreakerRow {
  return { ...closedBreaker(row.teamId, row.key, now), lastError: row.lastError };
}

function opened(row: BreakerRow, now: Date, settings: BreakerSettings, lastError: string | null): BreakerRow {
  const openUntil = new Date(now.getTime() + settings.coolDownMs);
  return { ...row, state: "open", failures: 0, windowStartedAt: null, openUntil, trialBy: null, trialStartedAt: null, lastError, updatedAt: now };
}
