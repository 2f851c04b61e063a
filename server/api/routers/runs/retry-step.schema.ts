import { z } from "zod";
import { reasonSchema, stepIdSchema } from "./operator-input";
import { runIdSchema } from "./run-input";

export const retryStepInputSchema = z.object({ runId: runIdSchema, stepId: stepIdSchema, reason: reasonSchema });
export type RetryStepInput = z.infer<typeof retryStepInputSchema>;
