import { z } from "zod";
import { descriptionSchema, workflowNameSchema, workflowNamespaceSchema } from "./workflow-input";

export const createWorkflowInputSchema = z.object({
  name: workflowNameSchema,
  namespace: workflowNamespaceSchema.default("default"),
  description: descriptionSchema.default(""),
});
export type CreateWorkflowInput = z.infer<typeof createWorkflowInputSchema>;
