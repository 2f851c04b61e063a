import { z } from "zod";
import { commentSchema, stepIdSchema, stepOutputValueSchema } from "./operator-input";
import { runIdSchema } from "./run-input";

export const approveStepInputSchema = z.object({
  runId: runIdSchema,
  stepId: stepIdSchema,
  /** The approval step's output; `{ decision, comment, by }` when omitted. */
  output: stepOutputValueSchema.optional(),
  comment: commentSchema,
});
export type ApproveStepInput = z.infer<typeof approveStepInputSchema>;
