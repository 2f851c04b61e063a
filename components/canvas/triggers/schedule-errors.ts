import { formatIssue } from "@/engine/definition/issues";
import type { MutationError } from "@/components/workflows/form-errors";

export type ScheduleField = "cron" | "timezone" | "input";

export interface ScheduleFormErrors {
  fields: Partial<Record<ScheduleField, string>>;
  /** What belongs to no field (e.g. "a workflow has at most 20 schedules"). */
  message: string | null;
}

/**
 * Where a failed createSchedule's problems go: `cron` and `timezone` beside their fields, the
 * input's (`input`, `input.customer.tier`, from the published version's input schema) beside
 * the Input JSON field with their path, the rest above the form.
 */
export function scheduleFormErrors(error: MutationError | null): ScheduleFormErrors {
  if (!error) return { fields: {}, message: null };
  const issues = error.data?.issues ?? [];
  // With issues, the error's own message repeats them (or is zod's JSON dump): show them instead.
  if (issues.length === 0) return { fields: {}, message: sentence(error.message) };
  const fields: Partial<Record<ScheduleField, string[]>> = {};
  const rest: string[] = [];
  for (const issue of issues) {
    if (issue.path === "cron" || issue.path === "timezone") (fields[issue.path] ??= []).push(sentence(issue.message));
    else if (issue.path === "input") (fields.input ??= []).push(sentence(issue.message));
    else if (issue.path.startsWith("input.") || issue.path.startsWith("input[")) (fields.input ??= []).push(formatIssue(issue));
    else rest.push(formatIssue(issue));
  }
  const joined: Partial<Record<ScheduleField, string>> = {};
  for (const [field, messages] of Object.entries(fields) as [ScheduleField, string[]][]) joined[field] = messages.join("; ");
  return { fields: joined, message: rest.length > 0 ? sentence(rest.join("; ")) : null };
}

/** The text of the Input JSON field as a run input: undefined when empty, an error message when not JSON. */
export function parseScheduleInput(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
