import "server-only";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import { signalSchedulesChanged } from "@/server/triggers/scheduler/schedule-signal";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import { checkScheduleInput, nextRunAtFor, scheduleSelect, toScheduleView, type ScheduleView } from "./schedule-fields";
import type { UpdateScheduleInput } from "./update-schedule.schema";

/**
 * Changes a schedule of the caller's team. A new expression, zone or enabling re-arms it at the
 * first slot after now: slots missed while it was disabled do not fire.
 */
export async function updateSchedule({ ctx, input }: { ctx: TeamContext; input: UpdateScheduleInput }): Promise<ScheduleView> {
  const db = ctx.db;
  const current = await db.schedule.findFirst({
    where: { id: input.scheduleId, workflow: { teamId: ctx.membership.teamId } },
    select: { ...scheduleSelect, workflow: { select: { name: true } } },
  });
  if (!current) throw new NotFoundError("schedule");
  const next = { cron: input.cron ?? current.cron, timezone: input.timezone ?? current.timezone, enabled: input.enabled ?? current.enabled };
  const rearm = next.cron !== current.cron || next.timezone !== current.timezone || next.enabled !== current.enabled;
  const nextRunAt = nextRunAtFor(next, new Date());
  if (input.input !== undefined) await checkScheduleInput(db, current.workflowId, input.input);
  const updated = await db.$transaction(async (tx) => {
    const row = await tx.schedule.update({
      where: { id: current.id },
      data: { ...next, ...(rearm && { nextRunAt }), ...(input.input !== undefined && { input: JSON.stringify(input.input) }) },
      select: scheduleSelect,
    });
    const changed = [...(["cron", "timezone", "enabled"] as const).filter((field) => next[field] !== current[field]), ...(input.input !== undefined && row.input !== current.input ? ["input"] : [])];
    const detail = { workflowId: current.workflowId, cron: row.cron, timezone: row.timezone, enabled: row.enabled, changed };
    await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "schedule.updated", target: { type: "schedule", id: row.id, label: current.workflow.name }, detail });
    return row;
  });
  signalSchedulesChanged();
  return toScheduleView(updated);
}
