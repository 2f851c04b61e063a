// `npm test`'s drift check: the migrations of each provider build exactly the schema the Prisma
// models describe. PostgreSQL needs a server (DATABASE_URL_PG); without one it is skipped with the
// reason printed, except under CI, where that fails.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrationsFolder } from "../server/db/migrate";
import { createPostgresTestDatabase } from "../server/testing/postgres-test-db";
import { findMigrationDrift } from "./lib/migration-drift";

const schemaFolder = (provider: "sqlite" | "postgres") => path.join(import.meta.dirname, "..", "prisma", provider);

async function checkSqlite(): Promise<string | null> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "orka-drift-"));
  try {
    const databaseUrl = `file:${path.join(scratch, "scratch.db")}`;
    return await findMigrationDrift({ migrations: migrationsFolder("sqlite"), schema: schemaFolder("sqlite"), databaseUrl });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function checkPostgres(): Promise<string | null | "skipped"> {
  const scratch = await createPostgresTestDatabase({ migrated: false });
  if (!scratch) return "skipped";
  try {
    return await findMigrationDrift({ migrations: migrationsFolder("postgres"), schema: schemaFolder("postgres"), databaseUrl: scratch.url });
  } finally {
    await scratch.drop();
  }
}

let drifted = false;
for (const [provider, check] of [["sqlite", checkSqlite], ["postgres", checkPostgres]] as const) {
  const drift = await check();
  if (drift === "skipped") console.log(`${provider}: skipped (no PostgreSQL server)`);
  else if (drift === null) console.log(`${provider}: the migrations build the schema the models describe`);
  else {
    drifted = true;
    console.error(`${provider}: ${drift}\n`);
  }
}
if (drifted) process.exit(1);
