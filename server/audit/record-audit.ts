import { randomUUID } from "node:crypto";
import type { StartRecord } from "@/engine";
import type { Db } from "@/server/db/create-prisma-client";
import { getLog } from "@/server/observability/log";

/** Everything the audit log records, grouped by what it is about. */
export const auditActions = [
  "team.created",
  "team.renamed",
  "member.invited",
  "member.joined",
  "member.role_changed",
  "member.removed",
  "invite.revoked",
  "workflow.created",
  "workflow.imported",
  "workflow.renamed",
  "workflow.deleted",
  "workflow.published",
  "workflow.version_restored",
  "run.started",
  "run.step_retried",
  "run.step_resolved",
  "run.step_approved",
  "run.step_rejected",
  "run.cancelled",
  "run.redriven",
  "template.published",
  "template.used",
  "template.deleted",
  "secret.saved",
  "secret.deleted",
  "api_key.created",
  "api_key.revoked",
  "webhook.rotated",
  "webhook.deleted",
  "schedule.created",
  "schedule.updated",
  "schedule.deleted",
  "breaker.reset",
  "subscription.created",
  "subscription.deleted",
  "subscription.redelivered",
] as const;
export type AuditAction = (typeof auditActions)[number];

/** What an entry is about; the part of its action before the dot names one of these (or "team"). */
export const auditTargetTypes = ["team", "member", "invite", "workflow", "run", "template", "secret", "api_key", "webhook", "schedule", "breaker", "subscription"] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];

/** A person (user id and name) or a machine actor ("webhook", "schedule", "API key ci"). */
export interface AuditActor {
  id?: string | null;
  name: string;
}

export interface AuditEntry {
  teamId: string;
  actor: AuditActor;
  action: AuditAction;
  target: { type: AuditTargetType; id?: string | null; label?: string };
  /** The action's particulars, e.g. `{ from: "viewer", to: "editor" }`; never secret values. */
  detail?: Record<string, unknown>;
}

/** Appends one entry; pass a transaction client to record it atomically with the change it describes. */
export async function recordAudit(db: Pick<Db, "auditEvent">, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      teamId: entry.teamId,
      actorId: entry.actor.id ?? null,
      actorName: entry.actor.name,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id ?? null,
      targetLabel: entry.target.label ?? "",
      detail: JSON.stringify(entry.detail ?? {}),
    },
  });
}

/**
 * The entry as a row the engine writes in the same transaction as the run it describes
 * (`StartRunRequest.records`): a run start is never committed without its entry, nor the entry without the run.
 */
export function auditStartRecord(entry: AuditEntry, now = new Date()): StartRecord {
  return {
    kind: "audit",
    id: randomUUID(),
    teamId: entry.teamId,
    actorId: entry.actor.id ?? null,
    actorName: entry.actor.name,
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id ?? null,
    targetLabel: entry.target.label ?? "",
    detail: JSON.stringify(entry.detail ?? {}),
    createdAt: now,
  };
}

/**
 * Records an action already committed on another connection: the engine writes runs through its
 * own driver, so no transaction spans the run and its entry. The action happened either way, so a
 * failed write is logged, not thrown: an error would make a client retry a run that did start.
 */
export async function recordAuditAfter(db: Pick<Db, "auditEvent">, entry: AuditEntry): Promise<void> {
  try {
    await recordAudit(db, entry);
  } catch (error) {
    getLog().error({ err: error, teamId: entry.teamId, action: entry.action, target: entry.target.type, targetId: entry.target.id ?? null }, "could not record an audit entry");
  }
}

/** Runs started by a webhook call, a cron schedule or the REST API carry no person: these name the machine. */
export const webhookActor: AuditActor = { name: "webhook" };
export const scheduleActor: AuditActor = { name: "schedule" };
export function apiKeyActor(keyName: string): AuditActor {
  return { name: `API key ${keyName}` };
}

/** The signed-in person as an audit actor. */
export function personActor(session: { user: { id: string; name: string } }): AuditActor {
  return { id: session.user.id, name: session.user.name };
}
