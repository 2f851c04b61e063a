import { z } from "zod";
import { runStatuses } from "@/engine/definition";
import { runStatusSchema, timestampSchema } from "@/server/http/wire-schemas";
import { keysetCursorSchema } from "@/server/keyset-cursor";
import { workflowIdSchema } from "../../routers/workflows/workflow-input";

export const listRunsQuerySchema = z.strictObject({
  workflowId: workflowIdSchema.optional(),
  status: z
    .string()
    .meta({ examples: ["failed", "running,pending"] })
    .transform((value) => value.split(",").map((status) => status.trim()))
    .pipe(z.array(z.enum(runStatuses)))
    .optional()
    .meta({ description: `One status or several, comma-separated: ${runStatuses.join(", ")}.` }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: keysetCursorSchema.optional().meta({ description: "`nextCursor` of the previous page." }),
});

const runListItemSchema = z
  .object({
    id: z.string(),
    status: runStatusSchema,
    workflowId: z.string().nullable(),
    version: z.number().int().nullable(),
    createdAt: timestampSchema,
    startedAt: timestampSchema.nullable(),
    finishedAt: timestampSchema.nullable(),
  })
  .meta({ id: "RunListItem" });

export const runListSchema = z
  .object({
    items: z.array(runListItemSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last one." }),
  })
  .meta({ id: "RunList" });
