import "server-only";
import { runStatuses, stepStatuses, type RunStatus, type StepError, type StepStatus } from "@/engine/definition";
import type { Db } from "@/server/db/create-prisma-client";
import { inQueueOrder, oneOf, parseJson } from "./run-rows";

export interface RunStepRecord {
  stepId: string;
  status: StepStatus;
  /** 1-based number of the current or last attempt; 0 before the first. */
  attempt: number;
  output: unknown;
  error: StepError | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A run as the engine left it in the tables, JSON columns parsed. */
export interface RunRecord {
  id: string;
  status: RunStatus;
  workflowId: string | null;
  /** null when the workflow was deleted or the run had an inline definition (a child run). */
  workflowName: string | null;
  /** The published version the run pinned; null for a run started without one (CLI). */
  version: number | null;
  /** The pinned orka/v1 definition the run executes. */
  definition: unknown;
  /** A test run of a draft from the designer (no version). */
  test: boolean;
  parentRunId: string | null;
  input: unknown;
  output: unknown;
  error: StepError | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** In the order they were queued; steps that never were come last, in the definition's order. */
  steps: RunStepRecord[];
}

/** One run of `teamId` with its steps, in one query; another team's run is null, like a missing one. */
export async function readRun(db: Db, teamId: string, runId: string): Promise<RunRecord | null> {
  const run = await db.run.findFirst({
    where: { id: runId, teamId },
    select: {
      id: true,
      status: true,
      workflowId: true,
      workflow: { select: { name: true } },
      workflowVersion: { select: { number: true } },
      definition: true,
      test: true,
      parentRunId: true,
      input: true,
      output: true,
      error: true,
      createdAt: true,
      updatedAt: true,
      startedAt: true,
      finishedAt: true,
      steps: { select: { stepId: true, status: true, attempt: true, output: true, error: true, queuedAt: true, startedAt: true, finishedAt: true } },
    },
  });
  if (!run) return null;
  const { workflow, workflowVersion, steps, ...rest } = run;
  const definition = parseJson(run.definition);
  return {
    ...rest,
    status: oneOf(runStatuses, run.status),
    workflowName: workflow?.name ?? null,
    version: workflowVersion?.number ?? null,
    definition,
    input: parseJson(run.input),
    output: parseJson(run.output),
    error: parseJson(run.error) as StepError | null,
    steps: inQueueOrder(steps, definition).map(({ queuedAt: _queuedAt, ...step }) => ({
      ...step,
      status: oneOf(stepStatuses, step.status),
      output: parseJson(step.output),
      error: parseJson(step.error) as StepError | null,
    })),
  };
}

export interface ChildRunSummary {
  id: string;
  parentStepId: string | null;
  /** The item's position for a map step's children; null for a sub-workflow. */
  parentIndex: number | null;
  status: RunStatus;
}

/** The runs started by a run's subworkflow and map steps, by step, then item, then age. */
export async function listChildRuns(db: Db, teamId: string, runId: string): Promise<ChildRunSummary[]> {
  const children = await db.run.findMany({
    where: { parentRunId: runId, teamId },
    select: { id: true, parentStepId: true, parentIndex: true, status: true },
    orderBy: [{ parentStepId: "asc" }, { parentIndex: "asc" }, { createdAt: "asc" }],
  });
  return children.map((child) => ({ ...child, status: oneOf(runStatuses, child.status) }));
}
