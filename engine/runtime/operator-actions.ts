import { limits } from "../definition/limits";
import type { RedrivePlan } from "../definition/redrive-plan";
import type { Definition } from "../definition/schema";
import { EngineActionError } from "../errors-api";
import type { StepSpecs } from "../steps/registry";
import type { RunContext } from "./run-context";
import { unstorable } from "./storable";
import type { Runtime } from "./runtime";

/** What a redrive did: `redriven: false` when the run already was on the target version. */
export interface RedriveResult {
  redriven: boolean;
  plan: RedrivePlan | null;
}

/** Who acted and why; recorded on the event. */
export interface Actor {
  by?: string;
  reason?: string;
}

/**
 * What operators do to live runs. Each action validates against the current state, changes it
 * through the transition tables, and resolves once the change is committed.
 */
export class OperatorActions {
  constructor(
    private readonly runtime: Runtime,
    private readonly steps: StepSpecs,
  ) {}

  async retryStep(runId: string, stepId: string, actor: Actor = {}): Promise<void> {
    const context = await this.stepOf(runId, stepId);
    const row = context.step(stepId);
    if (row.status !== "failed") throw conflict(`step "${stepId}" is ${row.status}; only a failed step can be retried`);
    refuseHandledFailure(context, stepId);
    this.resume(context, actor);
    context.patchStep(stepId, { retryFrom: row.attempt });
    this.runtime.queue(context, stepId, row.attempt + 1, { manual: true, ...actor });
    await this.runtime.commit(context);
  }

  async resolveStep(runId: string, stepId: string, resolution: { output: unknown; branch?: string }, actor: Actor = {}): Promise<void> {
    const context = await this.stepOf(runId, stepId);
    const row = context.step(stepId);
    if (row.status !== "failed" && row.status !== "waiting")
      throw conflict(`step "${stepId}" is ${row.status}; only a failed or waiting step can be resolved`);
    refuseHandledFailure(context, stepId);
    const output = checkOutput(resolution.output);
    const branch = this.checkBranch(context, stepId, resolution.branch);
    this.resume(context, actor);
    this.runtime.resolve(context, stepId, { output, branch, payload: { ...actor } });
    await this.runtime.commit(context);
  }

  async approveStep(runId: string, stepId: string, decision: { output?: unknown; comment?: string }, actor: Actor = {}): Promise<void> {
    await this.decide(runId, stepId, "approved", decision, actor);
  }

  async rejectStep(runId: string, stepId: string, decision: { comment?: string }, actor: Actor = {}): Promise<void> {
    await this.decide(runId, stepId, "rejected", decision, actor);
  }

  async cancelRun(runId: string, actor: Actor = {}): Promise<void> {
    const context = await this.runOf(runId);
    const status = context.run.status;
    if (status === "completed" || status === "cancelled") throw conflict(`run is already ${status}`);
    this.runtime.cancelRun(context, { ...actor });
    await this.runtime.commit(context);
    await this.runtime.childCancellationsDone(); // the whole tree, from the database, in batches
  }

  /**
   * Continues a failed or cancelled run on another definition (a fixed version of its workflow):
   * completed steps whose ids still exist keep their outputs, the others run under the new
   * definition. Idempotent per target version: asking again once the run is already on it (and no
   * longer failed or cancelled) changes nothing and says so, so a caller that lost the answer in a
   * crash can simply ask again.
   */
  async redriveRun(runId: string, target: { definition: Definition; workflowVersionId: string | null }, actor: Actor = {}): Promise<RedriveResult> {
    let context = await this.runOf(runId);
    while (!this.runtime.isCurrent(context)) context = await this.runOf(runId); // a concurrent redrive replaced it
    const { status, workflowVersionId, previousVersions = [] } = context.run;
    if (status !== "failed" && status !== "cancelled") {
      if (previousVersions.length > 0 && workflowVersionId === target.workflowVersionId) return { redriven: false, plan: null };
      throw conflict(`run is ${status}; only a failed or cancelled run can be redriven`);
    }
    if (context.run.parentRunId) throw conflict("a child run is redriven with its parent run, not on its own");
    const { context: redriven, plan } = this.runtime.redrive(context, target, { ...actor });
    await this.runtime.commit(redriven);
    return { redriven: true, plan };
  }

  /** Cancels one unfinished step; its outgoing edges become dead, so its dependents are skipped. */
  async cancelStep(runId: string, stepId: string, actor: Actor = {}): Promise<void> {
    const context = await this.stepOf(runId, stepId);
    const row = context.step(stepId);
    if (!["pending", "queued", "running", "retrying", "waiting"].includes(row.status)) throw conflict(`step "${stepId}" is ${row.status}; it cannot be cancelled`);
    if (context.run.status !== "running") throw conflict(`run is ${context.run.status}`);
    this.runtime.cancelStep(context, stepId, { ...actor });
    this.runtime.progress(context, [stepId]);
    await this.runtime.commit(context);
  }

  private async decide(runId: string, stepId: string, branch: "approved" | "rejected", decision: { output?: unknown; comment?: string }, actor: Actor) {
    const context = await this.stepOf(runId, stepId);
    const row = context.step(stepId);
    if (context.stepsById.get(stepId)!.type !== "approval") throw badRequest(`step "${stepId}" is not an approval step`);
    if (row.status !== "waiting") throw conflict(`step "${stepId}" is ${row.status}; it is not waiting for a decision`);
    if (context.run.status !== "running") throw conflict(`run is ${context.run.status}`);
    const output = checkOutput(decision.output ?? { decision: branch, comment: decision.comment ?? null, by: actor.by ?? null });
    this.runtime.complete(context, stepId, { output, branch, extra: { decision: branch, comment: decision.comment ?? null, ...actor } });
    await this.runtime.commit(context);
  }

  /** A failed run becomes running again when an operator acts on one of its steps. */
  private resume(context: RunContext, actor: Actor): void {
    if (context.run.status === "failed") context.moveRun("running", { error: null, finishedAt: null }, "run.resumed", { ...actor });
    else if (context.run.status !== "running") throw conflict(`run is ${context.run.status}`);
  }

  private checkBranch(context: RunContext, stepId: string, branch: string | undefined): string | null {
    const step = context.stepsById.get(stepId)!;
    const spec = this.steps.get(step.type);
    if (!spec) throw badRequest(`step "${stepId}" has the type "${step.type}", unknown to this engine`);
    const branches = spec.branches(spec.configSchema.parse(step.config));
    if (branches === null) {
      if (branch !== undefined) throw badRequest(`step "${stepId}" has no branches`);
      return null;
    }
    if (branch === undefined || !branches.includes(branch)) throw badRequest(`resolving "${stepId}" needs a branch: one of ${branches.join(", ")}`);
    return branch;
  }

  private async runOf(runId: string): Promise<RunContext> {
    const context = await this.runtime.loadForAction(runId);
    if (!context) throw new EngineActionError("NOT_FOUND", `run ${runId} not found`);
    return context;
  }

  private async stepOf(runId: string, stepId: string): Promise<RunContext> {
    const context = await this.runOf(runId);
    if (!context.steps.has(stepId)) throw new EngineActionError("NOT_FOUND", `run ${runId} has no step "${stepId}"`);
    return context;
  }
}

/** The run already went on past this failure (error branch or optional): acting on it again would run its dependents twice. */
function refuseHandledFailure(context: RunContext, stepId: string): void {
  if (context.failureHandled(stepId)) throw conflict(`step "${stepId}" failed and the run went on without it (error branch or optional); it cannot be retried or resolved`);
}

function checkOutput(output: unknown): unknown {
  const refusal = output === undefined ? "output is not JSON" : unstorable(output, limits.stepOutputBytes);
  if (refusal) throw badRequest(refusal);
  return JSON.parse(JSON.stringify(output));
}

const conflict = (message: string) => new EngineActionError("CONFLICT", message);
const badRequest = (message: string) => new EngineActionError("BAD_REQUEST", message);
