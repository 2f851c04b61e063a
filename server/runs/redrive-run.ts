import "server-only";
import { planRedrive, stepStatuses, type RedrivePlan } from "@/engine/definition";
import { EngineActionError, type Actor, type Engine } from "@/engine";
import type { Db } from "@/server/db/create-prisma-client";
import { NotFoundError } from "@/server/api/errors";
import { oneOf } from "./run-rows";

/** Which published version a redrive moves a run onto: a number of the run's workflow, or its latest. */
export type RedriveVersion = number | "latest";

export interface RedriveOutcome {
  /** False when the run already was on that version (a repeated request): nothing changed. */
  redriven: boolean;
  /** The version number the run continues on. */
  version: number;
  plan: RedrivePlan;
}

interface RedriveTarget {
  run: { id: string; status: string; workflowId: string; workflowName: string | null; version: number | null; definition: string; steps: { stepId: string; status: string }[] };
  version: { id: string; number: number; definition: unknown };
}

/**
 * The run of `teamId` and the version of its workflow to redrive it on; another team's run is
 * missing, a run without a workflow (CLI, child run) cannot be redriven.
 */
async function findTarget(db: Db, teamId: string, runId: string, version: RedriveVersion): Promise<RedriveTarget> {
  const run = await db.run.findFirst({
    where: { id: runId, teamId },
    select: {
      id: true,
      status: true,
      workflowId: true,
      parentRunId: true,
      definition: true,
      workflow: { select: { name: true } },
      workflowVersion: { select: { number: true } },
      steps: { select: { stepId: true, status: true } },
    },
  });
  if (!run) throw new NotFoundError("run");
  if (!run.workflowId || run.parentRunId) throw new EngineActionError("CONFLICT", "only a top-level run of a saved workflow can be redriven");
  const target = await db.workflowVersion.findFirst({
    where: { workflowId: run.workflowId, ...(version === "latest" ? {} : { number: version }) },
    orderBy: { number: "desc" },
    select: { id: true, number: true, definition: true },
  });
  if (!target) throw new NotFoundError(version === "latest" ? "published version" : `version ${version}`);
  return {
    run: { ...run, workflowId: run.workflowId, workflowName: run.workflow?.name ?? null, version: run.workflowVersion?.number ?? null },
    version: { ...target, definition: JSON.parse(target.definition) as unknown },
  };
}

/**
 * What redriving the run on the version would do, step by step, without doing it. Step rows of
 * ids the run's current definition no longer has (removed by an earlier redrive) do not count.
 */
export async function previewRedrive(db: Db, teamId: string, runId: string, version: RedriveVersion): Promise<{ version: number; runStatus: string; plan: RedrivePlan }> {
  const { run, version: target } = await findTarget(db, teamId, runId, version);
  return { version: target.number, runStatus: run.status, plan: planOf(run, target.definition) };
}

function planOf(run: RedriveTarget["run"], definition: unknown): RedrivePlan {
  const stepIds = stepIdsOf(definition);
  const current = new Set(stepIdsOf(JSON.parse(run.definition)));
  return planRedrive(stepIds, new Map(run.steps.filter((step) => current.has(step.stepId)).map((step) => [step.stepId, oneOf(stepStatuses, step.status)])));
}

function stepIdsOf(definition: unknown): string[] {
  return ((definition as { steps?: { id: string }[] }).steps ?? []).map((step) => step.id);
}

const nothingChanged: RedrivePlan = { kept: [], rerun: [], added: [], removed: [] };

/** Redrives a run of `teamId` on a version of its workflow through the engine; resolves once committed. */
export async function redriveRun(db: Db, engine: Engine, teamId: string, runId: string, version: RedriveVersion, actor: Actor): Promise<RedriveOutcome & { workflowName: string | null }> {
  const { run, version: target } = await findTarget(db, teamId, runId, version);
  const result = await engine.redriveRun(runId, { definition: target.definition, workflowVersionId: target.id }, actor);
  return { redriven: result.redriven, version: target.number, plan: result.plan ?? nothingChanged, workflowName: run.workflowName };
}
