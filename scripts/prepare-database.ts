// Migrates the database named by DATABASE_URL and seeds it (ORKA_SEED_EXAMPLES=0: no examples).
import { createPrismaClient } from "../server/db/create-prisma-client";
import { databaseUrlFromEnv } from "../server/db/database-url";
import { MigrationFailedError, MigrationHistoryError } from "../server/db/migrate";
import { migrateDatabase } from "../server/db/migrate-database";
import { seed } from "../server/db/seed";
import { engineOptionsFromEnv } from "../server/engine-host/engine-env";
import { engineModeFromEnv } from "../server/engine-host/engine-mode-env";

// Read by the engine only once the server runs, where a bad value would answer every request with 500.
try {
  engineOptionsFromEnv();
  engineModeFromEnv();
} catch (error) {
  console.error(`orka: ${(error as Error).message}`);
  process.exit(1);
}

const target = databaseUrlFromEnv();
const where = target.provider === "sqlite" ? target.filename : target.url.replace(/\/\/[^@/]*@/, "//***@");
const applied = await migrateDatabase(target).catch((error: unknown) => {
  // These say what to do; a stack trace would bury that.
  if (!(error instanceof MigrationHistoryError || error instanceof MigrationFailedError)) throw error;
  console.error(`database: ${target.provider} ${where}\n${error.message}`);
  process.exit(1);
});
console.log(`database: ${target.provider} ${where} (${applied.length ? `applied ${applied.join(", ")}` : "up to date"})`);

const db = createPrismaClient(target);
try {
  const result = await seed(db, { examples: process.env.ORKA_SEED_EXAMPLES !== "0" });
  const parts = [
    result.installed.length && `installed ${result.installed.join(", ")}`,
    result.kept.length && `${result.kept.length} examples already present`,
    result.nameTaken.length && `skipped ${result.nameTaken.join(", ")} (name in use)`,
  ].filter(Boolean);
  console.log(`seed: default team ready${parts.length ? `; ${parts.join("; ")}` : ""}`);
} finally {
  await db.$disconnect();
}
