import type { StepError } from "../definition/statuses";
import { classifyError } from "../errors";
import { evaluateExpression } from "../expressions/evaluate";
import type { RunContext } from "./run-context";
import type { Runtime } from "./runtime";

/**
 * Completes a run whose steps all settled: evaluates the output expression (async, so the run is
 * marked `finishing` meanwhile) and commits `run.completed`, or `run.failed` when it cannot.
 */
export async function finishRun(runtime: Runtime, context: RunContext): Promise<void> {
  let output: unknown;
  let error: StepError | null = null;
  try {
    output = context.definition.output === undefined ? defaultOutput(context) : await evaluateExpression(context.definition.output, runtime.scope(context));
  } catch (thrown) {
    error = { ...classifyError(thrown), message: `output expression: ${classifyError(thrown).message}` };
  }
  context.finishing = false;
  // An isolated evaluation fails when `stop()` closes the evaluator: a stopping engine records nothing.
  if (runtime.stopped || !runtime.isCurrent(context) || context.run.status !== "running") return;
  if (error) context.moveRun("failed", { error, finishedAt: runtime.now() }, "run.failed", { error, failedSteps: [] });
  else context.moveRun("completed", { output, error: null, finishedAt: runtime.now() }, "run.completed", { output });
  runtime.touch(context);
}

/** Without an `output` expression a run's output is the outputs of its completed end steps. */
function defaultOutput(context: RunContext): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const [stepId, edges] of context.graph.outgoing) {
    const row = context.step(stepId);
    if (edges.length === 0 && (row.status === "completed" || row.status === "resolved")) output[stepId] = row.output;
  }
  return output;
}
