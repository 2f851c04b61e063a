import "server-only";
import { signalSchedulesChanged } from "@/server/triggers/scheduler/schedule-signal";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { DeleteScheduleInput } from "./update-schedule.schema";

export async function deleteSchedule({ ctx, input }: { ctx: TeamContext; input: DeleteScheduleInput }): Promise<{ id: string }> {
  const { count } = await ctx.db.schedule.deleteMany({ where: { id: input.scheduleId, workflow: { teamId: ctx.membership.teamId } } });
  if (count === 0) throw new NotFoundError("schedule");
  signalSchedulesChanged();
  return { id: input.scheduleId };
}
