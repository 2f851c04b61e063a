import "server-only";
import type { TeamContext } from "../../trpc";
import { keysetPage, olderThan } from "@/server/keyset-cursor";
import { actionsMatching, type ListAuditInput } from "./list.schema";
import { targetHrefs } from "./target-hrefs";

export interface AuditEntryView {
  id: string;
  createdAt: Date;
  /** One of `auditActions` (kept a string: rows outlive the list of actions). */
  action: string;
  /** A person (with their user id while the account exists) or a machine ("webhook", "schedule", "API key CI"). */
  actor: { id: string | null; name: string };
  /** `href` opens the target's page, only while it still exists in the caller's team. */
  target: { type: string; id: string | null; label: string; href: string | null };
  detail: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/**
 * The caller's team's audit log, newest first. Pages are keyed on `(createdAt, id)`, both in the
 * sort, so entries recorded while someone pages through land above the first page and never shift
 * a later one: no entry is listed twice or skipped.
 */
export async function listAuditEntries({ ctx, input }: { ctx: TeamContext; input: ListAuditInput }): Promise<AuditPage> {
  const filters = [
    { teamId: ctx.membership.teamId },
    input.action ? { action: { in: [...new Set(input.action.flatMap(actionsMatching))] } } : {},
    input.actor ? { actorId: input.actor } : {},
    input.targetType ? { targetType: input.targetType } : {},
    input.since || input.until ? { createdAt: { ...(input.since && { gte: input.since }), ...(input.until && { lt: input.until }) } } : {},
    olderThan(input.cursor),
  ];
  const rows = await ctx.db.auditEvent.findMany({
    where: { AND: filters },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: { id: true, createdAt: true, action: true, actorId: true, actorName: true, targetType: true, targetId: true, targetLabel: true, detail: true },
  });
  const { rows: shown, nextCursor } = keysetPage(rows, input.limit);
  const page = shown.map((row) => ({ ...row, detail: parseDetail(row.detail) }));
  const hrefs = await targetHrefs(ctx, page);
  return {
    entries: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      action: row.action,
      actor: { id: row.actorId, name: row.actorName },
      target: { type: row.targetType, id: row.targetId, label: row.targetLabel, href: hrefs.get(row.id) ?? null },
      detail: row.detail,
    })),
    nextCursor,
  };
}

/** Details are written by `recordAudit` only, but a hand-edited row must not break the page. */
function parseDetail(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
