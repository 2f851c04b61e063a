import "server-only";
import { randomBytes } from "node:crypto";
import { ValidationError } from "@/engine/definition/issues";
import { recordAudit } from "@/server/audit/record-audit";
import { NotFoundError } from "@/server/api/errors";
import { teamNameSchema, teamSlug } from "./team-name";
import { inTransaction, type TeamsDb } from "./teams-db";

export interface CreatedTeam {
  id: string;
  name: string;
  slug: string;
  role: "owner";
}

/** A new team with `ownerId` as its only member and owner (name trimmed, 1 to 80 characters). */
export async function createTeam(db: TeamsDb, { name, ownerId }: { name: string; ownerId: string }): Promise<CreatedTeam> {
  const parsed = teamNameSchema.safeParse(name);
  if (!parsed.success) throw new ValidationError([{ path: "name", message: parsed.error.issues[0]!.message }], "team not created");
  return inTransaction(db, async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { id: true, name: true } });
    if (!owner) throw new NotFoundError("user");
    const team = await tx.team.create({ data: { name: parsed.data, slug: teamSlug(parsed.data, randomBytes(4).toString("hex")) }, select: { id: true, name: true, slug: true } });
    await tx.membership.create({ data: { userId: owner.id, teamId: team.id, role: "owner" }, select: { id: true } });
    await recordAudit(tx, { teamId: team.id, actor: owner, action: "team.created", target: { type: "team", id: team.id, label: team.name } });
    return { ...team, role: "owner" };
  });
}
