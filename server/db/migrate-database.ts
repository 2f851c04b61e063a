import pg from "pg";
import type { DatabaseTarget } from "./database-url";
import { migratePostgres, migrateSqlite } from "./migrate";
import { openSqlite } from "./sqlite";

/** Applies pending migrations to the database `target` names; returns the names applied. */
export async function migrateDatabase(target: DatabaseTarget): Promise<string[]> {
  if (target.provider === "sqlite") {
    const db = openSqlite(target.filename);
    try {
      return migrateSqlite(db);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return await migratePostgres(client);
  } finally {
    await client.end();
  }
}
