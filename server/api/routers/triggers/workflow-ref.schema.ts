import { z } from "zod";
import { workflowIdSchema } from "../workflows/workflow-input";

/** Procedures about one workflow's triggers: its webhook, its schedules. */
export const workflowRefInputSchema = z.object({ workflowId: workflowIdSchema });
export type WorkflowRefInput = z.infer<typeof workflowRefInputSchema>;
