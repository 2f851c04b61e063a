import "server-only";
import { checkRunInput, ValidationError, type ValidationIssue } from "@/engine";
import { checkCronSpec, nextSlot, type CronSpec } from "@/server/triggers/scheduler/cron";
import type { Db } from "@/server/db/create-prisma-client";

export const scheduleSelect = {
  id: true,
  workflowId: true,
  cron: true,
  timezone: true,
  input: true,
  enabled: true,
  nextRunAt: true,
  lastRunAt: true,
  lastRunId: true,
  lastError: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface ScheduleView {
  id: string;
  workflowId: string;
  cron: string;
  timezone: string;
  input: unknown;
  enabled: boolean;
  /** The next slot that fires; null while disabled. */
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  lastRunId: string | null;
  /** Why the last firing started no run; null after a success. */
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toScheduleView(row: Omit<ScheduleView, "input"> & { input: string }): ScheduleView {
  return { ...row, input: JSON.parse(row.input) as unknown };
}

/** The slot a schedule waits for: the first after now, none while disabled. Throws BAD_REQUEST-able issues. */
export function nextRunAtFor(spec: CronSpec & { enabled: boolean }, now: Date): Date | null {
  const issues = checkCronSpec(spec);
  if (issues.length) throw new ValidationError(issues, "invalid schedule");
  return spec.enabled ? nextSlot(spec, now) : null;
}

/**
 * Checks a schedule's input against the latest published version's input schema, so a schedule
 * is not saved only to fail at every slot. Unpublished workflows are checked when they fire.
 */
export async function checkScheduleInput(db: Db, workflowId: string, input: unknown): Promise<void> {
  const latest = await db.workflowVersion.findFirst({ where: { workflowId }, orderBy: { number: "desc" }, select: { definition: true } });
  if (!latest) return;
  const schema = (JSON.parse(latest.definition) as { input?: Record<string, unknown> }).input;
  const issues: ValidationIssue[] = checkRunInput(schema, input);
  if (issues.length) throw new ValidationError(issues, "the input does not match the workflow's input schema");
}
