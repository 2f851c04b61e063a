import { describe, expect, it } from "vitest";
import { codeWorkersFromEnv } from "./code-workers-env";

describe("codeWorkersFromEnv", () => {
  it("leaves the engine's default when ORKA_CODE_WORKERS is unset or empty", () => {
    for (const env of [{}, { ORKA_CODE_WORKERS: "" }, { ORKA_CODE_WORKERS: "  " }]) expect(codeWorkersFromEnv(env)).toBeUndefined();
  });

  it("reads a whole number of workers", () => {
    expect([" 1", "4", "256"].map((value) => codeWorkersFromEnv({ ORKA_CODE_WORKERS: value }))).toEqual([1, 4, 256]);
  });

  it.each(["0", "-2", "2.5", "four", "257", "1e2"])("stops on %j, naming the variable", (value) => {
    expect(() => codeWorkersFromEnv({ ORKA_CODE_WORKERS: value })).toThrow(`ORKA_CODE_WORKERS: "${value}" is not a whole number from 1 to 256`);
  });
});
