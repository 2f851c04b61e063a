import { z } from "zod";
import { baseRevisionSchema, workflowIdSchema } from "./workflow-input";

export const importDefinitionInputSchema = z.object({
  workflowId: workflowIdSchema,
  // Bounded well above the definition limit so parseDefinitionText can report the size precisely.
  text: z.string().max(4_000_000),
  format: z.enum(["json", "yaml", "auto"]).default("auto"),
  baseRevision: baseRevisionSchema,
  /** The "overwrite" answer to a stale-revision conflict: replaces the draft whatever its revision. */
  force: z.boolean().optional(),
});
export type ImportDefinitionInput = z.infer<typeof importDefinitionInputSchema>;
