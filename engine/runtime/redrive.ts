import type { Definition } from "../definition/schema";
import { planRedrive, type RedrivePlan } from "../definition/redrive-plan";
import type { StoredRun } from "../ports/run-store";
import { pendingStepRow } from "./new-run";
import { RunContext } from "./run-context";

/** The version a run is redriven on. */
export interface RedriveTarget {
  definition: Definition;
  workflowVersionId: string | null;
}

/**
 * A new context for `current` (a failed or cancelled run) on the target definition: kept steps as
 * they are, re-run and added steps `pending` with their attempt count carried on (so idempotency
 * keys `runId:stepId:attempt` never repeat) and a fresh retry budget, the run `running` again with
 * one `run.redriven` event. Nothing is durable until the caller commits it, all in one transaction.
 */
export function redriveContext(current: RunContext, target: RedriveTarget, now: () => Date, payload: Record<string, unknown>): { context: RunContext; plan: RedrivePlan } {
  const statuses = new Map([...current.steps].map(([stepId, row]) => [stepId, row.status]));
  const plan = planRedrive(target.definition.steps.map((step) => step.id), statuses);
  const at = now();
  const snapshot = current.snapshot();
  const fromVersionId = snapshot.run.workflowVersionId;
  const restarted = [...plan.rerun, ...plan.added].map((stepId) => pendingStepRow(snapshot.run.id, stepId, current.steps.get(stepId)?.attempt ?? 0, at));
  const stored: StoredRun = {
    run: { ...snapshot.run, definition: target.definition },
    steps: [...plan.kept.map((stepId) => current.step(stepId)), ...restarted],
    lastSeq: snapshot.lastSeq,
  };
  const context = new RunContext(stored, now, target.definition);
  for (const row of restarted) context.patchStep(row.stepId, {});
  context.moveRun(
    "running",
    {
      workflowVersionId: target.workflowVersionId,
      previousVersions: [...(snapshot.run.previousVersions ?? []), { workflowVersionId: fromVersionId, until: at.toISOString(), seq: snapshot.lastSeq + 1 }],
      output: null,
      error: null,
      finishedAt: null,
    },
    "run.redriven",
    { fromVersionId, toVersionId: target.workflowVersionId, ...plan, attempts: Object.fromEntries(restarted.map((row) => [row.stepId, row.attempt])), ...payload },
  );
  return { context, plan };
}

