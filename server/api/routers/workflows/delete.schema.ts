import { z } from "zod";
import { workflowIdSchema } from "./workflow-input";

export const deleteWorkflowInputSchema = z.object({ workflowId: workflowIdSchema });
export type DeleteWorkflowInput = z.infer<typeof deleteWorkflowInputSchema>;
