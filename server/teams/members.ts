import "server-only";
import { ValidationError } from "@/engine/definition/issues";
import { recordAudit, type AuditActor } from "@/server/audit/record-audit";
import { NotFoundError } from "@/server/api/errors";
import { isRole, type Role } from "@/server/roles";
import { inTransaction, type TeamsDb } from "./teams-db";

export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

/** Everyone in the team, in the order they joined. */
export async function listMembers(db: TeamsDb, teamId: string): Promise<TeamMember[]> {
  const memberships = await db.membership.findMany({
    where: { teamId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  return memberships.flatMap(({ role, createdAt, user }) => (isRole(role) ? [{ userId: user.id, name: user.name, email: user.email, role, joinedAt: createdAt }] : []));
}

interface MemberChange {
  teamId: string;
  userId: string;
  actor: AuditActor;
}

/** Gives a member another role; the team's last owner keeps theirs. Unchanged roles record nothing. */
export async function changeMemberRole(db: TeamsDb, { teamId, userId, role, actor }: MemberChange & { role: Role }): Promise<{ userId: string; role: Role }> {
  return inTransaction(db, async (tx) => {
    const member = await lockedMember(tx, teamId, userId);
    if (member.role === role) return { userId, role };
    await tx.membership.update({ where: { id: member.id }, data: { role }, select: { id: true } });
    await requireAnOwner(tx, teamId, `${member.user.email} is the team's last owner: make another member owner first`, "role not changed");
    await recordAudit(tx, { teamId, actor, action: "member.role_changed", target: memberTarget(member), detail: { from: member.role, to: role } });
    return { userId, role };
  });
}

/**
 * Takes a member out of the team (`leaving`: they asked to). The team's last owner cannot go.
 * Their sessions acting in this team fall back to their first team.
 */
export async function removeMember(db: TeamsDb, { teamId, userId, actor, leaving = false }: MemberChange & { leaving?: boolean }): Promise<{ userId: string }> {
  return inTransaction(db, async (tx) => {
    const member = await lockedMember(tx, teamId, userId);
    await tx.membership.delete({ where: { id: member.id }, select: { id: true } });
    const lastOwner = leaving ? "you are the team's last owner: make another member owner before you leave" : `${member.user.email} is the team's last owner: make another member owner first`;
    await requireAnOwner(tx, teamId, lastOwner, leaving ? "not left" : "member not removed");
    await tx.session.updateMany({ where: { userId, activeTeamId: teamId }, data: { activeTeamId: null } });
    await recordAudit(tx, { teamId, actor, action: "member.removed", target: memberTarget(member), detail: { role: member.role, ...(leaving && { left: true }) } });
    return { userId };
  });
}

/**
 * The member, after locking the team's row: two owners demoting each other at once would each
 * still count the other as owner and leave the team with none. Writing the team row first makes
 * such changes wait for one another (PostgreSQL row lock; SQLite has one writer anyway).
 */
async function lockedMember(tx: TeamsDb, teamId: string, userId: string) {
  await tx.$executeRaw`UPDATE teams SET name = name WHERE id = ${teamId}`;
  const member = await tx.membership.findUnique({
    where: { userId_teamId: { userId, teamId } },
    select: { id: true, role: true, user: { select: { id: true, email: true } } },
  });
  if (!member) throw new NotFoundError("member");
  return member;
}

/** Checked after the change, inside its transaction: throwing rolls the change back. */
async function requireAnOwner(tx: TeamsDb, teamId: string, message: string, summary: string): Promise<void> {
  const owners = await tx.membership.count({ where: { teamId, role: "owner" } });
  if (owners === 0) throw new ValidationError([{ path: "", message }], summary);
}

function memberTarget(member: { user: { id: string; email: string } }) {
  return { type: "member" as const, id: member.user.id, label: member.user.email };
}
