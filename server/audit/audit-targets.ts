import type { AuditEntry } from "./record-audit";

type AuditTarget = AuditEntry["target"];

/** A workflow, labelled with its name. */
export function workflowTarget(workflow: { id: string; name: string }): AuditTarget {
  return { type: "workflow", id: workflow.id, label: workflow.name };
}

/** A run, labelled with its workflow's name (runs have none of their own; empty once the workflow is gone). */
export function runTarget(runId: string, workflowName: string | null | undefined): AuditTarget {
  return { type: "run", id: runId, label: workflowName ?? "" };
}
