import "server-only";
import type { RunStatus, StepError, StepStatus, WhyWaiting } from "@/engine/definition";
import { hasRole } from "@/server/roles";
import { listChildRuns, readRun, type ChildRunSummary } from "@/server/runs/read-run";
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

export interface RunDetail {
  id: string;
  status: RunStatus;
  workflowId: string | null;
  workflowName: string | null;
  /** The pinned orka/v1 definition the run executes (what the live canvas draws). */
  definition: unknown;
  /** A test run of a draft from the designer (no version). */
  test: boolean;
  parentRunId: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Runs started by this run's subworkflow and map steps. */
  children: ChildRunSummary[];
  /** Whether the caller may act on the run (editor or owner); the server checks again on every action. */
  canAct: boolean;
  /** The published version the run pinned; null for a run started without one (CLI). */
  version: number | null;
  /** The version numbers the run ran on, oldest first (more than one after a redrive). */
  versions: number[];
  /** Why the run and its unfinished steps are not moving, as the server saw it when read (the run page recomputes it live). */
  waiting: WhyWaiting;
  input: unknown;
  output: unknown;
  error: StepError | null;
  createdAt: Date;
  updatedAt: Date;
  /** In the order they were queued; steps that never were come last, in the definition's order. */
  steps: RunStepSummary[];
}

/** One run of the caller's team with its child runs; step outputs stay out (the event stream has them). */
export async function getRun({ ctx, input }: { ctx: TeamContext; input: GetRunInput }): Promise<RunDetail> {
  const teamId = ctx.membership.teamId;
  const [run, children] = await Promise.all([readRun(ctx.db, teamId, input.runId), listChildRuns(ctx.db, teamId, input.runId)]);
  if (!run) throw new NotFoundError("run");
  return {
    ...run,
    children,
    canAct: hasRole(ctx.membership.role, "editor"),
    steps: run.steps.map(({ stepId, status, attempt, error }) => ({ stepId, status, attempt, error })),
  };
}
