import { z } from "zod";

export const listWorkflowsInputSchema = z
  .object({
    /** Matches name, namespace or description, ignoring case. */
    search: z.string().trim().max(200).optional(),
  })
  .optional();

export type ListWorkflowsInput = z.infer<typeof listWorkflowsInputSchema>;
