import "server-only";
import { readStepData, type StepData } from "@/server/runs/step-data";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { StepDataInput } from "./step-data.schema";

/** What a step of one of the team's runs received, sent, got back and produced. */
export async function stepData({ ctx, input }: { ctx: TeamContext; input: StepDataInput }): Promise<StepData> {
  const data = await readStepData(ctx.db, ctx.membership.teamId, input.runId, input.stepId);
  if (!data) throw new NotFoundError(`step "${input.stepId}" of run ${input.runId}`);
  return data;
}
