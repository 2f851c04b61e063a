import { errorBranch } from "../definition/schema";
import type { StepError } from "../definition/statuses";
import type { StepRunRow } from "../ports/run-store";
import type { RunContext } from "./run-context";

/** The failure as the error branch sees it: `$steps.<id>.output` of a step that took its error edge. */
export interface StepFailureOutput extends StepError {
  stepId: string;
  attempt: number;
}

/**
 * How a permanent failure moves a step to `failed`: with an `error` edge it takes that branch and
 * the failure becomes its output; an `optional` step is marked so; otherwise the run waits for an
 * operator. `handled` tells the caller to progress the run instead of only settling it.
 */
export function failedStep(context: RunContext, stepId: string, error: StepError): { patch: Partial<StepRunRow>; payload: Record<string, unknown>; handled: boolean } {
  const attempt = context.step(stepId).attempt;
  if (context.graph.outgoing.get(stepId)?.some((edge) => edge.branch === errorBranch)) {
    const output: StepFailureOutput = { kind: error.kind, message: error.message, stepId, attempt };
    return { patch: { branch: errorBranch, output }, payload: { branch: errorBranch, output }, handled: true };
  }
  if (context.stepsById.get(stepId)?.optional) return { patch: { branch: null, output: null }, payload: { optional: true }, handled: true };
  return { patch: { branch: null }, payload: {}, handled: false };
}
