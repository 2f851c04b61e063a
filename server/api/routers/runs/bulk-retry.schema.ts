import { bulkRunActionInputSchema } from "./bulk-cancel.schema";

/** Same shape as `runs.bulkCancel`: `{ runIds, dryRun, reason? }`. */
export const bulkRetryInputSchema = bulkRunActionInputSchema;
