import { z } from "zod";
import { reasonSchema, stepIdSchema, stepOutputValueSchema } from "./operator-input";
import { runIdSchema } from "./run-input";

export const resolveStepInputSchema = z.object({
  runId: runIdSchema,
  stepId: stepIdSchema,
  /** What the step's dependents will read as its output. */
  output: stepOutputValueSchema,
  /** For a branching step (condition, switch, approval): the branch taken. */
  branch: z.string().min(1).max(64).optional(),
  reason: reasonSchema,
});
export type ResolveStepInput = z.infer<typeof resolveStepInputSchema>;
