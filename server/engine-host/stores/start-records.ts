import type { RunMutation, StartRecord } from "../../../engine/ports/run-store";

export type AuditRecord = Extract<StartRecord, { kind: "audit" }>;
export type WebhookUsedRecord = Extract<StartRecord, { kind: "webhook-used" }>;

/** The start records of a commit: every audit entry, and one last-use stamp per webhook (the latest). */
export function splitStartRecords(mutations: readonly RunMutation[]): { audit: AuditRecord[]; webhooksUsed: WebhookUsedRecord[] } {
  const audit: AuditRecord[] = [];
  const webhooksUsed = new Map<string, WebhookUsedRecord>();
  for (const mutation of mutations) {
    for (const record of mutation.startRecords ?? []) {
      if (record.kind === "audit") audit.push(record);
      else if ((webhooksUsed.get(record.workflowId)?.at ?? 0) < record.at) webhooksUsed.set(record.workflowId, record);
    }
  }
  return { audit, webhooksUsed: [...webhooksUsed.values()] };
}
