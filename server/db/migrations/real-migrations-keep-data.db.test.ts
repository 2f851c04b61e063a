import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { migrateSqlite, migrationsFolder, readMigrations } from "@/server/db/migrate";
import { openSqlite } from "@/server/db/sqlite";

/**
 * The project's own SQLite migrations, applied to a populated database: a migration that dropped
 * "users" or "workflows" with foreign keys on would cascade-delete memberships, versions and runs.
 * Fresh test databases are empty, so only a populated one shows it. (How the applier runs stock
 * table rebuilds safely is tested in sqlite-applier.db.test.ts.)
 */
const db = openSqlite(":memory:");
afterAll(() => db.close());

describe("SQLite migrations after init", () => {
  it("keep existing people, memberships, workflows, their versions and the runs pinned to them", () => {
    const [init, ...later] = readMigrations(migrationsFolder("sqlite"));
    expect(later.map((migration) => migration.name)).toContain("20261123120000_draft_author");
    db.exec(init!.sql);
    db.exec(`CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    db.prepare(`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at) VALUES (?, ?, ?, 0, 0)`).run(
      randomUUID(),
      init!.checksum,
      init!.name,
    );
    db.exec(`
      INSERT INTO users (id, email, name) VALUES ('u1', 'ada@example.test', 'Ada Lovelace');
      INSERT INTO teams (id, name, slug) VALUES ('t1', 'Team', 'team');
      INSERT INTO memberships (id, user_id, team_id, role) VALUES ('m1', 'u1', 't1', 'owner');
      INSERT INTO workflows (id, team_id, name, draft, draft_revision, updated_at) VALUES ('w1', 't1', 'kept', '{}', 3, 0);
      INSERT INTO workflow_versions (id, workflow_id, number, definition, author_id) VALUES ('v1', 'w1', 1, '{}', 'u1');
      INSERT INTO runs (id, team_id, workflow_id, workflow_version_id, status, definition, input, created_at, updated_at)
        VALUES ('r1', 't1', 'w1', 'v1', 'completed', '{}', '{}', 0, 0);
    `);

    expect(migrateSqlite(db)).toEqual(later.map((migration) => migration.name));

    expect(db.prepare(`SELECT id, email, email_verified AS verified FROM users`).all()).toEqual([{ id: "u1", email: "ada@example.test", verified: 0 }]);
    expect(db.prepare(`SELECT id, role FROM memberships`).all()).toEqual([{ id: "m1", role: "owner" }]);
    expect(db.prepare(`SELECT id, draft_revision AS revision, template_id AS templateId FROM workflows`).all()).toEqual([{ id: "w1", revision: 3, templateId: null }]);
    expect(db.prepare(`SELECT id, workflow_id AS workflowId FROM workflow_versions`).all()).toEqual([{ id: "v1", workflowId: "w1" }]);
    expect(db.prepare(`SELECT workflow_id AS workflowId, workflow_version_id AS versionId FROM runs`).all()).toEqual([{ workflowId: "w1", versionId: "v1" }]);
    expect(db.pragma("foreign_key_check")).toEqual([]);
  });

  it("let a draft's author go without losing the draft", () => {
    db.exec(`UPDATE workflows SET draft_updated_by_id = 'u1' WHERE id = 'w1'`);
    db.exec(`DELETE FROM users WHERE id = 'u1'`);
    expect(db.prepare(`SELECT id, draft_updated_by_id AS author FROM workflows`).all()).toEqual([{ id: "w1", author: null }]);
  });
});
