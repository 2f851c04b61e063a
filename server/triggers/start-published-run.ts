import "server-only";
import { ValidationError, type Engine } from "@/engine";
import { runTarget } from "@/server/audit/audit-targets";
import { recordAuditAfter, type AuditActor } from "@/server/audit/record-audit";
import type { Db } from "@/server/db/create-prisma-client";
import { TriggerError } from "./trigger-error";

export interface PublishedRunRequest {
  teamId: string;
  workflowId: string;
  /** A published version number; the latest when omitted. */
  version?: number;
  input: unknown;
  /** Who the audit log names as starting the run: "webhook", "schedule", "API key <name>". */
  actor: AuditActor;
  /** The new run's id when the caller chose it beforehand (an idempotency claim); the engine makes one otherwise. */
  runId?: string;
}

export interface StartedRun {
  runId: string;
  version: number;
}

/**
 * Starts a run of a team workflow's published version: what webhooks, schedules and the REST API
 * share. The engine checks the input against the version's schema before it writes anything, so
 * every refusal here leaves no run behind.
 */
export async function startPublishedRun(db: Db, engine: Engine, request: PublishedRunRequest): Promise<StartedRun> {
  const workflow = await db.workflow.findFirst({ where: { id: request.workflowId, teamId: request.teamId }, select: { id: true, name: true } });
  if (!workflow) throw new TriggerError("NOT_FOUND", "workflow not found");
  const version = await db.workflowVersion.findFirst({
    where: { workflowId: workflow.id, ...(request.version === undefined ? {} : { number: request.version }) },
    orderBy: { number: "desc" },
    select: { id: true, number: true, definition: true },
  });
  if (!version && request.version !== undefined) throw new TriggerError("NOT_FOUND", `version ${request.version} of workflow "${workflow.name}" not found`);
  if (!version) throw new TriggerError("NOT_PUBLISHED", `workflow "${workflow.name}" has no published version — publish it first`);
  try {
    const { runId } = await engine.startRun({
      runId: request.runId,
      definition: JSON.parse(version.definition) as unknown,
      input: request.input,
      teamId: request.teamId,
      workflowId: workflow.id,
      workflowVersionId: version.id,
    });
    const detail = { workflow: workflow.name, workflowId: workflow.id, version: version.number };
    await recordAuditAfter(db, { teamId: request.teamId, actor: request.actor, action: "run.started", target: runTarget(runId, workflow.name), detail });
    return { runId, version: version.number };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const aboutInput = error.issues.every((issue) => issue.path === "input" || issue.path.startsWith("input."));
    throw new TriggerError(aboutInput ? "INVALID_INPUT" : "INVALID_DEFINITION", error.message, error.issues);
  }
}
