import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Migration } from "./files";
import { MigrationHistoryError, pendingMigrations, type LedgerRow } from "./history";

const migration = (name: string, sql = `-- ${name}\n`): Migration => ({
  name,
  file: `/migrations/${name}/migration.sql`,
  sql,
  checksum: createHash("sha256").update(sql).digest("hex"),
});
const files = [migration("1_init"), migration("2_pets"), migration("3_toys")];
const row = (of: Migration, changes: Partial<LedgerRow> = {}): LedgerRow => ({
  migration_name: of.name,
  checksum: of.checksum,
  started_at: "2026-11-24T10:00:00.000+00:00",
  finished_at: "2026-11-24T10:00:01.000+00:00",
  rolled_back_at: null,
  logs: null,
  ...changes,
});
const names = (migrations: Migration[]) => migrations.map((each) => each.name);

describe("pendingMigrations", () => {
  it("lists the migrations without a finished row, in file order", () => {
    expect(names(pendingMigrations(files, []))).toEqual(["1_init", "2_pets", "3_toys"]);
    expect(names(pendingMigrations(files, [row(files[1]!)]))).toEqual(["1_init", "3_toys"]);
  });

  it("applies again a migration marked rolled back, as `prisma migrate resolve --rolled-back` intends", () => {
    const rolledBack = row(files[0]!, { finished_at: null, rolled_back_at: "2026-11-24T10:05:00.000+00:00" });
    expect(names(pendingMigrations(files, [rolledBack]))).toEqual(["1_init", "2_pets", "3_toys"]);
  });

  it("refuses everything while a row is unfinished, even one whose file is gone", () => {
    const unfinished = { ...row(migration("0_gone")), finished_at: null };
    expect(() => pendingMigrations(files, [row(files[0]!), unfinished])).toThrow(MigrationHistoryError);
    expect(() => pendingMigrations(files, [unfinished])).toThrow(/Migration 0_gone started at 2026-11-24T10:00:00.000\+00:00/);
  });

  it("ignores a changed file whose only applied row was rolled back", () => {
    const stale = row(files[0]!, { checksum: "0".repeat(64), rolled_back_at: "2026-11-24T10:05:00.000+00:00" });
    expect(names(pendingMigrations(files, [stale, row(files[0]!)]))).toEqual(["2_pets", "3_toys"]);
    expect(() => pendingMigrations(files, [row(files[0]!, { checksum: "0".repeat(64) })])).toThrow(
      "Migration 1_init was changed after it was applied: /migrations/1_init/migration.sql",
    );
  });
});
