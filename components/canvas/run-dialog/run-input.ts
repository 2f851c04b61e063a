import type { ValidationIssue } from "@/engine/definition/issues";
import { terminalRunStatuses, type RunStatus, type StepStatus } from "@/engine/definition/statuses";

export type ParsedInput = { ok: true; value: unknown } | { ok: false; message: string };

/** The raw JSON textarea: empty means `{}`, anything else must parse. */
export function parseRawInput(text: string): ParsedInput {
  if (!text.trim()) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2);
}

/**
 * What the form holds, as the run will receive it: fields left empty are `undefined` in the form's
 * data and have no JSON form, so they are dropped here rather than sent.
 */
export function formInput(formData: unknown): unknown {
  return formData === undefined ? {} : (JSON.parse(JSON.stringify(formData)) as unknown);
}

/** A definition's `input` JSON Schema, when it has one a form can be generated from. */
export function inputSchemaOf(definition: unknown): Record<string, unknown> | null {
  if (typeof definition !== "object" || definition === null) return null;
  const schema = (definition as { input?: unknown }).input;
  return typeof schema === "object" && schema !== null && !Array.isArray(schema) ? (schema as Record<string, unknown>) : null;
}

export type RunPhase = "active" | "waiting" | "settled";

/**
 * Settled runs are not polled again; a run whose only unfinished steps wait (an approval, a timer, a
 * child run) is polled slowly, since nothing may change for a long time.
 */
export function runPhase(run: { status: RunStatus; steps: { status: StepStatus }[] }): RunPhase {
  if (terminalRunStatuses.includes(run.status)) return "settled";
  const busy = run.steps.some((step) => step.status === "queued" || step.status === "running" || step.status === "retrying");
  return !busy && run.steps.some((step) => step.status === "waiting") ? "waiting" : "active";
}

/** An rjsf error schema: `{ customer: { email: { __errors: ["must match pattern …"] } } }`. */
export interface FieldErrors {
  __errors?: string[];
  [field: string]: FieldErrors | string[] | undefined;
}

const requiredProperty = /^must have required property '(.+)'$/;

/**
 * The server's issues about the run input as errors beside the form's fields: `input.customer.email`
 * belongs to that field, and "must have required property 'n'" at `input` to the field `n`. Issues
 * about anything else (the definition) stay out: the dialog lists every issue anyway.
 */
export function fieldErrorsOf(issues: readonly ValidationIssue[]): FieldErrors {
  const root: FieldErrors = {};
  for (const { path, message } of issues) {
    const [head, ...segments] = path.split(".");
    if (head !== "input") continue;
    const required = requiredProperty.exec(message);
    if (required) segments.push(required[1]!);
    let node = root;
    for (const segment of segments) node = (node[segment] ??= {}) as FieldErrors;
    (node.__errors ??= []).push(required ? "is required" : message);
  }
  return root;
}

/** Issues the server attached to an error (`error.data.issues`), if any. */
export function issuesOfError(error: unknown): ValidationIssue[] {
  const issues = (error as { data?: { issues?: unknown } } | null)?.data?.issues;
  return Array.isArray(issues) ? (issues as ValidationIssue[]) : [];
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
