// Migrates the database named by DATABASE_URL and seeds it (ORKA_SEED_EXAMPLES=0: no examples).
import { createPrismaClient } from "../server/db/create-prisma-client";
import { databaseUrlFromEnv } from "../server/db/database-url";
import { migrateDatabase } from "../server/db/migrate-database";
import { seed } from "../server/db/seed";

const target = databaseUrlFromEnv();
const where = target.provider === "sqlite" ? target.filename : target.url.replace(/\/\/[^@/]*@/, "//***@");
const applied = await migrateDatabase(target);
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
