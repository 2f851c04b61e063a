import { z } from "zod";

/** `updated` and `created` put the newest first; `name` is A→Z. */
export const workflowSorts = ["updated", "created", "name"] as const;
export type WorkflowSort = (typeof workflowSorts)[number];

export const listWorkflowsInputSchema = z
  .object({
    /** Matches name, namespace or description, ignoring case. */
    search: z.string().trim().max(200).optional(),
    sort: z.enum(workflowSorts).default("updated"),
  })
  .optional();

export type ListWorkflowsInput = z.infer<typeof listWorkflowsInputSchema>;
