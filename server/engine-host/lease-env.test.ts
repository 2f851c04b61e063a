import { describe, expect, it } from "vitest";
import { leaseSettingsFromEnv } from "./lease-env";

describe("leaseSettingsFromEnv", () => {
  it("uses an 8 s lease and a 10 s shutdown when nothing is set", () => {
    expect(leaseSettingsFromEnv({})).toEqual({ leaseMs: 8_000, shutdownMs: 10_000 });
  });

  it("reads whole milliseconds", () => {
    expect(leaseSettingsFromEnv({ ORKA_LEASE_MS: "3_000", ORKA_SHUTDOWN_MS: "0" })).toEqual({ leaseMs: 3000, shutdownMs: 0 });
  });

  it("stops on anything else, naming the variable", () => {
    expect(() => leaseSettingsFromEnv({ ORKA_LEASE_MS: "100" })).toThrow('ORKA_LEASE_MS: "100" is not a whole number of milliseconds of at least 300');
    expect(() => leaseSettingsFromEnv({ ORKA_SHUTDOWN_MS: "-1" })).toThrow("ORKA_SHUTDOWN_MS");
  });
});
