import "server-only";
import { getStepSpec, ValidationError, type StepDefinition } from "@/engine/definition";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { ListPinsInput, PinStepInput, UnpinStepInput } from "./pins.schema";
import { findTeamWorkflow, parseDraft } from "./workflow-access";

export interface StepPinSummary {
  stepId: string;
  output: unknown;
  updatedAt: Date;
}

/** The sample data pinned to the workflow's steps, by step id. */
export async function listPins({ ctx, input }: { ctx: TeamContext; input: ListPinsInput }): Promise<StepPinSummary[]> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  const pins = await ctx.db.stepPin.findMany({ where: { workflowId: workflow.id }, orderBy: { stepId: "asc" }, select: { stepId: true, output: true, updatedAt: true } });
  return pins.map((pin) => ({ ...pin, output: JSON.parse(pin.output) as unknown }));
}

/**
 * Pins sample data to a step of the draft: test runs use it instead of running the step. Steps that
 * take a branch (condition, switch, approval) cannot be pinned: an output alone does not say which way to go.
 */
export async function pinStep({ ctx, input }: { ctx: TeamContext; input: PinStepInput }): Promise<StepPinSummary> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  const step = draftStep(parseDraft(workflow.draft), input.stepId);
  if (!step) throw new ValidationError([{ path: "stepId", message: `the draft has no step "${input.stepId}"` }], "cannot pin");
  if (takesBranch(step)) throw new ValidationError([{ path: "stepId", message: `a ${step.type} step takes a branch: pin data to steps without branches` }], "cannot pin");
  const output = input.fromRunId === undefined ? input.output : await outputInRun(ctx, input.fromRunId, input.stepId);
  const text = JSON.stringify(output ?? null);
  const pin = await ctx.db.stepPin.upsert({
    where: { workflowId_stepId: { workflowId: workflow.id, stepId: input.stepId } },
    create: { workflowId: workflow.id, stepId: input.stepId, output: text },
    update: { output: text },
    select: { stepId: true, output: true, updatedAt: true },
  });
  return { ...pin, output: JSON.parse(pin.output) as unknown };
}

export async function unpinStep({ ctx, input }: { ctx: TeamContext; input: UnpinStepInput }): Promise<{ removed: boolean }> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  const { count } = await ctx.db.stepPin.deleteMany({ where: { workflowId: workflow.id, stepId: input.stepId } });
  return { removed: count > 0 };
}

function draftStep(draft: unknown, stepId: string): StepDefinition | undefined {
  const steps = (draft as { steps?: unknown } | null)?.steps;
  return Array.isArray(steps) ? (steps as StepDefinition[]).find((step) => step?.id === stepId) : undefined;
}

function takesBranch(step: StepDefinition): boolean {
  const spec = getStepSpec(step.type);
  if (!spec) return false;
  const parsed = spec.configSchema.safeParse(step.config ?? {});
  return parsed.success ? spec.branches(parsed.data) !== null : true;
}

/** The output a step of one of the team's runs finished with (completed or resolved by an operator). */
async function outputInRun(ctx: TeamContext, runId: string, stepId: string): Promise<unknown> {
  const step = await ctx.db.stepRun.findFirst({
    where: { runId, stepId, run: { teamId: ctx.membership.teamId } },
    select: { status: true, output: true },
  });
  if (!step) throw new NotFoundError(`step "${stepId}" of run ${runId}`);
  if (step.status !== "completed" && step.status !== "resolved")
    throw new ValidationError([{ path: "fromRunId", message: `step "${stepId}" is ${step.status} in that run: only a finished step's output can be pinned` }], "cannot pin");
  return step.output === null ? null : (JSON.parse(step.output) as unknown);
}
