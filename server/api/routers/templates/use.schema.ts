import { z } from "zod";
import { templateIdSchema } from "@/server/templates/template-rules";
import { workflowNameSchema } from "../workflows/workflow-input";

export const useTemplateInputSchema = z.object({
  templateId: templateIdSchema,
  /** The new workflow's name; taken names get `_2`, `_3`, … Defaults to the template definition's name. */
  name: workflowNameSchema.optional(),
});
export type UseTemplateInput = z.infer<typeof useTemplateInputSchema>;
