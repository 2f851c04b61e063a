import { z } from "zod";
import { descriptionSchema, workflowIdSchema, workflowNameSchema } from "./workflow-input";

export const renameWorkflowInputSchema = z.object({
  workflowId: workflowIdSchema,
  name: workflowNameSchema,
  description: descriptionSchema.optional(),
});
export type RenameWorkflowInput = z.infer<typeof renameWorkflowInputSchema>;
