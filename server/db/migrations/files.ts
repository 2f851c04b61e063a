import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type Provider = "sqlite" | "postgres";

export interface Migration {
  name: string;
  /** The migration.sql file, for messages. */
  file: string;
  sql: string;
  /** sha256 of the file, hex: what Prisma records in `_prisma_migrations.checksum`. */
  checksum: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The folder `prisma migrate deploy` reads for `provider` (see prisma/config.ts). */
export function migrationsFolder(provider: Provider): string {
  return path.join(repoRoot, "prisma", provider, "migrations");
}

/** The migrations of a folder in the order Prisma applies them: by folder name. */
export function readMigrations(folder: string): Migration[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(folder, name, "migration.sql");
      if (!fs.existsSync(file)) throw new Error(`Migration folder ${displayPath(path.dirname(file))} has no migration.sql`);
      const sql = fs.readFileSync(file, "utf8");
      return { name, file, sql, checksum: sha256(sql) };
    });
}

/**
 * Prisma's comparison: the file as it is, or with its line endings converted either way, so a
 * checkout with CRLF endings still matches the checksum an LF checkout recorded.
 */
export function matchesChecksum(migration: Migration, checksum: string): boolean {
  const { sql } = migration;
  return [sql, sql.replaceAll("\r\n", "\n"), sql.replace(/\r?\n/g, "\r\n")].some((variant) => sha256(variant) === checksum);
}

/** Repository-relative where possible: what a contributor types to open the file. */
export function displayPath(file: string): string {
  const relative = path.relative(repoRoot, file);
  return relative.startsWith("..") ? file : relative;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
