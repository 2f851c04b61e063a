import { describe, expect, it } from "vitest";
import { defaultRateRules, rateLimitSettingsFromEnv } from "./rate-limit-settings";

describe("rate limit settings", () => {
  it("default to 1,000 requests per 10 s per credential, counted in memory on SQLite and in the database on PostgreSQL", () => {
    expect(rateLimitSettingsFromEnv({}, "sqlite")).toEqual({ ...defaultRateRules, store: "memory" });
    expect(rateLimitSettingsFromEnv({}, "postgres").store).toBe("database");
  });

  it("read <requests>/<seconds>s or off, and the store", () => {
    const settings = rateLimitSettingsFromEnv({ ORKA_WEBHOOK_RATE_LIMIT: "100_000/10s", ORKA_API_RATE_LIMIT: "off", ORKA_RATE_LIMIT_STORE: "Memory" }, "postgres");
    expect(settings).toEqual({ webhook: { requests: 100_000, seconds: 10 }, api: null, store: "memory" });
    expect(rateLimitSettingsFromEnv({ ORKA_API_RATE_LIMIT: "60 / 60" }, "sqlite").api).toEqual({ requests: 60, seconds: 60 });
  });

  it("refuse anything else, naming the variable and the form", () => {
    expect(() => rateLimitSettingsFromEnv({ ORKA_WEBHOOK_RATE_LIMIT: "fast" }, "sqlite")).toThrow('ORKA_WEBHOOK_RATE_LIMIT is "fast": write <requests>/<seconds>s, e.g. 1000/10s, or off');
    expect(() => rateLimitSettingsFromEnv({ ORKA_API_RATE_LIMIT: "0/10s" }, "sqlite")).toThrow("ORKA_API_RATE_LIMIT");
    expect(() => rateLimitSettingsFromEnv({ ORKA_RATE_LIMIT_STORE: "redis" }, "sqlite")).toThrow("use memory or database");
  });
});
