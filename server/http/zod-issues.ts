import type { z } from "zod";
import { formatPath, type ValidationIssue } from "@/engine";

/** zod's issues in the path-addressed form every other refusal uses. */
export function issuesOfZod(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
