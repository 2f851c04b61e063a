import { integerSetting } from "@/server/http/env-settings";

export interface TRPCRequestLimits {
  /** A POST body larger than this is refused (413) before more of it is read. */
  maxBodyBytes: number;
  /** A batch (`?batch=1`) of more calls than this is refused (400) before any runs. */
  maxBatchCalls: number;
}

/**
 * The browser's tRPC client batches at most this many calls (`trpcBatchMaxItems` in
 * components/trpc/batch-limit.ts; a test keeps the two equal): the server accepts at least as many.
 */
export const clientBatchCalls = 10;

export const defaultTRPCLimits: TRPCRequestLimits = { maxBodyBytes: 2_000_000, maxBatchCalls: 50 };

/** `ORKA_TRPC_MAX_BODY_BYTES` and `ORKA_TRPC_MAX_BATCH`, or the defaults. */
export function trpcLimitsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): TRPCRequestLimits {
  return {
    // Room for a full 1 MB definition or run input inside the superjson envelope.
    maxBodyBytes: integerSetting(env, "ORKA_TRPC_MAX_BODY_BYTES", defaultTRPCLimits.maxBodyBytes, { min: 1_100_000, what: "a number of bytes" }),
    maxBatchCalls: integerSetting(env, "ORKA_TRPC_MAX_BATCH", defaultTRPCLimits.maxBatchCalls, {
      min: clientBatchCalls,
      what: `a number of calls (the designer batches up to ${clientBatchCalls})`,
    }),
  };
}
