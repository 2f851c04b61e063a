import { z } from "zod";
import { baseRevisionSchema, workflowIdSchema } from "./workflow-input";

export const publishWorkflowInputSchema = z.object({
  workflowId: workflowIdSchema,
  /** The revision the caller is looking at: publishing a draft they have not seen is refused. */
  baseRevision: baseRevisionSchema,
});
export type PublishWorkflowInput = z.infer<typeof publishWorkflowInputSchema>;
