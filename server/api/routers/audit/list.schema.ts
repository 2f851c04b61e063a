import { z } from "zod";
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

/** Where a page ended: the last entry's `createdAt` and id, the listing's sort key. */
export interface AuditPosition {
  createdAt: Date;
  id: string;
}

/** Opaque to clients: `<createdAt ms>:<entry id>`. */
export function encodeAuditCursor({ createdAt, id }: AuditPosition): string {
  return `${createdAt.getTime()}:${id}`;
}

const cursorSchema = z
  .string()
  .max(200)
  .transform((cursor, ctx): AuditPosition => {
    const separator = cursor.indexOf(":");
    const ms = Number(cursor.slice(0, separator));
    const id = cursor.slice(separator + 1);
    if (separator < 1 || !Number.isSafeInteger(ms) || !id) {
      ctx.addIssue({ code: "custom", message: "cursor is not one this listing returned" });
      return z.NEVER;
    }
    return { createdAt: new Date(ms), id };
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
    cursor: cursorSchema.nullish(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .refine((input) => !input.since || !input.until || input.since < input.until, { message: "since is not before until", path: ["since"] });

export type ListAuditInput = z.infer<typeof listAuditInputSchema>;
