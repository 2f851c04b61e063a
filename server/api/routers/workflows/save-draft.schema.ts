import { z } from "zod";
import { baseRevisionSchema, workflowIdSchema } from "./workflow-input";

export const saveDraftInputSchema = z.object({
  workflowId: workflowIdSchema,
  /** Any JSON object: invalid definitions are saved (and their issues returned) so work in progress is never lost. */
  draft: z.unknown(),
  baseRevision: baseRevisionSchema,
});
export type SaveDraftInput = z.infer<typeof saveDraftInputSchema>;
