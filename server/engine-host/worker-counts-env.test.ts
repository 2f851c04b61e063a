import { describe, expect, it } from "vitest";
import { workerCountFromEnv, workerCountsFromEnv } from "./worker-counts-env";

describe("workerCountFromEnv", () => {
  it("leaves the engine's default when unset or blank", () => {
    for (const env of [{}, { ORKA_CODE_WORKERS: "" }, { ORKA_CODE_WORKERS: "  " }]) expect(workerCountFromEnv("ORKA_CODE_WORKERS", env)).toBeUndefined();
  });

  it("reads a whole number from 1 to 256", () => {
    expect([" 1", "4", "256"].map((value) => workerCountFromEnv("ORKA_CODE_WORKERS", { ORKA_CODE_WORKERS: value }))).toEqual([1, 4, 256]);
  });

  it("refuses anything else, naming the variable", () => {
    for (const value of ["0", "257", "2.5", "-1", "two", "1e2"])
      expect(() => workerCountFromEnv("ORKA_EXPRESSION_WORKERS", { ORKA_EXPRESSION_WORKERS: value })).toThrow(`ORKA_EXPRESSION_WORKERS: "${value}" is not a whole number from 1 to 256`);
  });

  it("reads both engine settings", () => {
    expect(workerCountsFromEnv({ ORKA_CODE_WORKERS: "3", ORKA_EXPRESSION_WORKERS: "2" })).toEqual({ codeWorkers: 3, expressionWorkers: 2 });
  });
});
