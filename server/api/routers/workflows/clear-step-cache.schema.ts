import { z } from "zod";
import { stepIdPattern } from "@/engine/definition";
import { workflowIdSchema } from "./workflow-input";

export const clearStepCacheInputSchema = z.object({
  workflowId: workflowIdSchema,
  stepId: z.string().regex(stepIdPattern, "a step id is lowercase letters, digits and _, starting with a letter"),
});
export type ClearStepCacheInput = z.infer<typeof clearStepCacheInputSchema>;
