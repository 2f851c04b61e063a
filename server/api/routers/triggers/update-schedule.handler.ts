import "server-only";
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
    select: scheduleSelect,
  });
  if (!current) throw new NotFoundError("schedule");
  const next = { cron: input.cron ?? current.cron, timezone: input.timezone ?? current.timezone, enabled: input.enabled ?? current.enabled };
  const rearm = next.cron !== current.cron || next.timezone !== current.timezone || next.enabled !== current.enabled;
  const nextRunAt = nextRunAtFor(next, new Date());
  if (input.input !== undefined) await checkScheduleInput(db, current.workflowId, input.input);
  const updated = await db.schedule.update({
    where: { id: current.id },
    data: { ...next, ...(rearm && { nextRunAt }), ...(input.input !== undefined && { input: JSON.stringify(input.input) }) },
    select: scheduleSelect,
  });
  signalSchedulesChanged();
  return toScheduleView(updated);
}
