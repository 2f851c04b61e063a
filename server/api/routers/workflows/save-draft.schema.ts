import { z } from "zod";
import { baseRevisionSchema, workflowIdSchema } from "./workflow-input";

export const saveDraftInputSchema = z.object({
  workflowId: workflowIdSchema,
  /** Any JSON object: invalid definitions are saved (and their issues returned) so work in progress is never lost. */
  draft: z.unknown(),
  baseRevision: baseRevisionSchema,
  /** The "overwrite" answer to a stale-revision conflict: replaces the draft whatever its revision. */
  force: z.boolean().optional(),
});
export type SaveDraftInput = z.infer<typeof saveDraftInputSchema>;
