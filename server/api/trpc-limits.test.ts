import { describe, expect, it } from "vitest";
import { trpcBatchMaxItems } from "@/components/trpc/batch-limit";
import { clientBatchCalls, defaultTRPCLimits, trpcLimitsFromEnv } from "./trpc-limits";

describe("tRPC request limits", () => {
  it("accept every batch the browser's client sends", () => {
    expect(clientBatchCalls).toBe(trpcBatchMaxItems);
    expect(defaultTRPCLimits.maxBatchCalls).toBeGreaterThanOrEqual(trpcBatchMaxItems);
  });

  it("read ORKA_TRPC_MAX_BODY_BYTES and ORKA_TRPC_MAX_BATCH, defaulting when unset or empty", () => {
    expect(trpcLimitsFromEnv({})).toEqual(defaultTRPCLimits);
    expect(trpcLimitsFromEnv({ ORKA_TRPC_MAX_BODY_BYTES: "4_000_000", ORKA_TRPC_MAX_BATCH: " " })).toEqual({ maxBodyBytes: 4_000_000, maxBatchCalls: 50 });
  });

  it("refuse settings that would break the designer, naming the variable", () => {
    expect(() => trpcLimitsFromEnv({ ORKA_TRPC_MAX_BATCH: "5" })).toThrow(/ORKA_TRPC_MAX_BATCH is "5": it must be a number of calls \(the designer batches up to 10\) of at least 10/);
    expect(() => trpcLimitsFromEnv({ ORKA_TRPC_MAX_BODY_BYTES: "2MB" })).toThrow(/ORKA_TRPC_MAX_BODY_BYTES is "2MB"/);
    expect(() => trpcLimitsFromEnv({ ORKA_TRPC_MAX_BODY_BYTES: "1000" })).toThrow(/at least 1100000/);
  });
});
