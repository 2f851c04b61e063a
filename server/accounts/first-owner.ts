import { recordAudit } from "@/server/audit/record-audit";
import { defaultOwner, defaultTeam } from "@/server/db/default-owner";
import type { TeamsDb } from "@/server/teams";

/** Nobody can sign in yet: the next sign-up is the install's first person. */
export async function isFirstSignUp(db: Pick<TeamsDb, "account">): Promise<boolean> {
  return (await db.account.count({ where: { providerId: "credential" } })) === 0;
}

/**
 * Makes the install's first person owner of its first team (the seeded "My team" with the
 * examples, or a new one), inside the sign-up's transaction, which has checked they are first.
 * Installs from before sign-in existed have a placeholder owner (owner@orka.local, no password):
 * the first person takes over what it authored, and it goes.
 */
export async function makeFirstOwner(tx: TeamsDb, user: { id: string; name: string; email: string }): Promise<void> {
  const team =
    (await tx.team.findUnique({ where: { slug: defaultTeam.slug }, select: { id: true } })) ??
    (await tx.team.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } })) ??
    (await tx.team.create({ data: { ...defaultTeam }, select: { id: true } }));
  await takeOverPlaceholder(tx, user.id);
  await tx.membership.create({ data: { userId: user.id, teamId: team.id, role: "owner" }, select: { id: true } });
  await recordAudit(tx, {
    teamId: team.id,
    actor: { id: user.id, name: user.name },
    action: "member.joined",
    target: { type: "member", id: user.id, label: user.email },
    detail: { role: "owner", via: "first sign-up" },
  });
}

async function takeOverPlaceholder(tx: TeamsDb, userId: string): Promise<void> {
  const placeholder = await tx.user.findUnique({ where: { email: defaultOwner.email }, select: { id: true, accounts: { select: { id: true } } } });
  if (!placeholder || placeholder.id === userId || placeholder.accounts.length > 0) return;
  const from = placeholder.id;
  await tx.workflowVersion.updateMany({ where: { authorId: from }, data: { authorId: userId } });
  await tx.workflow.updateMany({ where: { draftUpdatedById: from }, data: { draftUpdatedById: userId } });
  await tx.apiKey.updateMany({ where: { createdById: from }, data: { createdById: userId } });
  await tx.auditEvent.updateMany({ where: { actorId: from }, data: { actorId: userId } });
  await tx.user.delete({ where: { id: from } });
}
