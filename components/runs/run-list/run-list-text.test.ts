import { describe, expect, it } from "vitest";
import { dryRunSummary, outcomeSummary } from "./bulk-summary";
import { listInputOf, parseRunFilters, runFiltersSearch, startedSince } from "./run-filters";
import { formatDuration, shortRunId } from "../run-text";

describe("dryRunSummary", () => {
  it("counts the eligible runs and groups the others by reason", () => {
    const ineligible = [
      { runId: "c", reason: "not failed" },
      { runId: "d", reason: "not failed" },
    ];
    expect(dryRunSummary("retry", { eligible: ["a", "b", "e"], ineligible })).toBe("3 of 5 runs can be retried; 2 are not failed.");
    expect(dryRunSummary("cancel", { eligible: [], ineligible: [{ runId: "x", reason: "already completed" }] })).toBe(
      "0 of 1 run can be cancelled; 1 is already completed.",
    );
  });

  it("says so when every selected run is eligible", () => {
    expect(dryRunSummary("cancel", { eligible: ["a", "b"], ineligible: [] })).toBe("All 2 selected runs can be cancelled.");
    expect(dryRunSummary("retry", { eligible: ["a"], ineligible: [] })).toBe("The selected run can be retried.");
  });
});

describe("outcomeSummary", () => {
  it("reports what was done, what failed and what was skipped", () => {
    expect(outcomeSummary("retry", { done: ["a", "b", "c"], failed: [], skipped: [] })).toBe("Retried 3 runs.");
    expect(
      outcomeSummary("cancel", {
        done: ["a"],
        failed: [
          { message: "run is already completed" },
          { message: "run is already completed" },
        ],
        skipped: [{ runId: "z", reason: "not found" }],
      }),
    ).toBe("Cancelled 1 run; 2 could not be cancelled: run is already completed (2); 1 skipped: 1 not found.");
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [850, "850 ms"],
    [12_345, "12.3 s"],
    [59_999, "59.9 s"],
    [245_000, "4 min 05 s"],
    [7_380_000, "2 h 03 min"],
    [100 * 3_600_000, "4 d 4 h"],
  ])("%i ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("run filters in the URL", () => {
  it("reads known values and ignores the rest", () => {
    expect(parseRunFilters({ workflowId: "wf1", status: "failed,sleeping,running", started: "24h" })).toEqual({
      workflowId: "wf1",
      statuses: ["running", "failed"],
      started: "24h",
      test: false,
    });
    expect(parseRunFilters({ status: ["failed", "pending"], started: "forever" })).toEqual({ workflowId: null, statuses: ["pending", "failed"], started: "all", test: false });
    expect(parseRunFilters({})).toEqual({ workflowId: null, statuses: [], started: "all", test: false });
    expect(parseRunFilters({ test: "1" })).toMatchObject({ test: true });
  });

  it("writes only what differs from the defaults, and reads back the same", () => {
    const filters = { workflowId: "wf 1", statuses: ["failed" as const], started: "7d" as const, test: true };
    const search = runFiltersSearch(filters);
    expect(search).toBe("?workflowId=wf+1&status=failed&started=7d&test=1");
    expect(parseRunFilters(Object.fromEntries(new URLSearchParams(search)))).toEqual(filters);
    expect(runFiltersSearch({ workflowId: null, statuses: [], started: "all", test: false })).toBe("");
  });

  it("turns the started range into a lower bound on creation time", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    expect(startedSince("1h", now)).toEqual(new Date("2026-03-01T11:00:00Z"));
    expect(startedSince("7d", now)).toEqual(new Date("2026-02-22T12:00:00Z"));
    expect(startedSince("all", now)).toBeNull();
    expect(listInputOf({ workflowId: "wf", statuses: ["failed"], started: "1h", test: false }, now)).toEqual({ workflowId: "wf", status: ["failed"], from: now });
    expect(listInputOf({ workflowId: null, statuses: [], started: "all", test: false }, null)).toEqual({});
    expect(listInputOf({ workflowId: null, statuses: [], started: "all", test: true }, null)).toEqual({ test: true });
  });
});

describe("shortRunId", () => {
  it("keeps the random end of a UUIDv7, not its shared timestamp", () => {
    expect(shortRunId("019a1b2c-3d4e-7f00-8123-456789abcdef")).toBe("89abcdef");
  });
});
