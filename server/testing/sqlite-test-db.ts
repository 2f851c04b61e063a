import { createPrismaClient, type Db } from "../db/create-prisma-client";
import { createSqliteTestDatabase } from "./sqlite-store-db";

export interface SqliteTestDb {
  db: Db;
  filename: string;
  /** Disconnects and deletes the database files. */
  cleanup(): Promise<void>;
}

/** A fresh, migrated SQLite database with a Prisma client on it: one per test file. */
export async function createSqliteTestDb(): Promise<SqliteTestDb> {
  const database = createSqliteTestDatabase();
  const db = createPrismaClient({ provider: "sqlite", filename: database.filename, url: database.url });
  return {
    db,
    filename: database.filename,
    async cleanup() {
      await db.$disconnect();
      database.cleanup();
    },
  };
}
