import { describe, expect, it } from "vitest";
import { engineModeFromEnv } from "./engine-mode-env";

describe("engineModeFromEnv", () => {
  it("is embedded when unset or blank", () => {
    for (const env of [{}, { ORKA_ENGINE: "" }, { ORKA_ENGINE: " " }]) expect(engineModeFromEnv(env)).toBe("embedded");
  });

  it("reads embedded and off", () => {
    expect([" off", "embedded"].map((value) => engineModeFromEnv({ ORKA_ENGINE: value }))).toEqual(["off", "embedded"]);
  });

  it("refuses anything else, naming the variable", () => {
    for (const value of ["OFF", "worker", "0"]) expect(() => engineModeFromEnv({ ORKA_ENGINE: value })).toThrow(`ORKA_ENGINE: "${value}" is not one of embedded, off`);
  });
});
