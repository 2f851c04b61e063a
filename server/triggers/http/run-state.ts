import "server-only";
import { runStatuses, stepStatuses, type RunStatus, type StepError, type StepStatus } from "@/engine";
import { inQueueOrder, oneOf, parseJson } from "@/server/runs/run-rows";
import type { Db } from "@/server/db/create-prisma-client";

export interface RunStateStep {
  stepId: string;
  status: StepStatus;
  attempt: number;
  output: unknown;
  error: StepError | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface RunState {
  id: string;
  status: RunStatus;
  workflowId: string | null;
  version: number | null;
  parentRunId: string | null;
  input: unknown;
  output: unknown;
  error: StepError | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  steps: RunStateStep[];
}

/** One run of `teamId` with its steps (JSON columns parsed), or null: another team's run is unknown too. */
export async function readRunState(db: Db, teamId: string, runId: string): Promise<RunState | null> {
  const run = await db.run.findFirst({
    where: { id: runId, teamId },
    select: {
      id: true,
      status: true,
      workflowId: true,
      parentRunId: true,
      input: true,
      output: true,
      error: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      workflowVersion: { select: { number: true } },
      definition: true,
      steps: {
        select: { stepId: true, status: true, attempt: true, output: true, error: true, startedAt: true, finishedAt: true, queuedAt: true },
      },
    },
  });
  if (!run) return null;
  const { workflowVersion, steps, definition, ...rest } = run;
  return {
    ...rest,
    status: oneOf(runStatuses, run.status),
    version: workflowVersion?.number ?? null,
    input: parseJson(run.input),
    output: parseJson(run.output),
    error: parseJson(run.error) as StepError | null,
    steps: inQueueOrder(steps, parseJson(definition)).map(({ queuedAt: _queued, ...step }) => ({
      ...step,
      status: oneOf(stepStatuses, step.status),
      output: parseJson(step.output),
      error: parseJson(step.error) as StepError | null,
    })),
  };
}

