import { z } from "zod";
import { versionNumberSchema } from "../workflows/version.schema";
import { workflowIdSchema } from "../workflows/workflow-input";
import { runInputValueSchema } from "./run-input";

export const startRunInputSchema = z.object({
  workflowId: workflowIdSchema,
  /** A published version number; the latest when omitted. */
  version: versionNumberSchema.optional(),
  /** The run input; `{}` when omitted (an absent value has no JSON form). */
  input: runInputValueSchema.optional(),
});
export type StartRunInput = z.infer<typeof startRunInputSchema>;
