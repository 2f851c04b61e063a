import { describe, expect, it } from "vitest";
import { compositionLimitsFromEnv } from "./composition-env";

describe("compositionLimitsFromEnv", () => {
  it("uses 10 levels and 50,000 runs when nothing is set", () => {
    for (const env of [{}, { ORKA_MAX_NESTING_DEPTH: "", ORKA_MAX_RUNS_PER_TREE: " " }])
      expect(compositionLimitsFromEnv(env)).toEqual({ maxNestingDepth: 10, maxRunsPerTree: 50_000 });
  });

  it("reads whole numbers, with or without digit separators", () => {
    expect(compositionLimitsFromEnv({ ORKA_MAX_NESTING_DEPTH: "3", ORKA_MAX_RUNS_PER_TREE: "200_000" })).toEqual({ maxNestingDepth: 3, maxRunsPerTree: 200_000 });
  });

  it("stops on anything else, naming the variable", () => {
    expect(() => compositionLimitsFromEnv({ ORKA_MAX_NESTING_DEPTH: "0" })).toThrow('ORKA_MAX_NESTING_DEPTH: "0" is not a whole number of at least 1');
    expect(() => compositionLimitsFromEnv({ ORKA_MAX_RUNS_PER_TREE: "1e6" })).toThrow("ORKA_MAX_RUNS_PER_TREE");
    expect(() => compositionLimitsFromEnv({ ORKA_MAX_RUNS_PER_TREE: "-5" })).toThrow("ORKA_MAX_RUNS_PER_TREE");
    expect(() => compositionLimitsFromEnv({ ORKA_MAX_NESTING_DEPTH: "ten" })).toThrow("ORKA_MAX_NESTING_DEPTH");
  });
});
