import { z } from "zod";
import { workflowIdSchema } from "./workflow-input";

export const listVersionsInputSchema = z.object({ workflowId: workflowIdSchema });
export type ListVersionsInput = z.infer<typeof listVersionsInputSchema>;
