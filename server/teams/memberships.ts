import "server-only";
import { isRole, type Role } from "@/server/roles";
import type { TeamsDb } from "./teams-db";

export interface TeamOfUser {
  id: string;
  name: string;
  role: Role;
}

/** The user's teams, the one they joined first first. */
export async function teamsOf(db: TeamsDb, userId: string): Promise<TeamOfUser[]> {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { role: true, team: { select: { id: true, name: true } } },
  });
  return memberships.flatMap(({ role, team }) => (isRole(role) ? [{ id: team.id, name: team.name, role }] : []));
}

export interface ActiveTeam {
  team: { id: string; name: string };
  role: Role;
}

/**
 * The team a sign-in session acts in: the one it switched to while the user is still a member
 * there, otherwise the team they joined first; null for someone in no team.
 */
export async function activeTeamFor(db: TeamsDb, { userId, activeTeamId }: { userId: string; activeTeamId?: string | null }): Promise<ActiveTeam | null> {
  const teams = await teamsOf(db, userId);
  const team = teams.find((candidate) => candidate.id === activeTeamId) ?? teams[0];
  return team ? { team: { id: team.id, name: team.name }, role: team.role } : null;
}

/** Points a sign-in session at `teamId` (null: back to the first team). Only the session's own user can move it. */
export async function setActiveTeam(db: TeamsDb, { sessionId, userId, teamId }: { sessionId: string | undefined; userId: string; teamId: string | null }): Promise<void> {
  if (!sessionId) return;
  await db.session.updateMany({ where: { id: sessionId, userId }, data: { activeTeamId: teamId } });
}
