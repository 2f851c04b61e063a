import { z } from "zod";
import { keysetCursorSchema } from "@/server/keyset-cursor";
import { auditActions, auditTargetTypes, type AuditAction } from "@/server/audit/record-audit";

/** The categories an action filter may name instead of one action: "workflow.", "run.", "api_key.", … */
export const auditActionPrefixes = [...new Set(auditActions.map((action) => `${action.slice(0, action.indexOf("."))}.`))];

/** The actions one filter value stands for: itself, or every action of its category. */
export function actionsMatching(filter: string): AuditAction[] {
  return auditActions.filter((action) => (filter.endsWith(".") ? action.startsWith(filter) : action === filter));
}

const actionFilterSchema = z
  .string()
  .refine((value) => actionsMatching(value).length > 0, {
    error: (issue) =>
      `unknown action ${JSON.stringify(issue.input)}: name an action such as "workflow.published" or a category such as "run." (one of ${auditActionPrefixes.join(", ")})`,
  });

export const listAuditInputSchema = z
  .object({
    /** One action or category ("run."), or several (any of them): the UI's "API & triggers" is three categories. */
    action: z
      .union([z.string(), z.array(z.string()).min(1).max(auditActions.length)])
      .transform((value) => [value].flat())
      .pipe(z.array(actionFilterSchema))
      .optional(),
    /** A person's user id: what they did. Machine actors (webhook, schedule, API keys) have none. */
    actor: z.string().min(1).max(100).optional(),
    targetType: z.enum(auditTargetTypes).optional(),
    /** At or after. */
    since: z.date().optional(),
    /** Before (so `since`/`until` ranges tile without overlap). */
    until: z.date().optional(),
    cursor: keysetCursorSchema.nullish(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .refine((input) => !input.since || !input.until || input.since < input.until, { message: "since is not before until", path: ["since"] });

export type ListAuditInput = z.infer<typeof listAuditInputSchema>;
