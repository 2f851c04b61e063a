-- Written as ADD COLUMN, not as the table redefinition `prisma migrate diff` proposes: server/db/migrate.ts
-- applies each migration in a transaction, where `PRAGMA foreign_keys=OFF` is a no-op, so the
-- redefinition's DROP TABLE "workflows" would cascade-delete every workflow version. SQLite allows a
-- REFERENCES column to be added when its default is NULL; `prisma migrate diff` then reports no drift.

-- AlterTable
ALTER TABLE "workflows" ADD COLUMN "draft_updated_by_id" TEXT CONSTRAINT "workflows_draft_updated_by_id_fkey" REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "workflow_versions" ADD COLUMN "source_revision" INTEGER;
