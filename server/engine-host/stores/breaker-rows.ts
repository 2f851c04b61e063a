import type { BreakerRow, BreakerState } from "../../../engine/scheduling/breaker";

/** Raw `circuit_breakers` row as both drivers return it; `D` is the driver's timestamp type. */
export interface BreakerRecord<D> {
  team_id: string;
  key: string;
  state: string;
  failures: number;
  window_started_at: D | null;
  open_until: D | null;
  trial_by: string | null;
  trial_started_at: D | null;
  last_error: string | null;
  updated_at: D;
}

export const breakerColumnNames = [
  "team_id", "key", "state", "failures", "window_started_at", "open_until", "trial_by", "trial_started_at", "last_error", "updated_at",
] as const;

/** The row's values in `breakerColumnNames` order, timestamps through the adapter's encoder. */
export function breakerValues<D>(row: BreakerRow, date: (value: Date | null) => D | null): unknown[] {
  return [
    row.teamId, row.key, row.state, row.failures, date(row.windowStartedAt), date(row.openUntil),
    row.trialBy, date(row.trialStartedAt), row.lastError, date(row.updatedAt),
  ];
}

export function decodeBreaker<D>(record: BreakerRecord<D>, toDate: (value: D) => Date): BreakerRow {
  const optional = (value: D | null) => (value === null ? null : toDate(value));
  return {
    teamId: record.team_id,
    key: record.key,
    state: record.state as BreakerState,
    failures: record.failures,
    windowStartedAt: optional(record.window_started_at),
    openUntil: optional(record.open_until),
    trialBy: record.trial_by,
    trialStartedAt: optional(record.trial_started_at),
    lastError: record.last_error,
    updatedAt: toDate(record.updated_at),
  };
}

/** A breaker is written whole: every column but the key is replaced. */
export const breakerUpsertTail = `ON CONFLICT (team_id, key) DO UPDATE SET ${breakerColumnNames
  .filter((name) => name !== "team_id" && name !== "key")
  .map((name) => `${name} = excluded.${name}`)
  .join(", ")}`;

/** Later rows for the same breaker replace earlier ones; sorted by key so concurrent commits lock in one order. */
export function latestBreakers(rows: Iterable<BreakerRow>): BreakerRow[] {
  const byKey = new Map<string, BreakerRow>();
  for (const row of rows) byKey.set(`${row.teamId}\u0000${row.key}`, row);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
