import type { Db } from "@/server/db/create-prisma-client";
import { defaultOwner, defaultTeam } from "@/server/db/default-owner";
import { recordAudit } from "@/server/audit/record-audit";

/** Nobody can sign in yet: the next sign-up is the install's first person. */
export async function isFirstSignUp(db: Pick<Db, "account">): Promise<boolean> {
  return (await db.account.count({ where: { providerId: "credential" } })) === 0;
}

/**
 * Makes the install's first person owner of its first team (the seeded "My team" with the
 * examples, or a new one). Installs from before sign-in existed have a placeholder owner
 * (owner@orka.local, no password): the first person takes over what it authored, and it goes.
 */
export async function claimFirstTeam(db: Db, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    if ((await tx.membership.count({ where: { userId } })) > 0) return;
    const others = await tx.account.count({ where: { providerId: "credential", userId: { not: userId } } });
    if (others > 0) return; // someone else was first (a concurrent sign-up): this person waits for an invite
    const team =
      (await tx.team.findUnique({ where: { slug: defaultTeam.slug }, select: { id: true } })) ??
      (await tx.team.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } })) ??
      (await tx.team.create({ data: { ...defaultTeam }, select: { id: true } }));
    const placeholder = await tx.user.findUnique({ where: { email: defaultOwner.email }, select: { id: true, accounts: { select: { id: true } } } });
    if (placeholder && placeholder.id !== userId && placeholder.accounts.length === 0) {
      const from = placeholder.id;
      await tx.workflowVersion.updateMany({ where: { authorId: from }, data: { authorId: userId } });
      await tx.workflow.updateMany({ where: { draftUpdatedById: from }, data: { draftUpdatedById: userId } });
      await tx.apiKey.updateMany({ where: { createdById: from }, data: { createdById: userId } });
      await tx.auditEvent.updateMany({ where: { actorId: from }, data: { actorId: userId } });
      await tx.user.delete({ where: { id: from } });
    }
    await tx.membership.create({ data: { userId, teamId: team.id, role: "owner" } });
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
    await recordAudit(tx, {
      teamId: team.id,
      actor: { id: userId, name: user.name },
      action: "member.joined",
      target: { type: "member", id: userId, label: user.email },
      detail: { role: "owner", via: "first sign-up" },
    });
  });
}
