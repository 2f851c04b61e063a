-- The versions a run ran on before its current one, one entry per redrive (JSON list).
-- Written as ADD COLUMN, not a table rebuild: `runs` can hold millions of rows.

-- AlterTable
ALTER TABLE "runs" ADD COLUMN "previous_versions" TEXT NOT NULL DEFAULT '[]';
