import "server-only";
import type { TeamContext } from "../../trpc";
import { findTeamWorkflow } from "../workflows/workflow-access";
import { scheduleSelect, toScheduleView, type ScheduleView } from "./schedule-fields";
import type { WorkflowRefInput } from "./workflow-ref.schema";

/** The workflow's schedules, oldest first. */
export async function listSchedules({ ctx, input }: { ctx: TeamContext; input: WorkflowRefInput }): Promise<ScheduleView[]> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  const rows = await ctx.db.schedule.findMany({
    where: { workflowId: workflow.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: scheduleSelect,
  });
  return rows.map(toScheduleView);
}
