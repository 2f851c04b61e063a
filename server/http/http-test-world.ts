import { createEngine, type Engine, type RunStore } from "@/engine";
import { createCaller } from "@/server/api/root";
import { doublingDefinition } from "@/server/api/routers/runs/runs-test-kit";
import type { Session } from "@/server/auth";
import { createPrismaClient, type Db } from "@/server/db/create-prisma-client";
import { prismaWorkflowResolver } from "@/server/engine-host/prisma-workflow-resolver";
import { PgRunStore } from "@/server/engine-host/stores/pg-run-store";
import { SqliteRunStore } from "@/server/engine-host/stores/sqlite-run-store";
import { startCatalogFor } from "@/server/triggers/start-catalog";
import { createTeamWithMember } from "@/server/testing/members";
import { createPostgresTestDatabase } from "@/server/testing/postgres-test-db";
import { createSqliteTestDb } from "@/server/testing/sqlite-test-db";
import type { HttpDeps } from "./deps";
import { unlimited } from "./rate-limiter";

export type Provider = "sqlite" | "postgres";

/** What a test of the public HTTP routes needs on one provider: database, engine, a team's credentials. */
export interface HttpTestWorld {
  provider: Provider;
  /** The PostgreSQL database's URL (null on SQLite). */
  postgresUrl: string | null;
  db: Db;
  engine: Engine;
  /** What the route handlers get in place of the app's database and engine. */
  deps: HttpDeps;
  runCount(): Promise<number>;
  /** A team with an editor, a published doubling workflow (`{ n }` → `n * 2 + 1`), its webhook token and an API key. */
  team(name: string): Promise<{ editor: Session; workflowId: string; token: string; key: string }>;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database of `provider` with a Prisma client and a real engine on it, or null
 * when there is no PostgreSQL server to test on (`createPostgresTestDatabase` says why).
 */
export async function openHttpTestWorld(provider: Provider): Promise<HttpTestWorld | null> {
  let db: Db;
  let store: RunStore & { close(): Promise<void> };
  let dropDatabase: () => Promise<void>;
  let postgresUrl: string | null = null;
  if (provider === "sqlite") {
    const testDb = await createSqliteTestDb();
    ({ db } = testDb);
    store = SqliteRunStore.open(testDb.filename);
    dropDatabase = testDb.cleanup;
  } else {
    const database = await createPostgresTestDatabase();
    if (!database) return null;
    postgresUrl = database.url;
    db = createPrismaClient({ provider, url: database.url });
    store = await PgRunStore.open(database.url);
    dropDatabase = async () => {
      await db.$disconnect();
      await database.drop();
    };
  }
  const engine = createEngine({ store, resolver: prismaWorkflowResolver(db) });
  await engine.start();
  const callerFor = (session: Session) => createCaller({ db, dbProvider: provider, session, getEngine: () => Promise.resolve(engine) });
  return {
    provider,
    postgresUrl,
    db,
    engine,
    deps: { db, getEngine: () => Promise.resolve(engine), getStartCatalog: () => Promise.resolve(startCatalogFor(store, db)), rateLimiter: unlimited },
    runCount: () => db.run.count(),
    async team(name) {
      const editor = await createTeamWithMember(db, { teamName: name, role: "editor" });
      const caller = callerFor(editor);
      const { id: workflowId } = await caller.workflows.create({ name: "doubling" });
      await caller.workflows.saveDraft({ workflowId, baseRevision: 0, draft: doublingDefinition("doubling") });
      await caller.workflows.publish({ workflowId, baseRevision: 1 });
      const { token } = await caller.triggers.rotateWebhook({ workflowId });
      const { key } = await caller.triggers.createApiKey({ name: "CI" });
      return { editor, workflowId, token, key };
    },
    async close() {
      await engine.stop();
      await store.close();
      await dropDatabase();
    },
  };
}
