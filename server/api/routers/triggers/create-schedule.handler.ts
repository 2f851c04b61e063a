import "server-only";
import { TRPCError } from "@trpc/server";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import { signalSchedulesChanged } from "@/server/triggers/scheduler/schedule-signal";
import type { TeamContext } from "../../trpc";
import { findTeamWorkflow } from "../workflows/workflow-access";
import type { CreateScheduleInput } from "./create-schedule.schema";
import { checkScheduleInput, nextRunAtFor, scheduleSelect, toScheduleView, type ScheduleView } from "./schedule-fields";

/** Enough for every real use; a guard against a client creating schedules in a loop. */
export const maxSchedulesPerWorkflow = 20;

export async function createSchedule({ ctx, input }: { ctx: TeamContext; input: CreateScheduleInput }): Promise<ScheduleView> {
  const db = ctx.db;
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  const nextRunAt = nextRunAtFor(input, new Date());
  const runInput = input.input ?? {};
  await checkScheduleInput(db, workflow.id, runInput);
  if ((await db.schedule.count({ where: { workflowId: workflow.id } })) >= maxSchedulesPerWorkflow) {
    throw new TRPCError({ code: "BAD_REQUEST", message: `a workflow has at most ${maxSchedulesPerWorkflow} schedules` });
  }
  const created = await db.$transaction(async (tx) => {
    const row = await tx.schedule.create({
      data: { workflowId: workflow.id, cron: input.cron, timezone: input.timezone, input: JSON.stringify(runInput), enabled: input.enabled, nextRunAt },
      select: scheduleSelect,
    });
    const detail = { workflowId: workflow.id, cron: row.cron, timezone: row.timezone, enabled: row.enabled };
    await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "schedule.created", target: { type: "schedule", id: row.id, label: workflow.name }, detail });
    return row;
  });
  signalSchedulesChanged();
  return toScheduleView(created);
}
