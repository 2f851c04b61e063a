/**
 * The most calls the browser's tRPC client puts in one batch request (`httpBatchLink` `maxItems`):
 * the server refuses larger batches (ORKA_TRPC_MAX_BATCH, never set below this).
 */
export const trpcBatchMaxItems = 10;
