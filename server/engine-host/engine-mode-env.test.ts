import { describe, expect, it } from "vitest";
import { engineModeFromEnv, shutdownMsFromEnv } from "./engine-mode-env";

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

describe("shutdownMsFromEnv", () => {
  it("is 10 s when unset", () => {
    expect(shutdownMsFromEnv({})).toBe(10_000);
  });

  it("reads whole milliseconds from 0 to 600,000", () => {
    expect(["0", "2500", "600000"].map((value) => shutdownMsFromEnv({ ORKA_SHUTDOWN_MS: value }))).toEqual([0, 2500, 600_000]);
  });

  it("refuses anything else, naming the variable", () => {
    for (const value of ["-1", "1.5", "600001", "10s"]) expect(() => shutdownMsFromEnv({ ORKA_SHUTDOWN_MS: value })).toThrow(`ORKA_SHUTDOWN_MS: "${value}"`);
  });
});
