import { describe, expect, it } from "vitest";
import type { BenchResults, PhaseFigures } from "./report";
import { formatTable } from "./table";

const phase = (overrides: Partial<PhaseFigures> = {}): PhaseFigures => ({
  phase: "concurrent",
  clients: 8,
  runs: 100,
  failures: 0,
  failureReasons: {},
  runsPerSecond: 50,
  p50Ms: 10,
  p95Ms: 20,
  p99Ms: 30,
  maxMs: 40,
  serverCpuMsPerRun: 5,
  databaseCpuMsPerRun: null,
  driverCpuMsPerRun: 1,
  peakRssMb: 300,
  elapsedMs: 2000,
  ...overrides,
});

const results = (phases: PhaseFigures[], warmupFailures = 0): BenchResults => ({
  label: "Orka",
  database: "SQLite",
  startedAt: "2026-01-01T00:00:00.000Z",
  commit: null,
  machine: { cpus: 2, model: "x", node: "v20", loadAverageAtStart: [0, 0, 0] },
  method: { warmup: 20, runs: 200, clients: [8], seconds: 20, workers: 0, url: "" },
  workloads: [{ id: "W1", description: "", warmupRuns: 20, warmupFailures, warmupFailureReasons: warmupFailures ? { "HTTP 500": warmupFailures } : {}, idleRssMb: 180, phases }],
});

describe("formatTable", () => {
  it("shows one row per phase, and the database CPU column only when there is a figure", () => {
    const sqlite = formatTable(results([phase({ phase: "sequential", clients: 1 }), phase()])).split("\n");
    expect(sqlite).toHaveLength(3);
    expect(sqlite[0]).not.toContain("DB CPU");
    expect(sqlite[1]).toMatch(/^W1\s+sequential\s+100\s+0\s+50\.0\s+10\.0\s+20\.0\s+30\.0\s+5\.00\s+180\s+300$/);
    expect(sqlite[2]).toMatch(/^W1\s+8 clients\s/);
    const postgres = formatTable(results([phase({ databaseCpuMsPerRun: 2.5 })])).split("\n");
    expect(postgres[0]).toContain("DB CPU");
    expect(postgres[1]).toMatch(/\s5\.00\s+2\.50\s+180\s+300$/);
  });

  it("lists failed runs with their reasons, warm-up included", () => {
    const text = formatTable(results([phase({ failures: 3, failureReasons: { "field s1 missing": 3 } })], 2));
    expect(text).toContain("W1 warm-up: 2 failed — HTTP 500 (2)");
    expect(text).toContain("W1 8 clients: 3 failed — field s1 missing (3)");
  });
});
