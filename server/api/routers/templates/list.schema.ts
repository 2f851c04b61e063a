import { z } from "zod";
import { templateTagSchema } from "@/server/templates/template-rules";

/** `team`: the caller's team's own templates; `builtin`: the examples shipped with Orka. */
export const templateScopes = ["all", "team", "builtin"] as const;
export type TemplateScope = (typeof templateScopes)[number];

export const listTemplatesInputSchema = z
  .object({
    /** Matches title or description, ignoring case. */
    search: z.string().trim().max(200).optional(),
    tag: templateTagSchema.optional(),
    scope: z.enum(templateScopes).default("all"),
  })
  .optional();
export type ListTemplatesInput = z.infer<typeof listTemplatesInputSchema>;
