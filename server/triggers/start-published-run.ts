import "server-only";
import { ValidationError, type Engine, type StartRecord } from "@/engine";
import { runTarget } from "@/server/audit/audit-targets";
import { auditStartRecord, type AuditActor } from "@/server/audit/record-audit";
import { preparedDefinition, type PublishedWorkflow, type StartCatalog } from "./start-catalog";
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
  /** Further rows committed with the run and its audit entry (a webhook's last-use stamp). */
  alsoRecord?: readonly StartRecord[];
  /** The workflow and its latest version when the caller read them already (with a webhook token); only without `version`. */
  published?: PublishedWorkflow;
  /** The request's W3C `traceparent` header: the run's trace continues the caller's (an invalid one is ignored). */
  traceParent?: string | null;
}

export interface StartedRun {
  runId: string;
  version: number;
}

/**
 * Starts a run of a team workflow's published version: what webhooks, schedules and the REST API
 * share. The engine checks the input against the version's schema before it writes anything, so
 * every refusal here leaves no run behind; the audit entry is committed in the run's own
 * transaction, so a started run always has exactly one.
 */
export async function startPublishedRun(catalog: StartCatalog, engine: Engine, request: PublishedRunRequest): Promise<StartedRun> {
  const workflow =
    request.published && request.version === undefined ? request.published : await catalog.findPublished(request.teamId, request.workflowId, request.version);
  if (!workflow) throw new TriggerError("NOT_FOUND", "workflow not found");
  const { version } = workflow;
  if (!version && request.version !== undefined) throw new TriggerError("NOT_FOUND", `version ${request.version} of workflow "${workflow.name}" not found`);
  if (!version) throw new TriggerError("NOT_PUBLISHED", `workflow "${workflow.name}" has no published version — publish it first`);
  try {
    const detail = { workflow: workflow.name, workflowId: request.workflowId, version: version.number };
    const { runId } = await engine.startRun({
      runId: request.runId,
      definition: await preparedDefinition(catalog, engine, version.id),
      input: request.input,
      teamId: request.teamId,
      workflowId: request.workflowId,
      workflowVersionId: version.id,
      traceParent: request.traceParent,
      records: (newRunId) => [
        auditStartRecord({ teamId: request.teamId, actor: request.actor, action: "run.started", target: runTarget(newRunId, workflow.name), detail }),
        ...(request.alsoRecord ?? []),
      ],
    });
    return { runId, version: version.number };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const aboutInput = error.issues.every((issue) => issue.path === "input" || issue.path.startsWith("input."));
    throw new TriggerError(aboutInput ? "INVALID_INPUT" : "INVALID_DEFINITION", error.message, error.issues);
  }
}
