import "server-only";
import { defaultOwner, defaultTeam } from "./db/default-owner";
import { getAppDatabase, type Db } from "./db/prisma";
import { isRole, type Role } from "./roles";

export interface Session {
  user: { id: string; email: string; name: string };
  team: { id: string; name: string };
  role: Role;
  /** The sign-in session's row id (`sessions.id`): switching team writes `active_team_id` there. Absent for in-process callers. */
  sessionId?: string;
}

/**
 * The signed-in person and the team they act in. Until accounts exist this is always the seeded
 * default owner in the default team; sign-in replaces this function only. `null` when the
 * database has not been seeded.
 */
export async function getSession(db: Db = getAppDatabase().db): Promise<Session | null> {
  const membership = await db.membership.findFirst({
    where: { user: { email: defaultOwner.email }, team: { slug: defaultTeam.slug } },
    select: {
      role: true,
      user: { select: { id: true, email: true, name: true } },
      team: { select: { id: true, name: true } },
    },
  });
  if (!membership || !isRole(membership.role)) return null;
  return { user: membership.user, team: membership.team, role: membership.role };
}
