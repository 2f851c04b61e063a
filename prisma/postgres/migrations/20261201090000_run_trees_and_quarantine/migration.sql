-- Run trees (root and nesting depth of every run) and the quarantine counter of step runs.

-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "depth" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "root_run_id" TEXT;

-- AlterTable
ALTER TABLE "step_runs" ADD COLUMN     "interruptions" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "runs_root_run_id_idx" ON "runs"("root_run_id");

-- Backfill: walk every tree down from its top-level run (iteratively: trees may be thousands deep).
WITH RECURSIVE "tree" ("id", "root", "depth") AS (
    SELECT "id", "id", 0 FROM "runs" WHERE "parent_run_id" IS NULL
    UNION ALL
    SELECT "runs"."id", "tree"."root", "tree"."depth" + 1 FROM "runs" JOIN "tree" ON "runs"."parent_run_id" = "tree"."id"
)
UPDATE "runs" SET "root_run_id" = "tree"."root", "depth" = "tree"."depth" FROM "tree" WHERE "tree"."id" = "runs"."id";

-- A run whose parent row is gone heads its own tree.
UPDATE "runs" SET "root_run_id" = "id" WHERE "root_run_id" IS NULL;
