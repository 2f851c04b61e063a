import "server-only";
import { runStatuses, stepStatuses, type RunStatus, type StepError, type StepStatus } from "@/engine/definition";
import { hasRole } from "@/server/roles";
import { inQueueOrder, oneOf, parseJson } from "@/server/runs/run-rows";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { GetRunInput } from "./get.schema";

export interface RunStepSummary {
  stepId: string;
  status: StepStatus;
  /** 1-based number of the current or last attempt; 0 before the first. */
  attempt: number;
  error: StepError | null;
}

export interface ChildRunSummary {
  id: string;
  parentStepId: string | null;
  /** The item's position for a map step's children; null for a sub-workflow. */
  parentIndex: number | null;
  status: RunStatus;
}

export interface RunDetail {
  id: string;
  status: RunStatus;
  workflowId: string | null;
  workflowName: string | null;
  /** The pinned orka/v1 definition the run executes (what the live canvas draws). */
  definition: unknown;
  parentRunId: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Runs started by this run's subworkflow and map steps. */
  children: ChildRunSummary[];
  /** Whether the caller may act on the run (editor or owner); the server checks again on every action. */
  canAct: boolean;
  /** The published version the run pinned; null for a run started without one (CLI). */
  version: number | null;
  input: unknown;
  output: unknown;
  error: StepError | null;
  createdAt: Date;
  updatedAt: Date;
  /** In the order they were queued; steps that never were come last, by id. */
  steps: RunStepSummary[];
}

/** One run of the caller's team, read from the tables the engine writes (JSON columns parsed). */
export async function getRun({ ctx, input }: { ctx: TeamContext; input: GetRunInput }): Promise<RunDetail> {
  const run = await ctx.db.run.findFirst({
    where: { id: input.runId, teamId: ctx.membership.teamId },
    select: {
      id: true,
      status: true,
      workflowId: true,
      workflow: { select: { name: true } },
      definition: true,
      parentRunId: true,
      startedAt: true,
      finishedAt: true,
      input: true,
      output: true,
      error: true,
      createdAt: true,
      updatedAt: true,
      workflowVersion: { select: { number: true } },
      steps: {
        select: { stepId: true, status: true, attempt: true, error: true, queuedAt: true },
      },
    },
  });
  if (!run) throw new NotFoundError("run");
  const definition = parseJson(run.definition);
  const children = await ctx.db.run.findMany({
    where: { parentRunId: run.id, teamId: ctx.membership.teamId },
    select: { id: true, parentStepId: true, parentIndex: true, status: true },
    orderBy: [{ parentStepId: "asc" }, { parentIndex: "asc" }, { createdAt: "asc" }],
  });
  return {
    id: run.id,
    status: oneOf(runStatuses, run.status),
    workflowId: run.workflowId,
    workflowName: run.workflow?.name ?? null,
    definition,
    parentRunId: run.parentRunId,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    children: children.map((child) => ({ ...child, status: oneOf(runStatuses, child.status) })),
    canAct: hasRole(ctx.membership.role, "editor"),
    version: run.workflowVersion?.number ?? null,
    input: parseJson(run.input),
    output: parseJson(run.output),
    error: parseJson(run.error) as StepError | null,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    steps: inQueueOrder(run.steps, definition).map((step) => ({
      stepId: step.stepId,
      status: oneOf(stepStatuses, step.status),
      attempt: step.attempt,
      error: parseJson(step.error) as StepError | null,
    })),
  };
}
