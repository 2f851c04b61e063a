import { randomUUID } from "node:crypto";
import type { Session } from "@/server/auth";
import { createCaller } from "@/server/api/root";
import { createWorkflowsTestKit, type WorkflowsTestKit } from "../workflows/workflows-test-kit";

export interface TeamsTestKit extends WorkflowsTestKit {
  /** `member` with a real sign-in session row, so switching team has something to write. */
  signIn(member: Session): Promise<Session & { sessionId: string }>;
  /** A signed-in person in no team (only `signedInProcedure`s serve them). */
  personWithoutTeam(): Promise<{ user: Session["user"]; sessionId: string }>;
  callerForPerson(person: { user: Session["user"]; sessionId?: string }): ReturnType<typeof createCaller>;
  activeTeamOf(sessionId: string): Promise<string | null>;
  auditOf(teamId: string): Promise<{ action: string; actorId: string | null; targetLabel: string; detail: unknown }[]>;
}

export async function createTeamsTestKit(): Promise<TeamsTestKit> {
  const kit = await createWorkflowsTestKit();
  const db = kit.testDb.db;
  async function newSession(userId: string): Promise<string> {
    const row = await db.session.create({ data: { token: randomUUID(), userId, expiresAt: new Date(Date.now() + 3_600_000) }, select: { id: true } });
    return row.id;
  }
  return {
    ...kit,
    signIn: async (member) => ({ ...member, sessionId: await newSession(member.user.id) }),
    async personWithoutTeam() {
      const user = await db.user.create({ data: { email: `new-${randomUUID()}@example.test`, name: "Newcomer" }, select: { id: true, email: true, name: true } });
      return { user, sessionId: await newSession(user.id) };
    },
    callerForPerson: (person) => createCaller({ db, dbProvider: "sqlite", session: null, person }),
    async activeTeamOf(sessionId) {
      return (await db.session.findUniqueOrThrow({ where: { id: sessionId }, select: { activeTeamId: true } })).activeTeamId;
    },
    async auditOf(teamId) {
      const events = await db.auditEvent.findMany({ where: { teamId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { action: true, actorId: true, targetLabel: true, detail: true } });
      return events.map((event) => ({ ...event, detail: JSON.parse(event.detail) as unknown }));
    },
  };
}
