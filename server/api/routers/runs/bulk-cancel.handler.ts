import "server-only";
import { terminalRunStatuses } from "@/engine/definition";
import { EngineActionError, type Actor, type Engine } from "@/engine";
import type { AuditEntry } from "@/server/audit/record-audit";
import { requireEngine, type TeamContext } from "../../trpc";
import { actorOf, auditRunAction } from "./operator-access";
import type { BulkRunActionInput, BulkRunActionResult, FailedRun, IneligibleRun } from "./bulk-cancel.schema";
import { getLog } from "@/server/observability/log";

/** Cancels the team's unfinished runs (pending or running); finished ones are reported, not touched. */
export function bulkCancelRuns({ ctx, input }: { ctx: TeamContext; input: BulkRunActionInput }): Promise<BulkRunActionResult> {
  return bulkRunAction(ctx, input, {
    check: (runs) =>
      runs.map((run) =>
        (terminalRunStatuses as readonly string[]).includes(run.status)
          ? { runId: run.id, reason: `already ${run.status}` }
          : { runId: run.id, plan: null },
      ),
    act: (engine, runId, _plan, actor) => engine.cancelRun(runId, actor),
    audit: () => ({ action: "run.cancelled", detail: {} }),
  });
}

/** What a bulk action decides for one of the team's runs: act on it (with a plan), or why not. */
export type BulkDecision<Plan> = { runId: string; plan: Plan } | IneligibleRun;

export interface BulkActionSpec<Plan> {
  check(runs: { id: string; status: string }[]): BulkDecision<Plan>[] | Promise<BulkDecision<Plan>[]>;
  act(engine: Engine, runId: string, plan: Plan, actor: Actor): Promise<void>;
  /** The audit entry of a run acted on: one per run, recorded once `act` succeeded (`bulk: true` and the reason are added). */
  audit(plan: Plan): Pick<AuditEntry, "action" | "detail">;
}

// Enough to fill the engine's group commits without loading hundreds of runs into memory at once.
const concurrency = 8;

/**
 * The frame of `bulkCancel` and `bulkRetry`: reads the named runs of the caller's team only (other
 * ids are "not found", so nothing about them leaks), lets the action decide on each, and either
 * reports the decisions (dry run) or acts on the eligible runs. Eligibility is decided again when
 * acting, so a run that finished after the dry run is skipped, not acted on.
 */
export async function bulkRunAction<Plan>(ctx: TeamContext, input: BulkRunActionInput, spec: BulkActionSpec<Plan>): Promise<BulkRunActionResult> {
  const runs = await ctx.db.run.findMany({
    where: { id: { in: input.runIds }, teamId: ctx.membership.teamId },
    select: { id: true, status: true, workflow: { select: { name: true } } },
  });
  const workflowNames = new Map(runs.map((run) => [run.id, run.workflow?.name ?? null]));
  const decisions = new Map((await spec.check(runs)).map((decision) => [decision.runId, decision]));
  const ordered = input.runIds.map((runId) => decisions.get(runId) ?? { runId, reason: "not found" });
  const eligible = ordered.filter((decision) => "plan" in decision);
  const ineligible = ordered.filter((decision): decision is IneligibleRun => !("plan" in decision));
  if (input.dryRun) return { dryRun: true, eligible: eligible.map((decision) => decision.runId), ineligible };

  const engine = await requireEngine(ctx);
  const actor = actorOf(ctx, input.reason);
  const done: string[] = [];
  const failed: FailedRun[] = [];
  await forEachLimited(eligible, concurrency, async ({ runId, plan }) => {
    try {
      await spec.act(engine, runId, plan, actor);
      done.push(runId);
      const { action, detail } = spec.audit(plan);
      await auditRunAction(ctx, { id: runId, workflowName: workflowNames.get(runId) ?? null }, action, { ...detail, bulk: true, ...(input.reason && { reason: input.reason }) });
    } catch (error) {
      failed.push({ runId, message: messageOf(error, runId) });
    }
  });
  const order = new Map(input.runIds.map((runId, index) => [runId, index]));
  const byInput = (a: string, b: string) => order.get(a)! - order.get(b)!;
  return { dryRun: false, done: done.sort(byInput), failed: failed.sort((a, b) => byInput(a.runId, b.runId)), skipped: ineligible };
}

/** The engine's refusals are meant for people; anything else is not shown to them. */
function messageOf(error: unknown, runId: string): string {
  if (error instanceof EngineActionError) return error.message;
  getLog().error({ err: error, runId }, "bulk run action failed");
  return "internal error";
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
