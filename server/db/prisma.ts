import "server-only";
import { databaseUrlFromEnv } from "./database-url";
import { createPrismaClient, type Db, type DbProvider } from "./create-prisma-client";

export type { Db, DbProvider };

interface AppDatabase {
  db: Db;
  provider: DbProvider;
}

// Next evaluates server modules several times (route bundles, instrumentation): one client per process.
const globalForDb = globalThis as typeof globalThis & { orkaDatabase?: AppDatabase };

/** The process-wide Prisma client on `DATABASE_URL`, created on first use. */
export function getAppDatabase(): AppDatabase {
  if (!globalForDb.orkaDatabase) {
    const target = databaseUrlFromEnv();
    globalForDb.orkaDatabase = { db: createPrismaClient(target), provider: target.provider };
  }
  return globalForDb.orkaDatabase;
}
