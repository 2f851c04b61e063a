import "server-only";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import { signalSchedulesChanged } from "@/server/triggers/scheduler/schedule-signal";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { DeleteScheduleInput } from "./update-schedule.schema";

export async function deleteSchedule({ ctx, input }: { ctx: TeamContext; input: DeleteScheduleInput }): Promise<{ id: string }> {
  await ctx.db.$transaction(async (tx) => {
    const schedule = await tx.schedule.findFirst({
      where: { id: input.scheduleId, workflow: { teamId: ctx.membership.teamId } },
      select: { id: true, workflowId: true, cron: true, timezone: true, workflow: { select: { name: true } } },
    });
    const { count } = await tx.schedule.deleteMany({ where: { id: input.scheduleId, workflow: { teamId: ctx.membership.teamId } } });
    if (!schedule || count === 0) throw new NotFoundError("schedule");
    const detail = { workflowId: schedule.workflowId, cron: schedule.cron, timezone: schedule.timezone };
    await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "schedule.deleted", target: { type: "schedule", id: schedule.id, label: schedule.workflow.name }, detail });
  });
  signalSchedulesChanged();
  return { id: input.scheduleId };
}
