import "server-only";
import type { OrkaAuth } from "./accounts/create-auth";
import type { Db } from "./db/create-prisma-client";
import type { Role } from "./roles";
import { activeTeamFor } from "./teams";

export interface Session {
  user: { id: string; email: string; name: string };
  team: { id: string; name: string };
  role: Role;
  /** The sign-in session's row id (`sessions.id`): switching team writes `active_team_id` there. Absent for in-process callers. */
  sessionId?: string;
}

/** Who is calling: a member acting in a team (`session`), or a signed-in person with no team yet (`person` only). */
export interface Caller {
  session: Session | null;
  person: { user: Session["user"]; sessionId: string } | null;
}

const nobody: Caller = { session: null, person: null };

/**
 * Reads the session cookie of a request and the team it acts in: the session's active team while
 * the person is still a member of it, else their oldest membership. The role is re-read from the
 * database by every procedure (server/api/trpc.ts), never trusted from here.
 */
export async function getCaller(auth: OrkaAuth, db: Db, headers: Headers): Promise<Caller> {
  const signedIn = await auth.api.getSession({ headers });
  if (!signedIn) return nobody;
  const user = { id: signedIn.user.id, email: signedIn.user.email, name: signedIn.user.name };
  const person = { user, sessionId: signedIn.session.id };
  const activeTeamId = (signedIn.session as { activeTeamId?: string | null }).activeTeamId ?? null;
  const active = await activeTeamFor(db, { userId: user.id, activeTeamId });
  if (!active) return { session: null, person };
  return { session: { user, team: active.team, role: active.role, sessionId: signedIn.session.id }, person };
}
