import path from "node:path";
import { runPrismaCli } from "./prisma-cli";

export interface DriftCheck {
  /** A migrations folder laid out as Prisma's. */
  migrations: string;
  /** A Prisma schema file or folder (schema.prisma plus the models). */
  schema: string;
  /** A scratch database of the provider: Prisma connects to it and creates its shadow database beside it. */
  databaseUrl: string;
}

/**
 * `prisma migrate diff --from-migrations --to-schema-datamodel --exit-code`: null when a database
 * built by the migrations is the one the models describe, else a message saying what differs.
 * Prisma applies the migrations to a shadow database for this (see prisma/cli-adapters.ts).
 */
export async function findMigrationDrift({ migrations, schema, databaseUrl }: DriftCheck): Promise<string | null> {
  const args = ["migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schema, "--exit-code"];
  const result = await runPrismaCli(args, { databaseUrl });
  if (result.code === 0) return null;
  if (result.code !== 2) {
    const output = `${result.stdout}\n${result.stderr}`.trim();
    throw new Error(`prisma ${args.join(" ")} failed (exit code ${result.code}):\n${output}`);
  }
  const changes = result.stdout.trim().split("\n").map((line) => `  ${line}`).join("\n");
  return [
    `${shown(migrations)} and the models of ${shown(schema)} disagree. A database built by the migrations needs these changes to match the models:`,
    changes,
    `Changed a model? Add a migration for it (prisma/README.md, "Authoring a migration").`,
    `Changed or added a migration alone? Change the models to match; never edit a migration that was applied somewhere.`,
  ].join("\n");
}

function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}
