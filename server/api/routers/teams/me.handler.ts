import "server-only";
import type { Role } from "@/server/roles";
import { teamsOf, type TeamOfUser } from "@/server/teams/memberships";
import type { SignedInContext } from "./signed-in-context";

export interface Me {
  user: { id: string; email: string; name: string };
  /** The team this session acts in; null for someone in no team yet. */
  team: { id: string; name: string } | null;
  /** The role there, re-read from the database: the UI shows or hides controls by it. */
  role: Role | null;
  teams: TeamOfUser[];
}

/** The signed-in person, the team they act in and every team they belong to (the team switcher). */
export async function me({ ctx }: { ctx: SignedInContext }): Promise<Me> {
  const teams = await teamsOf(ctx.db, ctx.person.user.id);
  const current = ctx.session ? teams.find((team) => team.id === ctx.session?.team.id) : undefined;
  return { user: ctx.person.user, team: current ? { id: current.id, name: current.name } : null, role: current?.role ?? null, teams };
}
