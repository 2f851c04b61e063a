import { z } from "zod";
import { reasonSchema } from "./operator-input";
import { runIdSchema } from "./run-input";

export const cancelRunInputSchema = z.object({ runId: runIdSchema, reason: reasonSchema });
export type CancelRunInput = z.infer<typeof cancelRunInputSchema>;
