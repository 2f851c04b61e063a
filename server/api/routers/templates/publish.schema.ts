import { z } from "zod";
import { templateDescriptionSchema, templateTagsSchema, templateTitleSchema, templateVisibilitySchema } from "@/server/templates/template-rules";
import { versionNumberSchema } from "../workflows/version.schema";
import { workflowIdSchema } from "../workflows/workflow-input";

export const publishTemplateInputSchema = z.object({
  workflowId: workflowIdSchema,
  /** A published version of the workflow; its latest when omitted. */
  version: versionNumberSchema.optional(),
  title: templateTitleSchema,
  description: templateDescriptionSchema.default(""),
  tags: templateTagsSchema.default([]),
  /** `public` (every team of this installation) is an owner's choice. */
  visibility: templateVisibilitySchema.default("team"),
});
export type PublishTemplateInput = z.infer<typeof publishTemplateInputSchema>;
