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

/** The person a request's session cookie signs in, without their team (the page header needs no more). */
export async function getSignedInPerson(auth: OrkaAuth, headers: Headers): Promise<(NonNullable<Caller["person"]> & { activeTeamId: string | null }) | null> {
  const signedIn = await auth.api.getSession({ headers });
  if (!signedIn) return null;
  return {
    user: { id: signedIn.user.id, email: signedIn.user.email, name: signedIn.user.name },
    sessionId: signedIn.session.id,
    activeTeamId: (signedIn.session as { activeTeamId?: string | null }).activeTeamId ?? null,
  };
}

/**
 * Reads the session cookie of a request and the team it acts in: the session's active team while
 * the person is still a member of it, else their oldest membership. The role is re-read from the
 * database by every procedure (server/api/trpc.ts), never trusted from here.
 */
export async function getCaller(auth: OrkaAuth, db: Db, headers: Headers): Promise<Caller> {
  const signedIn = await getSignedInPerson(auth, headers);
  if (!signedIn) return { session: null, person: null };
  const { activeTeamId, ...person } = signedIn;
  const active = await activeTeamFor(db, { userId: person.user.id, activeTeamId });
  if (!active) return { session: null, person };
  return { session: { user: person.user, team: active.team, role: active.role, sessionId: person.sessionId }, person };
}
