import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migratePostgres, migrateSqlite, migrationsFolder, readMigrations, type Provider } from "@/server/db/migrate";
import { openSqlite } from "@/server/db/sqlite";
import { createMigrationFolder } from "@/server/testing/migration-folder";
import { createPostgresTestDatabase } from "@/server/testing/postgres-test-db";

/**
 * The migration that adds `runs.root_run_id` and `runs.depth` fills them in for the runs already
 * there: a tree walked down from each top-level run, a chain deeper than any recursion would go,
 * and a run whose parent row is gone.
 */
const migration = "20261201090000_run_trees_and_quarantine";
const chainLength = 3_000;
const postgres = await createPostgresTestDatabase({ migrated: false });
const folders: { cleanup(): void }[] = [];
afterAll(async () => {
  for (const folder of folders) folder.cleanup();
  await postgres?.drop();
});

/** The project's migrations before the one under test, in a folder of their own. */
function migrationsBefore(provider: Provider): string {
  const earlier = readMigrations(migrationsFolder(provider)).filter((entry) => entry.name < migration);
  const folder = createMigrationFolder(Object.fromEntries(earlier.map((entry) => [entry.name, entry.sql])));
  folders.push(folder);
  return folder.folder;
}

const insertRun = `INSERT INTO runs (id, parent_run_id, parent_step_id, status, definition, input, created_at, updated_at)
  VALUES ($1, $2, $3, 'running', '{}', '{}', '2026-11-23T10:00:00.000', '2026-11-23T10:00:00.000')`;

/** root ─ a ─ a1, root ─ b; top ─ c1 ─ c2 … (a chain); orphan (its parent row is gone). */
function rowsBefore(): [string, string | null][] {
  const chain: [string, string | null][] = Array.from({ length: chainLength }, (_, i) => [`c${i + 1}`, i === 0 ? "top" : `c${i}`]);
  return [["root", null], ["a", "root"], ["b", "root"], ["a1", "a"], ["top", null], ...chain, ["orphan", "gone"]];
}

const expected = {
  root: { root_run_id: "root", depth: 0 },
  a: { root_run_id: "root", depth: 1 },
  b: { root_run_id: "root", depth: 1 },
  a1: { root_run_id: "root", depth: 2 },
  [`c${chainLength}`]: { root_run_id: "top", depth: chainLength },
  orphan: { root_run_id: "orphan", depth: 0 },
};

describe(`migration ${migration}`, () => {
  it("fills in root and depth of existing runs on SQLite", () => {
    const db = openSqlite(":memory:");
    try {
      migrateSqlite(db, { folder: migrationsBefore("sqlite") });
      const insert = db.prepare(insertRun.replace(/\$\d/g, "?"));
      db.transaction(() => {
        for (const [id, parent] of rowsBefore()) insert.run(id, parent, parent && "call");
      })();
      expect(migrateSqlite(db)).toContain(migration);
      const select = db.prepare<[string], { root_run_id: string; depth: number }>(`SELECT root_run_id, depth FROM runs WHERE id = ?`);
      for (const [id, tree] of Object.entries(expected)) expect(select.get(id), id).toEqual(tree);
      expect(db.prepare(`SELECT COUNT(*) AS n FROM runs WHERE root_run_id = 'top'`).get()).toEqual({ n: chainLength + 1 });
    } finally {
      db.close();
    }
  });

  it.skipIf(!postgres)("fills in root and depth of existing runs on PostgreSQL", async () => {
    const client = new pg.Client({ connectionString: postgres!.url });
    await client.connect();
    try {
      await migratePostgres(client, { folder: migrationsBefore("postgres") });
      const rows = rowsBefore();
      await client.query(
        `INSERT INTO runs (id, parent_run_id, parent_step_id, status, definition, input, created_at, updated_at)
         SELECT id, parent, CASE WHEN parent IS NULL THEN NULL ELSE 'call' END, 'running', '{}', '{}', now(), now()
         FROM unnest($1::text[], $2::text[]) AS rows (id, parent)`,
        [rows.map(([id]) => id), rows.map(([, parent]) => parent)],
      );
      expect(await migratePostgres(client)).toContain(migration);
      for (const [id, tree] of Object.entries(expected)) {
        const { rows: found } = await client.query(`SELECT root_run_id, depth FROM runs WHERE id = $1`, [id]);
        expect(found[0], id).toEqual(tree);
      }
    } finally {
      await client.end();
    }
  });
});
