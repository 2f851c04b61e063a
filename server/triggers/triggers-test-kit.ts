import type { Db } from "@/server/db/create-prisma-client";
import type { Session } from "@/server/auth";
import { createRunsTestKit, doublingDefinition, type RunsTestKit } from "@/server/api/routers/runs/runs-test-kit";
import type { HttpDeps } from "@/server/http/deps";
import { unlimited } from "@/server/http/rate-limiter";

export interface TriggersTestKit extends RunsTestKit {
  /** What the route handlers get in place of the app's database and engine. */
  deps: HttpDeps;
  db: Db;
  /** How many runs exist: "nothing was started" is this number unchanged. */
  runCount(): Promise<number>;
  /** A team with an editor and a published doubling workflow (`{ n }` → `n * 2 + 1`). */
  teamWithWorkflow(teamName: string): Promise<{ editor: Session; workflowId: string }>;
}

/** The runs kit (real SQLite file, real engine) plus the trigger routes' dependencies on it. */
export async function createTriggersTestKit(): Promise<TriggersTestKit> {
  const kit = await createRunsTestKit();
  return {
    ...kit,
    deps: { db: kit.testDb.db, getEngine: () => Promise.resolve(kit.engine), rateLimiter: unlimited },
    db: kit.testDb.db,
    runCount: () => kit.testDb.db.run.count(),
    async teamWithWorkflow(teamName) {
      const editor = await kit.memberOf("editor", teamName);
      const workflowId = await kit.publishedWorkflow(editor, "doubling", doublingDefinition("doubling"));
      return { editor, workflowId };
    },
  };
}
