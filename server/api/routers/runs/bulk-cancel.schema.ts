import { z } from "zod";
import { runIdSchema } from "./run-input";

/** The most runs one bulk request may name: a page of selections, not a table scan. */
export const bulkRunLimit = 500;

/** Shared by `runs.bulkCancel` and `runs.bulkRetry`. Repeated ids count once. */
export const bulkRunActionInputSchema = z.object({
  runIds: z
    .array(runIdSchema)
    .min(1)
    .max(bulkRunLimit, `at most ${bulkRunLimit} runs at once`)
    .transform((ids) => [...new Set(ids)]),
  /** Only report which runs the action would apply to; change nothing. */
  dryRun: z.boolean(),
  /** Recorded on each run's events with who acted. */
  reason: z.string().trim().max(500).optional(),
});
export type BulkRunActionInput = z.infer<typeof bulkRunActionInputSchema>;

export const bulkCancelInputSchema = bulkRunActionInputSchema;

/** A run the action does not apply to. Another team's or an unknown id is "not found", nothing more. */
export interface IneligibleRun {
  runId: string;
  reason: string;
}

export interface FailedRun {
  runId: string;
  message: string;
}

export interface BulkDryRun {
  dryRun: true;
  eligible: string[];
  ineligible: IneligibleRun[];
}

export interface BulkOutcome {
  dryRun: false;
  done: string[];
  /** Eligible, but the engine refused or failed (the run moved on since it was checked, most often). */
  failed: FailedRun[];
  /** Not eligible when the action ran; nothing was done to them. */
  skipped: IneligibleRun[];
}

export type BulkRunActionResult = BulkDryRun | BulkOutcome;
