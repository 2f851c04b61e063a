import { z } from "zod";
import { baseRevisionSchema, workflowIdSchema } from "./workflow-input";

export const importDefinitionInputSchema = z.object({
  workflowId: workflowIdSchema,
  // Bounded well above the definition limit so parseDefinitionText can report the size precisely.
  text: z.string().max(4_000_000),
  format: z.enum(["json", "yaml", "auto"]).default("auto"),
  baseRevision: baseRevisionSchema,
});
export type ImportDefinitionInput = z.infer<typeof importDefinitionInputSchema>;
