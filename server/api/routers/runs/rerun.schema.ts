import { z } from "zod";
import { runIdSchema, runInputValueSchema } from "./run-input";

export const rerunInputSchema = z.object({
  runId: runIdSchema,
  /** The new run's input; the original run's input when omitted. */
  input: runInputValueSchema.optional(),
});
export type RerunInput = z.infer<typeof rerunInputSchema>;
