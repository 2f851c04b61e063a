import "server-only";
import { runStatuses, stepStatuses, whyWaiting, type RunStatus, type StepError, type StepStatus, type WhyWaiting } from "@/engine/definition";
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
  /** The version numbers the run ran on, oldest first, the current one last (more than one after a redrive). */
  versions: number[];
  /** Why the run and each unfinished step are not moving (computed from the state, now). */
  waiting: WhyWaiting;
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
      previousVersions: true,
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
      steps: {
        select: { stepId: true, status: true, attempt: true, output: true, error: true, state: true, queuedAt: true, startedAt: true, finishedAt: true, wakeAt: true },
      },
    },
  });
  if (!run) return null;
  const { workflow, workflowVersion, steps, previousVersions, ...rest } = run;
  const definition = parseJson(run.definition) as WaitingDefinition;
  // Rows of steps a redrive removed stay as history; the run's current definition no longer has them.
  const current = new Set(definition.steps.map((step) => step.id));
  const rows = inQueueOrder(steps, definition)
    .filter((step) => current.has(step.stepId))
    .map(({ queuedAt: _queuedAt, state, wakeAt, ...step }) => ({
      ...step,
      status: oneOf(stepStatuses, step.status),
      output: parseJson(step.output),
      error: parseJson(step.error) as StepError | null,
      wait: step.status === "waiting" ? (parseJson(state) as Record<string, unknown> | null) : null,
      wakeAt,
    }));
  const status = oneOf(runStatuses, run.status);
  const error = parseJson(run.error) as StepError | null;
  const waiting = whyWaiting({ status, error, definition, steps: Object.fromEntries(rows.map((row) => [row.stepId, row])) }, new Date());
  return {
    ...rest,
    status,
    workflowName: workflow?.name ?? null,
    version: workflowVersion?.number ?? null,
    versions: await versionNumbers(db, parseJson(previousVersions) as { workflowVersionId: string | null }[], workflowVersion?.number ?? null),
    waiting,
    definition,
    input: parseJson(run.input),
    output: parseJson(run.output),
    error,
    steps: rows.map(({ wait: _wait, wakeAt: _wakeAt, ...step }) => step),
  };
}

type WaitingDefinition = Parameters<typeof whyWaiting>[0]["definition"];

/** The numbers of the versions a run ran on (before a redrive: only its own); versions without a number (CLI runs) are left out. */
async function versionNumbers(db: Db, previous: { workflowVersionId: string | null }[], current: number | null): Promise<number[]> {
  const ids = previous.map((entry) => entry.workflowVersionId).filter((id): id is string => id !== null);
  const found = ids.length === 0 ? [] : await db.workflowVersion.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } });
  const numberOf = new Map(found.map((version) => [version.id, version.number]));
  const numbers = ids.map((id) => numberOf.get(id)).filter((number): number is number => number !== undefined);
  return current === null ? numbers : [...numbers, current];
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
