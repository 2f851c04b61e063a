import { z } from "zod";
import { templateIdSchema } from "@/server/templates/template-rules";

/** `templates.get` and `templates.delete`: one template by id. */
export const templateRefInputSchema = z.object({ templateId: templateIdSchema });
export type TemplateRefInput = z.infer<typeof templateRefInputSchema>;
