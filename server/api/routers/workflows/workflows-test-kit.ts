import type { Session } from "@/server/auth";
import { createCaller } from "@/server/api/root";
import type { Role } from "@/server/roles";
import { createTeamWithMember } from "@/server/testing/members";
import { createSqliteTestDb, type SqliteTestDb } from "@/server/testing/sqlite-test-db";

export interface WorkflowsTestKit {
  testDb: SqliteTestDb;
  callerFor(session: Session | null): ReturnType<typeof createCaller>;
  memberOf(role: Role, teamName?: string): Promise<Session>;
  /** Another person with `role` in the team of `member`. */
  joinTeamOf(member: Session, role: Role): Promise<Session>;
}

/** A fresh database per test file and callers acting as real members of real teams. */
export async function createWorkflowsTestKit(): Promise<WorkflowsTestKit> {
  const testDb = await createSqliteTestDb();
  return {
    testDb,
    callerFor: (session) => createCaller({ db: testDb.db, dbProvider: "sqlite", session }),
    memberOf: (role, teamName = `Team ${role}`) => createTeamWithMember(testDb.db, { teamName, role }),
    async joinTeamOf(member, role) {
      const user = await testDb.db.user.create({
        data: { email: `${role}-${crypto.randomUUID()}@example.test`, name: `${role} of ${member.team.name}` },
        select: { id: true, email: true, name: true },
      });
      await testDb.db.membership.create({ data: { userId: user.id, teamId: member.team.id, role } });
      return { user, team: member.team, role };
    },
  };
}

/** Two steps, a → b: valid and publishable. */
export function twoStepDefinition(name: string) {
  return {
    format: "orka/v1",
    name,
    namespace: "default",
    steps: [
      { id: "a", type: "noop", position: { x: 0, y: 0 } },
      { id: "b", type: "noop", config: { output: "$steps.a" } },
    ],
    edges: [{ from: "a", to: "b" }],
  };
}
