import type { AuditEntry } from "./record-audit";

type AuditTarget = AuditEntry["target"];

/** A workflow, labelled with its name. */
export function workflowTarget(workflow: { id: string; name: string }): AuditTarget {
  return { type: "workflow", id: workflow.id, label: workflow.name };
}

/** An event subscription, labelled with its URL's host only: the rest of a URL may hold a token. */
export function subscriptionTarget(subscription: { id: string; url: string }): AuditTarget {
  return { type: "subscription", id: subscription.id, label: URL.canParse(subscription.url) ? new URL(subscription.url).host : "" };
}

/** A run, labelled with its workflow's name (runs have none of their own; empty once the workflow is gone). */
export function runTarget(runId: string, workflowName: string | null | undefined): AuditTarget {
  return { type: "run", id: runId, label: workflowName ?? "" };
}
