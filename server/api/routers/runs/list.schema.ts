import { z } from "zod";
import { runStatuses } from "@/engine/definition";
import { workflowIdSchema } from "../workflows/workflow-input";

/** Where a page ended: the last run's `createdAt` and id, the listing's sort key. */
export interface RunListPosition {
  createdAt: Date;
  id: string;
}

/** Opaque to clients: `<createdAt ms>:<run id>`. */
export function encodeRunListCursor({ createdAt, id }: RunListPosition): string {
  return `${createdAt.getTime()}:${id}`;
}

const cursorSchema = z
  .string()
  .max(200)
  .transform((cursor, ctx): RunListPosition => {
    const separator = cursor.indexOf(":");
    const ms = Number(cursor.slice(0, separator));
    const id = cursor.slice(separator + 1);
    if (separator < 1 || !Number.isSafeInteger(ms) || !id) {
      ctx.addIssue({ code: "custom", message: "cursor is not one this listing returned" });
      return z.NEVER;
    }
    return { createdAt: new Date(ms), id };
  });

export const listRunsInputSchema = z
  .object({
    workflowId: workflowIdSchema.optional(),
    /** Any of these statuses; all when omitted or empty. */
    status: z.array(z.enum(runStatuses)).max(runStatuses.length).optional(),
    /** Created at or after. */
    from: z.date().optional(),
    /** Created at or before. */
    to: z.date().optional(),
    cursor: cursorSchema.nullish(),
    limit: z.number().int().min(1).max(100).default(25),
    /** Child runs of sub-workflow and map steps are listed with their parent's only when asked. */
    includeChildren: z.boolean().default(false),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, { message: "from is after to", path: ["from"] });

export type ListRunsInput = z.infer<typeof listRunsInputSchema>;
