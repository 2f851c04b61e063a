import { z } from "zod";
import { keysetCursorSchema } from "@/server/keyset-cursor";
import { runStatuses } from "@/engine/definition";
import { parseRunSearch } from "@/server/runs/run-search";
import { workflowIdSchema } from "../workflows/workflow-input";

export const listRunsInputSchema = z
  .object({
    workflowId: workflowIdSchema.optional(),
    /** Any of these statuses; all when omitted or empty. */
    status: z.array(z.enum(runStatuses)).max(runStatuses.length).optional(),
    /** Created at or after. */
    from: z.date().optional(),
    /** Created at or before. */
    to: z.date().optional(),
    cursor: keysetCursorSchema.nullish(),
    limit: z.number().int().min(1).max(100).default(25),
    /** Child runs of sub-workflow and map steps are listed with their parent's only when asked. */
    includeChildren: z.boolean().default(false),
    /** A run id (or its start), or `path = value` on the run input, e.g. `customer.id = 42`. */
    search: z
      .string()
      .trim()
      .max(200)
      .refine((text) => text === "" || parseRunSearch(text) !== null, "search for a run id, or an input field and a value like customer.id = 42")
      .optional(),
    /** Test runs of drafts (from the designer) are listed apart: only they when true, none when false. */
    test: z.boolean().default(false),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, { message: "from is after to", path: ["from"] });

export type ListRunsInput = z.infer<typeof listRunsInputSchema>;
