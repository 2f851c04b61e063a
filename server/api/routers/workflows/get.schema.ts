import { z } from "zod";
import { workflowIdSchema } from "./workflow-input";

export const getWorkflowInputSchema = z.object({ workflowId: workflowIdSchema });
export type GetWorkflowInput = z.infer<typeof getWorkflowInputSchema>;
