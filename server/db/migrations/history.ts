import { displayPath, matchesChecksum, type Migration } from "./files";

/** A row of `_prisma_migrations`, the ledger `prisma migrate deploy` and our appliers share. */
export interface LedgerRow {
  migration_name: string;
  checksum: string;
  started_at: Date | string | number;
  finished_at: Date | string | number | null;
  rolled_back_at: Date | string | number | null;
  logs: string | null;
}

/** The database's migration history disagrees with the files: nothing is applied until a person decides. */
export class MigrationHistoryError extends Error {
  override name = "MigrationHistoryError";
}

/**
 * The migrations still to apply, in order. Like `prisma migrate deploy`, rows marked rolled back
 * (`prisma migrate resolve --rolled-back`) do not count, and an unfinished row stops everything
 * (Prisma's P3009). Unlike it, an applied migration whose file changed stops everything too:
 * the database was built from other SQL than the repository holds.
 */
export function pendingMigrations(migrations: readonly Migration[], ledger: readonly LedgerRow[]): Migration[] {
  const current = ledger.filter((row) => row.rolled_back_at === null);
  const unfinished = current.find((row) => row.finished_at === null);
  if (unfinished) throw new MigrationHistoryError(unfinishedMessage(unfinished));
  const applied = current.filter((row) => row.finished_at !== null);
  for (const migration of migrations) {
    const changed = applied.find((row) => row.migration_name === migration.name && !matchesChecksum(migration, row.checksum));
    if (changed) throw new MigrationHistoryError(changedMessage(migration));
  }
  const appliedNames = new Set(applied.map((row) => row.migration_name));
  return migrations.filter((migration) => !appliedNames.has(migration.name));
}

function unfinishedMessage(row: LedgerRow): string {
  const name = row.migration_name;
  // `prisma migrate resolve --rolled-back` needs the binary schema engine in Prisma 6.19; this
  // statement is what it writes.
  const rolledBack = `UPDATE _prisma_migrations SET rolled_back_at = CURRENT_TIMESTAMP WHERE migration_name = '${name}' AND finished_at IS NULL`;
  const applied = `DATABASE_URL=<this database> node scripts/prisma.mjs migrate resolve --applied ${name}`;
  return [
    `Migration ${name} started at ${formatTime(row.started_at)} and never finished: it failed or was interrupted` +
      (row.logs ? ` (${row.logs.trim().split("\n")[0]})` : "") +
      `. No migration is applied while it stands (Prisma's P3009).`,
    `Check what it changed in the database. Either undo those changes and mark it rolled back, so it is applied again:`,
    `  ${rolledBack};`,
    `or finish its changes by hand and mark it applied:`,
    `  ${applied}`,
  ].join("\n");
}

function changedMessage(migration: Migration): string {
  return [
    `Migration ${migration.name} was changed after it was applied: ${displayPath(migration.file)} no longer matches the checksum this database recorded.`,
    `An applied migration must not be edited. Restore the file (\`git log -p -- ${displayPath(migration.file)}\`) and put the change in a new migration.`,
  ].join("\n");
}

function formatTime(value: Date | string | number): string {
  return value instanceof Date || typeof value === "number" ? new Date(value).toISOString() : value;
}
