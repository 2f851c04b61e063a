import { z } from "zod";
import { workflowIdSchema } from "../workflows/workflow-input";

export const templateForWorkflowInputSchema = z.object({ workflowId: workflowIdSchema });
export type TemplateForWorkflowInput = z.infer<typeof templateForWorkflowInputSchema>;
