import "server-only";
import type { TeamContext } from "../../trpc";

export interface AuditActorOption {
  id: string;
  name: string;
}

/**
 * The people who appear in the team's log, by name: the choices of its "who" filter. Former
 * members stay (their entries do); machine actors have no user id, so they are not choices.
 */
export async function listAuditActors({ ctx }: { ctx: TeamContext }): Promise<AuditActorOption[]> {
  const groups = await ctx.db.auditEvent.groupBy({ by: ["actorId"], where: { teamId: ctx.membership.teamId, actorId: { not: null } } });
  const ids = groups.flatMap((group) => (group.actorId ? [group.actorId] : []));
  if (ids.length === 0) return [];
  return ctx.db.user.findMany({ where: { id: { in: ids } }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } });
}
