import { displayPath, type Migration } from "./files";

/** A migration threw, or left rows that break a foreign key; its transaction was rolled back. */
export class MigrationFailedError extends Error {
  override name = "MigrationFailedError";

  constructor(migration: Migration, reason: string, options?: ErrorOptions) {
    super(
      `Migration ${migration.name} (${displayPath(migration.file)}) failed and was rolled back; the database is as it was before it. ${reason}`,
      options,
    );
  }

  static wrap(migration: Migration, error: unknown): MigrationFailedError {
    if (error instanceof MigrationFailedError) return error;
    return new MigrationFailedError(migration, error instanceof Error ? error.message : String(error), { cause: error });
  }
}
