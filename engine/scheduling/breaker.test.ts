import { describe, expect, it } from "vitest";
import { breakerSettingsSchema } from "../definition/schema";
import { admit, closedBreaker, record, reset, type BreakerRow } from "./breaker";

const settings = breakerSettingsSchema.parse({ failures: 3, windowMs: 10_000, coolDownMs: 5_000 });
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 12, 0, seconds));
const fresh = closedBreaker("team", "api.example.com", at(0));

/** Applies outcomes one after another, each a second apart from `start`. */
function afterFailures(count: number, start = 0, row: BreakerRow = fresh): BreakerRow {
  for (let i = 0; i < count; i++) row = record(row, `r/s${i}`, "failure", at(start + i), settings, "HTTP 503") ?? row;
  return row;
}

// closed ──N failures in window──▶ open ──cool-down──▶ half_open (one trial) ──success──▶ closed
//                                    ▲                        │
//                                    └────────failure─────────┘
describe("circuit breaker", () => {
  it("stays closed below the threshold and opens at it, for the cool-down", () => {
    expect(afterFailures(2)).toMatchObject({ state: "closed", failures: 2, lastError: "HTTP 503" });
    const open = afterFailures(3);
    expect(open).toMatchObject({ state: "open", openUntil: at(2 + 5), failures: 0 });
    expect(admit(open, "r/x", at(6), settings)).toEqual({ admitted: false, until: at(7) });
  });

  it("counts failures in a row within the window: a success or an old first failure starts over", () => {
    const two = afterFailures(2);
    expect(record(two, "r/a", "success", at(3), settings)).toMatchObject({ state: "closed", failures: 0 });
    expect(afterFailures(1, 20, two)).toMatchObject({ state: "closed", failures: 1, windowStartedAt: at(20) });
    expect(record(fresh, "r/a", "success", at(1), settings)).toBeNull(); // nothing to write
    expect(record(two, "r/a", "neutral", at(1), settings)).toBeNull();
  });

  it("after the cool-down lets one trial through; others wait for it", () => {
    const open = afterFailures(3);
    const trial = admit(open, "r/trial", at(7), settings);
    expect(trial).toMatchObject({ admitted: true, next: { state: "half_open", trialBy: "r/trial", trialStartedAt: at(7) } });
    const halfOpen = (trial as { next: BreakerRow }).next;
    expect(admit(halfOpen, "r/trial", at(8), settings)).toEqual({ admitted: true, next: null });
    expect(admit(halfOpen, "r/other", at(8), settings)).toEqual({ admitted: false, until: at(12) });
    // A trial that never reports is handed on after a cool-down.
    expect(admit(halfOpen, "r/other", at(12), settings)).toMatchObject({ admitted: true, next: { trialBy: "r/other" } });
  });

  it("a trial's success closes it, its failure opens it again, a cancelled trial frees the slot", () => {
    const halfOpen = (admit(afterFailures(3), "r/trial", at(7), settings) as { next: BreakerRow }).next;
    expect(record(halfOpen, "r/trial", "success", at(8), settings)).toMatchObject({ state: "closed", failures: 0, trialBy: null });
    expect(record(halfOpen, "r/trial", "failure", at(8), settings)).toMatchObject({ state: "open", openUntil: at(13) });
    const freed = record(halfOpen, "r/trial", "neutral", at(8), settings)!;
    expect(freed).toMatchObject({ state: "half_open", trialBy: null });
    expect(admit(freed, "r/next", at(8), settings)).toMatchObject({ admitted: true, next: { trialBy: "r/next" } });
  });

  it("a late result of an attempt admitted before it opened changes nothing; a reset closes it", () => {
    const open = afterFailures(3);
    expect(record(open, "r/late", "failure", at(4), settings)).toBeNull();
    expect(record(open, "r/late", "success", at(4), settings)).toBeNull();
    expect(reset(open, at(4))).toMatchObject({ state: "closed", failures: 0, openUntil: null, lastError: "HTTP 503" });
  });
});
