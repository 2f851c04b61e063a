import { randomUUID } from "node:crypto";
import type { Session } from "../auth";
import type { Db } from "../db/create-prisma-client";
import type { Role } from "../roles";

/** A new team with one member of `role`, and that member's session. */
export async function createTeamWithMember(db: Db, { teamName, role }: { teamName: string; role: Role }): Promise<Session> {
  const suffix = randomUUID().slice(0, 8);
  const team = await db.team.create({ data: { name: teamName, slug: `team-${suffix}` }, select: { id: true, name: true } });
  const user = await db.user.create({
    data: { email: `${role}-${suffix}@example.test`, name: `${role} ${suffix}` },
    select: { id: true, email: true, name: true },
  });
  await db.membership.create({ data: { userId: user.id, teamId: team.id, role } });
  return { user, team, role };
}
