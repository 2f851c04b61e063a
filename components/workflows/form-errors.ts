import type { z } from "zod";
import { formatIssue, formatPath, type ValidationIssue } from "@/engine/definition/issues";

/** What a failed mutation means for a form: messages beside the fields they name, the rest above them. */
export interface FormErrors<Field extends string> {
  fields: Partial<Record<Field, string>>;
  message: string | null;
}

/** The part of a tRPC client error a form reads; `data.issues` comes from the server's error formatter. */
export interface MutationError {
  message: string;
  data?: { issues?: readonly ValidationIssue[] | null } | null;
}

const noErrors = { fields: {}, message: null };

export function formErrorsOf<Field extends string>(error: MutationError | null, fields: readonly Field[]): FormErrors<Field> {
  if (!error) return noErrors;
  const issues = error.data?.issues ?? [];
  // With issues, tRPC's own message is zod's JSON dump: never show it.
  if (issues.length === 0) return { fields: {}, message: sentence(error.message) };
  const byField: Partial<Record<Field, string>> = {};
  const rest: string[] = [];
  for (const issue of issues) {
    const field = fields.find((name) => name === issue.path);
    if (!field) rest.push(formatIssue(issue));
    else byField[field] ??= sentence(issue.message);
  }
  return { fields: byField, message: rest.length > 0 ? sentence(rest.join("; ")) : null };
}

/**
 * Checks a form with the zod schema the server checks its input with, before anything is sent: a
 * refusal the browser can foresee never becomes a failed request. Null when it passes; otherwise an
 * error shaped like the server's, for `formErrorsOf`.
 */
export function checkForm(schema: z.ZodType, value: unknown): MutationError | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return null;
  return { message: "", data: { issues: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })) } };
}

/** Server messages are lowercase fragments ("a workflow named …"); shown alone they read as sentences. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
