import { z } from "zod";
import { runIdSchema } from "./run-input";

export const previewExpressionInputSchema = z.object({
  runId: runIdSchema,
  source: z.string().max(20_000, "an expression to preview is at most 20,000 characters"),
  /** A `{{ }}` template (url, header) instead of a JSONata expression. */
  template: z.boolean().default(false),
});
export type PreviewExpressionInput = z.infer<typeof previewExpressionInputSchema>;
