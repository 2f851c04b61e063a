import { z } from "zod";
import { commentSchema, stepIdSchema } from "./operator-input";
import { runIdSchema } from "./run-input";

export const rejectStepInputSchema = z.object({ runId: runIdSchema, stepId: stepIdSchema, comment: commentSchema });
export type RejectStepInput = z.infer<typeof rejectStepInputSchema>;
