import { failureMessage, operatorActionFor, resolution, stopOutput, type CaseEdge, type CaseStep, type PlainStep, type WorkflowCase } from "./dag-arbitraries";

/**
 * An independent model of the semantics in docs/format.md ("How a run proceeds") for the cases of `dag-arbitraries.ts`: what every step and
 * the run end as. Written from the design text, not from `engine/scheduling`, and deliberately
 * naive: one pass in topological order, since a step's fate only depends on its parents' fates.
 *
 * - An edge is live when its source completed or was resolved and took the edge's branch (or the
 *   edge has none; an `error` edge is never taken by a success); dead when its source was skipped
 *   or took another branch; otherwise (source failed, or never ran) it is unsettled.
 * - A step that fails for good with an `error` edge takes it: that edge is live, its others dead,
 *   and its output is the failure `{ kind, message, stepId, attempt }`. An `optional` step without
 *   one fails with output null and its other edges are live. Either way the failure is handled:
 *   it does not fail the run, and no operator acts on it.
 * - A step with no incoming edge runs. Otherwise: any unsettled edge → it stays pending; else any
 *   live edge → it runs; else (all dead) → skipped.
 * - Retries: attempts continue while the error is transient and fewer than `maxAttempts` attempts
 *   of the current budget were used; a manual retry starts a fresh budget.
 * - The run: completed when a `stop` step ran (output: the stop's), else failed when a step failed
 *   and its failure is not handled,
 *   else completed with the outputs of the completed/resolved steps without outgoing edges.
 */

export type Fate = "completed" | "resolved" | "failed" | "skipped" | "pending";

export interface StepPrediction {
  status: Fate;
  /** Number of the last attempt (0: never started). */
  attempts: number;
  output: unknown;
  branch: string | null;
  /** The class of the last error of a step that ended failed (null otherwise). */
  errorKind: "transient" | "permanent" | null;
  /** A failed step the run went on without (error edge or optional). */
  handled?: boolean;
}

/** The edge rule of docs/format.md, written out again for the oracle. */
export function predictedEdgeState(edge: CaseEdge, source: StepPrediction): "live" | "dead" | "unsettled" {
  if (source.status === "completed" || source.status === "resolved") return edge.branch === undefined || edge.branch === source.branch ? "live" : "dead";
  if (source.status === "failed" && source.handled) {
    if (source.branch === "error") return edge.branch === "error" ? "live" : "dead";
    return edge.branch === "error" ? "dead" : "live";
  }
  return source.status === "skipped" ? "dead" : "unsettled";
}

export interface Prediction {
  steps: Record<string, StepPrediction>;
  /** `stop` steps that become ready; when any does, the run ends early and timing decides the rest. */
  stopsReached: string[];
  run: { status: "completed" | "failed"; output: unknown; vars: Record<string, unknown> };
}

/**
 * `first-run`: nobody intervenes. `operator`: each failed step is retried (until it succeeds) or
 * resolved with `resolution(id)`, as `operatorActionFor` says, until the run completes.
 */
export type OracleMode = "first-run" | "operator";

/** Attempts `first`, `first+1`, … of a code step within one retry budget. */
export function attemptCode(plain: Extract<PlainStep, { type: "code" }>, first: number): { ok: boolean; last: number } {
  let attempt = first;
  for (let used = 1; ; used++, attempt++) {
    if (attempt > plain.failures) return { ok: true, last: attempt };
    if (plain.error === "permanent" || used >= plain.maxAttempts) return { ok: false, last: attempt };
  }
}

export function predict(workflow: WorkflowCase, mode: OracleMode = "first-run"): Prediction {
  const steps: Record<string, StepPrediction> = {};
  const stopsReached: string[] = [];
  const vars: Record<string, unknown> = {};

  for (const step of workflow.steps) {
    const incoming = workflow.edges.filter((edge) => edge.to === step.id);
    const states = incoming.map((edge) => predictedEdgeState(edge, steps[edge.from]!));
    if (states.includes("unsettled")) steps[step.id] = { status: "pending", attempts: 0, output: null, branch: null, errorKind: null };
    else if (incoming.length > 0 && !states.includes("live")) steps[step.id] = { status: "skipped", attempts: 0, output: null, branch: null, errorKind: null };
    else {
      // No operator acts on a failure the run goes on without.
      const handles = step.kind === "plain" && (step.optional || workflow.edges.some((edge) => edge.from === step.id && edge.branch === "error"));
      steps[step.id] = handleFailure(step, execute(step, handles ? "first-run" : mode), workflow);
      if (step.kind === "plain" && step.plain.type === "stop") stopsReached.push(step.id);
      const assigns = step.kind === "plain" && (step.plain.type === "noop" || step.plain.type === "code") && step.plain.assign;
      if (assigns && steps[step.id]!.status === "completed") vars[step.id] = steps[step.id]!.output;
    }
  }

  const failed = Object.values(steps).some((step) => step.status === "failed" && !step.handled);
  const output: Record<string, unknown> = {};
  for (const step of workflow.steps) {
    const fate = steps[step.id]!;
    const isEnd = !workflow.edges.some((edge) => edge.from === step.id);
    if (isEnd && (fate.status === "completed" || fate.status === "resolved")) output[step.id] = fate.output;
  }
  const run: Prediction["run"] =
    stopsReached.length > 0
      ? { status: "completed", output: stopOutput(stopsReached[0]!), vars }
      : failed
        ? { status: "failed", output: null, vars }
        : { status: "completed", output, vars };
  return { steps, stopsReached, run };
}

/** A failure of a step with an error edge or `optional` is handled: see the rules above. */
function handleFailure(step: CaseStep, fate: StepPrediction, workflow: WorkflowCase): StepPrediction {
  if (fate.status !== "failed" || step.kind !== "plain") return fate;
  const message = failureMessage(step);
  if (workflow.edges.some((edge) => edge.from === step.id && edge.branch === "error"))
    return { ...fate, handled: true, branch: "error", output: { kind: fate.errorKind, message, stepId: step.id, attempt: fate.attempts } };
  return step.optional ? { ...fate, handled: true } : fate;
}

function execute(step: CaseStep, mode: OracleMode): StepPrediction {
  if (step.kind === "condition") return { status: "completed", attempts: 1, output: step.value, branch: String(step.value), errorKind: null };
  if (step.kind === "switch") {
    const label = step.cases.find((entry) => entry.matches)?.label ?? "default";
    return { status: "completed", attempts: 1, output: label, branch: label, errorKind: null };
  }
  const plain = step.plain;
  const errorKind = plain.type === "code" ? plain.error : "permanent";
  const failed = (attempts: number): StepPrediction =>
    mode === "operator" && operatorActionFor(step) === "resolve"
      ? { status: "resolved", attempts, output: resolution(step.id), branch: null, errorKind: null }
      : { status: "failed", attempts, output: null, branch: null, errorKind };
  switch (plain.type) {
    case "noop":
      return { status: "completed", attempts: 1, output: plain.value, branch: null, errorKind: null };
    case "stop":
      return { status: "completed", attempts: 1, output: stopOutput(step.id), branch: null, errorKind: null };
    case "fail":
      return failed(1);
    case "code": {
      let result = attemptCode(plain, 1);
      if (!result.ok && mode === "operator" && operatorActionFor(step) === "retry") {
        for (let round = 0; !result.ok; round++) {
          if (round > 1_000) throw new Error(`oracle: ${step.id} never heals`);
          result = attemptCode(plain, result.last + 1);
        }
      }
      return result.ok ? { status: "completed", attempts: result.last, output: plain.value, branch: null, errorKind: null } : failed(result.last);
    }
  }
}
