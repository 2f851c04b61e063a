import type { Db } from "@/server/db/create-prisma-client";

export interface StoredAuditEntry {
  action: string;
  actorId: string | null;
  actorName: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string;
  detail: unknown;
}

export interface AuditWatcher {
  /** The team's entries recorded since the previous call (or since the watcher was made), oldest first. */
  fresh(): Promise<StoredAuditEntry[]>;
}

/**
 * Reads a team's audit rows straight from the table, so recording tests check what was written,
 * not what `audit.list` makes of it. Everything already in the log when it is made counts as seen.
 */
export async function watchAudit(db: Db, teamId: string): Promise<AuditWatcher> {
  const seen = new Set<string>();
  const read = async () => {
    const rows = await db.auditEvent.findMany({
      where: { teamId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, action: true, actorId: true, actorName: true, targetType: true, targetId: true, targetLabel: true, detail: true },
    });
    const unseen = rows.filter((row) => !seen.has(row.id));
    for (const row of unseen) seen.add(row.id);
    return unseen.map(({ id: _id, detail, ...row }) => ({ ...row, detail: JSON.parse(detail) as unknown }));
  };
  await read();
  return { fresh: read };
}
