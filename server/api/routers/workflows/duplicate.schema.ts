import { z } from "zod";
import { workflowIdSchema } from "./workflow-input";

export const duplicateWorkflowInputSchema = z.object({ workflowId: workflowIdSchema });
export type DuplicateWorkflowInput = z.infer<typeof duplicateWorkflowInputSchema>;
